import FluentKit
import IMDMSCore
import Foundation

/// One indicator's answer with its evidence.
final class AssessmentAnswerModel: Model, @unchecked Sendable {
    static let schema = "assessment_answers"
    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "option_code") var optionCode: String
    @Field(key: "evidence") var evidence: String
    @OptionalField(key: "link") var link: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_sha256") var fileSHA256: String?
    @Field(key: "answered_by") var answeredBy: String
    @Field(key: "answered_at") var answeredAt: Date
    init() {}
}

extension AssessmentAnswerModel {
    var answer: AssessmentAnswer {
        AssessmentAnswer(indicator: indicatorCode, option: optionCode, evidence: evidence, link: link, fileName: fileName,
                         fileSHA256: fileSHA256, answeredBy: answeredBy)
    }

    func set(_ answer: AssessmentAnswer) {
        indicatorCode = answer.indicator
        optionCode = answer.option
        evidence = answer.evidence
        link = answer.link
        fileName = answer.fileName
        fileSHA256 = answer.fileSHA256
        answeredBy = answer.answeredBy
        answeredAt = Date()
    }
}
