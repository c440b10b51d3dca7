import IMDMSCore

/// A crossing's attributes — sex, age, year of birth, nationality, residence, purpose — as the one
/// text `movements.attributes` holds (D86): the six fields joined by the unit separator (US,
/// 0x1F), an unknown age or year of birth empty. The fields are codes from the reference
/// codelists and numbers, so none holds a US.
enum CrossingAttributes {
    static let separator: UInt8 = 31
    static let count = 6

    /// The stored text of `movement`'s attributes.
    static func text(of movement: Movement) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(movement, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the six fields (separated, with no separator before or after them).
    static func append(_ movement: Movement, to bytes: inout [UInt8]) {
        append(sex: movement.sex, age: movement.age, birthYear: movement.birthYear, nationality: movement.nationality,
               residence: movement.residence, purpose: movement.purpose, to: &bytes)
    }

    static func append(sex: String, age: Int?, birthYear: Int?, nationality: String, residence: String, purpose: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: sex.utf8)
        bytes.append(separator)
        if let age { appendDigits(of: age, to: &bytes) }
        bytes.append(separator)
        if let birthYear { appendDigits(of: birthYear, to: &bytes) }
        bytes.append(separator)
        bytes.append(contentsOf: nationality.utf8)
        bytes.append(separator)
        bytes.append(contentsOf: residence.utf8)
        bytes.append(separator)
        bytes.append(contentsOf: purpose.utf8)
    }

    /// A whole number's decimal digits, as `String(number)` writes them, without making the text
    /// (this runs twice for every crossing stored).
    static func appendDigits(of number: Int, to bytes: inout [UInt8]) {
        guard number >= 0 else { bytes.append(contentsOf: String(number).utf8); return }
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    /// The crossing with its attributes read from the stored text.
    static func movement(pseudonym: String, time: String, borderPost: String, direction: String, attributes: String) -> Movement {
        let fields = fields(of: attributes)
        func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        return Movement(pseudonym: pseudonym, time: time, borderPost: borderPost, direction: Movement.Direction(rawValue: direction) ?? .arrival,
                        sex: field(0), age: Int(field(1)), birthYear: Int(field(2)), nationality: field(3), residence: field(4), purpose: field(5))
    }

    /// The stored text's fields.
    static func fields(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.split(separator: separator, omittingEmptySubsequences: false).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
        }
    }
}
