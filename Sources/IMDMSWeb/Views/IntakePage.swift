import Foundation
import IMDMSCore
import IMDMSStorage

/// The upload form, and the result of the last submission.
struct IntakePage {
    var structures: [DataStructure]
    var message: String?
    /// The submission just stored, linked from the message.
    var submissionID: UUID? = nil

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("Submit data"), login: login) {
            let datasets = structures.map { Markup.option($0.id, "\(Localizer.current.translations.datasetName($0.id, english: $0.name)) (\($0.id))", selected: false) }
            return .tag(.h1, text: T("Submit data"))
                + (message.map { .tag(.p, [.class("done"), Attribute("role", "status")], text: $0) } ?? .empty)
                + (submissionID.map { .tag(.p, .link(SiteURL.submission(.value($0)), T("Follow this submission through review"), [.id("submission-link")])) } ?? .empty)
                + .postForm(SiteURL.intake.path, csrf: login.csrfToken, [.class("upload"), Attribute("enctype", "multipart/form-data")], .newline,
                            .tag(.label, .text(T("Dataset")), .space, .tag(.select, [.name("dataset")], datasets)), .newline,
                            .tag(.label, .text(T("File (Excel .xlsx, CSV or SDMX-CSV)")), .space, .tag(.input, [.type("file"), .name("file"), .required])), .newline,
                            .submit(T("Upload and check")), .newline)
                + .newline + .tag(.p, [.class("meta")], text: T("Nothing is stored until you have seen the preview and pressed Submit."))
                + .newline + .tag(.p, .link(.entryForm, T("Or type a period's figures into the data-entry form"), [.id("entry-link")]))
        }
    }
}
