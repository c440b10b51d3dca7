import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// One source per statistic (D47). The datasets that traveller records derive can also be reported
/// by a producer (Home Affairs' monthly cross-tab of BORDER_CROSSINGS, a ministry's MIGRATION_FLOWS).
/// Both are stored side by side; for each period both hold, the rule's source is current and the
/// other's values are *set aside* (`observations.set_aside`), which every read skips. The marks are
/// brought up to date in the transaction of every store and rule change, with a new data version.
public struct SourceRules: Sendable {
    /// The datasets that can have two sources.
    public static let datasets: Set<String> = Set(MovementDerivationJob.datasets)

    let store: Store

    public init(store: Store) { self.store = store }

    /// A dataset's rules, oldest first (a later rule overrides an earlier one where they overlap).
    public func rules(_ datasetID: String) async throws -> [SourceRule] {
        try await Self.rules(datasetID, on: store.sql)
    }

    /// Adds a rule on behalf of a data manager or administrator: audited, applied and a new data
    /// version, in one transaction.
    public func add(_ rule: SourceRule, by user: User) async throws {
        guard user.role == .dataManager || user.role == .administrator else {
            throw StorageError.notPermitted("Only a data manager or an administrator decides which source is current.")
        }
        guard Self.datasets.contains(rule.datasetID) else {
            throw StorageError.invalid("\(rule.datasetID) has one source only; source rules are for \(Self.datasets.sorted().joined(separator: ", ")).")
        }
        if let last = rule.last, last < rule.first { throw StorageError.invalid("the last period \(last) is before the first \(rule.first)") }
        try await store.writeTransaction { tx in
            let sql = tx.sql
            try await sql.insert(into: "source_rules").columns("dataset_id", "first_period", "last_period", "source", "created_by", "created_at")
                .values(SQLBind(rule.datasetID), SQLBind(rule.first.formatted), SQLBind(rule.last?.formatted), SQLBind(rule.source.rawValue),
                        SQLBind(user.username), SQLBind(Date())).run()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: user.username, action: "source.rule", subject: rule.datasetID,
                                             after: "\(rule.first)–\(rule.last.map(\.formatted) ?? "onwards"): \(rule.source.rawValue)")
            try await Self.apply(rule.datasetID, on: sql)
            try await TableCache.bumpVersion(on: sql, dataset: rule.datasetID)
        }
    }

    static func rules(_ datasetID: String, on sql: any SQLDatabase) async throws -> [SourceRule] {
        struct Row: Decodable { var first_period: String; var last_period: String?; var source: String }
        return try await sql.select().columns("first_period", "last_period", "source").from("source_rules")
            .where("dataset_id", .equal, SQLBind(datasetID)).orderBy("id").all(decoding: Row.self).compactMap { row in
                guard let first = try? Period(parsing: row.first_period), let source = StatisticSource(rawValue: row.source) else { return nil }
                return SourceRule(datasetID: datasetID, first: first, last: row.last_period.flatMap { try? Period(parsing: $0) }, source: source)
            }
    }

    /// The periods each source holds among the dataset's current submissions (of `within`; nil: all).
    static func periods(_ datasetID: String, within: [String]? = nil, on sql: any SQLDatabase) async throws -> [StatisticSource: Set<Period>] {
        struct Row: Decodable { var period: String; var channel: String }
        let select = sql.select().distinct()
            .column(SQLColumn("period", table: "o"), as: "period").column(SQLColumn("channel", table: "s"), as: "channel")
            .fromCurrentObservations(dataset: datasetID, allSources: true)
        if let within { select.where(periods: within, table: "o") }
        let rows = try await select.all(decoding: Row.self)
        var result: [StatisticSource: Set<Period>] = [:]
        for row in rows {
            guard let period = try? Period(parsing: row.period) else { continue }
            result[StatisticSource(channel: Submission.Channel(rawValue: row.channel) ?? .web), default: []].insert(period)
        }
        return result
    }

    /// The sources among the dataset's current submissions.
    static func sources(_ datasetID: String, on sql: any SQLDatabase) async throws -> Set<StatisticSource> {
        struct Row: Decodable { var channel: String }
        let rows = try await sql.select().distinct().column("channel").from("submissions")
            .where("dataset_id", .equal, SQLBind(datasetID)).where("status", .notEqual, SQLBind(SubmissionStatus.superseded.rawValue))
            .all(decoding: Row.self)
        return Set(rows.map { StatisticSource(channel: Submission.Channel(rawValue: $0.channel) ?? .web) })
    }

    /// Brings the set-aside marks of a dataset up to date with its submissions and rules — of the
    /// periods a store touched (`periods`), or of every period (nil: a rule changed).
    static func apply(_ datasetID: String, periods touched: Set<String>? = nil, on sql: any SQLDatabase) async throws {
        guard datasets.contains(datasetID) else { return }
        if let touched, touched.isEmpty { return }
        let within = touched.map { Array($0).sorted() }
        // A dataset with one source among its current submissions sets nothing aside: its periods
        // need not be read (a first extract's BORDER_CROSSINGS: 260,000 values), only old marks cleared.
        let setAside = try await sources(datasetID, on: sql).count < 2 ? [:]
            : SourceRule.setAside(periodsBySource: try await periods(datasetID, within: within, on: sql), rules: try await rules(datasetID, on: sql))
        // The partial sums carry the same marks (one per submission and period), kept in step (D53).
        for table in ["observations", "observation_rollups"] {
            let reset = sql.update(table).set("set_aside", to: SQLLiteral.boolean(false))
                .where("dataset_id", .equal, SQLBind(datasetID)).where("set_aside", .equal, SQLLiteral.boolean(true))
            if let within { reset.where(periods: within) }
            try await reset.run()
            for (source, periods) in setAside where !periods.isEmpty {
                let submissions = sql.select().column("id").from("submissions")
                    .where("dataset_id", .equal, SQLBind(datasetID))
                    .where("status", .notEqual, SQLBind(SubmissionStatus.superseded.rawValue))
                    .only(source, submissions: "submissions")
                try await sql.update(table).set("set_aside", to: SQLLiteral.boolean(true))
                    .where("dataset_id", .equal, SQLBind(datasetID))
                    .where(periods: periods.map(\.formatted).sorted())
                    .where("submission_id", .in, SQLGroupExpression(submissions.query))
                    .run()
            }
        }
    }
}
