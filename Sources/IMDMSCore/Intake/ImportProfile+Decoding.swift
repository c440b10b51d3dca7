extension ImportProfile {
    private enum Keys: String, CodingKey {
        case datasetID, sheets, firstDataRow, valueColumns, dimensions, period, totalColumns, totalLabels, ignoreRowsStartingWith, blankCells, aliases, signature
    }

    /// Only the layout itself is required in a profile file; the rest has defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let defaults = ImportProfile(datasetID: "", firstDataRow: 1, valueColumns: [], dimensions: [:], period: .sheetName)
        self.init(
            datasetID: try c.decode(String.self, forKey: .datasetID),
            sheets: try c.decodeIfPresent([String].self, forKey: .sheets),
            firstDataRow: try c.decode(Int.self, forKey: .firstDataRow),
            valueColumns: try c.decode([String].self, forKey: .valueColumns),
            dimensions: try c.decode([String: DimensionSource].self, forKey: .dimensions),
            period: try c.decode(PeriodSource.self, forKey: .period),
            totalColumns: try c.decodeIfPresent([String].self, forKey: .totalColumns) ?? defaults.totalColumns,
            totalLabels: try c.decodeIfPresent([String].self, forKey: .totalLabels) ?? defaults.totalLabels,
            ignoreRowsStartingWith: try c.decodeIfPresent([String].self, forKey: .ignoreRowsStartingWith) ?? defaults.ignoreRowsStartingWith,
            blankCells: try c.decodeIfPresent(BlankCells.self, forKey: .blankCells) ?? defaults.blankCells,
            aliases: try c.decodeIfPresent([String: [String: String]].self, forKey: .aliases) ?? [:],
            signature: try c.decodeIfPresent(String.self, forKey: .signature)
        )
    }
}
