import Foundation

/// The person-dependent part of a derivation — flows, the count of open outcomes per month, visits
/// — as cells a store keeps between derivations (`movement_cells`), so that the next derivation
/// adds what changed instead of deriving everyone again (D50). Crossings and daily counts are
/// not kept here: they depend on each crossing alone, and their stored observations are their state.
extension MigrationDerivation {
    public struct Cell: Sendable, Hashable {
        public enum Kind: String, Sendable, CaseIterable { case flow, provisional, visit }
        public var kind: Kind
        /// The cell's key, its parts joined by `|` (the month first).
        public var key: String
        public var value: Int

        public init(kind: Kind, key: String, value: Int) {
            self.kind = kind
            self.key = key
            self.value = value
        }
    }

    private nonisolated(unsafe) static let visitMeasures: [(String, WritableKeyPath<VisitStatistics, Int>)] = [
        ("ARR", \.visitors), ("COMPLETED", \.completed), ("SECONDS", \.totalSeconds), ("PRESENT", \.stillPresent), ("OVERSTAY", \.overstays),
    ]

    /// Every flow, open-outcome and visit cell (zeros included: a delta's zero is a cell to leave as it is).
    public var cells: [Cell] {
        var cells = flows.map { Cell(kind: .flow, key: $0.key.joined(separator: "|"), value: $0.value) }
        cells += provisionalCounts.map { Cell(kind: .provisional, key: $0.key.formatted, value: $0.value) }
        for (key, visit) in visits {
            for (measure, path) in Self.visitMeasures {
                cells.append(Cell(kind: .visit, key: (key + [measure]).joined(separator: "|"), value: visit[keyPath: path]))
            }
        }
        return cells
    }

    /// Adds stored cells (or a delta's) to this derivation's flows, open outcomes and visits.
    public mutating func add(cells: [Cell]) {
        for cell in cells {
            let parts = cell.key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch cell.kind {
            case .flow:
                flows[parts, default: 0] += cell.value
            case .provisional:
                guard let month = try? Period(parsing: cell.key) else { continue }
                provisionalCounts[month, default: 0] += cell.value
            case .visit:
                guard parts.count == 3, let path = Self.visitMeasures.first(where: { $0.0 == parts[2] })?.1 else { continue }
                visits[Array(parts.prefix(2)), default: VisitStatistics()][keyPath: path] += cell.value
            }
        }
    }

    /// The people and crossings counted elsewhere (the stored state knows them; a delta does not).
    public mutating func setCounts(people: Int) { self.people = people }
}
