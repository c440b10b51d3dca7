import Foundation
import Vapor

/// A path parameter: `.key` where a controller registers the route, `.value` where a view links to
/// it (SwiftPackageIndex-Server's `Parameter`).
enum Parameter<T: Sendable>: Sendable {
    case key
    case value(T)
}

/// Every page, download and form action of the site, in one place: the route a controller
/// registers (`pathComponents`) and the link a view writes (`path`) come from the same case, so
/// a link cannot point where no route is. (The SDMX services keep the standard's own URL grammar
/// in `SDMXController`.)
enum SiteURL: Sendable {
    case home, stylesheet, script, health, openAPI, developers
    case login, logout, account, accountPassword
    case language(Parameter<String>)
    case dataset(Parameter<String>, DatasetPart = .page)
    case reports, report(Parameter<String>)
    case releases, releasesFeed, releaseDocument(Parameter<UUID>, Parameter<String>)
    case intake, entryForm
    case upload(Parameter<UUID>, UploadAction? = nil)
    case submissions, submission(Parameter<UUID>), submissionAction(Parameter<UUID>, Parameter<String>)
    case audit, movements, movementsSearch
    case governance, frameworks, assessments
    case assessment(Parameter<UUID>, AssessmentPart = .page)
    case users, user(Parameter<UUID>, UserAction), tokens, tokenRevoke(Parameter<UUID>)
    case api(API)
    /// Links only: SDMX data and structure of a dataflow (routes in `SDMXController`).
    case sdmxData(String), sdmxStructure(String)

    enum DatasetPart: String, Sendable { case page = "", tableXLSX = "table.xlsx", tableCSV = "table.csv", chart = "chart.svg", disclosure, sources, revisions }
    enum UploadAction: String, Sendable { case alias, profile, mapping, submit }
    enum UserAction: String, Sendable { case password, active }
    enum AssessmentPart: Sendable { case page, workbook, evidence(Parameter<String>) }
    enum API: Sendable {
        case datasets, codelists, codelist(Parameter<String>), submissions, submission(Parameter<UUID>)
        case reports, report(Parameter<String>), table(Parameter<String>), datasetSubmissions(Parameter<String>), movements
    }

    /// Parameter names, as `request.parameters.get` reads them.
    enum Key {
        static let dataset = "datasetID", report = "reportID", release = "releaseID", upload = "uploadID"
        static let submission = "submissionID", action = "action", assessment = "assessmentID", indicator = "indicator"
        static let user = "userID", token = "tokenID", codelist = "codelistID", language = "code"
    }

    private enum Segment {
        case constant(String)
        case parameter(String, String?)
    }

    private static func parameter<T>(_ name: String, _ value: Parameter<T>, _ text: (T) -> String) -> Segment {
        switch value {
        case .key: .parameter(name, nil)
        case let .value(v): .parameter(name, text(v))
        }
    }

    private var segments: [Segment] {
        let uuid: (UUID) -> String = { $0.uuidString }, same: (String) -> String = { $0 }
        switch self {
        case .home: return []
        case .stylesheet: return [.constant("static"), .constant("imdms.css")]
        case .script: return [.constant("static"), .constant("imdms.js")]
        case .health: return [.constant("healthz")]
        case .openAPI: return [.constant("openapi.json")]
        case .developers: return [.constant("developers")]
        case .login: return [.constant("login")]
        case .logout: return [.constant("logout")]
        case .account: return [.constant("account")]
        case .accountPassword: return [.constant("account"), .constant("password")]
        case let .language(code): return [.constant("language"), Self.parameter(Key.language, code, same)]
        case let .dataset(id, part):
            let base: [Segment] = [.constant("datasets"), Self.parameter(Key.dataset, id, same)]
            return part == .page ? base : base + [.constant(part.rawValue)]
        case .reports: return [.constant("reports")]
        case let .report(id): return [.constant("reports"), Self.parameter(Key.report, id, same)]
        case .releases: return [.constant("releases")]
        case .releasesFeed: return [.constant("releases.atom")]
        case let .releaseDocument(release, report):
            return [.constant("releases"), Self.parameter(Key.release, release, uuid), Self.parameter(Key.report, report, same)]
        case .intake: return [.constant("intake")]
        case .entryForm: return [.constant("intake"), .constant("form")]
        case let .upload(id, action):
            return [.constant("intake"), .constant("uploads"), Self.parameter(Key.upload, id, uuid)] + (action.map { [.constant($0.rawValue)] } ?? [])
        case .submissions: return [.constant("submissions")]
        case let .submission(id): return [.constant("submissions"), Self.parameter(Key.submission, id, uuid)]
        case let .submissionAction(id, action):
            return [.constant("submissions"), Self.parameter(Key.submission, id, uuid), Self.parameter(Key.action, action, same)]
        case .audit: return [.constant("audit")]
        case .movements: return [.constant("movements")]
        case .movementsSearch: return [.constant("movements"), .constant("search")]
        case .governance: return [.constant("governance")]
        case .frameworks: return [.constant("governance"), .constant("frameworks")]
        case .assessments: return [.constant("governance"), .constant("assessments")]
        case let .assessment(id, part):
            let base: [Segment] = [.constant("governance"), .constant("assessments"), Self.parameter(Key.assessment, id, uuid)]
            switch part {
            case .page: return base
            case .workbook: return base + [.constant("workbook")]
            case let .evidence(indicator): return base + [.constant("evidence"), Self.parameter(Key.indicator, indicator, same)]
            }
        case .users: return [.constant("admin"), .constant("users")]
        case let .user(id, action): return [.constant("admin"), .constant("users"), Self.parameter(Key.user, id, uuid), .constant(action.rawValue)]
        case .tokens: return [.constant("admin"), .constant("tokens")]
        case let .tokenRevoke(id): return [.constant("admin"), .constant("tokens"), Self.parameter(Key.token, id, uuid), .constant("revoke")]
        case let .api(api): return [.constant("api")] + Self.segments(api)
        case let .sdmxData(id): return [.constant("sdmx"), .constant("2.1"), .constant("data"), .parameter("flow", id)]
        case let .sdmxStructure(id): return [.constant("sdmx"), .constant("2.1"), .constant("dataflow"), .constant("all"), .parameter("flow", id)]
        }
    }

    private static func segments(_ api: API) -> [Segment] {
        let same: (String) -> String = { $0 }
        switch api {
        case .datasets: return [.constant("datasets")]
        case .codelists: return [.constant("codelists")]
        case let .codelist(id): return [.constant("codelists"), parameter(Key.codelist, id, same)]
        case .submissions: return [.constant("submissions")]
        case let .submission(id): return [.constant("submissions"), parameter(Key.submission, id, { $0.uuidString })]
        case .reports: return [.constant("reports")]
        case let .report(id): return [.constant("reports"), parameter(Key.report, id, same)]
        case let .table(id): return [.constant("datasets"), parameter(Key.dataset, id, same), .constant("table")]
        case let .datasetSubmissions(id): return [.constant("datasets"), parameter(Key.dataset, id, same), .constant("submissions")]
        case .movements: return [.constant("movements")]
        }
    }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// The link: `/intake/uploads/6F…`, each value escaped as a path segment.
    var path: String {
        "/" + segments.map { segment in
            switch segment {
            case let .constant(text): text
            case let .parameter(name, value):
                value.map { $0.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? $0 } ?? ":\(name)"
            }
        }.joined(separator: "/")
    }

    /// The link with a query: `path?query` (the query already encoded).
    func path(query: String) -> String { query.isEmpty ? path : path + "?" + query }

    /// Whether a request path's segments are this route's (a parameter matches any one segment).
    func matches(_ parts: [String]) -> Bool {
        let components = pathComponents
        return components.count == parts.count && zip(components, parts).allSatisfy { component, part in
            if case let .constant(text) = component { return text == part }
            return true
        }
    }

    /// Areas of the site by path prefix, as the middleware tells machines' requests from pages.
    static let apiPrefix = "/api/", sdmxPrefix = "/sdmx/"
    /// The paths whose anonymous GETs are the same for every visitor (the public cache's).
    static let publicPrefixes = ["/datasets/", "/reports/", "/api/datasets", "/api/codelists", "/api/reports", sdmxPrefix, "/developers", "/static/"]

    /// The route a controller registers.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case let .constant(text): .constant(text)
            case let .parameter(name, nil): .parameter(name)
            case let .parameter(_, value?): .constant(value)  // a fixed value: its own route
            }
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        get(url.pathComponents, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        post(url.pathComponents, use: closure)
    }

    /// A POST whose body (an upload) is collected up to `maxSize`.
    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, collecting maxSize: ByteCount,
                                                use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.POST, url.pathComponents, body: .collect(maxSize: maxSize), use: closure)
    }
}
