/// Generates synthetic but plausible observations for every dataset of a reference
/// configuration: Maseru Bridge the busiest post, December/January peaks, the 2020 closures,
/// South Africa the main destination. Deterministic: the same call gives the same numbers.
public struct DemoDataGenerator: Sendable {
    public let reference: ReferenceConfiguration
    public let years: ClosedRange<Int>
    public let scale: Scale

    /// How much detail: `demo` (about half a million observations over 2015–2025) or `national`
    /// (border crossings by twenty citizenships and five purposes: over five million, for benchmarks).
    public enum Scale: String, Sendable, CaseIterable {
        case demo, national
    }

    public init(reference: ReferenceConfiguration, years: ClosedRange<Int> = 2015...2025, scale: Scale = .demo) {
        self.reference = reference
        self.years = years
        self.scale = scale
    }

    private var specs: [DemoSpec] { scale == .national ? LesothoDemoSpecs.national : LesothoDemoSpecs.all }

    /// The datasets the generator knows how to fill.
    public var datasetIDs: [String] {
        specs.map(\.datasetID).filter { reference.structure($0) != nil }
    }

    public func observations(for datasetID: String) -> [Observation] {
        guard let spec = specs.first(where: { $0.datasetID == datasetID }),
              let structure = reference.structure(datasetID)
        else { return [] }
        var random = SplitMix64(seedText: datasetID)
        let combos = combinations(spec.dimensions)
        var result: [Observation] = []
        for period in periods(structure.frequency, spec: spec) {
            let level = spec.totalPerPeriod * seasonality(period, spec: spec) * growth(period, spec: spec)
            for (key, share) in combos {
                let jitter = 1 + spec.noise * (2 * random.unit() - 1)
                var value = (level * share * jitter).rounded()
                if !structure.measure.isCount { value = (value / 1000).rounded() * 1000 }
                result.append(Observation(key: key, period: period, value: max(0, value)))
            }
        }
        return result
    }

    private func periods(_ frequency: Frequency, spec: DemoSpec) -> [Period] {
        let chosenYears = spec.onlyYears?.filter { years.contains($0) } ?? Array(years)
        return chosenYears.flatMap { year -> [Period] in
            switch frequency {
            case .annual: return [try? Period.year(year)].compactMap { $0 }
            case .quarterly: return (1...4).compactMap { try? Period.quarter(year, $0) }
            case .monthly: return (1...12).compactMap { try? Period.month(year, $0) }
            case .daily: return []
            }
        }
    }

    /// December and January peaks; Easter in April; borders nearly shut from April 2020 to early 2021.
    private func seasonality(_ period: Period, spec: DemoSpec) -> Double {
        guard spec.seasonal else { return 1 }
        var factor = 1.0
        switch period.frequency {
        case .monthly:
            factor = [1: 1.35, 4: 1.1, 12: 1.6][period.subperiod] ?? 1
        case .quarterly:
            factor = [1: 1.1, 4: 1.2][period.subperiod] ?? 1
        default:
            break
        }
        if period.year == 2020 && period.firstMonth >= 4 { factor *= period.firstMonth >= 10 ? 0.45 : 0.15 }
        if period.year == 2021 && period.lastMonth <= 3 { factor *= 0.6 }
        return factor
    }

    private func growth(_ period: Period, spec: DemoSpec) -> Double {
        let base = years.lowerBound
        var factor = 1.0
        for _ in base..<max(base, period.year) { factor *= 1 + spec.growth }
        return factor
    }

    /// Every full key of the weighted codes with its share of the total (weights normalised per dimension).
    private func combinations(_ dimensions: [DemoSpec.Weights]) -> [(key: [String], share: Double)] {
        var result: [(key: [String], share: Double)] = [([], 1)]
        for weights in dimensions {
            let sum = weights.reduce(0) { $0 + $1.weight }
            result = result.flatMap { partial in
                weights.map { (partial.key + [$0.code], partial.share * $0.weight / sum) }
            }
        }
        return result
    }
}
