/// One figure as an output shows it: a value, withheld (`x`), or none. Sums and differences of
/// figures are withheld when any part is, so a figure made from others never gives away a
/// withheld one; a part with no data counts as nothing.
public enum PublishedFigure: Sendable, Hashable {
    case value(Double)
    case withheld
    case none

    public var number: Double? { if case let .value(v) = self { v } else { nil } }

    /// A table cell as the reader sees it.
    public init(_ cell: TableResult.Cell?) {
        guard let cell else { self = .none; return }
        if cell.isWithheld { self = .withheld } else { self = cell.value.map { .value($0) } ?? .none }
    }

    public static func + (a: PublishedFigure, b: PublishedFigure) -> PublishedFigure {
        switch (a, b) {
        case (.withheld, _), (_, .withheld): .withheld
        case (.none, .none): .none
        default: .value((a.number ?? 0) + (b.number ?? 0))
        }
    }

    public static func - (a: PublishedFigure, b: PublishedFigure) -> PublishedFigure {
        switch (a, b) {
        case (.withheld, _), (_, .withheld): .withheld
        case (.none, .none): .none
        default: .value((a.number ?? 0) - (b.number ?? 0))
        }
    }
}
