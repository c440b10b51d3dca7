import Foundation
import IMDMSCore
import Testing

@Suite("Mirror comparison")
struct MirrorComparisonTests {
    static let spec = MirrorSpec(partner: "Lesotho", ours: .init(label: "Ours"), theirs: .init(dataset: "LSO_DEPARTURES", label: "Theirs"))

    @Test("A withheld or missing side has no difference: a published gap would give the withheld value away")
    func withheld() {
        let comparison = MirrorComparison(spec: Self.spec, rows: [
            .init(label: "January 2022", ours: .value(1_200), theirs: .value(1_000)),
            .init(label: "February 2022", ours: .withheld, theirs: .value(900)),
            .init(label: "March 2022", ours: .value(50), theirs: .none),
        ], total: .init(label: "Total", ours: .withheld, theirs: .value(1_900)))
        let table = comparison.table(title: "Mirror")
        #expect(table.rows.map { $0.map(\.text) } == [
            ["January 2022", "1,200", "1,000", "200", "20.0"],
            ["February 2022", "x", "900", "", ""],
            ["March 2022", "50", "", "", ""],
            ["Total", "x", "1,900", "", ""],
        ])
        #expect(table.notes.contains("x: withheld to protect confidentiality."))
        #expect(comparison.largest?.label == "January 2022")
        guard case let .context(fields) = comparison.context else { Issue.record("no context"); return }
        #expect(fields["difference_phrase"]?.textValue == "Our figure and Lesotho's cannot be compared for the whole period.")
        #expect(fields["ours"]?.textValue == "withheld" && fields["periods"]?.textValue == "1")
    }

    @Test("The gap in words: higher, lower or the same, as a share of the partner's figure")
    func phrases() {
        func phrase(_ ours: Double, _ theirs: Double) -> String? {
            let comparison = MirrorComparison(spec: Self.spec, rows: [], total: .init(label: "Total", ours: .value(ours), theirs: .value(theirs)))
            guard case let .context(fields) = comparison.context else { return nil }
            return fields["difference_phrase"]?.textValue
        }
        #expect(phrase(1_100, 1_000) == "Our figure is 100 (10%) higher than Lesotho's.")
        #expect(phrase(900, 1_000) == "Our figure is 100 (10%) lower than Lesotho's.")
        #expect(phrase(1_000, 1_000) == "Our figure and Lesotho's agree.")
    }

    @Test("A mirror section naming a dataset or code the configuration lacks is refused by name")
    func checked() throws {
        let reference = try ReferenceConfiguration.lesotho()
        var report = try #require(try ReportLibrary.load(overrides: nil, reference: reference).report("trafficking"))
        report.sections[0].mirror = MirrorSpec(partner: "South Africa", ours: .init(label: "Ours", filters: ["SEX": ["Q"]]),
                                               theirs: .init(dataset: "ZAF_ARRIVALS", label: "Theirs"))
        let folder = NSTemporaryDirectory() + "imdms-reports-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try JSONEncoder().encode(report).write(to: URL(fileURLWithPath: folder + "/trafficking.json"))
        #expect { try ReportLibrary.load(overrides: folder, reference: reference) } throws: { error in
            "\(error)".contains("report trafficking, section 1, mirror: 'Q' is not a code of CL_SEX")
                && "\(error)".contains("report trafficking, section 1, mirror: there is no dataset 'ZAF_ARRIVALS'")
        }
    }
}

@Suite("Series key order")
struct SeriesKeyOrderTests {
    @Test("Keys compare as their dotted series keys do, byte by byte, without being joined")
    func joinedOrder() {
        let codes = ["A", "AB", "A-X", "A_1", "B", "_T", "Z9", "a", "0"]
        var keys: [[String]] = []
        for x in codes { for y in codes { keys.append([x, y]) } }
        keys += [["A"], ["A", "B", "C"], ["AB", "_T", "A"]]
        for a in keys {
            for b in keys where a.count == b.count {
                let joined = Array(a.joined(separator: ".").utf8).lexicographicallyPrecedes(Array(b.joined(separator: ".").utf8))
                #expect(SDMXDataMessage.keyPrecedes(a, b) == joined, "\(a) \(b)")
            }
        }
    }
}
