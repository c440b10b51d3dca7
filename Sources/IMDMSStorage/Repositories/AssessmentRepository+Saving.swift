import FluentKit
import Foundation
import IMDMSCore
import SQLKit

extension AssessmentRepository {
    /// Who may enter answers: the assessment organisation's producers, data managers, administrators.
    public static func mayAnswer(_ user: User, organisationID: String) -> Bool {
        switch user.role {
        case .administrator, .dataManager: true
        case .producer: user.organisationID == organisationID
        case .analyst, .viewer, .microdataOfficer: false
        }
    }

    /// The scores as observations of MIGRATION_GOVERNANCE for the assessment's year: per domain
    /// the MGI score and the SDG 10.7.2 value, and the overall score (`_T`, `MGI`).
    public static func observations(_ score: AssessmentScore, year: Int) throws -> [Observation] {
        let period = try Period.year(year)
        var observations = [Observation(key: ["_T", "MGI"], period: period, value: score.overall)]
        for domain in score.domains {
            observations.append(Observation(key: [domain.code, "MGI"], period: period, value: domain.score))
            observations.append(Observation(key: [domain.code, "SDG1072"], period: period, value: domain.sdgValue))
        }
        return observations
    }

    public struct SaveOutcome: Sendable {
        public var changed: [String]
        public var submission: Submission?
    }

    /// Saves answers (new or changed ones; others stay) with their evidence files, in one
    /// transaction: the answers, an audit entry per changed answer, and — once every indicator
    /// is answered — the scores as a new MIGRATION_GOVERNANCE submission (status submitted) that
    /// supersedes the previous one. When the year is approved (locked) nothing is saved and the
    /// error says a data manager must reopen it.
    @discardableResult
    public func save(_ id: UUID, answers incoming: [AssessmentAnswer], files: [String: EvidenceFile] = [:], by user: User,
                     channel: Submission.Channel = .web, structure: DataStructure) async throws -> SaveOutcome {
        guard let stored = try await load(id) else { throw StorageError.notFound("there is no assessment \(id)") }
        guard Self.mayAnswer(user, organisationID: stored.summary.organisationID) else {
            throw StorageError.notPermitted("only the \(stored.summary.organisationID)'s producers, data managers and administrators may answer this assessment")
        }
        var validated: [AssessmentAnswer] = []
        for answer in incoming {
            var checked = try answer.validated(in: stored.framework)
            checked.answeredBy = user.username
            if let file = files[checked.indicator] {
                checked.fileName = file.name
                checked.fileSHA256 = SourceFile.sha256(of: file.content)
            } else if let previous = stored.answers[checked.indicator] {
                checked.fileName = previous.fileName
                checked.fileSHA256 = previous.fileSHA256
            }
            validated.append(checked)
        }
        func same(_ a: AssessmentAnswer, _ b: AssessmentAnswer) -> Bool {
            a.option == b.option && a.evidence == b.evidence && a.link == b.link && a.fileSHA256 == b.fileSHA256
        }
        let changed = validated.filter { answer in stored.answers[answer.indicator].map { !same($0, answer) } ?? true }
        guard !changed.isEmpty else { return SaveOutcome(changed: [], submission: nil) }
        var merged = stored.answers
        for answer in changed { merged[answer.indicator] = answer }
        let score = try? AssessmentScore(framework: stored.framework, answers: merged.mapValues(\.option))
        let year = stored.summary.year
        let summary = stored.summary
        let options = stored.framework
        return try await store.writeTransaction { tx in
            // An approved year is locked: refuse before anything changes, even while incomplete.
            if try await WorkflowRepository.isLocked(datasetID: Self.datasetID, period: String(year), on: tx) {
                throw StorageError.conflict("the \(year) assessment is approved and locked; a data manager must reopen it (Workflow › Reopen the periods) before an answer can change")
            }
            for answer in changed {
                if let sha = answer.fileSHA256, let file = files[answer.indicator], try await SourceFileModel.find(sha, on: tx) == nil {
                    try await SourceFileModel(sha256: sha, name: file.name, content: file.content).create(on: tx)
                }
                let before = stored.answers[answer.indicator]
                let model = try await AssessmentAnswerModel.query(on: tx).filter(\.$assessmentID == id).filter(\.$indicatorCode == answer.indicator).first()
                    ?? AssessmentAnswerModel()
                model.assessmentID = id
                model.set(answer)
                try await model.save(on: tx)
                func describe(_ a: AssessmentAnswer?) -> String? {
                    guard let a else { return nil }
                    let label = options.indicator(a.indicator).flatMap { options.scale($0.scale)?.option(a.option)?.label } ?? a.option
                    return "\(label)" + (a.evidence.isEmpty ? "" : "; evidence: \(a.evidence.prefix(200))") + (a.link.map { "; link \($0)" } ?? "")
                        + (a.fileName.map { "; file \($0)" } ?? "")
                }
                try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "user:\(user.username)", action: "assessment.answer",
                                                 subject: "assessment:\(id.uuidString) \(answer.indicator)", before: describe(before), after: describe(answer))
            }
            var submission: Submission?
            if let score {
                // Demo assessments are synthetic, entered by no stored user.
                let record = Submission(datasetID: Self.datasetID, organisationID: summary.organisationID,
                                        submittedByUserID: channel == .demo ? nil : user.id, source: nil, channel: channel,
                                        status: .submitted, supersedesID: summary.submissionID, isSynthetic: channel == .demo)
                submission = try await SubmissionRepository.store(record, observations: try Self.observations(score, year: year), structure: structure,
                                                                  content: nil, on: tx, seal: store.auditSeal)
            }
            try await AssessmentModel.query(on: tx).filter(\.$id == id)
                .set(\.$updatedAt, to: Date()).set(\.$submissionID, to: submission?.id ?? summary.submissionID).update()
            return SaveOutcome(changed: changed.map(\.indicator), submission: submission)
        }
    }
}
