import Foundation

/// One indicator's answer in an assessment, with the evidence for it and who gave it.
public struct AssessmentAnswer: Codable, Sendable, Hashable {
    public var indicator: String
    /// The code of an option of the indicator's scale.
    public var option: String
    public var evidence: String
    /// An http(s) address of the evidence (a law, a policy, a report).
    public var link: String?
    /// An attached file, kept by checksum with the source files.
    public var fileName: String?
    public var fileSHA256: String?
    public var answeredBy: String

    public init(indicator: String, option: String, evidence: String = "", link: String? = nil, fileName: String? = nil,
                fileSHA256: String? = nil, answeredBy: String) {
        self.indicator = indicator
        self.option = option
        self.evidence = evidence
        self.link = link
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.answeredBy = answeredBy
    }

    /// The answer checked against the framework: a known indicator, an option of its scale
    /// (matched by code or label, stored as the code), an http(s) link if any.
    public func validated(in framework: AssessmentFramework) throws(GovernanceError) -> AssessmentAnswer {
        guard let indicator = framework.indicator(indicator) else { throw .unknownIndicator(self.indicator) }
        guard let option = framework.scale(indicator.scale)?.option(option.trimmingCharacters(in: .whitespaces)) else {
            throw .unknownAnswer(indicator: indicator.code, value: option)
        }
        var checked = self
        checked.option = option.code
        if let link = link?.trimmingCharacters(in: .whitespaces), !link.isEmpty {
            guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw .invalidLink(indicator: indicator.code, value: link)
            }
            checked.link = link
        } else {
            checked.link = nil
        }
        return checked
    }
}
