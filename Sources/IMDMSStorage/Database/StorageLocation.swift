/// Where IMDMS keeps its data: an embedded SQLite file (the default) or a PostgreSQL server.
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public var description: String {
        switch self {
        case let .sqlite(path): "SQLite at \(path)"
        case let .postgres(url): "PostgreSQL at \(StorageLocation.redacted(url))"
        }
    }

    /// The URL with any password replaced by `***`, for logs and messages.
    public static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"),
              let colon = url[scheme.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
