import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("Workflow: return, resubmit, approve with locks, publish with an embargo, reopen")
struct WorkflowTests {
    static let manager = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")
    static let producer = User(username: "thabo", displayName: "Thabo", role: .producer, organisationID: "MOHA")
    static let otherProducer = User(username: "lerato", displayName: "Lerato", role: .producer, organisationID: "MOLE")

    static func total(_ store: Store, _ reference: ReferenceConfiguration, _ visibility: DataVisibility) async throws -> Double {
        try await TableReader(store: store).table(TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION"),
                                                  reference: reference, visibility: visibility).grandTotal ?? 0
    }

    @Test("The whole workflow, with what each audience sees at each step", arguments: TestBackend.available)
    func workflow(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let outcome = try await intake.importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "nov-dec.csv",
                                                         datasetID: "BORDER_CROSSINGS", channel: .web)
            guard case let .stored(submission) = outcome else { Issue.record("rejected: \(outcome)"); return }
            let workflow = WorkflowRepository(store: store)
            let now = Date()
            #expect(try await Self.total(store, reference, .allCurrent) == 9304)
            #expect(try await Self.total(store, reference, .approved) == 0, "submitted data is not in tables")
            #expect(try await Self.total(store, reference, .released(asOf: now)) == 0)
            #expect(try await workflow.pending(for: Self.manager).map(\.id) == [submission.id])

            // Return: a comment is required; the producer sees it; another organisation cannot resubmit.
            await #expect(throws: StorageError.self) { try await workflow.perform(.return, on: submission.id, by: Self.manager, comment: "  ") }
            await #expect(throws: StorageError.self) { try await workflow.perform(.approve, on: submission.id, by: Self.producer) }
            let returned = try await workflow.perform(.return, on: submission.id, by: Self.manager, comment: "MPT departures look low")
            #expect(returned.status == .returned)
            #expect(returned.reviewComment == "MPT departures look low")
            #expect(try await workflow.pending(for: Self.producer).map(\.status) == [.returned])
            await #expect(throws: StorageError.self) { try await workflow.perform(.resubmit, on: submission.id, by: Self.otherProducer) }
            await #expect(throws: StorageError.self) { try await workflow.perform(.approve, on: submission.id, by: Self.manager) }
            #expect(try await workflow.perform(.resubmit, on: submission.id, by: Self.producer).status == .submitted)

            // Approve: its periods are locked; new data for them is refused until reopened.
            #expect(try await workflow.perform(.approve, on: submission.id, by: Self.manager).status == .approved)
            #expect(try await workflow.lockedPeriods(of: submission.id) == ["2022-11", "2022-12"])
            #expect(try await Self.total(store, reference, .approved) == 9304)
            #expect(try await Self.total(store, reference, .released(asOf: now)) == 0, "approved is not public")
            let correction = Fixtures.validBorderCSV.replacingOccurrences(of: "1204", with: "1205")
            do {
                _ = try await intake.importSDMXCSV(Data(correction.utf8), fileName: "fix.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
                Issue.record("a locked period took new data")
            } catch let error as StorageError {
                #expect(error.description.contains("BORDER_CROSSINGS 2022-11, 2022-12 are approved and locked"), "\(error)")
            }

            // Publish with an embargo: invisible to the public until the release time.
            let release = now.addingTimeInterval(3600)
            let published = try await workflow.perform(.publish, on: submission.id, by: Self.manager, releaseAt: release)
            #expect(published.status == .published)
            #expect(try await Self.total(store, reference, .released(asOf: now)) == 0, "embargoed")
            #expect(try await Self.total(store, reference, .released(asOf: release.addingTimeInterval(-1))) == 0)
            #expect(try await Self.total(store, reference, .released(asOf: release)) == 9304, "released at the time")
            #expect(try await Self.total(store, reference, .approved) == 9304, "staff see it during the embargo")
            #expect(try await DatasetSummaryReader(store: store).coverage(visibility: .released(asOf: now))["BORDER_CROSSINGS"] == nil)

            // Reopen: the locks go, the correction supersedes the published submission.
            try await workflow.perform(.reopen, on: submission.id, by: Self.manager)
            #expect(try await workflow.lockedPeriods(of: submission.id).isEmpty)
            let fixed = try await intake.importSDMXCSV(Data(correction.utf8), fileName: "fix.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            guard case .stored = fixed else { Issue.record("the correction was refused after reopening: \(fixed)"); return }
            #expect(try await SubmissionRepository(store: store).find(submission.id)?.status == .superseded)

            let history = try await workflow.history(of: submission.id)
            #expect(history.map(\.action) == ["submit", "return", "resubmit", "approve", "publish", "reopen"])
            #expect(history[1].comment == "MPT departures look low")
            #expect(history[1].actor == "user:palesa")
            let audit = try await AuditRepository(store: store).search(action: "submission.")
            #expect(Set(audit.map(\.action)).isSuperset(of: ["submission.return", "submission.resubmit", "submission.approve", "submission.publish", "submission.reopen"]))
            #expect(try await AuditRepository(store: store).verify().isIntact)
        }
    }
}
