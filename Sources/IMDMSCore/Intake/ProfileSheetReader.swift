import Foundation

/// Reads one sheet through a profile (see `ProfileImporter`).
struct ProfileSheetReader {
    let importer: ProfileImporter
    let grid: Grid

    private var profile: ImportProfile { importer.profile }
    private var structure: DataStructure { importer.structure }

    func read(into state: inout ProfileReadState) {
        var sheetPeriod: Period?
        switch profile.period {
        case .sheetName, .cell, .fixed:
            guard let period = fixedPeriod(&state) else { return }
            sheetPeriod = period
        case .column, .yearAndSubperiod:
            break
        }
        let valueColumns = profile.valueColumns.compactMap(CellReference.column)
        let totalColumns = profile.totalColumns.compactMap(CellReference.column)
        let labelColumns = structure.dimensions.compactMap { dimension -> Int? in
            if case let .column(letters)? = profile.dimensions[dimension.id] { return CellReference.column(letters) }
            return nil
        }
        let headerCodes = resolveHeaders(valueColumns, &state)
        var detailSums: [Int: Double] = [:]
        for row in grid.rows.keys.sorted() where row >= profile.firstDataRow && !grid.isBlank(row: row) {
            let firstText = grid.columns(showing: row).lazy.map { grid.text(row: row, column: $0) }.first { !$0.isEmpty } ?? ""
            if profile.ignoreRowsStartingWith.contains(where: { !$0.isEmpty && firstText.lowercased().hasPrefix($0.lowercased()) }) { continue }
            let labels = labelColumns.map { grid.text(row: row, column: $0) }
            if labels.contains(where: isTotalLabel) {
                checkTotalRow(row, valueColumns, &detailSums, &state)
                continue
            }
            if labels.allSatisfy(\.isEmpty) && valueColumns.allSatisfy({ grid.text(row: row, column: $0).isEmpty }) { continue }
            guard let period = sheetPeriod ?? rowPeriod(row, &state) else { continue }
            var rowCodes: [String: String] = [:]
            var rowOK = true
            for dimension in structure.dimensions {
                switch profile.dimensions[dimension.id] {
                case let .column(letters)?:
                    let column = CellReference.column(letters) ?? 0
                    if let code = code(grid.text(row: row, column: column), dimension, row: row, column: column, &state) {
                        rowCodes[dimension.id] = code
                    } else { rowOK = false }
                case let .fixed(code)?:
                    rowCodes[dimension.id] = code
                default:
                    break
                }
            }
            var rowSum = 0.0
            for column in valueColumns {
                if grid.value(row: row, column: column) == nil && profile.blankCells == .skip {
                    state.blankCellsSkipped += 1
                    continue
                }
                guard let value = value(row: row, column: column, &state) else { rowOK = false; continue }
                rowSum += value
                detailSums[column, default: 0] += value
                guard rowOK, let headers = headerCodes[column] else { continue }
                let key = structure.dimensions.map { rowCodes[$0.id] ?? headers[$0.id] ?? "" }
                add(Observation(key: key, period: period, value: value), row: row, column: column, &state)
            }
            for column in totalColumns {
                checkTotal(expected: rowSum, row: row, column: column, what: "the values of this row", &state)
            }
        }
    }

    private func isTotalLabel(_ text: String) -> Bool {
        let key = CodeMatcher.normalise(text)
        return !key.isEmpty && profile.totalLabels.contains { CodeMatcher.normalise($0) == key }
    }

    private func place(_ column: Int) -> String {
        CellReference.name(column: column)
    }

    /// The period for the whole sheet, from its name, a cell or the profile.
    private func fixedPeriod(_ state: inout ProfileReadState) -> Period? {
        let text: String
        let location: (row: Int?, column: String?)
        switch profile.period {
        case .sheetName: (text, location) = (grid.name, (nil, nil))
        case let .cell(reference):
            let cell = CellReference.parse(reference)
            text = cell.map { grid.text(row: $0.row, column: $0.column) } ?? ""
            location = (cell?.row, reference)
        case let .fixed(period): (text, location) = (period, (nil, nil))
        default: return nil
        }
        if let period = PeriodText.find(in: text, frequency: structure.frequency) { return period }
        state.problems.append(ImportProblem(.badPeriod, sheet: grid.name, row: location.row, column: location.column, value: text,
                                            message: "no \(structure.frequency.name.lowercased()) period found (e.g. \(Period.example(structure.frequency)))"))
        return nil
    }

    private func rowPeriod(_ row: Int, _ state: inout ProfileReadState) -> Period? {
        switch profile.period {
        case let .column(letters):
            let text = grid.text(row: row, column: CellReference.column(letters) ?? 0)
            if let period = PeriodText.find(in: text, frequency: structure.frequency) { return period }
            state.problems.append(ImportProblem(.badPeriod, sheet: grid.name, row: row, column: letters, value: text,
                                                message: "not a \(structure.frequency.name.lowercased()) period"))
        case let .yearAndSubperiod(yearLetters, subLetters):
            let year = grid.text(row: row, column: CellReference.column(yearLetters) ?? 0)
            let sub = grid.text(row: row, column: CellReference.column(subLetters) ?? 0)
            if let period = PeriodText.find(in: "\(sub) \(year)", frequency: structure.frequency) { return period }
            state.problems.append(ImportProblem(.badPeriod, sheet: grid.name, row: row, column: "\(yearLetters)+\(subLetters)",
                                                value: "\(year) \(sub)", message: "not a \(structure.frequency.name.lowercased()) period"))
        default:
            break
        }
        return nil
    }

    /// Codes from header rows for each value column.
    private func resolveHeaders(_ columns: [Int], _ state: inout ProfileReadState) -> [Int: [String: String]] {
        var result: [Int: [String: String]] = [:]
        for column in columns {
            var codes: [String: String] = [:]
            var ok = true
            for dimension in structure.dimensions {
                guard case let .headerRow(row)? = profile.dimensions[dimension.id] else { continue }
                if let code = code(grid.text(row: row, column: column), dimension, row: row, column: column, &state) {
                    codes[dimension.id] = code
                } else { ok = false }
            }
            if ok { result[column] = codes }
        }
        return result
    }

    private func code(_ text: String, _ dimension: DataDimension, row: Int, column: Int, _ state: inout ProfileReadState) -> String? {
        if let code = importer.match(text, dimension: dimension.id) { return code }
        let key = "\(dimension.id)|\(CodeMatcher.normalise(text))"
        if state.unknown[key] != nil {
            state.unknown[key]?.occurrences += 1
        } else {
            state.unknown[key] = UnknownValue(
                dimensionID: dimension.id, codelistID: dimension.codelistID, text: text.isEmpty ? "(empty)" : text, sheet: grid.name,
                row: row, column: place(column), occurrences: 1, suggestions: importer.suggestions(text, dimension: dimension.id))
        }
        return nil
    }

    private func value(row: Int, column: Int, _ state: inout ProfileReadState) -> Double? {
        let cell = grid.value(row: row, column: column)
        let text = cell?.displayText ?? ""
        var number: Double?
        switch cell {
        case let .number(value)?: number = value
        case .text?, .bool?, .date?, .error?:
            if case let .success(value) = AdminNumberParser.parse(text) { number = value }
        case nil:
            if profile.blankCells == .zero { number = 0 }
        }
        guard let value = number else {
            let kind: ImportProblem.Kind = text.isEmpty ? .missingValue : .notANumber
            state.problems.append(ImportProblem(kind, sheet: grid.name, row: row, column: place(column), value: text,
                                                message: text.isEmpty ? "the cell is empty" : "the cell does not hold a number"))
            return nil
        }
        if structure.measure.isCount && value < 0 {
            state.problems.append(ImportProblem(.negativeCount, sheet: grid.name, row: row, column: place(column), value: text,
                                                message: "a count cannot be negative"))
            return nil
        }
        if structure.measure.isCount && value.rounded() != value {
            state.problems.append(ImportProblem(.fractionalCount, sheet: grid.name, row: row, column: place(column), value: text,
                                                message: "a count must be a whole number"))
            return nil
        }
        return value
    }

    private func add(_ observation: Observation, row: Int, column: Int, _ state: inout ProfileReadState) {
        let identity = observation.seriesKey + " " + observation.period.formatted
        let here = "sheet '\(grid.name)' row \(row) column \(place(column))"
        if let first = state.seen[identity] {
            state.problems.append(ImportProblem(.duplicateKey, sheet: grid.name, row: row, column: place(column), value: identity,
                                                message: "the same key and period as \(first)"))
            return
        }
        state.seen[identity] = here
        state.locations[identity] = CellLocation(sheet: grid.name, row: row, column: place(column))
        state.observations.append(observation)
    }

    private func checkTotalRow(_ row: Int, _ columns: [Int], _ sums: inout [Int: Double], _ state: inout ProfileReadState) {
        for column in columns {
            checkTotal(expected: sums[column] ?? 0, row: row, column: column, what: "the rows above", &state)
        }
        sums.removeAll()
    }

    private func checkTotal(expected: Double, row: Int, column: Int, what: String, _ state: inout ProfileReadState) {
        let text = grid.text(row: row, column: column)
        guard !text.isEmpty, case let .success(total) = AdminNumberParser.parse(text) else { return }
        state.totalsChecked += 1
        if abs(total - expected) > 0.5 {
            state.problems.append(ImportProblem(
                .totalMismatch, sheet: grid.name, row: row, column: place(column), value: text,
                message: "the total says \(text) but \(what) add up to \(NumberText.plain(expected))"))
        }
    }
}
