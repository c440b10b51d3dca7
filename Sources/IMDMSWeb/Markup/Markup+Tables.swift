import IMDMSCore

/// Tables and lists several pages show the same way.
extension Markup {
    /// A table's header row and body rows of text cells.
    static func row(_ cells: [String], tag: Tag = .td) -> Markup { .tag(.tr, cells.map { .tag(tag, text: $0) }) }

    /// `<table attributes><thead>head</thead><tbody>rows</tbody></table>`.
    static func table(_ attributes: [Attribute], head: Markup, rows: [Markup]) -> Markup {
        .tag(.table, attributes, .tag(.thead, head), .tag(.tbody, rows))
    }

    /// A definition list of (term, description) pairs (`class="meta-list"`).
    static func definitions(_ pairs: [(String, String)]) -> Markup {
        .tag(.dl, [.class("meta-list")], pairs.map { Markup.tag(.dt, text: $0.0) + .tag(.dd, text: $0.1) })
    }

    /// Observations as a table: one column per dimension, then period and value.
    static func observations(_ observations: [Observation], of structure: DataStructure, id: String) -> Markup {
        .table([.class("data"), .id(id)],
               head: .row(structure.dimensions.map { T($0.name) } + [T("Period"), T("Value")], tag: .th),
               rows: observations.map { .row($0.key + [$0.period.formatted, $0.value.map(NumberFormat.grouped) ?? ""]) })
    }
}
