/// Numbers the distinct codes of one dimension (0, 1, 2, … in the order first seen), so that a
/// derivation keys its counts by numbers instead of hashing every crossing's texts. Codes come in
/// runs (a person's citizenship and sex) and from short lists (posts, purposes, age groups): the
/// last code is checked first, then the list (`TextLookup`).
struct CodeIndex: Sendable {
    private var numbers = TextLookup<Int>()
    private var last: (code: String, number: Int)?

    /// The codes by number.
    var codes: [String] { numbers.keys }

    mutating func number(_ code: String) -> Int {
        if let last, last.code == code { return last.number }
        let number = numbers.position(of: code) ?? numbers.insert(numbers.count, for: code)
        last = (code, number)
        return number
    }
}
