import Foundation
@testable import IMDMSCore
import IMDMSTestSupport
import Testing

/// Hand-built datasets with known answers, protected by the cube and handed to the attacker
/// (Tests/attacker/attack.py): differencing, combined differencing and linear programming over
/// every cell the cube publishes must work out none of the protected values. As a control, the
/// same cells published with only the small cells withheld must be broken.
@Suite("Attacker: hand-built cases")
struct AttackerCaseTests {
    static func codelist(_ id: String, _ codes: [String], parents: [String: String] = [:], total: String = "_T") -> Codelist {
        try! Codelist(id: id, name: id, codes: [Code(id: total, name: "Total")] + codes.map { Code(id: $0, name: $0, parentID: parents[$0] ?? total) })
    }

    static func structure(_ id: String, _ dims: [(String, String)], frequency: Frequency, threshold: Int) -> DataStructure {
        try! DataStructure(id: id, name: id, dimensions: dims.map { DataDimension(id: $0.0, name: $0.0, codelistID: $0.1) },
                           frequency: frequency, measure: Measure(name: "Persons", unit: "PS", kind: .flow), disclosureThreshold: threshold,
                           organisationID: "O", metadata: DatasetMetadata(description: "", source: "test", contact: "", methodology: ""))
    }

    /// The case file: each dimension's tree (with the "not further specified" leaves), the
    /// periods, the atoms with their true values, and every cell the cube publishes or withholds.
    static func caseJSON(_ name: String, _ cube: ProtectedCube, onlyPrimaries: Bool = false) throws -> Data {
        var dimensions: [[[String: String?]]] = []
        for axis in cube.axes {
            dimensions.append(axis.codes.indices.map { node in
                ["code": axis.codes[node], "parent": axis.parent[node] >= 0 ? axis.codes[axis.parent[node]] : nil]
            })
        }
        var periods: [String: String?] = [:]
        var atoms: [[String: Any]] = []
        var cells: [[String: Any]] = []
        func codes(_ key: CellKey) -> [String] { cube.axes.indices.map { cube.axes[$0].codes[key[$0]] } }
        for (period, cells_) in cube.periods {
            let parent = Frequency.allCases.filter { $0 < period.frequency }.max().flatMap { period.converted(to: $0) }
            periods[period.formatted] = cube.isStock ? nil : parent?.formatted
            if period.frequency == cube.structure.frequency {
                for (key, weight) in cells_.atoms { atoms.append(["codes": codes(key), "period": period.formatted, "value": weight]) }
            }
            for (key, value) in cells_.values {
                if cube.axes.indices.contains(where: { cube.axes[$0].isRemainder[key[$0]] }) { continue }
                let withheld = onlyPrimaries ? (value > 0 && value < Double(cube.threshold)) : cells_.withheld.contains(key)
                cells.append(["codes": codes(key), "period": period.formatted, "value": withheld ? NSNull() : value])
            }
        }
        for (index, atom) in atoms.enumerated() {
            if cube.confidentialAtoms.contains((atom["codes"] as! [String]).joined(separator: ".") + "@" + (atom["period"] as! String)) {
                atoms[index]["confidential"] = true
            }
        }
        let object: [String: Any] = ["name": name, "threshold": cube.threshold,
                                     "dimensions": dimensions.map { $0.map { $0.mapValues { $0 as Any? ?? NSNull() } } },
                                     "periods": periods.mapValues { $0 as Any? ?? NSNull() }, "atoms": atoms, "cells": cells]
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func attack(_ json: Data) throws -> (passed: Bool, output: String) {
        let path = try Python.temporaryFile(json, suffix: ".json")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("attacker/attack.py").path
        do {
            let output = try Python.run("import runpy, sys; sys.argv = ['attack.py', '--case', sys.argv[1]]; runpy.run_path(\(String(reflecting: script)), run_name='__main__')",
                                        arguments: [path])
            return (true, output)
        } catch let error as PythonError {
            return (false, error.message)
        }
    }

    static func observations(_ rows: [([String], String, Double)], confidential: Set<Int> = []) -> [Observation] {
        rows.enumerated().map { index, row in
            Observation(key: row.0, period: try! Period(parsing: row.1), value: row.2, confidentiality: confidential.contains(index) ? .confidential : .free)
        }
    }

    /// Cases: a two-way table whose small cells sit so that row-and-column pairing leaves a
    /// bridge; a block of ones; three dimensions over the months of a quarter; data at two levels
    /// with a value the producer sent as confidential.
    static var cases: [(String, DataStructure, [String: Codelist], [Observation])] {
        let r = codelist("CL_R", ["r1", "r2", "r3", "r4"]), c = codelist("CL_C", ["c1", "c2", "c3"]), s = codelist("CL_S", ["F", "M"])
        let area = try! Codelist(id: "CL_AREA", name: "Area", codes: [
            Code(id: "WORLD", name: "World"), Code(id: "LSO", name: "Lesotho", parentID: "WORLD"), Code(id: "FOREIGN", name: "Foreign", parentID: "WORLD"),
            Code(id: "ZAF", name: "South Africa", parentID: "FOREIGN"), Code(id: "MOZ", name: "Mozambique", parentID: "FOREIGN"),
            Code(id: "BWA", name: "Botswana", parentID: "FOREIGN"),
        ])
        let lists = ["CL_R": r, "CL_C": c, "CL_S": s, "CL_AREA": area]
        let twoWay = structure("TWO_WAY", [("R", "CL_R"), ("C", "CL_C")], frequency: .annual, threshold: 3)
        let grid: [[Double]] = [[1, 8, 9], [7, 1, 12], [10, 15, 2], [20, 25, 30]]
        var rows: [([String], String, Double)] = []
        for (i, line) in grid.enumerated() { for (j, v) in line.enumerated() { rows.append((["r\(i + 1)", "c\(j + 1)"], "2024", v)) } }
        let ones = (1...2).flatMap { i in (1...2).map { j in (["r\(i)", "c\(j)"], "2024", 1.0) } } + [(["r3", "c3"], "2024", 40.0), (["r4", "c1"], "2024", 5.0)]
        let three = structure("THREE", [("R", "CL_R"), ("C", "CL_C"), ("SEX", "CL_S")], frequency: .monthly, threshold: 3)
        var monthly: [([String], String, Double)] = []
        var seed: UInt64 = 7
        for month in ["2024-01", "2024-02", "2024-03"] {
            for ri in ["r1", "r2", "r3"] { for ci in ["c1", "c2", "c3"] { for si in ["F", "M"] {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                monthly.append(([ri, ci, si], month, Double((seed >> 33) % 9)))
            } } }
        }
        let mixed = structure("MIXED", [("AREA", "CL_AREA"), ("SEX", "CL_S")], frequency: .quarterly, threshold: 3)
        let mixedRows: [([String], String, Double)] = [
            (["FOREIGN", "F"], "2024-Q1", 9), (["FOREIGN", "M"], "2024-Q1", 2), (["LSO", "F"], "2024-Q1", 30), (["LSO", "M"], "2024-Q1", 25),
            (["ZAF", "F"], "2024-Q2", 6), (["ZAF", "M"], "2024-Q2", 1), (["MOZ", "F"], "2024-Q2", 4), (["MOZ", "M"], "2024-Q2", 5),
            (["BWA", "F"], "2024-Q2", 7), (["LSO", "F"], "2024-Q2", 28), (["LSO", "M"], "2024-Q2", 26), (["FOREIGN", "_T"], "2024-Q2", 25),
        ]
        return [
            ("two-way with a bridge", twoWay, lists, observations(rows)),
            ("a block of ones", twoWay, lists, observations(ones)),
            ("three dimensions over a quarter's months", three, lists, observations(monthly)),
            ("two levels and a confidential value", mixed, lists, observations(mixedRows, confidential: [8])),
        ]
    }

    @Test("The cube's outputs give no protected value away; the same cells with only small cells withheld do", arguments: 0..<4)
    func attackCase(index: Int) throws {
        guard Python.available(["numpy", "scipy"]) else { return }
        let (name, structure, lists, observations) = Self.cases[index]
        let cube = ProtectedCube(structure: structure, codelists: lists, threshold: structure.disclosureThreshold, observations: observations)
        let protected = try Self.attack(try Self.caseJSON(name, cube))
        print(name, protected.output)
        #expect(protected.passed, "\(name): \(protected.output)")
        #expect(protected.output.contains("\"(c) LP: protected worked out\": 0"), "\(protected.output)")
        let naive = try Self.attack(try Self.caseJSON(name, cube, onlyPrimaries: true))
        #expect(!naive.passed, "\(name): withholding only the small cells must be broken: \(naive.output)")
    }
}
