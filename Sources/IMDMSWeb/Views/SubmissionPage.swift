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
            var html = Markup.tag(.h1, text: T("%@ from %@", structure.map { Localizer.current.translations.datasetName($0.id, english: $0.name) } ?? s.datasetID, s.organisationID))
            html += .tag(.p, .text(T("State:")), .space, .tag(.span, [.class("status status-\(s.status.rawValue)"), .id("status")], text: s.status.rawValue))
            if s.status == .returned, let comment = s.reviewComment {
                html += .tag(.div, [.class("comment"), .id("review-comment")], .tag(.strong, text: T("Returned with this comment:")), .space, .text(comment))
            }
            if s.status == .returned, let structure, Access.canSubmit(login.user, to: structure) {
                html += .tag(.p, .link(SiteURL.entryForm.path(query: "from=\(s.id.uuidString)"), T("Correct it in the data-entry form"), [.id("correct-in-form")]))
            }
            var facts: [(String, String)] = [
                (T("Submission"), s.id.uuidString), (T("Received"), times.format(s.createdAt)), (T("Channel"), s.channel.rawValue),
                (T("Observations"), NumberFormat.grouped(Double(s.observationCount))),
            ]
            if let source = s.source { facts.append((T("File"), "\(source.name) (SHA-256 \(source.sha256))")) }
            if s.status == .published { facts.append((T("Public from"), s.releaseAt.map(times.format) ?? T("publication"))) }
            if !lockedPeriods.isEmpty { facts.append((T("Locked periods"), lockedPeriods.joined(separator: ", "))) }
            if s.isSynthetic { facts.append((T("Data"), T("synthetic demo data"))) }
            html += .definitions(facts)
            html += actionForms(login)
            html += historyTable + sampleTable
            return html
        }
    }

    private func actionForms(_ login: SessionRepository.Session) -> Markup {
        guard !actions.isEmpty else { return .empty }
        var html = Markup.tag(.h2, text: T("Actions"))
        for action in actions {
            let base = SiteURL.submissionAction(.value(submission.id), .value(action.rawValue)).path
            var extra = Markup.empty
            switch action {
            case .return:
                extra = .tag(.label, .text(T("Comment for the producer")), .space,
                             .tag(.textarea, [.name("comment"), Attribute("rows", "3"), Attribute("cols", "60"), .required, .id("return-comment")])) + .tag(.br)
            case .publish:
                extra = .tag(.label, .text(T("Release to the public at")), .space,
                             .tag(.input, [.type("text"), .name("release"), .id("release-time"), .size(20), .placeholder("2026-12-01 10:00")])) + .space
                    + .tag(.span, [.class("meta")], text: T("(%@; empty: at once)", times.timeZone.identifier)) + .tag(.br)
            case .approve, .resubmit, .reopen:
                break
            }
            html += .postForm(base, csrf: login.csrfToken, [.class("action")], extra, .submit(T(action.label), [.id("action-\(action.rawValue)")]))
        }
        return html
    }

    private var historyTable: Markup {
        .tag(.h2, text: T("History")) + .table([.class("data"), .id("history")],
            head: .row([T("When"), T("Who"), T("What"), T("State"), T("Comment")], tag: .th),
            rows: history.map { event in
                .row([times.format(event.at), event.actor, event.action, (event.fromStatus.map { "\($0.rawValue) → " } ?? "") + event.toStatus.rawValue, event.comment ?? ""])
            })
    }

    private var sampleTable: Markup {
        guard let structure, !sample.isEmpty else { return .empty }
        return .tag(.h2, text: T("First %@ observations", String(sample.count))) + .observations(sample, of: structure, id: "observations")
    }
}
