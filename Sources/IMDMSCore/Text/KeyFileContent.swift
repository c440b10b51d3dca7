import Foundation

/// The key in a key file (the audit seal's, the pseudonymiser's). Line ends at the end are dropped
/// — a key written with `echo` — unless that would leave fewer than `minimum` bytes: then they
/// are part of a random key (`head -c 32 /dev/urandom` ends in a line-end byte about once in 128
/// keys, which the start used to refuse as too short). The same file always gives the same key.
public enum KeyFileContent {
    public static func key(_ data: Data, minimum: Int) -> Data {
        var trimmed = data
        while let last = trimmed.last, last == 0x0A || last == 0x0D { trimmed.removeLast() }
        return trimmed.count >= minimum ? trimmed : data
    }
}
