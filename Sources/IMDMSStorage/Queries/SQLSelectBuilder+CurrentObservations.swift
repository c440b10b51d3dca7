import Foundation
import IMDMSCore
import SQLKit

extension SQLSelectBuilder {
    /// `FROM observations o JOIN submissions s … WHERE s.status <> 'superseded'` (and the dataset,
    /// when given): the current data every read starts from. Columns are then named with table `o`.
    /// With a `visibility`, only what that reader may see: published and released, or approved.
    /// Values of the source that is not current for their period are skipped (`set_aside`, D47)
    /// unless `allSources` (the conflict check and the coverage check compare each source alone).
    /// `table`: `observation_rollups` reads the same through a submission's partial sums (D53).
    @discardableResult
    func fromCurrentObservations(dataset datasetID: String? = nil, visibility: DataVisibility? = nil, allSources: Bool = false,
                                 table: String = "observations") -> Self {
        from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "o"))
            .where(SQLColumn("status", table: "s"), .notEqual, SQLBind(SubmissionStatus.superseded.rawValue))
        if !allSources { self.where(SQLColumn("set_aside", table: "o"), .equal, SQLLiteral.boolean(false)) }
        if let datasetID { self.where(SQLColumn("dataset_id", table: "o"), .equal, SQLBind(datasetID)) }
        if let visibility { self.visible(to: visibility, submissions: "s") }
        return self
    }

    /// Only submissions (table alias `submissions`) of one source: the one place that says channel
    /// `system` is traveller records in SQL, as `StatisticSource(channel:)` says it in Swift.
    @discardableResult
    func only(_ source: StatisticSource, submissions alias: String = "s") -> Self {
        self.where(SQLColumn("channel", table: alias), source == .records ? .equal : .notEqual, SQLBind(Submission.Channel.system.rawValue))
    }

    /// Only submissions (table alias `submissions`) the reader may see.
    @discardableResult
    func visible(to visibility: DataVisibility, submissions alias: String) -> Self {
        self.where(SQLColumn("status", table: alias), .in, SQLBind.group(visibility.statuses.map(\.rawValue)))
        if case let .released(now) = visibility {
            self.where { group in
                group.where(SQLColumn("release_at", table: alias), .is, SQLLiteral.null)
                    .orWhere(SQLColumn("release_at", table: alias), .lessThanOrEqual, SQLBind(now))
            }
        }
        return self
    }

    /// Only submissions (table alias `alias`) created, moved through the workflow or released after
    /// `date`: what SDMX `updatedAfter` asks for.
    @discardableResult
    func changed(after date: Date, submissions alias: String) -> Self {
        self.where { group in
            group.where(SQLColumn("created_at", table: alias), .greaterThan, SQLBind(date))
                .orWhere(SQLColumn("release_at", table: alias), .greaterThan, SQLBind(date))
                .orWhere(SQLColumn("id", table: alias), .in, SQLSubquery.select { sub in
                    sub.column("submission_id").from("submission_events").where("at", .greaterThan, SQLBind(date))
                })
        }
    }
}
