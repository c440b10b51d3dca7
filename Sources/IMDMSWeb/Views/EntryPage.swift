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
            var html = HTML.element("h1", T("Enter data: %@", structure.name) + ", " + period.formatted)
            html += "<form method=\"get\" action=\"\(SiteURL.entryForm.path)\" class=\"filters\"><label>\(HTML.escape(T("Dataset"))) <select name=\"dataset\">"
                + structures.map { HTML.option($0.id, $0.name, selected: $0.id == structure.id) }.joined()
                + "</select></label> <label>\(HTML.escape(T("Period"))) <input name=\"period\" size=\"8\" value=\"\(HTML.escape(period.formatted))\"></label> "
                + "<button type=\"submit\">\(HTML.escape(T("Change")))</button></form>"
            if let error { html += HTML.element("p", error, [("class", "errors"), ("id", "entry-error"), ("role", "alert")]) }
            if let note { html += HTML.element("p", note, [("class", "meta"), ("id", "entry-note")]) }
            let fixed = layout.fixed.sorted { $0.key < $1.key }.map { "\(name($0.key)): \(codeName($0.key, $0.value))" }
            if !fixed.isEmpty { html += HTML.element("p", T("Every value is for %@.", fixed.joined(separator: "; ")), [("class", "meta")]) }
            html += "<form method=\"post\" action=\"\(SiteURL.entryForm.path)\" id=\"entry\">"
                + HTML.csrfField(login.csrfToken)
                + hidden("dataset", structure.id) + hidden("period", period.formatted) + hidden("rows", layout.rowDimension)
                + hidden("cols", layout.columnDimensions.joined(separator: ","))
                + layout.fixed.sorted { $0.key < $1.key }.map { hidden("fixed." + $0.key, $0.value) }.joined()
            html += "<table class=\"data entry\"><caption>\(HTML.escape(structure.name)), \(HTML.escape(period.formatted)) (\(HTML.escape(structure.measure.name)))</caption>"
                + "<thead><tr><th scope=\"col\">\(HTML.escape(name(layout.rowDimension)))</th>"
                + layout.columns.map { "<th scope=\"col\">\(HTML.escape($0.label))</th>" }.joined() + "</tr></thead><tbody>"
            for row in layout.rowCodes {
                html += "<tr><th scope=\"row\">\(HTML.escape(row.name))</th>"
                for column in layout.columns {
                    let field = layout.field(row: row.id, column: column)
                    html += "<td><input name=\"v.\(HTML.escape(field))\" inputmode=\"decimal\" autocomplete=\"off\" size=\"8\" "
                        + "aria-label=\"\(HTML.escape(row.name + ", " + column.label))\" value=\"\(HTML.escape(values[field] ?? ""))\"></td>"
                }
                html += "</tr>"
            }
            html += "</tbody></table><button type=\"submit\" id=\"entry-check\">\(HTML.escape(T("Check the values")))</button> "
                + "<span class=\"meta\">\(HTML.escape(T("Empty cells are left out.") + " " + T("Nothing is stored until you have seen the preview and pressed Submit.")))</span></form>"
            return html
        }
    }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(value))\">"
    }
}
