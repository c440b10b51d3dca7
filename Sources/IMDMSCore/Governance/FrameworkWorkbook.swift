import Foundation

/// Reads an assessment framework from a workbook (XLSX, or a CSV of the indicators sheet):
/// - `indicators` (or the first sheet): a header row, then one row per indicator with the
///   columns domain_code, domain, subdomain_code, subdomain, indicator_code, question, scale
///   (yes_no, absent_partial_complete or one of the `scales` sheet) and weight (1 if empty);
/// - `scales` (optional): scale, option_code, label, score (0 to 1);
/// - `framework` (optional): rows of key and value for id, version, title, illustrative, note.
/// `defaults` fills what the `framework` sheet leaves out. Every problem names sheet, row, column.
public enum FrameworkWorkbook {
    public static let indicatorColumns = ["domain_code", "domain", "subdomain_code", "subdomain", "indicator_code", "question", "scale", "weight"]

    public struct Defaults: Sendable {
        public var id: String, version: String, title: String, illustrative: Bool
        public init(id: String = "", version: String = "", title: String = "", illustrative: Bool = false) {
            self.id = id
            self.version = version
            self.title = title
            self.illustrative = illustrative
        }
    }

    public static func framework(from grids: [Grid], defaults: Defaults = Defaults()) throws(GovernanceError) -> AssessmentFramework {
        func named(_ name: String) -> Grid? { grids.first { $0.name.trimmedSpaces.lowercased() == name } }
        guard let sheet = named("indicators") ?? grids.first else {
            throw .workbook(sheet: "indicators", row: nil, column: nil, value: nil, message: "the workbook has no sheet")
        }
        var meta: [String: String] = [:]
        if let info = named("framework"), info.lastRow > 0 {
            for row in info.shownRows { meta[info.text(row: row, column: 1).trimmedSpaces.lowercased()] = info.text(row: row, column: 2).trimmedSpaces }
        }
        var scales: [AssessmentFramework.AnswerScale] = []
        if let scaleSheet = named("scales") { scales = try readScales(scaleSheet) }
        var domains: [AssessmentFramework.Domain] = []
        let columns = try header(sheet, FrameworkWorkbook.indicatorColumns, optional: ["weight"])
        guard sheet.lastRow >= 2 else { throw .workbook(sheet: sheet.name, row: nil, column: nil, value: nil, message: "there are no indicator rows") }
        for row in sheet.shownRows where row >= 2 {
            func field(_ name: String) -> String { columns[name].map { sheet.text(row: row, column: $0).trimmedSpaces } ?? "" }
            if FrameworkWorkbook.indicatorColumns.allSatisfy({ field($0).isEmpty }) { continue }
            for name in FrameworkWorkbook.indicatorColumns where name != "weight" && field(name).isEmpty {
                throw .workbook(sheet: sheet.name, row: row, column: name, value: nil, message: "no value")
            }
            var weight = 1.0
            if !field("weight").isEmpty {
                guard let number = Double(field("weight")), number > 0, number.isFinite else {
                    throw .workbook(sheet: sheet.name, row: row, column: "weight", value: field("weight"), message: "a weight is a positive number")
                }
                weight = number
            }
            let indicator = AssessmentFramework.Indicator(code: field("indicator_code"), question: field("question"), scale: field("scale"), weight: weight)
            if let d = domains.firstIndex(where: { $0.code == field("domain_code") }) {
                if let s = domains[d].subdomains.firstIndex(where: { $0.code == field("subdomain_code") }) {
                    domains[d].subdomains[s].indicators.append(indicator)
                } else {
                    domains[d].subdomains.append(.init(code: field("subdomain_code"), name: field("subdomain"), indicators: [indicator]))
                }
            } else {
                domains.append(.init(code: field("domain_code"), name: field("domain"),
                                     subdomains: [.init(code: field("subdomain_code"), name: field("subdomain"), indicators: [indicator])]))
            }
        }
        let framework = AssessmentFramework(
            id: meta["id"].flatMap { $0.isEmpty ? nil : $0 } ?? defaults.id,
            version: meta["version"].flatMap { $0.isEmpty ? nil : $0 } ?? defaults.version,
            title: meta["title"].flatMap { $0.isEmpty ? nil : $0 } ?? defaults.title,
            illustrative: meta["illustrative"].map { ["yes", "true", "1"].contains($0.lowercased()) } ?? defaults.illustrative,
            note: meta["note"], scales: scales, domains: domains)
        try framework.validate()
        return framework
    }

    /// Column positions by (lower-cased) header name in row 1; every required name must be there.
    static func header(_ sheet: Grid, _ names: [String], optional: Set<String> = []) throws(GovernanceError) -> [String: Int] {
        var columns: [String: Int] = [:]
        do {
            for column in sheet.columns(showing: 1) {
                let name = sheet.text(row: 1, column: column).trimmedSpaces.lowercased().replacingOccurrences(of: " ", with: "_")
                if !name.isEmpty && columns[name] == nil { columns[name] = column }
            }
        }
        let missing = names.filter { columns[$0] == nil && !optional.contains($0) }
        guard missing.isEmpty else {
            throw .workbook(sheet: sheet.name, row: 1, column: nil, value: nil,
                            message: "the header lacks \(missing.joined(separator: ", ")) (expected: \(names.joined(separator: ", ")))")
        }
        return columns
    }

    static func readScales(_ sheet: Grid) throws(GovernanceError) -> [AssessmentFramework.AnswerScale] {
        let columns = try header(sheet, ["scale", "option_code", "label", "score"])
        var scales: [AssessmentFramework.AnswerScale] = []
        for row in sheet.shownRows where row >= 2 {
            func field(_ name: String) -> String { columns[name].map { sheet.text(row: row, column: $0).trimmedSpaces } ?? "" }
            if ["scale", "option_code", "label", "score"].allSatisfy({ field($0).isEmpty }) { continue }
            guard !field("scale").isEmpty, !field("option_code").isEmpty else {
                throw .workbook(sheet: sheet.name, row: row, column: field("scale").isEmpty ? "scale" : "option_code", value: nil, message: "no value")
            }
            guard let score = Double(field("score")), (0...1).contains(score) else {
                throw .workbook(sheet: sheet.name, row: row, column: "score", value: field("score"), message: "a score is a number from 0 to 1")
            }
            let option = AssessmentFramework.AnswerOption(code: field("option_code"), label: field("label").isEmpty ? field("option_code") : field("label"), score: score)
            if let index = scales.firstIndex(where: { $0.id == field("scale") }) { scales[index].options.append(option) } else {
                scales.append(.init(id: field("scale"), options: [option]))
            }
        }
        return scales
    }
}
