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
        let csrf = login.csrfToken
        return Layout(title: T("Check %@", upload.file.name), login: login) {
            var html = Markup.tag(.h1, text: "\(upload.file.name) → \(Localizer.current.translations.datasetName(structure.id, english: structure.name))")
            html += .tag(.p, [.id("summary")], text: summary)
            for note in preview.notes { html += .tag(.p, [.class("meta")], text: T("Note: %@", note)) }
            if !preview.unknownValues.isEmpty { html += unknownForms(csrf) }
            if !preview.problems.isEmpty { html += problemTable(T("Problems (nothing can be stored until they are fixed)"), preview.problems, id: "problems") }
            if !preview.warnings.isEmpty { html += problemTable(T("Warnings (please check; they do not block)"), preview.warnings, id: "warnings") }
            if preview.problems.isEmpty {
                html += .postForm(SiteURL.upload(.value(upload.id), .submit).path, csrf: csrf, [],
                                  .submit(T("Submit %@ observations", String(preview.observationCount)), [.id("submit")]))
            }
            html += sampleTable + gridTable
            html += MappingFormView(form: mappingForm ?? MappingForm(profile: preview.profile, structure: structure), structure: structure,
                                    action: SiteURL.upload(.value(upload.id), .mapping).path, csrf: csrf, errors: mappingErrors).render()
            html += .tag(.details, .tag(.summary, text: T("The mapping as JSON (for imdms import --profile)")),
                         .postForm(SiteURL.upload(.value(upload.id), .profile).path, csrf: csrf, [],
                                   .tag(.textarea, [.name("profile"), Attribute("rows", "16"), Attribute("cols", "90")], text: profileJSON), .tag(.br),
                                   .submit(T("Apply this JSON"))))
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

    private func unknownForms(_ csrf: String) -> Markup {
        var html = Markup.tag(.h2, text: T("Names to confirm"))
        for unknown in preview.unknownValues {
            let codes = reference.codelistsByID[unknown.codelistID]?.codes ?? []
            let suggested = Set(unknown.suggestions.map(\.code))
            let options = unknown.suggestions.map { Markup.option($0.code, "\($0.name) (\($0.code))", selected: $0.code == unknown.suggestions.first?.code) }
                + codes.filter { !suggested.contains($0.id) }.map { Markup.option($0.id, "\($0.name) (\($0.id))", selected: false) }
            html += .postForm(SiteURL.upload(.value(upload.id), .alias).path, csrf: csrf, [.class("alias")],
                              .hidden("codelist", unknown.codelistID), .hidden("text", unknown.text),
                              .tag(.label, .text(T("‘%@’ (sheet %@, row %@, column %@) is", unknown.text, unknown.sheet, String(unknown.row), unknown.column)), .space,
                                   .tag(.select, [.name("code")], options)), .space, .submit(T("Confirm")))
        }
        return html
    }

    private func problemTable(_ title: String, _ problems: [ImportProblem], id: String) -> Markup {
        var rows = problems.prefix(500).map { problem in
            Markup.row([problem.sheet ?? "", problem.row.map(String.init) ?? "", problem.column ?? "", problem.value ?? "", "\(problem.kind.rawValue): \(problem.message)"])
        }
        if problems.count > 500 { rows.append(.tag(.tr, .tag(.td, [.colspan(5)], text: T("… and %@ more", String(problems.count - 500))))) }
        return .tag(.h2, text: title) + .table([.class("data problems"), .id(id)],
                                              head: .row([T("Sheet"), T("Row"), T("Column"), T("Value"), T("Problem")], tag: .th), rows: rows)
    }

    private var sampleTable: Markup {
        guard !preview.sample.isEmpty else { return .empty }
        return .tag(.h2, text: T("Sample of what would be stored")) + .observations(preview.sample, of: structure, id: "sample")
    }

    private var gridTable: Markup {
        guard let grid, grid.lastRow > 0 else { return .empty }
        let columns = 1...min(grid.lastColumn, 30)
        return .tag(.h2, text: T("Sheet ‘%@’ (first %@ rows)", grid.name, String(Self.gridRows))) + .table([.class("data grid"), .id("grid")],
            head: .tag(.tr, [.tag(.th)] + columns.map { .tag(.th, text: CellReference.name(column: $0)) }),
            rows: (1...min(grid.lastRow, Self.gridRows)).map { row in
                .tag(.tr, [.tag(.th, text: String(row))] + columns.map { .tag(.td, text: grid.text(row: row, column: $0)) })
            })
    }

    private var profileJSON: String {
        guard let profile = preview.profile else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(profile)) ?? Data(), as: UTF8.self)
    }
}

import Foundation
