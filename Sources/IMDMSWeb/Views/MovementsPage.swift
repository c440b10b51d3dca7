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
            var html = HTML.element("h1", T("Traveller records"))
            html += HTML.element("p", T("%@ crossings in the movement store", NumberFormat.grouped(Double(count))) + (latest.map { T(", the latest at %@", $0) } ?? "")
                + ". " + T("People are pseudonyms; names, document numbers and dates of birth are never stored. Every query is recorded in the audit trail."))
            if !keyConfigured {
                html += HTML.element("p", T("No pseudonym key is configured (IMDMS_PSEUDONYM_KEY_FILE): extracts cannot be taken in."), [("class", "problem")])
            }
            if let summary { html += summaryHTML(summary) }
            html += HTML.element("h2", T("Add an extract"))
            html += "<form method=\"post\" action=\"\(SiteURL.movements.path)\" enctype=\"multipart/form-data\">\(HTML.csrfField(csrf))"
                + "<label>\(HTML.escape(T("Border extract (CSV)"))) <input type=\"file\" name=\"file\" required></label> <button type=\"submit\">\(HTML.escape(T("Pseudonymise and add")))</button></form>"
            html += HTML.element("h2", T("Query crossings"))
            let q = query
            // A POST with the CSRF token: the query is written to the audit trail, so a link or an
            // image elsewhere must not be able to make the officer "look someone up".
            html += "<form method=\"post\" action=\"\(SiteURL.movementsSearch.path)\" id=\"query\">\(HTML.csrfField(csrf))"
                + "<label>\(HTML.escape(T("From"))) <input name=\"from\" placeholder=\"2023-01-01\" value=\"\(HTML.escape(q?.from ?? ""))\"></label> "
                + "<label>\(HTML.escape(T("To"))) <input name=\"to\" placeholder=\"2023-01-31\" value=\"\(HTML.escape(q?.to ?? ""))\"></label> "
                + "<label>\(HTML.escape(T("Post"))) <input name=\"post\" size=\"5\" value=\"\(HTML.escape(q?.post ?? ""))\"></label> "
                + "<label>\(HTML.escape(T("Pseudonym"))) <input name=\"pseudonym\" size=\"34\" value=\"\(HTML.escape(q?.pseudonym ?? ""))\"></label> "
                + "<button type=\"submit\">\(HTML.escape(T("Query (audited)")))</button></form>"
            if let results {
                let rows = results.map { m in
                    "<tr>" + [m.time, m.pseudonym, m.borderPost, m.direction.rawValue, m.sex, m.age.map(String.init) ?? "", m.nationality, m.residence, m.purpose]
                        .map { HTML.element("td", $0) }.joined() + "</tr>"
                }.joined()
                html += HTML.element("p", T("%@ crossings", String(results.count)) + (results.count == Self.resultLimit ? " " + T("(the first %@)", String(Self.resultLimit)) : ""))
                html += "<table id=\"movements\"><thead><tr>" + ["Time", "Pseudonym", "Post", "Direction", "Sex", "Age", "Nationality", "Residence", "Purpose"]
                    .map { HTML.element("th", T($0)) }.joined() + "</tr></thead><tbody>" + rows + "</tbody></table>"
            }
            return html
        }
    }

    private func summaryHTML(_ s: MovementService.Summary) -> String {
        guard s.problems.isEmpty else {
            return HTML.container("section", [("class", "problems"), ("id", "summary")], HTML.element("h2", T("Nothing was stored"))
                + "<ul>" + s.problems.map { HTML.element("li", $0.description) }.joined() + "</ul>")
        }
        var text = "\(s.file): \(s.rows) crossings read, \(s.added) new."
        if s.added > 0 {
            text += " \(s.people) people; long-term migrants by the 12/16-month rule: \(s.longTermArrivals) arrivals, \(s.longTermDepartures) departures."
            text += " " + s.derivationLines.joined(separator: " ")
            text += " \(s.visitorArrivals) visitor arrivals; \(s.overstays) stayed, or are still present, beyond \(s.permittedStayDays) days."
        }
        let months = s.visitsByMonth.keys.sorted().suffix(12)
        let table = months.isEmpty ? "" : "<table id=\"visits\"><thead><tr>" + ["Arrival month", "Visitors", "Mean stay (days)", "Still present", "Overstays"]
            .map { HTML.element("th", T($0)) }.joined() + "</tr></thead><tbody>" + months.map { month in
                let v = s.visitsByMonth[month]!
                return "<tr>" + [month, String(v.visitors), v.meanStayDays.map { NumberFormat.grouped($0) } ?? "–", String(v.stillPresent), String(v.overstays)]
                    .map { HTML.element("td", $0) }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
        return HTML.container("section", [("id", "summary")], HTML.element("p", text) + table)
    }
}
