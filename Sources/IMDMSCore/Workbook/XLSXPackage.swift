import Foundation
import ZIPFoundation

/// The zip container of an XLSX file: recognises what the file really is before opening it, and
/// streams one part at a time within the limits.
final class XLSXPackage {
    let archive: Archive
    let limits: XLSXLimits
    private var totalRead: UInt64 = 0

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    init(archive: Archive, limits: XLSXLimits) {
        self.archive = archive
        self.limits = limits
    }

    /// Classifies the first bytes: a zip, an OLE container (old .xls, or an encrypted workbook,
    /// which Office also wraps in OLE), or something else.
    static func check(head: [UInt8], whole: () -> Data?) throws(WorkbookError) {
        if head.starts(with: zipMagic) { return }
        if head.starts(with: oleMagic) {
            // Encrypted OOXML keeps an "EncryptionInfo" stream; its name is UTF-16LE in the directory.
            let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if let data = whole(), data.range(of: marker) != nil { throw .encrypted }
            throw .legacyXLS
        }
        if head.isEmpty { throw .notAWorkbook("the file is empty") }
        if head.starts(with: Array("%PDF".utf8)) { throw .notAWorkbook("it is a PDF document") }
        let printable = head.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }
        throw .notAWorkbook(printable ? "it looks like a text file; upload CSV files as .csv" : "its contents are not a zip package")
    }

    static func open(url: URL, limits: XLSXLimits) throws(WorkbookError) -> XLSXPackage {
        let head: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = [UInt8](try handle.read(upToCount: 8) ?? Data())
        } catch {
            throw .notAWorkbook("the file cannot be read (\(error.localizedDescription))")
        }
        try check(head: head) { try? Data(contentsOf: url, options: .mappedIfSafe) }
        guard let bytes = try? Data(contentsOf: url, options: .mappedIfSafe) else { throw .notAWorkbook("the file cannot be read") }
        _ = try ZipDirectory(bytes)
        do { return XLSXPackage(archive: try Archive(url: url, accessMode: .read), limits: limits) } catch {
            throw .notAWorkbook("the zip package is incomplete or damaged")
        }
    }

    static func open(data: Data, limits: XLSXLimits) throws(WorkbookError) -> XLSXPackage {
        try check(head: [UInt8](data.prefix(8))) { data }
        _ = try ZipDirectory(data)
        do { return XLSXPackage(archive: try Archive(data: data, accessMode: .read), limits: limits) } catch {
            throw .notAWorkbook("the zip package is incomplete or damaged")
        }
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// Streams a part's unpacked bytes, enforcing the size and ratio limits on what is actually
    /// unpacked (a zip's declared sizes can lie).
    func stream(_ path: String, _ handle: (Data) throws -> Void) throws {
        guard let entry = archive[path] else { throw WorkbookError.missingPart(path) }
        let declared = entry.uncompressedSize
        if declared > limits.maxPartBytes { throw WorkbookError.tooLarge(part: path, limit: limits.maxPartBytes) }
        if declared > limits.ratioCheckAbove && declared / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw WorkbookError.suspiciousCompression(part: path)
        }
        var read: UInt64 = 0
        let limits = self.limits
        let alreadyRead = totalRead
        do {
            let checksum = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                read += UInt64(chunk.count)
                if read > limits.maxPartBytes { throw WorkbookError.tooLarge(part: path, limit: limits.maxPartBytes) }
                if alreadyRead + read > limits.maxTotalBytes { throw WorkbookError.tooLarge(part: "the workbook", limit: limits.maxTotalBytes) }
                if read > limits.ratioCheckAbove && read / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                    throw WorkbookError.suspiciousCompression(part: path)
                }
                try handle(chunk)
            }
            // ZIPFoundation returns the checksum of what it unpacked; comparing is ours to do.
            if checksum != entry.checksum { throw WorkbookError.malformed(part: path, reason: "its contents do not match their checksum") }
        } catch let error as WorkbookError {
            throw error
        } catch let error as XLSXStop {
            throw error
        } catch {
            throw WorkbookError.malformed(part: path, reason: "it cannot be unpacked (\(error))")
        }
        totalRead += read
    }

    /// Streams a part through the XML scanner.
    func scanXML(_ path: String, _ handle: (XMLScanner.Event) throws -> Void) throws {
        var scanner = XMLScanner(part: path)
        try stream(path) { chunk in try scanner.feed(chunk, handle) }
        try scanner.finish(handle)
    }
}

/// Thrown by a row handler to stop reading a sheet early (e.g. once the header rows are seen).
public struct XLSXStop: Error {
    public init() {}
}
