import Foundation

/// An assessment's scores (docs/DECISIONS.md D37):
/// - an indicator scores its answer's option score, 0 to 1;
/// - a sub-domain scores the weighted mean of its indicators' scores;
/// - a domain's MGI score is 100 × the weighted mean of all its indicators' scores;
/// - the overall score is the mean of the domain scores (each domain counts the same);
/// - the SDG 10.7.2 value of a domain is 100 × the sum of its sub-domain (sub-category) scores
///   divided by their number, reported in the four `SDGBand`s.
/// Every indicator must be answered: an assessment with gaps is not scored.
public struct AssessmentScore: Sendable, Hashable {
    public struct SubDomainScore: Sendable, Hashable {
        public var code: String
        public var name: String
        /// 0 to 1.
        public var score: Double
    }

    public struct DomainScore: Sendable, Hashable {
        public var code: String
        public var name: String
        /// Percent.
        public var score: Double
        /// SDG 10.7.2 domain value, percent.
        public var sdgValue: Double
        public var band: SDGBand { SDGBand(value: sdgValue) }
        public var subdomains: [SubDomainScore]
    }

    public var domains: [DomainScore]
    /// Percent.
    public var overall: Double
    /// Indicator code → 0 to 1.
    public var indicators: [String: Double]

    public init(framework: AssessmentFramework, answers: [String: String]) throws(GovernanceError) {
        let missing = framework.indicators.map(\.code).filter { answers[$0] == nil }
        guard missing.isEmpty else { throw .incomplete(missing: missing) }
        var scores: [String: Double] = [:]
        for indicator in framework.indicators {
            let given = answers[indicator.code] ?? ""
            guard let option = framework.scale(indicator.scale)?.option(given) else { throw .unknownAnswer(indicator: indicator.code, value: given) }
            scores[indicator.code] = option.score
        }
        func weightedMean(_ indicators: [AssessmentFramework.Indicator]) -> Double {
            let weights = indicators.reduce(0) { $0 + $1.weight }
            return indicators.reduce(0) { $0 + $1.weight * (scores[$1.code] ?? 0) } / weights
        }
        domains = framework.domains.map { domain in
            let subdomains = domain.subdomains.map { SubDomainScore(code: $0.code, name: $0.name, score: weightedMean($0.indicators)) }
            return DomainScore(code: domain.code, name: domain.name, score: 100 * weightedMean(domain.indicators),
                               sdgValue: 100 * subdomains.reduce(0) { $0 + $1.score } / Double(subdomains.count), subdomains: subdomains)
        }
        overall = domains.reduce(0) { $0 + $1.score } / Double(domains.count)
        indicators = scores
    }

    public func domain(_ code: String) -> DomainScore? { domains.first { $0.code == code } }
}
