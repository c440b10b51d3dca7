import Foundation
import IMDMSCore
import IMDMSStorage

/// Home Affairs' November–December 2022 BORDER_CROSSINGS workbook, stored as the ministry would after
/// confirming its one unknown port ("Ficksburg Bridge (Maputsoe)" is MPT).
public enum HomeAffairsSample {
    public static let file = "moha-border-crossings-2022-11-12.xlsx"

    public struct NotStored: Error, CustomStringConvertible {
        public var description: String
    }

    public static func store(_ intake: IntakeService) async throws -> Submission {
        let workbook = IncomingFile(name: file, data: try Data(contentsOf: try MiniXLSX.sample(file)))
        guard case let .rejected(preview) = try await intake.importFile(workbook, datasetID: "BORDER_CROSSINGS", channel: .web),
              var profile = preview.profile else { throw NotStored(description: "expected the unknown port to be refused first") }
        profile.aliases = ["CL_BORDER_POST": ["Ficksburg Bridge (Maputsoe)": "MPT"]]
        guard case let .stored(submission, _) = try await intake.importFile(workbook, datasetID: "BORDER_CROSSINGS", profile: profile, channel: .web)
        else { throw NotStored(description: "the workbook was not stored once its port was confirmed") }
        return submission
    }
}
