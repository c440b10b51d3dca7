import Foundation
import IMDMSCore
import IMDMSStorage

/// The data-entry form: a dataset and period laid out like the ministry's cross-tab (`EntryLayout`).
/// Tab moves along a row; Enter checks the values. What is typed becomes a draft upload with the
/// same checks and preview as a file, then goes through review like any submission.
struct EntryPage {
    var structures: [DataStructure]
    var layout: EntryLayout
    var period: Period
    var values: [String: String] = [:]
    var error: String?
    var note: String?
    var codelists: [String: Codelist]

    func name(_ dimensionID: String) -> String { layout.structure.dimensions.first { $0.id == dimensionID }?.name ?? dimensionID }

    func codeName(_ dimensionID: String, _ code: String) -> String {
        guard let dimension = layout.structure.dimensions.first(where: { $0.id == dimensionID }) else { return code }
        return codelists[dimension.codelistID]?.codes.first { $0.id == code }?.name ?? code
    }

    func render(login: SessionRepository.Session) -> Layout {
        let structure = layout.structure
        return Layout(title: T("Enter data: %@", structure.name), login: login) {
            var html = Markup.tag(.h1, text: T("Enter data: %@", structure.name) + ", " + period.formatted)
            html += .tag(.form, [.method("get"), .action(SiteURL.entryForm.path), .class("filters")],
                         .tag(.label, .text(T("Dataset")), .space, .tag(.select, [.name("dataset")], structures.map { .option($0.id, $0.name, selected: $0.id == structure.id) })),
                         .space, .tag(.label, .text(T("Period")), .space, .tag(.input, [.name("period"), .size(8), .value(period.formatted)])), .space,
                         .submit(T("Change")))
            if let error { html += .tag(.p, [.class("errors"), .id("entry-error"), Attribute("role", "alert")], text: error) }
            if let note { html += .tag(.p, [.class("meta"), .id("entry-note")], text: note) }
            let fixed = layout.fixed.sorted { $0.key < $1.key }
            if !fixed.isEmpty {
                html += .tag(.p, [.class("meta")], text: T("Every value is for %@.", fixed.map { "\(name($0.key)): \(codeName($0.key, $0.value))" }.joined(separator: "; ")))
            }
            let hidden = [Markup.hidden("dataset", structure.id), .hidden("period", period.formatted), .hidden("rows", layout.rowDimension),
                          .hidden("cols", layout.columnDimensions.joined(separator: ","))] + fixed.map { Markup.hidden("fixed." + $0.key, $0.value) }
            let caption = Markup.tag(.caption, text: "\(structure.name), \(period.formatted) (\(structure.measure.name))")
            let head = Markup.tag(.tr, [.tag(.th, [.scope("col")], text: name(layout.rowDimension))] + layout.columns.map { .tag(.th, [.scope("col")], text: $0.label) })
            let rows = layout.rowCodes.map { row in
                Markup.tag(.tr, [.tag(.th, [.scope("row")], text: row.name)] + layout.columns.map { column in
                    let field = layout.field(row: row.id, column: column)
                    return .tag(.td, .tag(.input, [.name("v.\(field)"), Attribute("inputmode", "decimal"), Attribute("autocomplete", "off"), .size(8),
                                                   Attribute("aria-label", row.name + ", " + column.label), .value(values[field] ?? "")]))
                })
            }
            html += .element(.form, [.method("post"), .action(SiteURL.entryForm.path), .id("entry")], [.csrfField(login.csrfToken)] + hidden + [
                .tag(.table, [.class("data entry")], caption, .tag(.thead, head), .tag(.tbody, rows)),
                .submit(T("Check the values"), [.id("entry-check")]), .space,
                .tag(.span, [.class("meta")], text: T("Empty cells are left out.") + " " + T("Nothing is stored until you have seen the preview and pressed Submit.")),
            ])
            return html
        }
    }
}
