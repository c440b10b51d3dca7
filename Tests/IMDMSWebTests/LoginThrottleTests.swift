import Foundation
@testable import IMDMSWeb
import Testing

@Suite("Login throttle: backoff per account and address, never a lockout")
struct LoginThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Hammering admin from one address does not keep the administrator at another address out")
    func noLockout() async {
        let throttle = LoginThrottle()
        var proceeded = 0
        for second in 0..<200 where await throttle.begin(account: "admin", client: "203.0.113.9", now: Self.start + Double(second)) == .proceed {
            proceeded += 1
        }
        // One try a second for 200 s: the five free ones, then one after 30 s and one after 60 s more.
        #expect(proceeded == LoginThrottle.pair.freeFailures + 2, "the attacker's address gets its free attempts, then waits ever longer")
        #expect(await throttle.begin(account: "admin", client: "198.51.100.7", now: Self.start + 200) == .proceed)
        await throttle.succeeded(account: "admin", client: "198.51.100.7")
        #expect(await throttle.begin(account: "Admin", client: "203.0.113.9", now: Self.start + 201) != .proceed, "names are compared without case")
    }

    @Test("The wait doubles with each failure after the free ones and stops at the cap")
    func doubling() async {
        let throttle = LoginThrottle()
        var now = Self.start
        var waits: [TimeInterval] = []
        for _ in 0..<12 {
            while case let .wait(seconds) = await throttle.begin(account: "thabo", client: "a", now: now) {
                if waits.last != seconds { waits.append(seconds) }
                now += seconds
            }
            now += 0.001
        }
        #expect(Array(waits.prefix(5)).map { ($0 * 10).rounded() / 10 } == [30, 60, 120, 240, 480])
        #expect(waits.max()! <= LoginThrottle.pair.maxDelay + 0.01)
        #expect(waits.last! >= LoginThrottle.pair.maxDelay - 0.01)
    }

    @Test("Parallel attempts are counted before their passwords are checked: only the free ones go ahead")
    func atomic() async {
        let throttle = LoginThrottle()
        let proceeded = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 { group.addTask { await throttle.begin(account: "admin", client: "x", now: Self.start) == .proceed } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(proceeded == LoginThrottle.pair.freeFailures)
    }

    @Test("A success clears the pair; spraying many names from one address is slowed by the address's own budget")
    func spraying() async {
        let throttle = LoginThrottle()
        for index in 0..<LoginThrottle.client.freeFailures {
            #expect(await throttle.begin(account: "user\(index)", client: "spray", now: Self.start) == .proceed)
        }
        #expect(await throttle.begin(account: "another", client: "spray", now: Self.start) != .proceed)
        #expect(await throttle.begin(account: "another", client: "spray", now: Self.start + LoginThrottle.forgetAfter + 1) == .proceed,
                "failures are forgotten after an hour's quiet")
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy, and then the nearest untrusted hop")
    func clientAddress() {
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: []) == "203.0.113.9", "spoofed header ignored")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.7"], trusted: ["10.0.0.2"]) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.7, 10.0.0.3"], trusted: ["10.0.0.2", "10.0.0.3"]) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: ["10.0.0.2"]) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["1.2.3.4"], trusted: []) == "unknown")
    }

    @Test("Unknown names are checked against a real Bcrypt hash of the same cost, and never match")
    func dummyHash() async throws {
        #expect(PasswordHasher.dummyHash.hasPrefix("$2b$\(PasswordHasher.cost)$") || PasswordHasher.dummyHash.hasPrefix("$2a$\(PasswordHasher.cost)$"))
        #expect(try await PasswordHasher.verify("anything", hash: nil, on: .singleton) == false)
        let hash = try PasswordHasher.hash("maloti-river-7-bridge")
        #expect(try await PasswordHasher.verify("maloti-river-7-bridge", hash: hash, on: .singleton))
    }
}
