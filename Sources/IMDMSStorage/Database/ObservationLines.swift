import Foundation
import IMDMSCore
import SQLKit

/// Observations read as one text: each row of the inner query becomes the line
/// `series_key period value obs_status conf_status` (the value in a form that reads back as the
/// same double; empty when missing), and the database joins them in key and period order. The
/// lines are split here on bytes with the codes and periods interned: a year of border crossings
/// (537,600 observations) is 22 MB of text and a handful of distinct codes (D60).
struct ObservationLines {
    /// The line of one observation (columns of alias `o`). SQLite: `%!.17g` (its printf gives 16
    /// digits without the `!`; NULL would print as 0). PostgreSQL: `float8` as text is already
    /// the shortest form that reads back exactly.
    static func lineExpression(postgres: Bool) -> String {
        let value = postgres ? "COALESCE(o.value::text, '')" : "CASE WHEN o.value IS NULL THEN '' ELSE printf('%!.17g', o.value) END"
        return "o.series_key || ' ' || o.period || ' ' || \(value) || ' ' || o.obs_status || ' ' || o.conf_status"
    }

    let datasetID: String
    let dimensions: Int

    /// `query` selects `line`, `sk` (series key) and `ps` (period start), on SQLite in that order; run on `sql`.
    func read(_ query: any SQLExpression, on sql: any SQLDatabase, postgres: Bool) async throws -> [Observation] {
        // SQLite: in the order the query gives (`SDMXDataReader` sorts it).
        let aggregate = postgres ? "string_agg(line, E'\\n' ORDER BY sk COLLATE \"C\", ps)" : "group_concat(line, char(10))"
        let row = try await sql.select().column(SQLAlias(SQLRaw(aggregate), as: SQLIdentifier("lines")))
            .from(SQLAlias(SQLGroupExpression(query), as: SQLIdentifier("t"))).first()
        guard let lines = try row?.decode(column: "lines", as: String?.self), !lines.isEmpty else { return [] }
        return try parse(lines)
    }

    func parse(_ lines: String) throws -> [Observation] {
        var lines = lines
        return try lines.withUTF8 { try parse(bytes: $0) }
    }

    /// Splits the text on its bytes: a `String` per field and line cost more than the query.
    private func parse(bytes: UnsafeBufferPointer<UInt8>) throws -> [Observation] {
        var texts = InternedTexts()
        var periods: [String: Period] = [:]
        var lastPeriod: (text: String, period: Period)?
        var stored = StoredPeriods(datasetID: datasetID)
        var observations: [Observation] = []
        observations.reserveCapacity(bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) })
        let space = UInt8(ascii: " "), dot = UInt8(ascii: "."), newline = UInt8(ascii: "\n")
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            defer { start = end + 1 }
            if end == start { continue }
            var fields: [Range<Int>] = []
            var fieldStart = start
            for index in start..<end where bytes[index] == space && fields.count < 4 {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            fields.append(fieldStart..<end)
            let line = { String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(end, start + 80)]), as: UTF8.self) }
            guard fields.count == 5 else { throw StorageError.inconsistentReference("an observation of \(datasetID) could not be read back: ‘\(line())’") }
            var key: [String] = []
            key.reserveCapacity(dimensions)
            var partStart = fields[0].lowerBound
            for index in fields[0] where bytes[index] == dot {
                key.append(texts.text(bytes, partStart..<index, slot: key.count))
                partStart = index + 1
            }
            key.append(texts.text(bytes, partStart..<fields[0].upperBound, slot: key.count))
            guard key.count == dimensions else { throw StorageError.inconsistentReference("an observation of \(datasetID) has the series key ‘\(key.joined(separator: "."))’") }
            let periodText = texts.text(bytes, fields[1], slot: dimensions)
            let period: Period
            if let lastPeriod, lastPeriod.text == periodText { period = lastPeriod.period } else if let known = periods[periodText] { period = known } else {
                period = try stored.period(periodText)
                periods[periodText] = period
            }
            lastPeriod = (periodText, period)
            let value: Double?
            if fields[2].isEmpty { value = nil } else {
                guard let read = Self.number(bytes, fields[2]) else {
                    throw StorageError.inconsistentReference("an observation of \(datasetID) has an unreadable value: ‘\(line())’")
                }
                value = read
            }
            observations.append(Observation(
                key: key, period: period, value: value,
                status: ObservationStatus(rawValue: texts.text(bytes, fields[3], slot: dimensions + 1)) ?? .normal,
                confidentiality: ConfidentialityStatus(rawValue: texts.text(bytes, fields[4], slot: dimensions + 2)) ?? .free))
        }
        return observations
    }

    /// A count (`123.0`, as `%!.17g` prints a whole number) without going through a string;
    /// anything else by `Double(_:)`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var whole: Int64 = 0, index = range.lowerBound, digits = 0
        while index < range.upperBound, bytes[index] >= zero, bytes[index] <= nine, digits < 15 {
            whole = whole * 10 + Int64(bytes[index] - zero)
            index += 1
            digits += 1
        }
        if digits > 0, index + 2 == range.upperBound, bytes[index] == UInt8(ascii: "."), bytes[index + 1] == zero { return Double(whole) }
        if digits > 0, index == range.upperBound { return Double(whole) }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }
}

/// Short byte runs (codes, periods, statuses) made into a `String` once each.
private struct InternedTexts {
    private struct Packed: Hashable { var low: UInt64, high: UInt64, count: Int }
    private var short: [Packed: String] = [:]
    private var long: [String: String] = [:]
    /// The last run and text of each field (`slot`): lines come in key order, so a field mostly
    /// repeats the line before's, compared byte for byte rather than hashed.
    private var last: [(range: Range<Int>, text: String)] = []

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, slot: Int) -> String {
        if slot < last.count, last[slot].range.count == range.count, let base = bytes.baseAddress,
           memcmp(base + last[slot].range.lowerBound, base + range.lowerBound, range.count) == 0 {
            return last[slot].text
        }
        let made = text(bytes, range)
        while last.count <= slot { last.append((0..<0, "")) }
        last[slot] = (range, made)
        return made
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard range.count <= 16 else {
            let made = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            if let known = long[made] { return known }
            long[made] = made
            return made
        }
        var packed = Packed(low: 0, high: 0, count: range.count)
        for (offset, index) in range.enumerated() {
            if offset < 8 { packed.low |= UInt64(bytes[index]) << (8 * UInt64(offset)) } else { packed.high |= UInt64(bytes[index]) << (8 * UInt64(offset - 8)) }
        }
        if let known = short[packed] { return known }
        let made = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        short[packed] = made
        return made
    }
}
