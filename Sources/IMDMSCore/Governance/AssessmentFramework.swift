import Foundation

/// A migration governance assessment framework as data: domains, sub-domains and indicators
/// (code, question, answer scale, weight), versioned. IOM's Migration Governance Indicators
/// arrange over 90 indicators in the six domains of the Migration Governance Framework (MiGOF);
/// the indicator list is imported from a workbook (`FrameworkWorkbook`). What ships is a short
/// illustrative set (`illustrative`), not IOM's questionnaire.
public struct AssessmentFramework: Codable, Sendable, Hashable {
    public struct AnswerOption: Codable, Sendable, Hashable {
        public var code: String
        public var label: String
        /// 0 (absent) to 1 (fully in place).
        public var score: Double
        public init(code: String, label: String, score: Double) {
            self.code = code
            self.label = label
            self.score = score
        }
    }

    public struct AnswerScale: Codable, Sendable, Hashable {
        public var id: String
        public var options: [AnswerOption]
        public init(id: String, options: [AnswerOption]) {
            self.id = id
            self.options = options
        }
        public func option(_ code: String) -> AnswerOption? {
            options.first { $0.code.caseInsensitiveCompare(code) == .orderedSame || $0.label.caseInsensitiveCompare(code) == .orderedSame }
        }
    }

    public struct Indicator: Codable, Sendable, Hashable {
        public var code: String
        public var question: String
        public var scale: String
        public var weight: Double
        public init(code: String, question: String, scale: String, weight: Double = 1) {
            self.code = code
            self.question = question
            self.scale = scale
            self.weight = weight
        }
    }

    public struct SubDomain: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var indicators: [Indicator]
        public init(code: String, name: String, indicators: [Indicator]) {
            self.code = code
            self.name = name
            self.indicators = indicators
        }
    }

    public struct Domain: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var subdomains: [SubDomain]
        public init(code: String, name: String, subdomains: [SubDomain]) {
            self.code = code
            self.name = name
            self.subdomains = subdomains
        }
        public var indicators: [Indicator] { subdomains.flatMap(\.indicators) }
    }

    public var id: String
    public var version: String
    public var title: String
    /// A set made up to show how the product works, not an official questionnaire.
    public var illustrative: Bool
    public var note: String?
    public var scales: [AnswerScale]
    public var domains: [Domain]

    public init(id: String, version: String, title: String, illustrative: Bool, note: String? = nil, scales: [AnswerScale], domains: [Domain]) {
        self.id = id
        self.version = version
        self.title = title
        self.illustrative = illustrative
        self.note = note
        self.scales = scales
        self.domains = domains
    }

    /// The six domains of IOM's Migration Governance Framework, in its order.
    public static let migofDomains: [(code: String, name: String)] = [
        ("D1", "Migrants' rights"), ("D2", "Whole-of-government approach"), ("D3", "Partnerships"),
        ("D4", "Well-being of migrants"), ("D5", "Mobility dimensions of crises"), ("D6", "Safe, orderly and regular migration"),
    ]

    /// The scales every framework may use without defining them.
    public static let standardScales = [
        AnswerScale(id: "yes_no", options: [AnswerOption(code: "yes", label: "Yes", score: 1), AnswerOption(code: "no", label: "No", score: 0)]),
        AnswerScale(id: "absent_partial_complete", options: [
            AnswerOption(code: "absent", label: "Absent", score: 0), AnswerOption(code: "partial", label: "Partial", score: 0.5),
            AnswerOption(code: "complete", label: "Complete", score: 1),
        ]),
    ]

    public var indicators: [Indicator] { domains.flatMap(\.indicators) }

    public func indicator(_ code: String) -> Indicator? { indicators.first { $0.code == code } }

    public func scale(_ id: String) -> AnswerScale? {
        scales.first { $0.id == id } ?? Self.standardScales.first { $0.id == id }
    }

    /// The domain and sub-domain an indicator sits in.
    public func place(of code: String) -> (domain: Domain, subdomain: SubDomain)? {
        for domain in domains {
            for subdomain in domain.subdomains where subdomain.indicators.contains(where: { $0.code == code }) { return (domain, subdomain) }
        }
        return nil
    }

    /// Codes unique, every domain with a sub-domain and every sub-domain with an indicator,
    /// weights positive, scales known with scores from 0 to 1.
    public func validate() throws(GovernanceError) {
        guard !id.isEmpty, !version.isEmpty else { throw .invalidFramework("it needs an id and a version") }
        guard !domains.isEmpty else { throw .invalidFramework("it has no domains") }
        var seen = Set<String>()
        for code in domains.map(\.code) + domains.flatMap(\.subdomains).map(\.code) + indicators.map(\.code) {
            guard !code.isEmpty else { throw .invalidFramework("a domain, sub-domain or indicator has no code") }
            guard seen.insert(code).inserted else { throw .invalidFramework("the code \(code) is used twice") }
        }
        for domain in domains {
            guard !domain.subdomains.isEmpty else { throw .invalidFramework("domain \(domain.code) has no sub-domains") }
            for subdomain in domain.subdomains where subdomain.indicators.isEmpty {
                throw .invalidFramework("sub-domain \(subdomain.code) has no indicators")
            }
        }
        for indicator in indicators {
            guard indicator.weight > 0, indicator.weight.isFinite else { throw .invalidFramework("indicator \(indicator.code) has weight \(indicator.weight); weights must be positive") }
            guard let scale = scale(indicator.scale) else { throw .invalidFramework("indicator \(indicator.code) uses the unknown scale ‘\(indicator.scale)’") }
            guard !scale.options.isEmpty, scale.options.allSatisfy({ (0...1).contains($0.score) }) else {
                throw .invalidFramework("scale \(scale.id) needs options scored from 0 to 1")
            }
        }
    }
}

extension AssessmentFramework {
    /// The illustrative framework that ships (`Resources/governance/mgi-illustrative.json`).
    public static func illustrative() throws -> AssessmentFramework {
        guard let url = Bundle.module.url(forResource: "mgi-illustrative", withExtension: "json", subdirectory: "governance") else {
            throw GovernanceError.invalidFramework("the shipped framework governance/mgi-illustrative.json is missing")
        }
        let framework = try JSONDecoder().decode(AssessmentFramework.self, from: Data(contentsOf: url))
        try framework.validate()
        return framework
    }
}
