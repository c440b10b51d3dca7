import Foundation

/// Reads an assessment's answers from a workbook (XLSX, or CSV): the sheet `answers` (or the
/// first) with a header row and the columns indicator_code, answer (an option's code or label),
/// evidence and link (both optional). Every answer is checked against the framework; problems
/// name the sheet, row, column and value, and none is taken unless all are good.
public enum AssessmentWorkbook {
    public static let columns = ["indicator_code", "answer", "evidence", "link"]

    public static func answers(from grids: [Grid], framework: AssessmentFramework, answeredBy: String) throws(GovernanceError) -> [AssessmentAnswer] {
        guard let sheet = grids.first(where: { $0.name.trimmedSpaces.lowercased() == "answers" }) ?? grids.first else {
            throw .workbook(sheet: "answers", row: nil, column: nil, value: nil, message: "the workbook has no sheet")
        }
        let header = try FrameworkWorkbook.header(sheet, columns, optional: ["evidence", "link"])
        var answers: [AssessmentAnswer] = []
        var seen = Set<String>()
        guard sheet.lastRow >= 2 else { throw .workbook(sheet: sheet.name, row: nil, column: nil, value: nil, message: "there are no answer rows") }
        for row in sheet.shownRows where row >= 2 {
            func field(_ name: String) -> String { header[name].map { sheet.text(row: row, column: $0).trimmedSpaces } ?? "" }
            if columns.allSatisfy({ field($0).isEmpty }) { continue }
            let code = field("indicator_code")
            guard framework.indicator(code) != nil else {
                throw .workbook(sheet: sheet.name, row: row, column: "indicator_code", value: code, message: "not an indicator of \(framework.id) \(framework.version)")
            }
            guard seen.insert(code).inserted else {
                throw .workbook(sheet: sheet.name, row: row, column: "indicator_code", value: code, message: "the indicator is answered twice")
            }
            let answer = AssessmentAnswer(indicator: code, option: field("answer"), evidence: field("evidence"),
                                          link: field("link").isEmpty ? nil : field("link"), answeredBy: answeredBy)
            do { answers.append(try answer.validated(in: framework)) } catch {
                let column = if case .invalidLink = error { "link" } else { "answer" }
                throw .workbook(sheet: sheet.name, row: row, column: column, value: column == "link" ? field("link") : field("answer"),
                                message: column == "link" ? "not an http(s) address" : "not one of the answers the indicator's scale allows")
            }
        }
        return answers
    }
}
