import Foundation
import ZIPFoundation

/// gzip (RFC 1952) around ZIPFoundation's raw deflate: pages kept for the public are compressed once
/// and sent as they are to every client that accepts gzip, instead of once per request.
public enum Gzip {
    public static func compress(_ data: Data) throws -> Data {
        var deflated = Data()
        deflated.reserveCapacity(data.count / 4 + 64)
        let checksum = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { deflated.append($0) })
        // Header: magic, deflate, no flags, no time, no extra flags, unknown OS.
        var result = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
        result.append(deflated)
        for value in [checksum, UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { result.append(contentsOf: $0) }
        }
        return result
    }
}
