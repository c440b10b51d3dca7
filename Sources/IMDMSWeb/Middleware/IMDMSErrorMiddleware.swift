import IMDMSCore
import IMDMSStorage
import Vapor

/// The one place errors become responses: a readable message and the right status; 5xx are
/// logged with their cause and shown without internals. `/api` gets JSON, `/sdmx` SDMX error messages, pages get HTML.
struct IMDMSErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct ErrorBody: Content {
        var error: Bool
        var status: Int
        var reason: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as SDMXError where request.url.path.hasPrefix(SiteURL.sdmxPrefix) {
            return SDMXRequest.errorResponse(error, for: request)
        } catch {
            let (status, reason) = Self.classify(error)
            if status.code >= 500 {
                request.logger.error("\(request.method) \(request.url.path) failed: \(String(reflecting: error))")
            }
            return try Self.response(status: status, reason: reason, for: request)
        }
    }

    /// A user-facing error (`UserFacingError`, including `SDMXError` and `StorageError`) or Vapor's
    /// own (`AbortError`, e.g. `WebError`) gives its status and message; anything else, or a user-facing
    /// error with status 500, is a fault shown without details.
    static func classify(_ error: any Error) -> (HTTPResponseStatus, String) {
        let fault = (HTTPResponseStatus.internalServerError, "The server could not complete the request.")
        switch error {
        case let error as any UserFacingError:
            return error.status == 500 ? fault : (HTTPResponseStatus(statusCode: error.status), error.description)
        case let error as any AbortError:
            return (error.status, error.reason)
        default:
            return fault
        }
    }

    static func response(status: HTTPResponseStatus, reason: String, for request: Request) throws -> Response {
        let response: Response
        if request.url.path.hasPrefix(SiteURL.sdmxPrefix) {
            let code = switch status.code { case 404: 100; case 401: 110; case 403: 130; case 400: 140; case 406: 406; case 501: 501; default: Int(status.code) }
            response = SDMXRequest.errorResponse(SDMXError(httpStatus: Int(status.code), code: code, message: reason), for: request)
        } else if request.url.path.hasPrefix(SiteURL.apiPrefix) {
            response = Response(status: status)
            try response.content.encode(ErrorBody(error: true, status: Int(status.code), reason: reason))
        } else {
            let page = Layout(title: "\(status.code) \(status.reasonPhrase)", login: request.login) {
                .tag(.h1, text: "\(status.code) \(status.reasonPhrase)") + .tag(.p, text: reason) + .tag(.p, .link(.home, "Back to the datasets"))
            }
            response = page.response(status: status)
        }
        return response
    }
}
