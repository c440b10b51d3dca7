import IMDMSCore
import IMDMSStorage
import Vapor

/// The audit trail for data managers and administrators, filtered by who, what, on what and when,
/// with the chain's verification at the top.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.audit, use: index)
    }

    struct Filters: Content {
        var actor: String?
        var action: String?
        var subject: String?
        var from: String?
        var to: String?
    }

    func index(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "read the audit trail", Access.reviews)
        var filters = try request.query.decode(Filters.self)
        func clean(_ text: String?) -> String? { text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        filters = Filters(actor: clean(filters.actor), action: clean(filters.action), subject: clean(filters.subject),
                          from: clean(filters.from), to: clean(filters.to))
        for (name, value) in [("From", filters.from), ("To", filters.to)] {
            if let value, !Self.isISODate(value) { throw WebError.badRequest("\(name) ‘\(value)’ is not a date such as 2026-11-29.") }
        }
        let audit = AuditRepository(store: request.imdms.store)
        let entries = try await audit.search(actor: filters.actor, action: filters.action, subject: filters.subject,
                                             from: filters.from, to: filters.to)
        let page = AuditPage(entries: entries, filters: filters, verification: try await audit.verify())
        return page.render(login: login).response()
    }

    /// `2026-11-29` or `2026-11-29T10:00…`: what sorts correctly against the stored ISO times.
    static func isISODate(_ text: String) -> Bool {
        let digits = Array(text.prefix(10))
        guard digits.count == 10, digits[4] == "-", digits[7] == "-" else { return false }
        return digits.enumerated().allSatisfy { index, c in index == 4 || index == 7 || c.isASCII && c.isNumber }
    }
}
