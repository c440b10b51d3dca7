import FluentKit
import Foundation

final class PeriodLockModel: Model, @unchecked Sendable {
    static let schema = "period_locks"
    @ID(key: .id) var id: UUID?
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "period") var period: String
    @Field(key: "submission_id") var submissionID: UUID
    @Field(key: "locked_at") var lockedAt: Date
    @Field(key: "locked_by") var lockedBy: String

    init() {}
    init(datasetID: String, period: String, submissionID: UUID, lockedBy: String) {
        self.datasetID = datasetID
        self.period = period
        self.submissionID = submissionID
        self.lockedAt = Date()
        self.lockedBy = lockedBy
    }
}
