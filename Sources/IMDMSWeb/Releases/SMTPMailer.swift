import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends one message to one recipient through an SMTP relay (`IMDMS_SMTP_HOST`, usually the
/// organisation's own mail server on its network): EHLO, MAIL, RCPT, DATA, QUIT over plain TCP,
/// on a Dispatch thread with 15-second socket timeouts, so a silent server cannot hold anything
/// else up. Every refusal names the command and the server's reply.
struct SMTPMailer: Sendable {
    var host: String
    var port: Int
    var from: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func send(to recipient: String, message: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try self.sendBlocking(to: recipient, message: message) }) }
        }
    }

    private func sendBlocking(to recipient: String, message: String) throws {
        let socket = try connect()
        defer { close(socket) }
        var reader = ReplyReader(socket: socket)
        try reader.expect([220], after: "connecting to \(host):\(port)")
        for (command, codes) in [("EHLO imdms", [250]), ("MAIL FROM:<\(from)>", [250]), ("RCPT TO:<\(recipient)>", [250, 251]), ("DATA", [354])] {
            try write(socket, command + "\r\n")
            try reader.expect(codes, after: command.hasPrefix("RCPT") ? "RCPT TO" : command)
        }
        // Dot-stuffing (RFC 5321 4.5.2); the message ends with CRLF.
        var data = message.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if data.hasPrefix(".") { data = "." + data }
        try write(socket, data + ".\r\n")
        try reader.expect([250], after: "the message")
        try? write(socket, "QUIT\r\n")
    }

    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure(description: "the mail server \(host) cannot be found")
        }
        defer { freeaddrinfo(list) }
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if socket >= 0 {
                var timeout = timeval(tv_sec: 15, tv_usec: 0)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return socket }
                close(socket)
            }
            next = info.pointee.ai_next
        }
        throw Failure(description: "the mail server \(host):\(port) does not accept connections")
    }

    private func write(_ socket: Int32, _ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "the mail server \(host):\(port) closed the connection") }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Reads SMTP replies (multi-line `250-…` until `250 …`).
    struct ReplyReader {
        let socket: Int32
        var buffer: [UInt8] = []

        mutating func line() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    buffer.removeSubrange(...end)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 1024)
                let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw Failure(description: "the mail server did not answer") }
                buffer += chunk[..<count]
                guard buffer.count < 65_536 else { throw Failure(description: "the mail server's reply is too long") }
            }
        }

        mutating func expect(_ codes: [Int], after what: String) throws {
            var reply = try line()
            while reply.count > 3, reply[reply.index(reply.startIndex, offsetBy: 3)] == "-" { reply = try line() }
            guard let code = Int(reply.prefix(3)), codes.contains(code) else {
                throw Failure(description: "the mail server refused \(what): \(reply.prefix(200))")
            }
        }
    }
}
