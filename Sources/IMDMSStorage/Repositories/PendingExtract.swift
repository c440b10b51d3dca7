import Foundation
import SQLKit

/// An extract whose crossings are not yet in the derived statistics, and the ids its new crossings
/// took (`firstID...lastID`; empty when it added none): extracts are stored one at a time, so the
/// range holds its crossings and no other's (D77).
struct PendingExtract: Sendable {
    var id: UUID
    var firstID: Int
    var lastID: Int
    /// Its people were opened as it was stored, against this last derived crossing (D91; nil: not opened).
    var peopleOpenedAfter: String? = nil

    /// The condition that a crossing of `movements m` is one of this extract's.
    var crossings: SQLQueryString { "m.id BETWEEN \(bind: firstID) AND \(bind: lastID)" }

    /// The condition that a crossing of `movements m` came with one of `extracts` (false for none).
    static func crossings(of extracts: [PendingExtract]) -> SQLQueryString {
        guard let first = extracts.first else { return "1 = 0" }
        var condition: SQLQueryString = "(\(first.crossings)"
        for extract in extracts.dropFirst() { condition = condition + " OR " + extract.crossings }
        return condition + ")"
    }
}
