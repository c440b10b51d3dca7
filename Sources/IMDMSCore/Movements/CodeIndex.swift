/// Numbers the distinct codes of one dimension (0, 1, 2, … in the order first seen), so that a
/// derivation keys its counts by numbers instead of hashing every crossing's texts. Codes come in
/// runs (a person's citizenship and sex) and from short lists (posts, purposes, age groups): the
/// last code is checked first, then a short list is searched, and only a long one (citizenships)
/// is looked up by hash.
struct CodeIndex: Sendable {
    /// The codes by number.
    private(set) var codes: [String] = []
    private var numbers: [String: Int] = [:]
    private var last: (code: String, number: Int)?
    /// Up to this many codes are searched in order (comparing short ASCII texts costs less than hashing one).
    private static let searched = 16

    mutating func number(_ code: String) -> Int {
        if let last, last.code == code { return last.number }
        let found = codes.count <= Self.searched ? codes.firstIndex(of: code) : numbers[code]
        let number = found ?? codes.count
        if found == nil {
            codes.append(code)
            numbers[code] = number
        }
        last = (code, number)
        return number
    }
}
