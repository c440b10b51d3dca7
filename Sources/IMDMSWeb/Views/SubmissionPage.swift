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
        return Layout(title: "Submission \(s.id.uuidString.prefix(8))", login: login) {
            var html = HTML.element("h1", "\(structure?.name ?? s.datasetID) from \(s.organisationID)")
            html += HTML.container("p", [], "State: " + HTML.element("span", s.status.rawValue, [("class", "status status-\(s.status.rawValue)"), ("id", "status")]))
            if s.status == .returned, let comment = s.reviewComment {
                html += HTML.container("div", [("class", "comment"), ("id", "review-comment")], "<strong>Returned with this comment:</strong> " + HTML.escape(comment))
            }
            if s.status == .returned, let structure, Access.canSubmit(login.user, to: structure) {
                html += "<p><a id=\"correct-in-form\" href=\"/intake/form?from=\(s.id.uuidString)\">Correct it in the data-entry form</a></p>"
            }
            var facts: [(String, String)] = [
                ("Submission", s.id.uuidString), ("Received", times.format(s.createdAt)), ("Channel", s.channel.rawValue),
                ("Observations", NumberFormat.grouped(Double(s.observationCount))),
            ]
            if let source = s.source { facts.append(("File", "\(source.name) (SHA-256 \(source.sha256))")) }
            if s.status == .published { facts.append(("Public from", s.releaseAt.map(times.format) ?? "publication")) }
            if !lockedPeriods.isEmpty { facts.append(("Locked periods", lockedPeriods.joined(separator: ", "))) }
            if s.isSynthetic { facts.append(("Data", "synthetic demo data")) }
            html += HTML.container("dl", [("class", "meta-list")], facts.map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined())
            html += actionForms(login)
            html += historyTable + sampleTable
            return html
        }
    }

    private func actionForms(_ login: SessionRepository.Session) -> String {
        guard !actions.isEmpty else { return "" }
        let csrf = "\(HTML.csrfField(login.csrfToken))"
        var html = HTML.element("h2", "Actions")
        for action in actions {
            let base = "/submissions/\(submission.id.uuidString)/\(action.rawValue)"
            var extra = ""
            switch action {
            case .return:
                extra = "<label>Comment for the producer <textarea name=\"comment\" rows=\"3\" cols=\"60\" required id=\"return-comment\"></textarea></label><br>"
            case .publish:
                extra = "<label>Release to the public at <input type=\"text\" name=\"release\" id=\"release-time\" size=\"20\" placeholder=\"2026-12-01 10:00\"></label> "
                    + HTML.element("span", "(\(times.timeZone.identifier); empty: at once)", [("class", "meta")]) + "<br>"
            case .approve, .resubmit, .reopen:
                break
            }
            html += "<form method=\"post\" action=\"\(HTML.escape(base))\" class=\"action\">\(csrf)\(extra)"
                + "<button type=\"submit\" id=\"action-\(action.rawValue)\">\(HTML.escape(action.label))</button></form>"
        }
        return html
    }

    private var historyTable: String {
        var html = HTML.element("h2", "History") + "<table class=\"data\" id=\"history\"><thead><tr><th>When</th><th>Who</th><th>What</th><th>State</th><th>Comment</th></tr></thead><tbody>"
        for event in history {
            html += "<tr>" + [times.format(event.at), event.actor, event.action,
                              (event.fromStatus.map { "\($0.rawValue) → " } ?? "") + event.toStatus.rawValue, event.comment ?? ""]
                .map { HTML.element("td", $0) }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    private var sampleTable: String {
        guard let structure, !sample.isEmpty else { return "" }
        var html = HTML.element("h2", "First \(sample.count) observations") + "<table class=\"data\" id=\"observations\"><thead><tr>"
        html += structure.dimensions.map { HTML.element("th", $0.name) }.joined() + "<th>Period</th><th>Value</th></tr></thead><tbody>"
        for observation in sample {
            html += "<tr>" + observation.key.map { HTML.element("td", $0) }.joined()
                + HTML.element("td", observation.period.formatted) + HTML.element("td", observation.value.map(NumberFormat.grouped) ?? "") + "</tr>"
        }
        return html + "</tbody></table>"
    }
}
