import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

/// The scoring rule (D37) on the shipped illustrative framework, against values worked out by
/// hand in the comments; the SDG 10.7.2 bands at their edges; framework and answer checks.
@Suite("Migration governance: scoring, bands, frameworks")
struct GovernanceScoringTests {
    static let framework = try! AssessmentFramework.illustrative()

    static let answers2018 = GovernanceFixtures.answers2018
    static let answers2022 = GovernanceFixtures.answers2022
    static let expected2018 = GovernanceFixtures.expected2018
    static let expected2022 = GovernanceFixtures.expected2022

    static func check(_ score: AssessmentScore, _ expected: (domains: [Double], sdg: [Double], overall: Double)) {
        #expect(score.domains.map(\.code) == ["D1", "D2", "D3", "D4", "D5", "D6"])
        for (domain, (mgi, sdg)) in zip(score.domains, zip(expected.domains, expected.sdg)) {
            #expect(abs(domain.score - mgi) < 1e-4, "\(domain.code) MGI \(domain.score) ≠ \(mgi)")
            #expect(abs(domain.sdgValue - sdg) < 1e-4, "\(domain.code) SDG \(domain.sdgValue) ≠ \(sdg)")
        }
        #expect(abs(score.overall - expected.overall) < 1e-9, "overall \(score.overall)")
    }

    @Test("Domain, overall and SDG 10.7.2 values equal the hand-computed ones; the comparison finds 5 better, 1 worse")
    func handComputed() throws {
        let early = try AssessmentScore(framework: Self.framework, answers: Self.answers2018)
        let late = try AssessmentScore(framework: Self.framework, answers: Self.answers2022)
        Self.check(early, Self.expected2018)
        Self.check(late, Self.expected2022)
        #expect(early.domains.map(\.band) == [.requiresFurtherProgress, .partiallyMeets, .fullyMeets, .requiresFurtherProgress, .partiallyMeets, .meets])
        #expect(late.domains.map(\.band) == [.partiallyMeets, .meets, .fullyMeets, .partiallyMeets, .partiallyMeets, .partiallyMeets])
        let comparison = AssessmentComparison(framework: Self.framework, earlier: early, earlierAnswers: Self.answers2018, later: late, laterAnswers: Self.answers2022)
        #expect(abs(comparison.overallChange - 13.75) < 1e-9)
        #expect(comparison.improved.map(\.indicator.code) == ["MGI-1.2.1", "MGI-1.2.2", "MGI-2.1.1", "MGI-4.1.1", "MGI-5.2.2"])
        #expect(comparison.regressed.map(\.indicator.code) == ["MGI-6.2.1"])
        #expect(comparison.regressed.first?.earlierOption == "Partial" && comparison.regressed.first?.laterOption == "Absent")
    }

    @Test("SDG 10.7.2 bands at their edges")
    func bands() {
        #expect([0, 39.99, 40, 79.99, 80, 99.99, 100].map { SDGBand(value: $0) } ==
                [.requiresFurtherProgress, .requiresFurtherProgress, .partiallyMeets, .partiallyMeets, .meets, .meets, .fullyMeets])
    }

    @Test("An incomplete or wrong answer set is not scored, and the message names the indicators")
    func refusals() throws {
        var missing = Self.answers2018
        missing["MGI-3.2.2"] = nil
        #expect(throws: GovernanceError.incomplete(missing: ["MGI-3.2.2"])) { try AssessmentScore(framework: Self.framework, answers: missing) }
        var wrong = Self.answers2018
        wrong["MGI-1.1.2"] = "maybe"
        #expect(throws: GovernanceError.unknownAnswer(indicator: "MGI-1.1.2", value: "maybe")) { try AssessmentScore(framework: Self.framework, answers: wrong) }
        #expect(throws: GovernanceError.invalidLink(indicator: "MGI-1.1.1", value: "javascript:alert(1)")) {
            try AssessmentAnswer(indicator: "MGI-1.1.1", option: "Partial", link: "javascript:alert(1)", answeredBy: "x").validated(in: Self.framework)
        }
        // Labels are accepted and stored as codes.
        #expect(try AssessmentAnswer(indicator: "MGI-1.1.1", option: "Partial", answeredBy: "x").validated(in: Self.framework).option == "partial")
    }

    @Test("A framework workbook is read with its scales; faults name sheet, row, column and value")
    func workbook() throws {
        func grid(_ name: String, _ rows: [[String]]) -> Grid {
            var grid = Grid(name: name)
            for (r, row) in rows.enumerated() { for (c, value) in row.enumerated() where !value.isEmpty { grid.set(.text(value), row: r + 1, column: c + 1) } }
            return grid
        }
        let header = FrameworkWorkbook.indicatorColumns
        let indicators = grid("indicators", [header,
            ["D1", "Migrants' rights", "D1.1", "Health", "X-1", "Health care for migrants?", "levels", "2"],
            ["D1", "Migrants' rights", "D1.1", "Health", "X-2", "Schooling for migrant children?", "yes_no", ""],
            ["D2", "Whole-of-government approach", "D2.1", "Policy", "X-3", "A migration policy?", "yes_no", "1"]])
        let scales = grid("scales", [["scale", "option_code", "label", "score"], ["levels", "low", "Low", "0"], ["levels", "mid", "Middle", "0.4"], ["levels", "high", "High", "1"]])
        let meta = grid("framework", [["id", "MGI"], ["version", "2024-test"], ["title", "Test list"]])
        let framework = try FrameworkWorkbook.framework(from: [indicators, scales, meta])
        #expect(framework.version == "2024-test" && framework.indicators.map(\.code) == ["X-1", "X-2", "X-3"] && framework.indicator("X-1")?.weight == 2)
        let score = try AssessmentScore(framework: framework, answers: ["X-1": "mid", "X-2": "yes", "X-3": "no"])
        #expect(abs(score.domains[0].score - 100 * (2 * 0.4 + 1) / 3) < 1e-9 && score.domains[1].score == 0)
        let bad = grid("indicators", [header, ["D1", "Migrants' rights", "D1.1", "Health", "X-1", "Q?", "yes_no", "heavy"]])
        #expect(throws: GovernanceError.workbook(sheet: "indicators", row: 2, column: "weight", value: "heavy", message: "a weight is a positive number")) {
            try FrameworkWorkbook.framework(from: [bad, meta])
        }
        let unknownScale = grid("indicators", [header, ["D1", "Migrants' rights", "D1.1", "Health", "X-1", "Q?", "stars", ""]])
        #expect(throws: GovernanceError.invalidFramework("indicator X-1 uses the unknown scale ‘stars’")) { try FrameworkWorkbook.framework(from: [unknownScale, meta]) }
        let answers = grid("answers", [AssessmentWorkbook.columns, ["X-1", "Middle", "Act 5 of 2020", ""], ["X-9", "yes", "", ""]])
        #expect(throws: GovernanceError.workbook(sheet: "answers", row: 3, column: "indicator_code", value: "X-9", message: "not an indicator of MGI 2024-test")) {
            try AssessmentWorkbook.answers(from: [answers], framework: framework, answeredBy: "t")
        }
    }

    @Test("The scorecard document: overall change, domains side by side with a radar chart, SDG bands, indicators that moved")
    func scorecard() throws {
        let early = try AssessmentScore(framework: Self.framework, answers: Self.answers2018)
        let late = try AssessmentScore(framework: Self.framework, answers: Self.answers2022)
        let document = ScorecardReport(framework: Self.framework, later: .init(year: 2022, status: "approved", answers: Self.answers2022, score: late),
                                       earlier: .init(year: 2018, status: "published", answers: Self.answers2018, score: early), countryName: "Lesotho").document()
        #expect(document.sections.map(\.title) == ["Overall score", "Domain scores", "SDG indicator 10.7.2", "Indicators that improved", "Indicators that regressed"])
        #expect(document.sections[0].narrative.hasPrefix("In 2022 Lesotho's overall migration governance score was 77.5%, up 13.8 points from 63.8% in 2018."))
        #expect(document.sections[1].figures.first?.contains("role=\"img\"") == true)
        #expect(document.sections[1].plainTables.first?.rows.first == [.text("Migrants' rights"), .number(37.5), .number(75), .number(37.5)])
        #expect(document.sections[3].plainTables.first?.rows.count == 5 && document.sections[4].plainTables.first?.rows.count == 1)
        let csv = ReportRenderer(document).csv()
        #expect(csv.contains("Scores by domain (percent),Domain,,Migrants' rights,Migrants' rights,2022,2022,75,,"), "\(csv.prefix(800))")
    }
}
