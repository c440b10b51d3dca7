import IMDMSCore
import Vapor

/// Chooses the language of each request — the reader's choice kept in a cookie (`/language/st`),
/// else `Accept-Language` — and answers in it: `Content-Language`, and `Vary` so that caches keep
/// each language apart.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookie = "imdms_lang"

    static func language(of request: Request) -> Language {
        if let chosen = request.cookies[cookie]?.string, let language = Language(rawValue: chosen) { return language }
        return Language.preferred(request.headers.first(name: .acceptLanguage))
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let language = Self.language(of: request)
        var localizer = request.imdms.localizer(language)
        localizer.path = request.url.string
        let response = try await Localizer.$current.withValue(localizer) { try await next.respond(to: request) }
        response.headers.replaceOrAdd(name: "Content-Language", value: language.rawValue)
        let vary = response.headers.first(name: .vary).map { $0 + ", Accept-Language, Cookie" } ?? "Accept-Language, Cookie"
        response.headers.replaceOrAdd(name: .vary, value: vary)
        return response
    }
}
