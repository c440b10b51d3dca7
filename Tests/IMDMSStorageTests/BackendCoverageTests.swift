import Foundation
import IMDMSTestSupport
import Testing

@Suite("Test backends")
struct BackendCoverageTests {
    /// CI must never pass with the PostgreSQL half of the storage tests silently skipped.
    @Test("In CI, PostgreSQL is configured so every storage test runs on both databases")
    func postgresInCI() {
        let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
        if inCI {
            #expect(TestBackend.available == [.sqlite, .postgres], "set \(TestBackend.postgresURLVariable) in CI")
        } else {
            #expect(TestBackend.available.contains(.sqlite))
        }
    }
}
