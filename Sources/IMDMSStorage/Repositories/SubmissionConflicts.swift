import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// The rules that decide whether a submission may be stored beside the data already there.
enum SubmissionConflicts {
    static func checkSupersedable(_ id: UUID, datasetID: String, on database: any Database) async throws {
        guard let previous = try await SubmissionModel.find(id, on: database) else {
            throw StorageError.notFound("there is no submission \(id) to supersede")
        }
        guard previous.datasetID == datasetID else {
            throw StorageError.conflict("submission \(id) is for \(previous.datasetID), not \(datasetID)")
        }
        guard previous.status != SubmissionStatus.superseded.rawValue else {
            throw StorageError.conflict("submission \(id) has already been superseded")
        }
    }

    /// The same file twice for the same dataset is recognised, whatever its name.
    static func checkNotAlreadyImported(_ source: SourceFile, datasetID: String, on database: any Database) async throws {
        if let earlier = try await SubmissionModel.query(on: database)
            .filter(\.$sourceSHA256 == source.sha256).filter(\.$datasetID == datasetID)
            .filter(\.$status != SubmissionStatus.superseded.rawValue).first() {
            throw StorageError.conflict(
                "this file (SHA-256 \(source.sha256.prefix(12))…) was already imported as submission \(earlier.id?.uuidString ?? "?") "
                    + "from '\(earlier.sourceFileName ?? "")'"
            )
        }
    }

    struct ExistingKey: Decodable { var series_key: String; var period: String; var submission_id: UUID }

    /// Current observations of the dataset with the same key and period as the new ones.
    /// Only the same source's values clash: a producer's report and the statistics derived from
    /// traveller records stand side by side, and a source rule decides which is current (D47).
    /// `periodTexts`: the observations' periods, found once by the caller.
    static func clashingKeys(_ observations: [Observation], periodTexts: Set<String>, datasetID: String, source: StatisticSource,
                             sql: any SQLDatabase) async throws -> [ExistingKey] {
        let periods = periodTexts.sorted()
        guard !periods.isEmpty else { return [] }
        let existing = try await sql.select()
            .column(SQLColumn("series_key", table: "o")).column(SQLColumn("period", table: "o"))
            .column(SQLColumn("submission_id", table: "o"))
            .fromCurrentObservations(dataset: datasetID, allSources: true)
            .only(source)
            .where(periods: periods, table: "o")
            .all(decoding: ExistingKey.self)
        guard !existing.isEmpty else { return [] }
        let incoming = Set(observations.map { $0.seriesKey + "|" + $0.period.formatted })
        return existing.filter { incoming.contains($0.series_key + "|" + $0.period) }
    }

    /// The submissions the new one replaces: those holding any of its keys and periods. Each must
    /// be named (`supersedesID`) or be the same producer's delivery of periods the new one covers
    /// entirely; anything else is a conflict.
    static func resolve(_ observations: [Observation], periodTexts newPeriods: Set<String>, for record: Submission, sql: any SQLDatabase,
                        on database: any Database) async throws -> [UUID] {
        let clashes = try await clashingKeys(observations, periodTexts: newPeriods, datasetID: record.datasetID,
                                             source: StatisticSource(channel: record.channel), sql: sql)
            .filter { $0.submission_id != record.supersedesID }
        guard !clashes.isEmpty else { return [] }
        var replaced: [UUID] = []
        for owner in Set(clashes.map(\.submission_id)) {
            let earlier = try await SubmissionModel.find(owner, on: database)
            let periods = try await periodsOf(owner, sql: sql)
            if earlier?.organisationID == record.organisationID && periods.isSubset(of: newPeriods) {
                replaced.append(owner)
                continue
            }
            let first = clashes.first { $0.submission_id == owner }!
            throw StorageError.conflict(
                "\(clashes.filter { $0.submission_id == owner }.count) observation(s) are already stored by submission \(owner.uuidString) "
                    + "(first: key \(first.series_key), period \(first.period)), which covers other periods too; "
                    + "supersede that submission to replace it"
            )
        }
        return replaced.sorted { $0.uuidString < $1.uuidString }
    }

    private struct PeriodRow: Decodable { var period: String }

    /// Approved periods are locked: nothing new is stored for them until a data manager reopens them.
    /// Only the same source's approval locks (D47).
    static func checkNotLocked(periodTexts: Set<String>, datasetID: String, source: StatisticSource, sql: any SQLDatabase) async throws {
        let periods = periodTexts.sorted()
        guard !periods.isEmpty else { return }
        let locked = try await sql.select().column("period").from(PeriodLockModel.schema)
            .where("dataset_id", .equal, SQLBind(datasetID)).where("source", .equal, SQLBind(source.rawValue))
            .where("period", .in, SQLBind.group(periods))
            .orderBy("period").all(decoding: PeriodRow.self).map(\.period)
        guard locked.isEmpty else {
            throw StorageError.conflict(
                "\(datasetID) \(locked.joined(separator: ", ")) \(locked.count == 1 ? "is" : "are") approved and locked; "
                    + "a data manager must reopen \(locked.count == 1 ? "it" : "them") before new data can replace the approved figures")
        }
    }

    static func periodsOf(_ submission: UUID, sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.select().distinct().column("period").from("observations")
            .where("submission_id", .equal, SQLBind(submission)).all(decoding: PeriodRow.self).map(\.period))
    }
}
