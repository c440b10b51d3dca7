import Foundation
import IMDMSCore
import Vapor

/// What the JSON API returns besides domain types it encodes as they are (codelists, tables).
/// Dates are ISO 8601 text; every shape is in `/openapi.json`.
enum APIModels {
    static func timestamp(_ date: Date?) -> String? { date.map(SDMXML.timestamp) }

    struct CodelistSummary: Content {
        var id: String
        var name: String
        var codeCount: Int
    }

    struct SubmissionDTO: Content {
        var id: String
        var dataset: String
        var organisation: String
        var status: String
        var channel: String
        var createdAt: String
        var observationCount: Int
        var releaseAt: String?
        var reviewComment: String?
        var fileName: String?
        var sha256: String?
        var history: [EventDTO]?

        init(_ s: Submission, history: [WorkflowEvent]? = nil) {
            id = s.id.uuidString
            dataset = s.datasetID
            organisation = s.organisationID
            status = s.status.rawValue
            channel = s.channel.rawValue
            createdAt = SDMXML.timestamp(s.createdAt)
            observationCount = s.observationCount
            releaseAt = APIModels.timestamp(s.releaseAt)
            reviewComment = s.reviewComment
            fileName = s.source?.name
            sha256 = s.source?.sha256
            self.history = history?.map(EventDTO.init)
        }
    }

    struct EventDTO: Content {
        var at: String
        var actor: String
        var action: String
        var fromStatus: String?
        var toStatus: String
        var comment: String?

        init(_ e: WorkflowEvent) {
            at = SDMXML.timestamp(e.at)
            actor = e.actor
            action = e.action
            fromStatus = e.fromStatus?.rawValue
            toStatus = e.toStatus.rawValue
            comment = e.comment
        }
    }

    struct ReportSummary: Content {
        var id: String
        var title: String
        var description: String
        var frequency: String
        var latestPeriod: String?
        var formats: [String]
    }

    struct ReportDTO: Content {
        struct Section: Content {
            var title: String
            var narrative: String
            var source: String
            var keyFigures: [KeyFigure]
            var tables: [Table]
            /// Tables that are not statistics (the scorecard's scores): columns and rows of text.
            var plainTables: [PlainTable]
        }
        struct PlainTable: Content {
            var title: String
            var columns: [String]
            var rows: [[String]]
        }
        struct KeyFigure: Content {
            var label: String
            var value: String
            var change: String
        }
        struct Table: Content {
            var title: String
            var notes: [String]
            var table: TableResult
        }

        var id: String
        var title: String
        var period: String
        var periodLabel: String
        var generatedAt: String
        var synthetic: Bool
        var sections: [Section]
        var downloads: [String: String]

        init(_ report: ReportDefinition, period: Period, document: ReportDocument) {
            id = report.id
            title = report.title
            self.period = period.formatted
            periodLabel = document.periodLabel
            generatedAt = SDMXML.timestamp(document.generatedAt)
            synthetic = document.isSynthetic
            sections = document.sections.map { section in
                Section(title: section.title, narrative: section.narrative, source: section.source,
                        keyFigures: section.keyFigures.map { KeyFigure(label: $0.label, value: $0.value, change: $0.change) },
                        tables: section.tables.map { Table(title: $0.title, notes: $0.notes, table: $0.table) },
                        plainTables: section.plainTables.map { PlainTable(title: $0.title, columns: $0.columns, rows: $0.rows.map { $0.map(\.text) }) })
            }
            downloads = Dictionary(uniqueKeysWithValues: ["html", "xlsx", "csv", "pdf"].map {
                ($0, SiteURL.report(.value(report.id)).path(query: "period=\(period.formatted)&format=\($0)"))
            })
        }
    }
}
