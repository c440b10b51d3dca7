import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Publishes a derived dataset's new values as a **revision** (D50): one system submission holding
/// every cell of each period whose values changed — a period is always wholly in one submission, so
/// its visibility and its approval lock stay one — while the values it replaces move to
/// `observation_revisions`, the history of the estimates. Nothing is copied for a period that did
/// not change. A changed period that is approved and locked is *held*: its revision waits until a
/// data manager reopens it, and the next derivation publishes it.
struct DerivedRevisions {
    let database: any Database
    let seal: AuditSeal?
    var sql: any SQLDatabase { database.sql }

    /// A value stored now (of traveller records), keyed by series key and period.
    struct StoredCell {
        var id: Int
        var submissionID: UUID
        var seriesKey: String
        var period: String
        var value: Double?
        var status: String
        var cellKey: String { seriesKey + "|" + period }
    }

    struct Revision {
        var submission: Submission?
        var periods: [String]
        var held: [String]
    }

    /// The dataset's current values derived from traveller records, for `periods` (nil: all).
    func stored(_ datasetID: String, periods: [String]?) async throws -> [String: StoredCell] {
        var cells: [String: StoredCell] = [:]
        let chunks: [[String]?] = periods.map { list in stride(from: 0, to: list.count, by: 10_000).map { Array(list[$0..<min($0 + 10_000, list.count)]) } } ?? [nil]
        for chunk in chunks {
            let select = sql.select()
                .column(SQLColumn("id", table: "o")).column(SQLColumn("submission_id", table: "o")).column(SQLColumn("series_key", table: "o"))
                .column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o")).column(SQLColumn("obs_status", table: "o"))
                .fromCurrentObservations(dataset: datasetID, allSources: true).only(.records)
            if let chunk { select.where(periods: chunk, table: "o") }
            let read = try await QueryRow.read(select.query, on: database) { row in
                guard let id = try row.int("id"), let submissionID = try row.uuid("submission_id") else {
                    throw StorageError.invalid("a stored value of \(datasetID) has no readable id or submission")
                }
                return StoredCell(id: id, submissionID: submissionID, seriesKey: try row.string("series_key") ?? "",
                                  period: try row.string("period") ?? "", value: try row.double("value"), status: try row.string("obs_status") ?? "")
            }
            for cell in read { cells[cell.cellKey] = cell }
        }
        return cells
    }

    /// Compares `target` — every value of the dataset for `periods` (nil: every period) — with
    /// `stored`, and stores the periods that changed as one revision.
    func revise(_ structure: DataStructure, target: [Observation], stored: [String: StoredCell], periods: Set<String>?) async throws -> Revision {
        var changed: Set<String> = []
        let targetPeriods = target.periods
        if stored.isEmpty {
            // Nothing stored: every period of the target changed (no key need be made).
            changed = Set(targetPeriods.map(\.formatted))
        } else {
            var targetKeys: Set<String> = []
            targetKeys.reserveCapacity(target.count)
            for observation in target {
                let period = observation.period.formatted
                let key = observation.seriesKey + "|" + period
                targetKeys.insert(key)
                guard !changed.contains(period) else { continue }
                if let old = stored[key], old.value == observation.value, old.status == observation.status.rawValue { continue }
                changed.insert(period)
            }
            for (key, cell) in stored where !targetKeys.contains(key) { changed.insert(cell.period) }
        }
        if let periods { changed.formIntersection(periods) }
        let locked = try await lockedPeriods(structure.id)
        let held = changed.intersection(locked).sorted()
        let publish = changed.subtracting(locked)
        try await hold(structure.id, periods: held, within: periods)
        guard !publish.isEmpty else { return Revision(submission: nil, periods: [], held: held) }

        let replaced = stored.values.filter { publish.contains($0.period) }
        for start in stride(from: 0, to: replaced.count, by: 10_000) {
            let ids = replaced[start..<min(start + 10_000, replaced.count)].map(\.id)
            try await sql.delete(from: "observations").where("id", .in, SQLBind.group(ids)).run()
        }
        let published = targetPeriods.filter { publish.contains($0.formatted) }
        // Every period of the target published (a first derivation): no copy of the target.
        let observations = published.count == targetPeriods.count ? target : target.filter { published.contains($0.period) }
        let submission = Submission(datasetID: structure.id, organisationID: structure.organisationID, source: nil, channel: .system, status: .submitted)
        let saved = try await SubmissionRepository.store(submission, observations: observations, structure: structure, content: nil, on: database, seal: seal)
        let history = replaced.map { cell -> [BulkWriter.Value] in
            let codes = cell.seriesKey.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            return [.text(structure.id), .text(cell.seriesKey)] + (0..<8).map { .optional(codes.indices.contains($0) ? codes[$0] : nil) }
                + [.text(cell.period), .optional(cell.value), .text(cell.status), .uuid(cell.submissionID), .uuid(saved.id)]
        }
        try await BulkWriter(database: database).insert(into: "observation_revisions",
            columns: ["dataset_id", "series_key"] + (1...8).map { "k\($0)" } + ["period", "value", "obs_status", "submission_id", "revised_by"], rows: history)
        // The submissions the revision took periods from hold fewer values; one left with none is superseded.
        for (submissionID, cells) in Dictionary(grouping: replaced, by: \.submissionID) {
            try await sql.raw("UPDATE submissions SET observation_count = observation_count - \(literal: cells.count) WHERE id = \(bind: submissionID)").run()
            try await ObservationRollups.remove(periods: publish, of: submissionID, sql: sql)
        }
        // A period whose derived values all went: the other source's values there may be current
        // again (storing the revision brought the marks of its own periods up to date).
        try await SourceRules.apply(structure.id, periods: publish.subtracting(published.map(\.formatted)), on: sql)
        let emptied = Array(Set(replaced.map(\.submissionID)))
        if !emptied.isEmpty {
            try await sql.update("submissions").set("status", to: SQLBind(SubmissionStatus.superseded.rawValue))
                .where("id", .in, SQLBind.group(emptied)).where("observation_count", .lessThanOrEqual, SQLBind(0)).run()
        }
        return Revision(submission: saved, periods: publish.sorted(), held: held)
    }

    /// Periods of the dataset approved (and locked) for traveller records.
    private func lockedPeriods(_ datasetID: String) async throws -> Set<String> {
        struct Row: Decodable { var period: String }
        return Set(try await sql.select().column("period").from(PeriodLockModel.schema)
            .where("dataset_id", .equal, SQLBind(datasetID)).where("source", .equal, SQLBind(StatisticSource.records.rawValue))
            .all(decoding: Row.self).map(\.period))
    }

    /// Records which of the compared periods (nil: all) wait for a locked period.
    private func hold(_ datasetID: String, periods held: [String], within compared: Set<String>?) async throws {
        let chunks: [[String]?] = compared.map { set in
            let sorted = set.sorted()
            return stride(from: 0, to: sorted.count, by: 10_000).map { Array(sorted[$0..<min($0 + 10_000, sorted.count)]) }
        } ?? [nil]
        for chunk in chunks {
            let delete = sql.delete(from: "movement_held_periods").where("dataset_id", .equal, SQLBind(datasetID))
            if let chunk { delete.where("period", .in, SQLBind.group(chunk)) }
            try await delete.run()
        }
        let rows = held.map { [BulkWriter.Value.text(datasetID), .text($0)] }
        try await BulkWriter(database: database).insert(into: "movement_held_periods", columns: ["dataset_id", "period"], rows: rows)
    }

    /// Periods whose revision waits for a locked period, by dataset.
    static func heldPeriods(on sql: any SQLDatabase) async throws -> [String: [String]] {
        struct Row: Decodable { var dataset_id: String; var period: String }
        let rows = try await sql.select().columns("dataset_id", "period").from("movement_held_periods")
            .orderBy("dataset_id").orderBy("period").all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.dataset_id).mapValues { $0.map(\.period) }
    }
}
