import Vapor

/// An error the web layer answers with a status and a message meant for the user.
struct WebError: AbortError, CustomStringConvertible {
    var status: HTTPResponseStatus
    var reason: String

    static func notFound(_ reason: String) -> WebError { WebError(status: .notFound, reason: reason) }
    static func badRequest(_ reason: String) -> WebError { WebError(status: .badRequest, reason: reason) }

    var description: String { reason }
}
