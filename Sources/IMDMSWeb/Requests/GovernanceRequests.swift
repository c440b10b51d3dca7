import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// What the governance pages, the scorecard and the JSON API read from a request.
enum GovernanceRequests {
    static func structure(_ request: Request) throws -> DataStructure {
        guard let structure = request.imdms.reference.structure(AssessmentRepository.datasetID) else {
            throw WebError(status: .serviceUnavailable, reason: "The reference configuration has no \(AssessmentRepository.datasetID) dataset.")
        }
        return structure
    }

    /// The scorecard the reader may see (`?year=` or, as other reports, `?period=`; `?compare=`): the page's and the JSON API's.
    static func scorecardDocument(_ request: Request) async throws -> (document: ReportDocument, year: Int) {
        let structure = try Self.structure(request)
        func year(_ name: String) throws -> Int? {
            guard let text = request.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let year = Int(text) else { throw WebError.badRequest("The \(name) ‘\(text)’ is not a year such as 2022.") }
            return year
        }
        let answers = request.login.map { AssessmentRepository.mayAnswer($0.user, organisationID: structure.organisationID) } ?? false
        return try await ScorecardBuilder(store: request.imdms.store, reference: request.imdms.reference, translations: Localizer.current.translations)
            .document(visibility: request.visibility, submitted: answers, year: try year("year") ?? year("period"), compare: try year("compare"))
    }
}
