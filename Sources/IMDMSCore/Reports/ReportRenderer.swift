import Foundation

/// A made report in each format: a web page through the (editable) HTML template, an XLSX
/// workbook with a contents sheet and a sheet per table, and one tidy CSV of every table.
public struct ReportRenderer: Sendable {
    public var document: ReportDocument
    /// The words the page and workbook add around the document, in its language.
    public var translations: Translations

    public init(_ document: ReportDocument, translations: Translations = .english) {
        self.document = document
        self.translations = translations
    }

    public var context: TemplateValue {
        let d = document
        var sections: [TemplateValue] = []
        for section in d.sections {
            sections.append(.context([
                "title": .text(section.title), "narrative": .text(section.narrative), "source": .text(section.source),
                "tables": .list(section.tables.map { .context(["html": .text(TableHTML($0).render().html)]) }
                    + section.plainTables.map { .context(["html": .text($0.html().html)]) }),
                "figures": .list(section.figures.map { .context(["svg": .text($0)]) }),
            ]))
        }
        return .context([
            "title": .text(d.definition.title), "description": .text(d.definition.description), "period": .text(d.periodLabel),
            "country": .text(d.countryName), "generated": .text(ISO8601DateFormatter().string(from: d.generatedAt)),
            "synthetic": .flag(d.isSynthetic), "sections": .list(sections), "stylesheet": .text(Self.stylesheet),
            "lang": .text(translations.language.rawValue), "produced": .text(translations.text("produced")),
            "synthetic_badge": .text(translations.text("Synthetic demo data")),
            "synthetic_note": .text(translations.text("These figures are generated for demonstration and are not official statistics.")),
        ])
    }

    public func html(template: MustacheTemplate) -> String { template.render(context) }

    public func xlsx() throws -> Data {
        var contents: [[XLSXWriter.Cell]] = [
            [.text(document.definition.title, .title)], [.text("\(document.countryName), \(document.periodLabel)", .note)],
        ]
        if document.isSynthetic { contents.append([.text(translations.text("Synthetic demo data: not official statistics."), .totalLabel)]) }
        contents.append([])
        var sheets: [XLSXWriter.Sheet] = []
        for section in document.sections {
            contents.append([.text(section.title, .totalLabel)])
            contents.append([.text(section.narrative)])
            for table in section.tables {
                let name = Self.sheetName(number: sheets.count + 1, title: table.title)
                contents.append([.text(translations.text("Table: %@ (sheet ‘%@’)", table.title, name), .note)])
                sheets.append(table.sheet(name: name))
            }
            for table in section.plainTables {
                let name = Self.sheetName(number: sheets.count + 1, title: table.title)
                contents.append([.text(translations.text("Table: %@ (sheet ‘%@’)", table.title, name), .note)])
                sheets.append(table.sheet(name: name))
            }
            contents.append([.text(section.source, .note)])
            contents.append([])
        }
        return try XLSXWriter(sheets: [XLSXWriter.Sheet(name: translations.text("Contents"), rows: contents, columnWidths: [120])] + sheets).data()
    }

    /// `3 Crossings by port` — numbered, cut at a word so it fits Excel's 31 characters.
    static func sheetName(number: Int, title: String) -> String {
        var name = "\(number)"
        for word in title.split(separator: " ") {
            guard name.count + 1 + word.count <= 31 else { break }
            name += " " + word
        }
        return name
    }

    static let csvHeader = "TABLE,ROW_DIMENSION,COLUMN_DIMENSION,ROW,ROW_LABEL,COLUMN,COLUMN_LABEL,OBS_VALUE,OBS_STATUS,CONF_STATUS"

    /// Every table, one tidy CSV: the table's title first on each line.
    public func csv() -> String {
        var lines: [String] = []
        for section in document.sections {
            for table in section.tables {
                let body = table.csv().split(separator: "\r\n", omittingEmptySubsequences: true)
                if lines.isEmpty { lines.append(Self.csvHeader) }
                let prefix = [table.title, table.table.request.rowDimension, table.table.request.columnDimension ?? ""].map(CSVText.cell).joined(separator: ",")
                for line in body.dropFirst() { lines.append(prefix + "," + line) }
            }
            for table in section.plainTables {
                if lines.isEmpty { lines.append(Self.csvHeader) }
                lines += table.csvLines()
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The report page's own styles (print-friendly: the PDF is printed from the same page).
    public static let stylesheet = """
        body { font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2rem; }
        .meta, .footnote, .source { color: #555; font-size: .85rem; } .badge { background: #D55E00; color: #fff; padding: .1rem .4rem; border-radius: .2rem; }
        table.data { border-collapse: collapse; margin: 1rem 0 .3rem; font-size: .9rem; } table.data caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
        table.data th, table.data td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; } table.data td { text-align: right; font-variant-numeric: tabular-nums; }
        table.data th { text-align: left; } table.data tr.total th, table.data tr.total td, table.data td.total { font-weight: 700; }
        table.data th.depth-1 { padding-left: 1.4rem; font-weight: 400; } table.data th.depth-2 { padding-left: 2.6rem; font-weight: 400; }
        figure { margin: 1rem 0; } svg.chart { max-width: 100%; height: auto; } section { break-inside: avoid-page; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
        """
}
