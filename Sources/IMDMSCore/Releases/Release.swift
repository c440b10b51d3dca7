import Foundation

/// A moment new data became public, and what was made for it: the reports that use the released
/// datasets, each kept as it was at release (D54).
public struct Release: Sendable, Hashable, Identifiable {
    public struct Document: Sendable, Hashable {
        public var reportID: String
        public var title: String
        public var period: String
        public init(reportID: String, title: String, period: String) {
            self.reportID = reportID
            self.title = title
            self.period = period
        }
    }

    public var id: UUID
    public var at: Date
    public var title: String
    public var summary: String
    public var documents: [Document]

    public init(id: UUID = UUID(), at: Date, title: String, summary: String, documents: [Document] = []) {
        self.id = id
        self.at = at
        self.title = title
        self.summary = summary
        self.documents = documents
    }

    /// What was released, in words: each dataset's name and the periods that became public.
    /// `parts`: (dataset name, first period, last period).
    public static func describe(_ parts: [(name: String, first: String?, last: String?)]) -> (title: String, summary: String) {
        let sorted = parts.sorted { $0.name < $1.name }
        let title = sorted.count == 1 ? "New data: \(sorted[0].name)" : "New data: \(sorted.count) datasets"
        let lines = sorted.map { part -> String in
            switch (part.first, part.last) {
            case let (first?, last?) where first != last: "\(part.name), \(first) to \(last)"
            case let (first?, _): "\(part.name), \(first)"
            default: part.name
            }
        }
        return (title, "Published: " + lines.joined(separator: "; ") + ".")
    }
}
