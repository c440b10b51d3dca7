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
            HTML.element("h1", T("Submit data"))
                + (message.map { HTML.element("p", $0, [("class", "done"), ("role", "status")]) } ?? "")
                + (submissionID.map { "<p><a id=\"submission-link\" href=\"\(SiteURL.submission(.value($0)).path)\">\(HTML.escape(T("Follow this submission through review")))</a></p>" } ?? "")
                + """
                <form class="upload" method="post" action="\(SiteURL.intake.path)" enctype="multipart/form-data">
                \(HTML.csrfField(login.csrfToken))
                <label>\(HTML.escape(T("Dataset"))) <select name="dataset">\(structures.map { HTML.option($0.id, "\(Localizer.current.translations.datasetName($0.id, english: $0.name)) (\($0.id))", selected: false) }.joined())</select></label>
                <label>\(HTML.escape(T("File (Excel .xlsx, CSV or SDMX-CSV)"))) <input type="file" name="file" required></label>
                <button type="submit">\(HTML.escape(T("Upload and check")))</button>
                </form>
                <p class="meta">\(HTML.escape(T("Nothing is stored until you have seen the preview and pressed Submit.")))</p>
                <p><a id="entry-link" href="\(SiteURL.entryForm.path)">\(HTML.escape(T("Or type a period's figures into the data-entry form")))</a></p>
                """
        }
    }
}
