import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Stores submissions atomically (the submission row and all its observations, or nothing) and
/// reads them back.
public struct SubmissionRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Submissions at least this large refresh PostgreSQL's statistics once stored.
    static let analyzeThreshold = 50_000

    /// Observations written per INSERT statement: a submission larger than this takes several.
    public static var observationsPerStatement: Int { ObservationWriter.rowsPerStatement }

    /// Stores a submission with its observations in one transaction. A key and period already
    /// held by another current submission is a conflict, unless that submission is named as
    /// superseded or is the same producer's earlier delivery of the same periods (then it is
    /// superseded automatically, and stays restorable). `content`: the source file's bytes, kept
    /// once per checksum with the submission.
    /// `actor`: who sent it, as the history and the audit trail name them (an API token:
    /// `token:NAME, role R`); by default the submitting user's account or the channel.
    @discardableResult
    public func store(_ submission: Submission, observations: [Observation], structure: DataStructure, content: Data? = nil,
                      actor: String? = nil) async throws -> Submission {
        let result = try await store.writeTransaction { tx in
            try await Self.store(submission, observations: observations, structure: structure, content: content, on: tx,
                                 seal: store.auditSeal, actor: actor)
        }
        // After a bulk load PostgreSQL's planner still believes the table is small and scans it
        // (a quarter's table took 1.1 s instead of 0.13 s on six million rows): refresh its statistics.
        if store.isPostgres && observations.count >= Self.analyzeThreshold {
            try await store.sql.raw("ANALYZE observations, submissions").run()
        }
        return result
    }

    /// The storing itself, inside a transaction the caller holds (an assessment stores its
    /// answers and its scores' submission in one).
    static func store(_ submission: Submission, observations: [Observation], structure: DataStructure, content: Data?, on tx: any Database,
                      seal: AuditSeal?, actor givenActor: String? = nil) async throws -> Submission {
        guard submission.datasetID == structure.id else {
            throw StorageError.invalid("submission \(submission.id) is for \(submission.datasetID), not \(structure.id)")
        }
        if let bad = observations.first(where: { $0.key.count != structure.dimensions.count }) {
            throw StorageError.invalid("key \(bad.seriesKey) has \(bad.key.count) codes; \(structure.id) has \(structure.dimensions.count) dimensions")
        }
        // One frequency per dataset: what lets a period filter bound its index scan (SDMXDataReader).
        if let bad = observations.first(where: { $0.period.frequency != structure.frequency }) {
            throw StorageError.invalid("\(structure.id) is \(structure.frequency.name.lowercased()); period \(bad.period) is \(bad.period.frequency.name.lowercased())")
        }
        var record = submission
        record.observationCount = observations.count
        let sql = tx.sql
        if let previousID = record.supersedesID {
            try await SubmissionConflicts.checkSupersedable(previousID, datasetID: record.datasetID, on: tx)
        }
        if let source = record.source {
            try await SubmissionConflicts.checkNotAlreadyImported(source, datasetID: record.datasetID, on: tx)
        }
        // The periods found once: a derived revision holds hundreds of thousands of values.
        let covered = observations.periods, periods = Set(covered.map(\.formatted))
        try await SubmissionConflicts.checkNotLocked(periodTexts: periods, datasetID: record.datasetID, source: StatisticSource(channel: record.channel), sql: sql)
        let superseded = try await SubmissionConflicts.resolve(observations, periodTexts: periods, for: record, sql: sql, on: tx)
        if record.supersedesID == nil { record.supersedesID = superseded.first }
        if let source = record.source, let content, try await SourceFileModel.find(source.sha256, on: tx) == nil {
            try await SourceFileModel(sha256: source.sha256, name: source.name, content: content).create(on: tx)
        }
        let model = SubmissionModel(record)
        model.firstPeriod = covered.min()?.formatted
        model.lastPeriod = covered.max()?.formatted
        try await model.create(on: tx)
        try await ObservationWriter(database: tx).insert(observations, submissionID: record.id, datasetID: record.datasetID)
        try await ObservationRollups.refresh(submission: record.id, dataset: record.datasetID, sql: sql)
        try await DatasetCodes.record(observations, datasetID: record.datasetID, sql: sql)
        try await TableCache.bumpVersion(on: sql, dataset: record.datasetID)
        let replaced = Set(superseded + [record.supersedesID].compactMap { $0 })
        for previousID in replaced {
            try await SubmissionModel.query(on: tx).filter(\.$id == previousID)
                .set(\.$status, to: SubmissionStatus.superseded.rawValue).update()
            try await ObservationRollups.drop(submission: previousID, sql: sql)
        }
        // Which source is current can change only in the periods stored or given up here.
        var touched = periods
        for previousID in replaced { touched.formUnion(try await SubmissionConflicts.periodsOf(previousID, sql: sql)) }
        try await SourceRules.apply(record.datasetID, periods: touched, on: sql)
        var actor = givenActor ?? record.channel.rawValue
        if givenActor == nil, let userID = record.submittedByUserID {
            actor = "user:" + ((try await UserModel.find(userID, on: tx))?.username ?? userID.uuidString)
        }
        try await SubmissionEventModel(WorkflowEvent(
            submissionID: record.id, at: record.createdAt, actor: actor,
            action: "submit", fromStatus: nil, toStatus: record.status, comment: nil)).create(on: tx)
        try await AuditRepository.append(on: tx, seal: seal, actor: actor,
            action: "submission.store", subject: "submission:\(record.id.uuidString)",
            after: "dataset \(record.datasetID), organisation \(record.organisationID), \(record.observationCount) observations, status \(record.status.rawValue)"
                + (record.source.map { ", file \($0.name) sha256 \($0.sha256)" } ?? "")
                + (replaced.isEmpty ? "" : ", supersedes \(replaced.map(\.uuidString).sorted().joined(separator: " "))")
                + (record.isSynthetic ? ", synthetic" : ""))
        return record
    }

    /// The bytes of a kept source file.
    public func sourceFile(sha256: String) async throws -> (name: String, content: Data)? {
        guard let model = try await SourceFileModel.find(sha256, on: store.database) else { return nil }
        return (model.name, model.content)
    }

    public func find(_ id: UUID) async throws -> Submission? {
        try await SubmissionModel.find(id, on: store.database)?.domain
    }

    /// Submissions newest first, optionally of one dataset, organisation (then only those its
    /// people or machines sent, not what IMDMS derived and filed under it) or state.
    public func list(datasetID: String? = nil, organisationID: String? = nil, status: SubmissionStatus? = nil, limit: Int? = nil) async throws -> [Submission] {
        let query = SubmissionModel.query(on: store.database).sort(\.$createdAt, .descending)
        if let datasetID { query.filter(\.$datasetID == datasetID) }
        if let organisationID {
            query.filter(\.$organisationID == organisationID).filter(\.$channel != Submission.Channel.system.rawValue)
        }
        if let status { query.filter(\.$status == status.rawValue) }
        if let limit { query.limit(limit) }
        return try await query.all().compactMap(\.domain)
    }

    /// How many submissions hold real (not synthetic) data.
    public func realSubmissionCount() async throws -> Int {
        try await SubmissionModel.query(on: store.database).filter(\.$isSynthetic == false).count()
    }

    public func syntheticSubmissionCount() async throws -> Int {
        try await SubmissionModel.query(on: store.database).filter(\.$isSynthetic == true).count()
    }

    private struct ObservationRow: Decodable {
        var k1, k2, k3, k4, k5, k6, k7, k8: String?
        var period: String
        var value: Double?
        var obs_status: String
        var conf_status: String
    }

    /// A submission's observations, in key and period order.
    public func observations(of submissionID: UUID) async throws -> [Observation] {
        let rows = try await store.sql.select()
            .columns((1...8).map { "k\($0)" } + ["period", "value", "obs_status", "conf_status"])
            .from("observations")
            .where("submission_id", .equal, SQLBind(submissionID))
            .orderBy("series_key").orderBy("period_start")
            .all(decoding: ObservationRow.self)
        return try rows.map { row in
            let key = [row.k1, row.k2, row.k3, row.k4, row.k5, row.k6, row.k7, row.k8].compactMap { $0 }
            return Observation(
                key: key, period: try Period(parsing: row.period), value: row.value,
                status: ObservationStatus(rawValue: row.obs_status) ?? .normal,
                confidentiality: ConfidentialityStatus(rawValue: row.conf_status) ?? .free
            )
        }
    }

    /// Total observations stored, across all submissions.
    public func observationCount() async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("observations").first(decoding: Count.self)?.n ?? 0
    }
}
