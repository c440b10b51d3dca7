/// A reference to a dataflow or another maintainable artefact: agency, id and version, each
/// possibly `all` / `latest` (2.1 path forms `ID`, `AGENCY,ID`, `AGENCY,ID,VERSION`).
public struct SDMXFlowReference: Sendable, Equatable {
    public var agencyID: String?
    public var id: String
    public var version: String?

    public init(agencyID: String?, id: String, version: String?) {
        self.agencyID = agencyID
        self.id = id
        self.version = version
    }

    /// Parses the 2.1 `flowRef`: `BORDER_CROSSINGS`, `LS_BOS,BORDER_CROSSINGS`, `LS_BOS,BORDER_CROSSINGS,1.0`.
    public init(flowRef: String) throws(SDMXError) {
        let parts = flowRef.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: self.init(agencyID: nil, id: parts[0], version: nil)
        case 2: self.init(agencyID: parts[0], id: parts[1], version: nil)
        case 3: self.init(agencyID: parts[0], id: parts[1], version: parts[2])
        default: throw .syntax("flowRef '\(flowRef)' has \(parts.count) parts; expected ID, AGENCY,ID or AGENCY,ID,VERSION")
        }
        guard !id.isEmpty else { throw .syntax("flowRef '\(flowRef)' has no dataflow id") }
    }

    /// Whether a value given in a path matches: `all`, `*`, `latest`, `~`, empty or equal.
    public static func matches(_ asked: String?, _ actual: String) -> Bool {
        guard let asked, !asked.isEmpty else { return true }
        return ["all", "*", "latest", "~", "+"].contains(asked.lowercased()) || asked.split(separator: "+").map(String.init).contains(actual)
    }
}
