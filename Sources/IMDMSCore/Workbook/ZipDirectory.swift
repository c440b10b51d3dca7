import Foundation

/// Checks a zip container's structure before anything unpacks it: the end-of-central-directory
/// record, every central directory entry and the local header each points to, all within the
/// file and consistent with one another. ZIPFoundation trusts these numbers (a damaged header
/// made it trap on an impossible range and take the server down), so a file that fails here is
/// refused with a message instead.
struct ZipDirectory {
    struct Entry: Equatable {
        var name: String
        var method: UInt16
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    private(set) var entries: [Entry] = []

    static let endSignature: UInt32 = 0x0605_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    /// More entries than any workbook has (a sheet, its relations, styles, strings…).
    static let maxEntries = 10_000

    init(_ bytes: Data) throws(WorkbookError) {
        let data = [UInt8](bytes)
        func damaged(_ reason: String) -> WorkbookError { .notAWorkbook("the zip package is incomplete or damaged: \(reason)") }
        func u16(_ at: Int) -> UInt16 { UInt16(data[at]) | UInt16(data[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        guard data.count >= 22 else { throw damaged("it is too short to be a zip package") }
        // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
        var end = -1
        var at = data.count - 22
        while at >= max(0, data.count - 22 - 65_535) {
            if u32(at) == Self.endSignature && at + 22 + Int(u16(at + 20)) == data.count { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw damaged("its directory is missing (the file may be cut short)") }
        let count = Int(u16(end + 10))
        let size = Int(u32(end + 12)), offset = Int(u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw .notAWorkbook("the zip package is incomplete or damaged, or uses the ZIP64 extension, which workbooks never need")
        }
        guard count <= Self.maxEntries else { throw damaged("it claims \(count) parts") }
        guard offset + size <= end else { throw damaged("its directory lies outside the file") }
        var position = offset
        for index in 0..<count {
            guard position + 46 <= offset + size, u32(position) == Self.centralSignature else {
                throw damaged("directory entry \(index + 1) is unreadable")
            }
            let method = u16(position + 10)
            let compressed = UInt64(u32(position + 20)), uncompressed = UInt64(u32(position + 24))
            let nameLength = Int(u16(position + 28)), extraLength = Int(u16(position + 30)), commentLength = Int(u16(position + 32))
            let local = Int(u32(position + 42))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else { throw damaged("directory entry \(index + 1) runs past the directory") }
            guard let name = String(bytes: data[(position + 46)..<(position + 46 + nameLength)], encoding: .utf8), !name.isEmpty else {
                throw damaged("directory entry \(index + 1) has no readable name")
            }
            guard method == 0 || method == 8 else { throw damaged("\(name) is packed with method \(method), not stored or deflated") }
            if method == 0 && compressed != uncompressed { throw damaged("\(name) is stored with two different sizes") }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw .notAWorkbook("the zip package is incomplete or damaged, or uses the ZIP64 extension, which workbooks never need")
            }
            // The local header: its signature, its own name and extra field, then the data, all before the directory.
            guard local + 30 <= offset, u32(local) == Self.localSignature else { throw damaged("the header of \(name) is missing") }
            let localName = Int(u16(local + 26)), localExtra = Int(u16(local + 28))
            let dataStart = local + 30 + localName + localExtra
            guard dataStart <= offset, UInt64(dataStart) + compressed <= UInt64(offset) else {
                throw damaged("the data of \(name) runs past the end of its space")
            }
            guard localName == nameLength, data[(local + 30)..<(local + 30 + localName)].elementsEqual(data[(position + 46)..<(position + 46 + nameLength)]) else {
                throw damaged("the header of \(name) names another part")
            }
            entries.append(Entry(name: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: UInt64(local)))
            position = next
        }
        // Parts may not overlap: a damaged offset could make two parts share (or loop over) bytes.
        let spans = entries.map { $0.localHeaderOffset }.sorted()
        if Set(spans).count != spans.count { throw damaged("two parts start at the same place") }
    }
}
