import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// Every route, for every role and for anonymous callers: allowed ones must not answer 401/403,
/// the rest must. A route missing from the table fails the test, so a new route cannot ship
/// without a decision about who may call it.
@Suite("Route access by role")
struct RouteAccessTests {
    enum Caller: Hashable, CustomStringConvertible {
        case anonymous
        case role(Role)
        var description: String { if case let .role(role) = self { return role.rawValue } else { return "anonymous" } }
    }

    static let everyone: Set<Caller> = Set([.anonymous] + Role.allCases.map { .role($0) })
    static let signedIn: Set<Caller> = Set(Role.allCases.map { .role($0) })
    static let submitters: Set<Caller> = [.role(.producer), .role(.dataManager), .role(.administrator)]
    static let reviewers: Set<Caller> = [.role(.dataManager), .role(.administrator)]
    static let administrators: Set<Caller> = [.role(.administrator)]

    /// "METHOD /path" → who may call it.
    static let table: [String: Set<Caller>] = [
        "GET /": everyone,
        "GET /healthz": everyone,
        "GET /static/imdms.css": everyone,
        "GET /static/imdms.js": everyone,
        "GET /datasets/:datasetID/chart.svg": everyone,
        "GET /releases": everyone,
        "GET /language/:code": everyone,
        "GET /intake/form": submitters,
        "POST /intake/form": submitters,
        "GET /releases.atom": everyone,
        "GET /releases/:releaseID/:reportID": everyone,
        "GET /datasets/:datasetID": everyone,
        "GET /datasets/:datasetID/table.xlsx": everyone,
        "GET /datasets/:datasetID/table.csv": everyone,
        "POST /datasets/:datasetID/disclosure": reviewers,
        "GET /api/datasets": everyone,
        "GET /api/codelists/:codelistID": everyone,
        "GET /api/datasets/:datasetID/table": everyone,
        "GET /api/codelists": everyone,
        "GET /api/reports": everyone,
        "GET /api/reports/:reportID": everyone,
        "GET /api/submissions": submitters,
        "GET /api/submissions/:submissionID": submitters,
        "GET /openapi.json": everyone,
        "GET /developers": everyone,
        "GET /sdmx/2.1/data/:flowRef": everyone,
        "GET /sdmx/2.1/data/:flowRef/:key": everyone,
        "GET /sdmx/2.1/data/:flowRef/:key/:provider": everyone,
        "GET /sdmx/2.1/:type": everyone,
        "GET /sdmx/2.1/:type/:agency": everyone,
        "GET /sdmx/2.1/:type/:agency/:id": everyone,
        "GET /sdmx/2.1/:type/:agency/:id/:version": everyone,
        "GET /sdmx/v2/structure/:type": everyone,
        "GET /sdmx/v2/structure/:type/:agency": everyone,
        "GET /sdmx/v2/structure/:type/:agency/:id": everyone,
        "GET /sdmx/v2/structure/:type/:agency/:id/:version": everyone,
        "GET /sdmx/v2/data/:context/:agency/:id": everyone,
        "GET /sdmx/v2/data/:context/:agency/:id/:version": everyone,
        "GET /sdmx/v2/data/:context/:agency/:id/:version/:key": everyone,
        "GET /login": everyone,
        "GET /reports": everyone,
        "GET /reports/:reportID": everyone,
        "POST /login": everyone,
        "POST /logout": everyone,
        "GET /account": signedIn,
        "GET /datasets/:datasetID/sources": reviewers,
        "POST /datasets/:datasetID/sources": reviewers,
        "GET /datasets/:datasetID/revisions": reviewers,
        "POST /account/password": signedIn,
        "GET /intake": submitters,
        "POST /intake": submitters,
        "GET /intake/uploads/:uploadID": submitters,
        "POST /intake/uploads/:uploadID/alias": submitters,
        "POST /intake/uploads/:uploadID/profile": submitters,
        "POST /intake/uploads/:uploadID/mapping": submitters,
        "POST /intake/uploads/:uploadID/submit": submitters,
        "GET /submissions": submitters,
        "GET /submissions/:submissionID": submitters,
        "POST /submissions/:submissionID/:action": submitters,
        "GET /audit": reviewers,
        "GET /admin/users": administrators,
        "POST /admin/users": administrators,
        "POST /admin/users/:userID/password": administrators,
        "POST /admin/users/:userID/active": administrators,
        "GET /admin/tokens": administrators,
        "POST /admin/tokens": administrators,
        "POST /admin/tokens/:tokenID/revoke": administrators,
        // Machines with API tokens only: a session cookie never authorises an API write (APITokenTests).
        "POST /api/datasets/:datasetID/submissions": [],
        "POST /api/movements": [],
        "GET /movements": [.role(.microdataOfficer)],
        "POST /movements": [.role(.microdataOfficer)],
        "POST /movements/search": [.role(.microdataOfficer)],
        // Governance: assessments in the making are for those who answer them — the assessment
        // organisation's producers (NCC, not the MOHA producer of this test) — and those who review
        // them; everyone reads the published scorecard.
        "GET /governance": reviewers,
        "POST /governance/frameworks": reviewers,
        "POST /governance/assessments": reviewers,
        "GET /governance/assessments/:assessmentID": reviewers,
        "POST /governance/assessments/:assessmentID": submitters,
        "POST /governance/assessments/:assessmentID/workbook": submitters,
        "GET /governance/assessments/:assessmentID/evidence/:indicator": reviewers,
        "GET /reports/mgi-scorecard": everyone,
    ]

    static func routeKey(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map { component in
            if case let .parameter(name) = component { return ":\(name)" }
            return component.description
        }.joined(separator: "/")
    }

    @Test("Every registered route has an entry, and every entry is a registered route")
    func tableIsComplete() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let registered = Set(app.routes.all.map(Self.routeKey))
            #expect(registered.subtracting(Self.table.keys).sorted() == [], "routes without an access decision")
            #expect(Set(Self.table.keys).subtracting(registered).sorted() == [], "entries for routes that do not exist")
        }
    }

    @Test("Each caller gets through exactly where the table allows", arguments: [Caller.anonymous] + Role.allCases.map { Caller.role($0) })
    func access(caller: Caller) async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            var session: SessionRepository.Session?
            var uploadID = UUID().uuidString
            if case let .role(role) = caller {
                let org: String? = role == .producer ? "MOHA" : nil
                let user = User(username: "u-\(role.rawValue)", displayName: role.rawValue, role: role, organisationID: org)
                try await UserRepository(store: app.imdms.store).create(user, passwordHash: "unused")
                session = try await SessionRepository(store: app.imdms.store).create(for: user)
                if Self.submitters.contains(caller) {
                    let file = IncomingFile(name: "labour.csv", data: try Data(contentsOf: try MiniXLSX.sample("mole-labour-migrants-2022.csv")))
                    let dataset = role == .producer ? "BORDER_CROSSINGS" : "LABOUR_MIGRATION"
                    uploadID = try await UploadRepository(store: app.imdms.store)
                        .create(userID: user.id, organisationID: org ?? "MOLE", datasetID: dataset, file: file).uuidString
                }
            }
            // Logging out ends the session, so it goes last.
            for route in app.routes.all.sorted(by: { Self.routeKey($0) != "POST /logout" && Self.routeKey($1) == "POST /logout" }) {
                let key = Self.routeKey(route)
                let allowed = Self.table[key]?.contains(caller) ?? false
                let governancePath = String(key.split(separator: " ")[1])
                    .replacingOccurrences(of: ":assessmentID", with: UUID().uuidString)
                    .replacingOccurrences(of: ":indicator", with: "MGI-1.1.1")
                let path = governancePath
                    .replacingOccurrences(of: ":datasetID", with: "BORDER_CROSSINGS")
                    .replacingOccurrences(of: ":codelistID", with: "CL_SEX")
                    .replacingOccurrences(of: ":uploadID", with: uploadID)
                    .replacingOccurrences(of: ":reportID", with: "quarterly-bulletin")
                    .replacingOccurrences(of: ":submissionID", with: UUID().uuidString)
                    .replacingOccurrences(of: ":action", with: "approve")
                    .replacingOccurrences(of: ":userID", with: UUID().uuidString)
                    .replacingOccurrences(of: ":tokenID", with: UUID().uuidString)
                    .replacingOccurrences(of: ":flowRef", with: "BORDER_CROSSINGS")
                    .replacingOccurrences(of: ":key", with: "all")
                    .replacingOccurrences(of: ":provider", with: "all")
                    .replacingOccurrences(of: ":type", with: "dataflow")
                    .replacingOccurrences(of: ":agency", with: "all")
                    .replacingOccurrences(of: ":context", with: "dataflow")
                    .replacingOccurrences(of: ":id", with: "all")
                    .replacingOccurrences(of: ":version", with: "latest")
                try await app.testing().test(route.method, path, beforeRequest: { request in
                    if let session { request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.session)=\(session.token)") }
                    if route.method == .POST {
                        // A valid CSRF token, so that only the role decides.
                        try request.content.encode(["csrf": session?.csrfToken ?? "none"], as: .urlEncodedForm)
                        if session == nil {
                            request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.loginCSRF)=none")
                        }
                    }
                }) { response in
                    let refused = response.status == .unauthorized || response.status == .forbidden
                    #expect(refused != allowed, "\(caller) \(key) → \(response.status.code)")
                }
            }
        }
    }
}
