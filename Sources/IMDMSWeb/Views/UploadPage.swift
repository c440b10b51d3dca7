import IMDMSCore
import IMDMSStorage

/// The preview of a pending upload: what would be stored, every problem, the names to confirm,
/// the sheet as a grid, and the mapping to correct.
struct UploadPage {
    var upload: UploadRepository.Upload
    var structure: DataStructure
    var preview: ImportPreview
    var grid: Grid?
    var reference: ReferenceConfiguration
    /// The mapping form as the producer last sent it, with what could not be read.
    var mappingForm: MappingForm? = nil
    var mappingErrors: [String] = []

    static let gridRows = 25

    func render(login: SessionRepository.Session) -> Layout {
        let csrf = "\(HTML.csrfField(login.csrfToken))"
        return Layout(title: T("Check %@", upload.file.name), login: login) {
            var html = HTML.element("h1", "\(upload.file.name) → \(Localizer.current.translations.datasetName(structure.id, english: structure.name))")
            html += HTML.element("p", summary, [("id", "summary")])
            for note in preview.notes { html += HTML.element("p", T("Note: %@", note), [("class", "meta")]) }
            if !preview.unknownValues.isEmpty { html += unknownForms(csrf) }
            if !preview.problems.isEmpty { html += problemTable(T("Problems (nothing can be stored until they are fixed)"), preview.problems, id: "problems") }
            if !preview.warnings.isEmpty { html += problemTable(T("Warnings (please check; they do not block)"), preview.warnings, id: "warnings") }
            if preview.problems.isEmpty {
                html += "<form method=\"post\" action=\"\(SiteURL.upload(.value(upload.id), .submit).path)\">\(csrf)<button type=\"submit\" id=\"submit\">\(HTML.escape(T("Submit %@ observations", String(preview.observationCount))))</button></form>"
            }
            html += sampleTable + gridTable
            html += MappingFormView(form: mappingForm ?? MappingForm(profile: preview.profile, structure: structure), structure: structure,
                                    action: SiteURL.upload(.value(upload.id), .mapping).path, csrf: csrf, errors: mappingErrors).render()
            html += "<details><summary>\(HTML.escape(T("The mapping as JSON (for imdms import --profile)")))</summary>"
                + "<form method=\"post\" action=\"\(SiteURL.upload(.value(upload.id), .profile).path)\">\(csrf)<textarea name=\"profile\" rows=\"16\" cols=\"90\">\(HTML.escape(profileJSON))</textarea><br><button type=\"submit\">\(HTML.escape(T("Apply this JSON")))</button></form></details>"
            return html
        }
    }

    private var summary: String {
        if preview.problems.isEmpty {
            return T("%@ observations would be stored for %@; values add up to %@; %@ totals checked",
                     String(preview.observationCount), preview.periods.joined(separator: ", "), NumberFormat.grouped(preview.valueSum), String(preview.totalsChecked))
                + (preview.blankCellsSkipped > 0 ? T("; %@ empty cells left out", String(preview.blankCellsSkipped)) : "") + "."
        }
        return T("%@ problem(s) found; nothing has been stored.", String(preview.problems.count))
    }

    private func unknownForms(_ csrf: String) -> String {
        var html = HTML.element("h2", T("Names to confirm"))
        for unknown in preview.unknownValues {
            let codes = reference.codelistsByID[unknown.codelistID]?.codes ?? []
            let suggested = Set(unknown.suggestions.map(\.code))
            let options = unknown.suggestions.map { HTML.option($0.code, "\($0.name) (\($0.code))", selected: $0.code == unknown.suggestions.first?.code) }
                .joined() + codes.filter { !suggested.contains($0.id) }.map { HTML.option($0.id, "\($0.name) (\($0.id))", selected: false) }.joined()
            html += "<form class=\"alias\" method=\"post\" action=\"\(SiteURL.upload(.value(upload.id), .alias).path)\">\(csrf)"
                + "<input type=\"hidden\" name=\"codelist\" value=\"\(HTML.escape(unknown.codelistID))\">"
                + "<input type=\"hidden\" name=\"text\" value=\"\(HTML.escape(unknown.text))\">"
                + "<label>" + HTML.escape(T("‘%@’ (sheet %@, row %@, column %@) is", unknown.text, unknown.sheet, String(unknown.row), unknown.column))
                + " <select name=\"code\">\(options)</select></label> <button type=\"submit\">\(HTML.escape(T("Confirm")))</button></form>"
        }
        return html
    }

    private func problemTable(_ title: String, _ problems: [ImportProblem], id: String) -> String {
        var html = HTML.element("h2", title) + "<table class=\"data problems\" id=\"\(id)\"><thead><tr>" + [T("Sheet"), T("Row"), T("Column"), T("Value"), T("Problem")].map { HTML.element("th", $0) }.joined() + "</tr></thead><tbody>"
        for problem in problems.prefix(500) {
            html += "<tr>" + [problem.sheet ?? "", problem.row.map(String.init) ?? "", problem.column ?? "", problem.value ?? "",
                              "\(problem.kind.rawValue): \(problem.message)"].map { HTML.element("td", $0) }.joined() + "</tr>"
        }
        if problems.count > 500 { html += "<tr><td colspan=\"5\">\(HTML.escape(T("… and %@ more", String(problems.count - 500))))</td></tr>" }
        return html + "</tbody></table>"
    }

    private var sampleTable: String {
        guard !preview.sample.isEmpty else { return "" }
        var html = HTML.element("h2", T("Sample of what would be stored")) + "<table class=\"data\" id=\"sample\"><thead><tr>"
        html += structure.dimensions.map { HTML.element("th", T($0.name)) }.joined() + HTML.element("th", T("Period")) + HTML.element("th", T("Value")) + "</tr></thead><tbody>"
        for observation in preview.sample {
            html += "<tr>" + observation.key.map { HTML.element("td", $0) }.joined()
                + HTML.element("td", observation.period.formatted) + HTML.element("td", observation.value.map(NumberFormat.grouped) ?? "") + "</tr>"
        }
        return html + "</tbody></table>"
    }

    private var gridTable: String {
        guard let grid, grid.lastRow > 0 else { return "" }
        let columns = 1...min(grid.lastColumn, 30)
        var html = HTML.element("h2", T("Sheet ‘%@’ (first %@ rows)", grid.name, String(Self.gridRows))) + "<table class=\"data grid\" id=\"grid\"><thead><tr><th></th>"
        html += columns.map { HTML.element("th", CellReference.name(column: $0)) }.joined() + "</tr></thead><tbody>"
        for row in 1...min(grid.lastRow, Self.gridRows) {
            html += "<tr>" + HTML.element("th", String(row)) + columns.map { HTML.element("td", grid.text(row: row, column: $0)) }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    private var profileJSON: String {
        guard let profile = preview.profile else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(profile)) ?? Data(), as: UTF8.self)
    }
}

import Foundation
