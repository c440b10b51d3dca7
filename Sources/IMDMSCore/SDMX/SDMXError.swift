/// An SDMX web-service error: the HTTP status and the SDMX error code the standard pairs with it
/// (100 no results, 140 syntax, 150 semantic, 406 not acceptable, 501 not implemented), with a
/// message naming the parameter and value at fault.
public struct SDMXError: Error, Sendable, Equatable, CustomStringConvertible {
    public var httpStatus: Int
    public var code: Int
    public var message: String

    public init(httpStatus: Int, code: Int, message: String) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
    }

    public static func noResults(_ message: String) -> SDMXError { SDMXError(httpStatus: 404, code: 100, message: message) }
    public static func syntax(_ message: String) -> SDMXError { SDMXError(httpStatus: 400, code: 140, message: message) }
    public static func semantic(_ message: String) -> SDMXError { SDMXError(httpStatus: 400, code: 150, message: message) }
    public static func notAcceptable(_ message: String) -> SDMXError { SDMXError(httpStatus: 406, code: 406, message: message) }
    public static func notImplemented(_ message: String) -> SDMXError { SDMXError(httpStatus: 501, code: 501, message: message) }
    public static func unauthorized(_ message: String) -> SDMXError { SDMXError(httpStatus: 401, code: 110, message: message) }
    public static func forbidden(_ message: String) -> SDMXError { SDMXError(httpStatus: 403, code: 130, message: message) }

    public var description: String { message }

    /// The SDMX-ML 2.1 error message.
    public var xml: String {
        SDMXML.declaration
            + "<mes:Error xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:com=\"\(SDMXML.commonNS)\">"
            + "<mes:ErrorMessage code=\"\(code)\"><com:Text xml:lang=\"en\">\(SDMXML.escape(message))</com:Text></mes:ErrorMessage></mes:Error>\n"
    }

    /// The SDMX-JSON error message (`errors` array, as in SDMX-JSON 1.0 and 2.0).
    public var json: String {
        "{\"errors\":[{\"code\":\(code),\"title\":\(JSONText.string(message))}]}\n"
    }
}
