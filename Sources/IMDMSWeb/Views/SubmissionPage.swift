import IMDMSCore
import IMDMSStorage

/// One submission: what it holds, where it stands, its history, and the actions open to the reader.
struct SubmissionPage {
    static let sampleSize = 50

    var submission: Submission
    var structure: DataStructure?
    var history: [WorkflowEvent]
    var lockedPeriods: [String]
    var sample: [Observation]
    var actions: [WorkflowAction]
    var times: ReleaseTimeText

    func render(login: SessionRepository.Session) -> Layout {
        let s = submission
        return Layout(title: T("Submission %@", String(s.id.uuidString.prefix(8))), login: login) {
            var html = HTML.element("h1", T("%@ from %@", structure.map { Localizer.current.translations.datasetName($0.id, english: $0.name) } ?? s.datasetID, s.organisationID))
            html += HTML.container("p", [], HTML.escape(T("State:")) + " " + HTML.element("span", s.status.rawValue, [("class", "status status-\(s.status.rawValue)"), ("id", "status")]))
            if s.status == .returned, let comment = s.reviewComment {
                html += HTML.container("div", [("class", "comment"), ("id", "review-comment")], "<strong>\(HTML.escape(T("Returned with this comment:")))</strong> " + HTML.escape(comment))
            }
            if s.status == .returned, let structure, Access.canSubmit(login.user, to: structure) {
                html += "<p><a id=\"correct-in-form\" href=\"\(SiteURL.entryForm.path(query: "from=\(s.id.uuidString)"))\">\(HTML.escape(T("Correct it in the data-entry form")))</a></p>"
            }
            var facts: [(String, String)] = [
                (T("Submission"), s.id.uuidString), (T("Received"), times.format(s.createdAt)), (T("Channel"), s.channel.rawValue),
                (T("Observations"), NumberFormat.grouped(Double(s.observationCount))),
            ]
            if let source = s.source { facts.append((T("File"), "\(source.name) (SHA-256 \(source.sha256))")) }
            if s.status == .published { facts.append((T("Public from"), s.releaseAt.map(times.format) ?? T("publication"))) }
            if !lockedPeriods.isEmpty { facts.append((T("Locked periods"), lockedPeriods.joined(separator: ", "))) }
            if s.isSynthetic { facts.append((T("Data"), T("synthetic demo data"))) }
            html += HTML.container("dl", [("class", "meta-list")], facts.map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined())
            html += actionForms(login)
            html += historyTable + sampleTable
            return html
        }
    }

    private func actionForms(_ login: SessionRepository.Session) -> String {
        guard !actions.isEmpty else { return "" }
        let csrf = "\(HTML.csrfField(login.csrfToken))"
        var html = HTML.element("h2", T("Actions"))
        for action in actions {
            let base = SiteURL.submissionAction(.value(submission.id), .value(action.rawValue)).path
            var extra = ""
            switch action {
            case .return:
                extra = "<label>\(HTML.escape(T("Comment for the producer"))) <textarea name=\"comment\" rows=\"3\" cols=\"60\" required id=\"return-comment\"></textarea></label><br>"
            case .publish:
                extra = "<label>\(HTML.escape(T("Release to the public at"))) <input type=\"text\" name=\"release\" id=\"release-time\" size=\"20\" placeholder=\"2026-12-01 10:00\"></label> "
                    + HTML.element("span", T("(%@; empty: at once)", times.timeZone.identifier), [("class", "meta")]) + "<br>"
            case .approve, .resubmit, .reopen:
                break
            }
            html += "<form method=\"post\" action=\"\(HTML.escape(base))\" class=\"action\">\(csrf)\(extra)"
                + "<button type=\"submit\" id=\"action-\(action.rawValue)\">\(HTML.escape(T(action.label)))</button></form>"
        }
        return html
    }

    private var historyTable: String {
        var html = HTML.element("h2", T("History")) + "<table class=\"data\" id=\"history\"><thead><tr>"
            + [T("When"), T("Who"), T("What"), T("State"), T("Comment")].map { HTML.element("th", $0) }.joined() + "</tr></thead><tbody>"
        for event in history {
            html += "<tr>" + [times.format(event.at), event.actor, event.action,
                              (event.fromStatus.map { "\($0.rawValue) → " } ?? "") + event.toStatus.rawValue, event.comment ?? ""]
                .map { HTML.element("td", $0) }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    private var sampleTable: String {
        guard let structure, !sample.isEmpty else { return "" }
        var html = HTML.element("h2", T("First %@ observations", String(sample.count))) + "<table class=\"data\" id=\"observations\"><thead><tr>"
        html += structure.dimensions.map { HTML.element("th", T($0.name)) }.joined() + HTML.element("th", T("Period")) + HTML.element("th", T("Value")) + "</tr></thead><tbody>"
        for observation in sample {
            html += "<tr>" + observation.key.map { HTML.element("td", $0) }.joined()
                + HTML.element("td", observation.period.formatted) + HTML.element("td", observation.value.map(NumberFormat.grouped) ?? "") + "</tr>"
        }
        return html + "</tbody></table>"
    }
}
