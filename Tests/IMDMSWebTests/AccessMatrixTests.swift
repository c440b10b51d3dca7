import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor
import VaporTesting

/// Who may see and do what, on real objects: submissions of the caller's organisation and of
/// another, in every state (submitted, returned, approved, published under embargo, published),
/// statistics IMDMS derived and filed under an organisation, drafts of uploads, assessments in the
/// making with their evidence, and the scorecard under embargo — for every role. (RouteAccessTests
/// covers every route with made-up ids; this covers organisation and state.)
@Suite("Access by role, organisation and state, on real objects")
struct AccessMatrixTests {
    enum Caller: String, CaseIterable {
        case anonymous, administrator, manager, otherManager, analyst, viewer, officer, producer, otherProducer, nccProducer
    }

    struct World {
        var sessions: [Caller: SessionRepository.Session] = [:]
        var submissions: [String: Submission] = [:]
        var uploads: [Caller: UUID] = [:]
        var assessment = UUID()
    }

    static func observations(_ dataset: String, _ reference: ReferenceConfiguration, period: String, value: Double) -> [Observation] {
        let structure = reference.structure(dataset)!
        let key = structure.dimensions.map { dimension -> String in
            let codes = reference.codelistsByID[dimension.codelistID]!.leaves.map(\.id)
            return ["LSO", "MSB", "ARR", "F", "Y25T34", "SEXUAL", "Y_GE18", "ZAF"].first(where: codes.contains) ?? codes[0]
        }
        return [Observation(key: key, period: try! Period(parsing: period), value: value)]
    }

    /// Everyone, and objects in every state: MOHA's border crossings (the producer's organisation)
    /// and LMPS's trafficking victims (another), one period each so that nothing conflicts.
    static func build(_ app: Application, _ reference: ReferenceConfiguration) async throws -> World {
        var world = World()
        let roles: [(Caller, Role, String?)] = [
            (.administrator, .administrator, nil), (.manager, .dataManager, "BOS"), (.otherManager, .dataManager, "BOS"), (.analyst, .analyst, nil),
            (.viewer, .viewer, nil), (.officer, .microdataOfficer, nil), (.producer, .producer, "MOHA"), (.otherProducer, .producer, "LMPS"), (.nccProducer, .producer, "NCC"),
        ]
        for (caller, role, org) in roles { world.sessions[caller] = try await IntakeWebTests.session(app, "u-\(caller.rawValue)", role, org: org) }
        let store = app.imdms.store, workflow = WorkflowRepository(store: store)
        let reviewer = world.sessions[.otherManager]!.user
        let states: [(String, [WorkflowAction])] = [("submitted", []), ("returned", [.return]), ("approved", [.approve]), ("embargoed", [.approve, .publish]), ("published", [.approve, .publish])]
        for (index, (state, path)) in states.enumerated() {
            for (dataset, org, by) in [("BORDER_CROSSINGS", "MOHA", Caller.producer), ("TIP_VICTIMS", "LMPS", Caller.otherProducer)] {
                let period = dataset == "BORDER_CROSSINGS" ? "2021-0\(index + 1)" : "2021-Q\(index % 4 + 1)"
                let year = dataset == "TIP_VICTIMS" && index == 4 ? "2020-Q1" : period
                var submission = try await SubmissionRepository(store: store).store(
                    Submission(datasetID: dataset, organisationID: org, submittedByUserID: world.sessions[by]!.user.id, source: nil, channel: .web, status: .submitted),
                    observations: observations(dataset, reference, period: year, value: 40), structure: reference.structure(dataset)!)
                for action in path {
                    let release = state == "embargoed" ? Date().addingTimeInterval(86_400) : nil
                    submission = try await workflow.perform(action, on: submission.id, by: reviewer, comment: action == .return ? "check it" : nil, releaseAt: release)
                }
                world.submissions["\(org) \(state)"] = submission
            }
        }
        // Statistics IMDMS derived from traveller records, filed under MOHA.
        world.submissions["MOHA derived"] = try await SubmissionRepository(store: store).store(
            Submission(datasetID: "MIGRATION_FLOWS", organisationID: "MOHA", source: nil, channel: .system, status: .submitted),
            observations: observations("MIGRATION_FLOWS", reference, period: "2024-01", value: 2), structure: reference.structure("MIGRATION_FLOWS")!)
        // A data manager's own upload: four eyes.
        world.submissions["BOS by manager"] = try await SubmissionRepository(store: store).store(
            Submission(datasetID: "BORDER_CROSSINGS", organisationID: "MOHA", submittedByUserID: world.sessions[.manager]!.user.id, source: nil, channel: .web, status: .submitted),
            observations: observations("BORDER_CROSSINGS", reference, period: "2021-09", value: 40), structure: reference.structure("BORDER_CROSSINGS")!)
        // Drafts of uploads.
        let labour = IncomingFile(name: "labour.csv", data: try Data(contentsOf: try MiniXLSX.sample("mole-labour-migrants-2022.csv")))
        for caller in [Caller.producer, .otherProducer] {
            let user = world.sessions[caller]!.user
            world.uploads[caller] = try await UploadRepository(store: store).create(userID: user.id, organisationID: user.organisationID!,
                                                                                    datasetID: caller == .producer ? "BORDER_CROSSINGS" : "TIP_VICTIMS", file: labour)
        }
        // An assessment in the making, with an evidence file.
        let assessments = AssessmentRepository(store: store)
        try await assessments.installShipped()
        world.assessment = try await assessments.create(frameworkID: "MGI@illustrative-1", year: 2023, organisationID: "NCC", actor: "test")
        _ = try await assessments.save(world.assessment, answers: [AssessmentAnswer(indicator: "MGI-1.1.1", option: "partial", evidence: "see file", answeredBy: "u-nccProducer")],
                                       files: ["MGI-1.1.1": .init(name: "minutes.pdf", content: Data("confidential minutes".utf8))],
                                       by: world.sessions[.nccProducer]!.user, structure: reference.structure(AssessmentRepository.datasetID)!)
        return world
    }

    static func get(_ app: Application, _ path: String, _ session: SessionRepository.Session?) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, headers: session.map { ["Cookie": IntakeWebTests.cookie($0)] } ?? [:]) { result = ($0.status, $0.body.string) }
        return result
    }

    static func post(_ app: Application, _ path: String, _ session: SessionRepository.Session?, _ fields: [String: String] = [:]) async throws -> HTTPStatus {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(.POST, path, beforeRequest: { request in
            if let session { request.headers.replaceOrAdd(name: .cookie, value: IntakeWebTests.cookie(session)) }
            try request.content.encode(fields.merging(["csrf": session?.csrfToken ?? "none"]) { a, _ in a }, as: .urlEncodedForm)
            if session == nil { request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.loginCSRF)=none") }
        }) { status = $0.status }
        return status
    }

    static let refused: Set<UInt> = [401, 403, 404]

    @Test("Submissions, drafts, assessments and the scorecard, for every role, organisation and state")
    func matrix() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            let world = try await Self.build(app, reference)
            let reviewers: Set<Caller> = [.administrator, .manager, .otherManager]
            for caller in Caller.allCases {
                let session = world.sessions[caller]
                for (name, submission) in world.submissions.sorted(by: { $0.key < $1.key }) {
                    // Reviewers open every submission; a producer its organisation's own, never what IMDMS derived.
                    let sees = reviewers.contains(caller) || (caller == .producer && name.hasPrefix("MOHA") && name != "MOHA derived")
                        || (caller == .producer && name == "BOS by manager") || (caller == .otherProducer && name.hasPrefix("LMPS"))
                    for path in ["/submissions/\(submission.id.uuidString)", "/api/submissions/\(submission.id.uuidString)"] {
                        let (status, _) = try await Self.get(app, path, session)
                        #expect(sees ? status == .ok : Self.refused.contains(status.code), "\(caller) GET \(name) \(path): \(status.code)")
                    }
                    // Approving: only a reviewer who did not submit it; everyone else is refused before any state check.
                    if !reviewers.contains(caller) {
                        let status = try await Self.post(app, "/submissions/\(submission.id.uuidString)/approve", session)
                        #expect(Self.refused.contains(status.code), "\(caller) approves \(name): \(status.code)")
                    }
                }
                // Drafts of uploads: only the person who uploaded.
                for (owner, upload) in world.uploads {
                    let (status, _) = try await Self.get(app, "/intake/uploads/\(upload.uuidString)", session)
                    #expect(caller == owner ? status == .ok : Self.refused.contains(status.code), "\(caller) opens \(owner)'s draft: \(status.code)")
                    if caller != owner {
                        #expect(Self.refused.contains(try await Self.post(app, "/intake/uploads/\(upload.uuidString)/submit", session).code), "\(caller) submits \(owner)'s draft")
                    }
                }
                // Assessments in the making and their evidence: those who answer (NCC) and review.
                let answers = reviewers.contains(caller) || caller == .nccProducer
                for path in ["/governance", "/governance/assessments/\(world.assessment.uuidString)",
                             "/governance/assessments/\(world.assessment.uuidString)/evidence/MGI-1.1.1"] {
                    let (status, body) = try await Self.get(app, path, session)
                    #expect(answers ? status == .ok : Self.refused.contains(status.code), "\(caller) GET \(path): \(status.code)")
                    if !answers { #expect(!body.contains("confidential minutes") && !body.contains("see file")) }
                }
            }
            // Four eyes: the data manager who submitted cannot approve; another can.
            let own = world.submissions["BOS by manager"]!
            #expect(try await Self.post(app, "/submissions/\(own.id.uuidString)/approve", world.sessions[.manager]) == .forbidden)
            let (page, body) = try await Self.get(app, "/submissions/\(own.id.uuidString)", world.sessions[.manager])
            #expect(page == .ok && !body.contains("/approve\""), "no Approve button for the one who submitted")
            #expect(try await Self.post(app, "/submissions/\(own.id.uuidString)/approve", world.sessions[.otherManager]) == .seeOther)
            #expect(try await Self.post(app, "/submissions/\(own.id.uuidString)/publish", world.sessions[.manager]) == .forbidden)
        }
    }

    @Test("The scorecard: an assessment published under embargo is not public until its release time")
    func embargoedScorecard() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            let repository = AssessmentRepository(store: app.imdms.store)
            try await repository.installShipped()
            let ncc = try await IntakeWebTests.session(app, "ncc", .producer, org: "NCC")
            let reviewer = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            let id = try await repository.create(frameworkID: "MGI@illustrative-1", year: 2024, organisationID: "NCC", actor: "test")
            let answers = GovernanceFixtures.answers2018.map { AssessmentAnswer(indicator: $0.key, option: $0.value, evidence: "", answeredBy: "ncc") }
            let outcome = try await repository.save(id, answers: answers, by: ncc.user, structure: reference.structure(AssessmentRepository.datasetID)!)
            let submission = try #require(outcome.submission)
            _ = try await WorkflowRepository(store: app.imdms.store).perform(.approve, on: submission.id, by: reviewer.user)
            _ = try await WorkflowRepository(store: app.imdms.store).perform(.publish, on: submission.id, by: reviewer.user, releaseAt: Date().addingTimeInterval(3_600))
            let (status, body) = try await Self.get(app, "/reports/mgi-scorecard", nil)
            #expect(status == .notFound && !body.contains("63.8"), "the public does not see it before its release: \(status)")
            #expect(try await Self.get(app, "/reports/mgi-scorecard", reviewer).0 == .ok, "staff see it during the embargo")
        }
    }

    @Test("Plausibility warnings never quote values the producer could not see")
    func plausibilityEcho() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            // IMDMS derived 2 for a key in January 2024, filed under MOHA (not the producer's to see).
            _ = try await SubmissionRepository(store: app.imdms.store).store(
                Submission(datasetID: "MIGRATION_FLOWS", organisationID: "MOHA", source: nil, channel: .system, status: .submitted),
                observations: [Observation(key: ["ARR", "ZAF", "F", "Y25T34"], period: try Period(parsing: "2024-01"), value: 2)],
                structure: reference.structure("MIGRATION_FLOWS")!)
            let file = "DATAFLOW,DIRECTION,CITIZENSHIP,SEX,AGE,TIME_PERIOD,OBS_VALUE\nMIGRATION_FLOWS,ARR,ZAF,F,Y25T34,2025-01,70\n"
            let outcome = try await IntakeService(store: app.imdms.store, reference: reference).importFile(
                IncomingFile(name: "flows.csv", data: Data(file.utf8)), datasetID: "MIGRATION_FLOWS", channel: .web,
                organisationID: producer.user.organisationID, submittedBy: producer.user.id, dryRun: true)
            #expect(!outcome.preview.warnings.contains { $0.description.contains("(2)") }, "\(outcome.preview.warnings)")
            // The producer's own earlier value is compared and quoted.
            _ = try await SubmissionRepository(store: app.imdms.store).store(
                Submission(datasetID: "MIGRATION_FLOWS", organisationID: "MOHA", submittedByUserID: producer.user.id, source: nil, channel: .web, status: .submitted),
                observations: [Observation(key: ["ARR", "ZAF", "F", "Y25T34"], period: try Period(parsing: "2024-02"), value: 3)],
                structure: reference.structure("MIGRATION_FLOWS")!)
            let own = file.replacingOccurrences(of: "2025-01", with: "2025-02")
            let second = try await IntakeService(store: app.imdms.store, reference: reference).importFile(
                IncomingFile(name: "flows.csv", data: Data(own.utf8)), datasetID: "MIGRATION_FLOWS", channel: .web,
                organisationID: producer.user.organisationID, submittedBy: producer.user.id, dryRun: true)
            #expect(second.preview.warnings.contains { $0.description.contains("(3)") }, "\(second.preview.warnings)")
        }
    }
}
