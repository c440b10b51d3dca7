import Foundation

/// Two assessments side by side: the change of the overall and domain scores (in percentage
/// points) and the indicators whose answer scores rose or fell. Indicators are matched by code,
/// so assessments on two versions of a framework compare on the indicators they share.
public struct AssessmentComparison: Sendable {
    public struct Change: Sendable, Hashable {
        public var indicator: AssessmentFramework.Indicator
        public var domainName: String
        public var earlierOption: String
        public var laterOption: String
        public var earlierScore: Double
        public var laterScore: Double
    }

    public var earlier: AssessmentScore
    public var later: AssessmentScore
    public var improved: [Change]
    public var regressed: [Change]

    /// `earlierAnswers`/`laterAnswers`: indicator code → option code.
    public init(framework: AssessmentFramework, earlier: AssessmentScore, earlierAnswers: [String: String],
                later: AssessmentScore, laterAnswers: [String: String]) {
        self.earlier = earlier
        self.later = later
        var improved: [Change] = [], regressed: [Change] = []
        for indicator in framework.indicators {
            guard let before = earlier.indicators[indicator.code], let after = later.indicators[indicator.code], before != after else { continue }
            let scale = framework.scale(indicator.scale)
            func label(_ answers: [String: String]) -> String {
                let code = answers[indicator.code] ?? ""
                return scale?.option(code)?.label ?? code
            }
            let change = Change(indicator: indicator, domainName: framework.place(of: indicator.code)?.domain.name ?? "",
                                earlierOption: label(earlierAnswers), laterOption: label(laterAnswers), earlierScore: before, laterScore: after)
            if after > before { improved.append(change) } else { regressed.append(change) }
        }
        self.improved = improved
        self.regressed = regressed
    }

    /// Percentage points, later minus earlier.
    public var overallChange: Double { later.overall - earlier.overall }

    public func domainChange(_ code: String) -> Double? {
        guard let a = earlier.domain(code), let b = later.domain(code) else { return nil }
        return b.score - a.score
    }
}
