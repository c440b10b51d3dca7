import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Moves submissions through the workflow. Each step checks the actor's role and organisation
/// and the submission's state, writes the new state, the history event, the period locks and the
/// audit entry in one transaction.
public struct WorkflowRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Takes `action` on the submission as `user`. `comment` is required to return; `releaseAt`
    /// (publish only) is the embargo: the public sees the data from then on.
    @discardableResult
    public func perform(_ action: WorkflowAction, on submissionID: UUID, by user: User, comment: String? = nil,
                        releaseAt: Date? = nil) async throws -> Submission {
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        return try await store.writeTransaction { tx in
            guard let model = try await SubmissionModel.find(submissionID, on: tx), let before = model.domain else {
                throw StorageError.notFound("there is no submission \(submissionID.uuidString)")
            }
            guard action.isPermitted(for: user, organisationID: before.organisationID) else {
                throw StorageError.notPermitted("a \(user.role.rawValue) of \(user.organisationID ?? "no organisation") cannot \(action.rawValue) a submission of \(before.organisationID)")
            }
            guard !(action.needsAnotherPerson && before.submittedByUserID == user.id) else {
                throw StorageError.notPermitted("\(user.username) submitted this submission and so cannot \(action.rawValue) it: another data manager must (four eyes)")
            }
            guard action.from.contains(before.status) else {
                throw StorageError.conflict("submission \(submissionID.uuidString) is \(before.status.rawValue); only a "
                    + action.from.map(\.rawValue).sorted().joined(separator: " or ") + " submission can be given ‘\(action.label)’")
            }
            if action == .return && comment == nil {
                throw StorageError.invalid("returning a submission needs a comment that tells the producer what to correct")
            }
            let sql = tx.sql
            let actor = "user:\(user.username)"
            switch action {
            case .approve:
                try await lock(before, by: actor, sql: sql, on: tx)
            case .reopen:
                try await PeriodLockModel.query(on: tx).filter(\.$submissionID == submissionID).delete()
            case .return:
                model.reviewComment = comment
            case .publish:
                model.releaseAt = releaseAt
            case .resubmit:
                break
            }
            try await TableCache.bumpVersion(on: sql, dataset: before.datasetID)
            let after = action.to(from: before.status)
            model.status = after.rawValue
            try await model.update(on: tx)
            try await SubmissionEventModel(WorkflowEvent(
                submissionID: submissionID, at: Date(), actor: actor, action: action.rawValue,
                fromStatus: before.status, toStatus: after, comment: comment)).create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "submission.\(action.rawValue)", subject: "submission:\(submissionID.uuidString)",
                before: "status \(before.status.rawValue)",
                after: "status \(after.rawValue)" + (comment.map { ", comment: \($0)" } ?? "")
                    + (action == .publish ? ", release \(releaseAt.map { ISO8601DateFormatter().string(from: $0) } ?? "immediately")" : ""))
            return model.domain!
        }
    }

    /// Locks every period of an approved submission for its dataset; a period another approved
    /// submission already locks is a conflict.
    private func lock(_ submission: Submission, by actor: String, sql: any SQLDatabase, on tx: any Database) async throws {
        let periods = try await SubmissionConflicts.periodsOf(submission.id, sql: sql).sorted()
        let source = StatisticSource(channel: submission.channel)
        let held = try await PeriodLockModel.query(on: tx).filter(\.$datasetID == submission.datasetID)
            .filter(\.$source == source.rawValue).filter(\.$period ~~ periods).all()
        if let first = held.first(where: { $0.submissionID != submission.id }) {
            throw StorageError.conflict("\(submission.datasetID) \(first.period) is already approved in submission \(first.submissionID.uuidString)")
        }
        for period in periods where !held.contains(where: { $0.period == period }) {
            try await PeriodLockModel(datasetID: submission.datasetID, period: period, source: source, submissionID: submission.id, lockedBy: actor).create(on: tx)
        }
    }

    /// The submission's history, oldest first.
    public func history(of submissionID: UUID) async throws -> [WorkflowEvent] {
        try await SubmissionEventModel.query(on: store.database).filter(\.$submissionID == submissionID)
            .sort(\.$at).all().compactMap(\.event)
    }

    /// The periods the submission's approval locks (empty once reopened).
    public func lockedPeriods(of submissionID: UUID) async throws -> [String] {
        try await PeriodLockModel.query(on: store.database).filter(\.$submissionID == submissionID).sort(\.$period).all().map(\.period)
    }

    /// Whether a period of a dataset is approved and locked (for a source: D47).
    public func isLocked(datasetID: String, period: String, source: StatisticSource = .reported) async throws -> Bool {
        try await Self.isLocked(datasetID: datasetID, period: period, source: source, on: store.database)
    }

    /// The same, inside a transaction the caller holds.
    static func isLocked(datasetID: String, period: String, source: StatisticSource = .reported, on database: any Database) async throws -> Bool {
        try await PeriodLockModel.query(on: database).filter(\.$datasetID == datasetID).filter(\.$period == period)
            .filter(\.$source == source.rawValue).first() != nil
    }

    /// What needs `user`'s attention: for data managers and administrators, submissions to review
    /// and approved ones to publish; for producers, their organisation's returned and waiting ones.
    public func pending(for user: User) async throws -> [Submission] {
        let query = SubmissionModel.query(on: store.database).sort(\.$createdAt, .descending)
        switch user.role {
        case .administrator, .dataManager:
            query.filter(\.$status ~~ [SubmissionStatus.submitted.rawValue, SubmissionStatus.approved.rawValue])
        case .producer:
            guard let organisationID = user.organisationID else { return [] }
            query.filter(\.$organisationID == organisationID).filter(\.$channel != Submission.Channel.system.rawValue)
                .filter(\.$status ~~ [SubmissionStatus.returned.rawValue, SubmissionStatus.submitted.rawValue])
        case .analyst, .viewer, .microdataOfficer:
            return []
        }
        return try await query.all().compactMap(\.domain)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
