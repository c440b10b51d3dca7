import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Migration governance assessments: frameworks (versioned), assessments and their answers with
/// evidence. Saving answers scores the assessment and stores the scores as a submission of
/// MIGRATION_GOVERNANCE in the same transaction, so an assessment goes through the ordinary
/// workflow: once approved its year is locked, and changing an answer needs a data manager to
/// reopen it. Every changed answer is in the audit trail.
public struct AssessmentRepository: Sendable {
    public static let datasetID = "MIGRATION_GOVERNANCE"

    let store: Store

    public init(store: Store) { self.store = store }

    public struct FrameworkSummary: Codable, Sendable, Hashable {
        public var id: String, code: String, version: String, title: String, illustrative: Bool
    }

    public struct Summary: Codable, Sendable, Hashable {
        public var id: UUID
        public var frameworkID: String
        public var year: Int
        public var organisationID: String
        public var submissionID: UUID?
        /// The scores' submission status, or `draft` before every indicator is answered.
        public var status: String
        public var answered: Int
        /// The scores' release time once published with an embargo.
        public var releaseAt: Date?
    }

    public struct Stored: Sendable {
        public var summary: Summary
        public var framework: AssessmentFramework
        public var answers: [String: AssessmentAnswer]
        /// Scores once every indicator is answered.
        public var score: AssessmentScore? { try? AssessmentScore(framework: framework, answers: answers.mapValues(\.option)) }
    }

    /// An evidence file sent with an answer.
    public struct EvidenceFile: Sendable {
        public var name: String, content: Data
        public init(name: String, content: Data) {
            self.name = name
            self.content = content
        }
    }

    // MARK: Frameworks

    public static func frameworkID(_ framework: AssessmentFramework) -> String { "\(framework.id)@\(framework.version)" }

    /// Stores a framework version; a version already stored is refused (versions are never edited).
    /// Domain codes must be those of the MiGOF (D1–D6): the scores are published by domain.
    @discardableResult
    public func add(_ framework: AssessmentFramework, actor: String) async throws -> String {
        try framework.validate()
        let known = Set(AssessmentFramework.migofDomains.map(\.code))
        if let other = framework.domains.first(where: { !known.contains($0.code) }) {
            throw GovernanceError.invalidFramework("domain code ‘\(other.code)’ is not one of the six MiGOF domains D1–D6")
        }
        let id = Self.frameworkID(framework)
        guard try await AssessmentFrameworkModel.find(id, on: store.database) == nil else {
            throw StorageError.conflict("framework \(framework.id) version \(framework.version) is already stored; give the new list another version")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let model = AssessmentFrameworkModel()
        model.id = id
        model.code = framework.id
        model.version = framework.version
        model.title = framework.title
        model.illustrative = framework.illustrative
        model.definition = String(decoding: try encoder.encode(framework), as: UTF8.self)
        model.createdBy = actor
        model.createdAt = Date()
        try await store.writeTransaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "framework.add", subject: "framework:\(id)",
                                             after: "\(framework.title): \(framework.domains.count) domains, \(framework.indicators.count) indicators"
                                                + (framework.illustrative ? ", illustrative" : ""))
        }
        return id
    }

    /// Stores the shipped illustrative framework once.
    public func installShipped() async throws {
        let framework = try AssessmentFramework.illustrative()
        if try await AssessmentFrameworkModel.find(Self.frameworkID(framework), on: store.database) == nil {
            try await add(framework, actor: "system")
        }
    }

    public func frameworks() async throws -> [FrameworkSummary] {
        try await store.sql.select().columns("id", "code", "version", "title", "illustrative").from(AssessmentFrameworkModel.schema)
            .orderBy("created_at", .descending).all(decoding: FrameworkSummary.self)
    }

    public func framework(_ id: String) async throws -> AssessmentFramework? {
        guard let model = try await AssessmentFrameworkModel.find(id, on: store.database) else { return nil }
        return try JSONDecoder().decode(AssessmentFramework.self, from: Data(model.definition.utf8))
    }

    // MARK: Assessments

    public func create(frameworkID: String, year: Int, organisationID: String, actor: String) async throws -> UUID {
        guard (1900...2200).contains(year) else { throw StorageError.invalid("the year \(year) is not a plausible assessment year") }
        guard try await AssessmentFrameworkModel.find(frameworkID, on: store.database) != nil else {
            throw StorageError.notFound("there is no framework \(frameworkID)")
        }
        if try await AssessmentModel.query(on: store.database).filter(\.$frameworkID == frameworkID).filter(\.$year == year).first() != nil {
            throw StorageError.conflict("there is already an assessment of \(year) on \(frameworkID)")
        }
        let model = AssessmentModel()
        model.id = UUID()
        model.frameworkID = frameworkID
        model.year = year
        model.organisationID = organisationID
        model.createdBy = actor
        model.createdAt = Date()
        model.updatedAt = model.createdAt
        try await store.writeTransaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "assessment.create", subject: "assessment:\(model.id!.uuidString)",
                                             after: "\(year) on \(frameworkID)")
        }
        return model.id!
    }

    private struct SummaryRow: Decodable {
        var id: UUID, framework_id: String, year: Int, organisation_id: String, submission_id: UUID?, status: String?, release_at: Date?
    }

    private struct CountRow: Decodable { var assessment_id: UUID, n: Int }

    public func list() async throws -> [Summary] {
        try await summaries(nil)
    }

    /// Assessments (newest year first) with their scores' submission status and answer counts.
    private func summaries(_ id: UUID?) async throws -> [Summary] {
        let select = store.sql.select()
            .column(SQLColumn("id", table: "a")).column(SQLColumn("framework_id", table: "a")).column(SQLColumn("year", table: "a"))
            .column(SQLColumn("organisation_id", table: "a")).column(SQLColumn("submission_id", table: "a")).column(SQLColumn("status", table: "s"))
            .column(SQLColumn("release_at", table: "s"))
            .from(SQLAlias(SQLIdentifier(AssessmentModel.schema), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "a")))
        let counts = store.sql.select().column("assessment_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(AssessmentAnswerModel.schema).groupBy("assessment_id")
        if let id {
            select.where(SQLColumn("id", table: "a"), .equal, SQLBind(id))
            counts.where("assessment_id", .equal, SQLBind(id))
        }
        let answered = Dictionary(try await counts.all(decoding: CountRow.self).map { ($0.assessment_id, $0.n) }, uniquingKeysWith: { a, _ in a })
        return try await select.orderBy(SQLOrderBy(expression: SQLColumn("year", table: "a"), direction: SQLDirection.descending)).all(decoding: SummaryRow.self).map {
            Summary(id: $0.id, frameworkID: $0.framework_id, year: $0.year, organisationID: $0.organisation_id,
                    submissionID: $0.submission_id, status: $0.status ?? "draft", answered: answered[$0.id] ?? 0, releaseAt: $0.release_at)
        }
    }

    public func load(_ id: UUID) async throws -> Stored? {
        guard let summary = try await summaries(id).first, let framework = try await framework(summary.frameworkID) else { return nil }
        let answers = try await AssessmentAnswerModel.query(on: store.database).filter(\.$assessmentID == id).all()
        return Stored(summary: summary, framework: framework, answers: Dictionary(answers.map { ($0.indicatorCode, $0.answer) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The assessment of a year (on any framework version), if any.
    public func assessment(year: Int) async throws -> Stored? {
        guard let model = try await AssessmentModel.query(on: store.database).filter(\.$year == year).sort(\.$updatedAt, .descending).first(),
              let id = model.id else { return nil }
        return try await load(id)
    }
}
