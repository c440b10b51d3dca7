import FluentKit
import Foundation
import IMDMSCore

final class PeriodLockModel: Model, @unchecked Sendable {
    static let schema = "source_period_locks"
    @ID(key: .id) var id: UUID?
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "period") var period: String
    /// `reported` or `records` (D47): each source's approval locks its own values.
    @Field(key: "source") var source: String
    @Field(key: "submission_id") var submissionID: UUID
    @Field(key: "locked_at") var lockedAt: Date
    @Field(key: "locked_by") var lockedBy: String

    init() {}
    init(datasetID: String, period: String, source: StatisticSource, submissionID: UUID, lockedBy: String) {
        self.datasetID = datasetID
        self.period = period
        self.source = source.rawValue
        self.submissionID = submissionID
        self.lockedAt = Date()
        self.lockedBy = lockedBy
    }
}
