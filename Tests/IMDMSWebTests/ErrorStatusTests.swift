import Foundation
import IMDMSCore
import IMDMSStorage
@testable import IMDMSWeb
import Testing

/// One protocol for errors meant for users (`UserFacingError`): each reaching the middleware gives
/// its status and message; validation is not a conflict; a fault stays a 500 without details.
@Suite("Errors become the right status")
struct ErrorStatusTests {
    @Test("The intake's and the reference's errors are 4xx with their message, not 500")
    func userFacing() {
        let cases: [(any Error, Int)] = [
            (CSVError(line: 3, reason: "an unterminated quote"), 422),
            (WorkbookError.legacyXLS, 422),
            (MovementError.missingColumns(["document_number"]), 422),
            (MovementError.noKey, 503),
            (CodelistError.duplicateCode(codelist: "CL_SEX", code: "F"), 422),
            (StructureError.duplicateDimension(dataset: "X", dimension: "SEX"), 422),
            (PeriodError(text: "2022-13", reason: "no month 13"), 400),
            (SDMXError.notImplemented("not here"), 501),
            (StorageError.invalid("returning a submission needs a comment"), 422),
            (StorageError.conflict("already approved"), 409),
            (StorageError.notFound("no such submission"), 404),
        ]
        for (error, status) in cases {
            let (given, message) = IMDMSErrorMiddleware.classify(error)
            #expect(Int(given.code) == status, "\(error)")
            #expect(message == "\(error)", "the user reads the error's own message")
        }
    }

    @Test("Faults are 500 without their details")
    func faults() {
        struct Broken: Error {}
        for error in [Broken() as any Error, StorageError.cannotOpen(location: "/secret/path", reason: "disk")] {
            let (status, message) = IMDMSErrorMiddleware.classify(error)
            #expect(status == .internalServerError && !message.contains("secret"))
        }
    }
}
