import IMDMSCore
import IMDMSStorage

/// The microdata officer's page: the movement store at a glance, an extract upload with its
/// summary, and an audited query of crossings.
struct MovementsPage {
    static let resultLimit = 500

    var count: Int
    var latest: String?
    var keyConfigured: Bool
    var csrf: String
    var summary: MovementService.Summary? = nil
    var query: MovementsController.Query? = nil
    var results: [Movement]? = nil

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Traveller records"), login: login) {
            var html = Markup.tag(.h1, text: T("Traveller records"))
            html += .tag(.p, text: T("%@ crossings in the movement store", NumberFormat.grouped(Double(count))) + (latest.map { T(", the latest at %@", $0) } ?? "")
                + ". " + T("People are pseudonyms; names, document numbers and dates of birth are never stored. Every query is recorded in the audit trail."))
            if !keyConfigured {
                html += .tag(.p, [.class("problem")], text: T("No pseudonym key is configured (IMDMS_PSEUDONYM_KEY_FILE): extracts cannot be taken in."))
            }
            if let summary { html += summaryHTML(summary) }
            html += .tag(.h2, text: T("Add an extract"))
            html += .postForm(SiteURL.movements.path, csrf: csrf, [Attribute("enctype", "multipart/form-data")],
                              .tag(.label, .text(T("Border extract (CSV)")), .space, .tag(.input, [.type("file"), .name("file"), .required])), .space,
                              .submit(T("Pseudonymise and add")))
            html += .tag(.h2, text: T("Query crossings"))
            let q = query
            func field(_ label: String, _ name: String, _ value: String?, _ extra: Attribute) -> Markup {
                .tag(.label, .text(T(label)), .space, .tag(.input, [.name(name), extra, .value(value ?? "")])) + .space
            }
            // A POST with the CSRF token: the query is written to the audit trail, so a link or an
            // image elsewhere must not be able to make the officer "look someone up".
            html += .postForm(SiteURL.movementsSearch.path, csrf: csrf, [.id("query")],
                              field("From", "from", q?.from, .placeholder("2023-01-01")), field("To", "to", q?.to, .placeholder("2023-01-31")),
                              field("Post", "post", q?.post, .size(5)), field("Pseudonym", "pseudonym", q?.pseudonym, .size(34)),
                              .submit(T("Query (audited)")))
            if let results {
                html += .tag(.p, text: T("%@ crossings", String(results.count)) + (results.count == Self.resultLimit ? " " + T("(the first %@)", String(Self.resultLimit)) : ""))
                html += .table([.id("movements")],
                               head: .row(["Time", "Pseudonym", "Post", "Direction", "Sex", "Age", "Nationality", "Residence", "Purpose"].map { T($0) }, tag: .th),
                               rows: results.map { m in
                                   .row([m.time, m.pseudonym, m.borderPost, m.direction.rawValue, m.sex, m.age.map(String.init) ?? "", m.nationality, m.residence, m.purpose])
                               })
            }
            return html
        }
    }

    private func summaryHTML(_ s: MovementService.Summary) -> Markup {
        guard s.problems.isEmpty else {
            return .tag(.section, [.class("problems"), .id("summary")], .tag(.h2, text: T("Nothing was stored")),
                        .tag(.ul, s.problems.map { .tag(.li, text: $0.description) }))
        }
        var text = "\(s.file): \(s.rows) crossings read, \(s.added) new."
        if s.added > 0 {
            text += " \(s.people) people; long-term migrants by the 12/16-month rule: \(s.longTermArrivals) arrivals, \(s.longTermDepartures) departures."
            text += " " + s.derivationLines.joined(separator: " ")
            text += " \(s.visitorArrivals) visitor arrivals; \(s.overstays) stayed, or are still present, beyond \(s.permittedStayDays) days."
        }
        let months = s.visitsByMonth.keys.sorted().suffix(12)
        let table = months.isEmpty ? Markup.empty : .table([.id("visits")],
            head: .row(["Arrival month", "Visitors", "Mean stay (days)", "Still present", "Overstays"].map { T($0) }, tag: .th),
            rows: months.map { month in
                let v = s.visitsByMonth[month]!
                return .row([month, String(v.visitors), v.meanStayDays.map { NumberFormat.grouped($0) } ?? "–", String(v.stillPresent), String(v.overstays)])
            })
        return .tag(.section, [.id("summary")], .tag(.p, text: text), table)
    }
}
