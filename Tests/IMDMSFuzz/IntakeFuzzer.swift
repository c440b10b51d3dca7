import Foundation
import IMDMSCore
import ZIPFoundation

/// Makes damaged and hostile variants of real intake files, deterministically from a seed: bytes
/// flipped inside a part of a workbook, its zip directory and headers rewritten, bytes inserted,
/// deleted, cut or appended, its XML edited (unclosed comments, entity declarations, deep nesting,
/// huge numbers and cell references) and packed again; CSV and SDMX-CSV text with quotes, lines,
/// fields, delimiters, byte-order marks and numbers mangled. Shared by the bounded run in the tests
/// and `imdms-bench fuzz`.
public struct IntakeFuzzer {
    /// A real file the mutations start from.
    public struct Seed: Sendable {
        public var name: String
        public var datasetID: String
        public var data: Data
        public init(name: String, datasetID: String, data: Data) {
            self.name = name
            self.datasetID = datasetID
            self.data = data
        }
        var isWorkbook: Bool { name.hasSuffix(".xlsx") }
    }

    public struct Case: Sendable {
        public var number: Int
        public var seed: String
        public var datasetID: String
        public var mutation: String
        public var data: Data
        public var fileName: String
    }

    let seeds: [Seed]
    var random: SplitMix64

    public init(seeds: [Seed], seed: UInt64) {
        self.seeds = seeds
        random = SplitMix64(seed: seed)
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(random.next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func next(_ number: Int) -> Case {
        let seed = pick(seeds)
        var data = [UInt8](seed.data)
        let mutation = seed.isWorkbook ? mutateWorkbook(&data) : mutateText(&data)
        return Case(number: number, seed: seed.name, datasetID: seed.datasetID, mutation: mutation, data: Data(data), fileName: seed.name)
    }

    // MARK: Workbooks

    /// Each part's header and data (from the central directory of the intact seed).
    func parts(_ data: [UInt8]) -> [(name: String, start: Int, end: Int)] {
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        return signatures(data, [0x50, 0x4B, 0x01, 0x02]).compactMap { at in
            guard at + 46 <= data.count else { return nil }
            let nameLength = u16(at + 28), start = u32(at + 42), size = u32(at + 20)
            guard at + 46 + nameLength <= data.count, start < data.count else { return nil }
            return (String(decoding: data[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self), start, min(data.count, start + 30 + nameLength + size))
        }
    }

    mutating func mutateWorkbook(_ data: inout [UInt8]) -> String {
        let kind = pick(["flip", "flip", "field", "field", "shift", "truncate", "append", "xml", "xml", "xml"])
        let members = parts(data)
        switch kind {
        case "flip":
            guard let part = members.isEmpty ? nil : pick(members) else { return "none" }
            let count = 1 + below(8)
            for _ in 0..<count { data[part.start + below(max(1, part.end - part.start))] = UInt8(truncatingIfNeeded: random.next()) }
            return "flip \(count) byte(s) in \(part.name)"
        case "field":
            let headers = signatures(data, [0x50, 0x4B, 0x01, 0x02]) + signatures(data, [0x50, 0x4B, 0x03, 0x04]) + signatures(data, [0x50, 0x4B, 0x05, 0x06])
            guard !headers.isEmpty else { return "none" }
            let at = pick(headers) + pick([4, 6, 8, 10, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 42])
            let value = pick([UInt32(0), 1, 0xFFFF, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32(truncatingIfNeeded: random.next()), UInt32(data.count), UInt32(data.count + 1)])
            for k in 0..<4 where at + k < data.count { data[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
            return "header field at \(at) = \(value)"
        case "shift":
            let at = below(data.count)
            if below(2) == 0 {
                data.removeSubrange(at..<min(data.count, at + 1 + below(4)))
                return "delete bytes at \(at)"
            }
            data.insert(contentsOf: (0..<(1 + below(4))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            return "insert bytes at \(at)"
        case "truncate":
            let at = below(data.count)
            data.removeSubrange(at...)
            return "cut at \(at)"
        case "append":
            data += (0..<(1 + below(4096))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            return "append bytes"
        default:
            return mutateXML(&data)
        }
    }

    func signatures(_ data: [UInt8], _ signature: [UInt8]) -> [Int] {
        guard data.count >= 4 else { return [] }
        return (0...(data.count - 4)).filter { data[$0] == signature[0] && data[$0 + 1] == signature[1] && data[$0 + 2] == signature[2] && data[$0 + 3] == signature[3] }
    }

    /// One XML part edited, the package written again.
    mutating func mutateXML(_ data: inout [UInt8]) -> String {
        guard let archive = try? Archive(data: Data(data), accessMode: .read, pathEncoding: nil) else { return "none" }
        var files: [(String, Data)] = []
        for entry in archive {
            var content = Data()
            guard (try? archive.extract(entry, consumer: { content.append($0) })) != nil else { return "none" }
            files.append((entry.path, content))
        }
        let xml = files.indices.filter { files[$0].0.hasSuffix(".xml") || files[$0].0.hasSuffix(".rels") }
        guard !xml.isEmpty else { return "none" }
        let index = pick(xml)
        var text = [UInt8](files[index].1)
        let at = below(text.count + 1)
        let edit = pick(["junk", "delete", "duplicate", "comment", "doctype", "number", "reference", "nesting", "bad-utf8", "long-text", "cut"])
        switch edit {
        case "junk": text.insert(contentsOf: (0..<(1 + below(64))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
        case "delete": text.removeSubrange(at..<min(text.count, at + 1 + below(200)))
        case "duplicate":
            let span = Array(text[at..<min(text.count, at + 1 + below(2000))])
            for _ in 0..<(1 + below(50)) { text.insert(contentsOf: span, at: at) }
        case "comment": text.insert(contentsOf: Array("<!-- never closed ".utf8), at: at)
        case "doctype": text.insert(contentsOf: Array("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>".utf8), at: at)
        case "number": text.insert(contentsOf: Array(pick(["<v>1e400</v>", "<v>-7</v>", "<v>NaN</v>", "<v>99999999999999999999999</v>", "<v></v>"]).utf8), at: at)
        case "reference": text.insert(contentsOf: Array(pick(["<c r=\"XFD1048576\"><v>1</v></c>", "<c r=\"A0\"/>", "<c r=\"ZZZZ99999999\"><v>2</v></c>", "<row r=\"99999999\"/>", "<mergeCell ref=\"A1:XFD1048576\"/>"]).utf8), at: at)
        case "nesting": text.insert(contentsOf: Array(String(repeating: "<x>", count: 5_000).utf8), at: at)
        case "bad-utf8": text.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE, 0x80], at: at)
        case "long-text": text.insert(contentsOf: Array(("<t>" + String(repeating: "A", count: 200_000) + "</t>").utf8), at: at)
        default: text.removeSubrange(at...)
        }
        files[index].1 = Data(text)
        guard let packed = try? Self.zip(files) else { return "none" }
        data = [UInt8](packed)
        return "xml \(edit) in \(files[index].0)"
    }

    static func zip(_ files: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, content) in files {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    // MARK: Text

    mutating func mutateText(_ data: inout [UInt8]) -> String {
        let edit = pick(["flip", "quote", "delete", "lines", "long-field", "delimiter", "bom", "nul", "number", "cut", "columns", "empty"])
        let at = below(data.count + 1)
        switch edit {
        case "flip": for _ in 0..<(1 + below(8)) where !data.isEmpty { data[below(data.count)] = UInt8(truncatingIfNeeded: random.next()) }
        case "quote": data.insert(UInt8(ascii: "\""), at: at)
        case "delete": data.removeSubrange(at..<min(data.count, at + 1 + below(100)))
        case "lines":
            let line = Array(data[at..<min(data.count, at + 1 + below(300))])
            for _ in 0..<(1 + below(2_000)) { data.insert(contentsOf: line, at: at) }
        case "long-field": data.insert(contentsOf: Array(repeating: UInt8(ascii: "x"), count: 100_000 + below(400_000)), at: at)
        case "delimiter":
            let from = pick([UInt8(ascii: ","), UInt8(ascii: ";")]), to = pick([UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: ",")])
            data = data.map { $0 == from && below(3) == 0 ? to : $0 }
        case "bom": data.insert(contentsOf: pick([[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]), at: 0)
        case "nul": data.insert(0, at: at)
        case "number": data.insert(contentsOf: Array(pick(["1e400", "-5", "NaN", "1,2,3", "99999999999999999999", "½", "0x1F"]).utf8), at: at)
        case "cut": data.removeSubrange(at...)
        case "columns": data.insert(contentsOf: Array(String(repeating: ";extra", count: 1 + below(2_000)).utf8), at: at)
        default: data.removeAll()
        }
        return "text \(edit) at \(at)"
    }
}
