import IMDMSCore
import SQLKit

extension SQLSelectBuilder {
    /// `FROM observations o JOIN submissions s … WHERE s.status <> 'superseded'` (and the dataset,
    /// when given): the current data every read starts from. Columns are then named with table `o`.
    @discardableResult
    func fromCurrentObservations(dataset datasetID: String? = nil) -> Self {
        from(SQLAlias(SQLIdentifier("observations"), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "o"))
            .where(SQLColumn("status", table: "s"), .notEqual, SQLBind(SubmissionStatus.superseded.rawValue))
        if let datasetID { self.where(SQLColumn("dataset_id", table: "o"), .equal, SQLBind(datasetID)) }
        return self
    }
}
