import IMDMSCore
import IMDMSStorage

/// How to read IMDMS from other software: SDMX REST 2.1 and 2.x, the JSON API and tokens, each
/// with a command to copy.
struct DevelopersPage {
    var base: String
    var agencyID: String
    var example: DataStructure
    /// A code of the example's first dimension, for the filter example.
    var sampleCode: String

    func render(login: SessionRepository.Session?) -> Layout {
        let id = example.id
        let firstDimension = example.dimensions[0].id
        func code(_ text: String) -> Markup { .tag(.pre, [.class("copy")], .tag(.code, text: text)) }
        return Layout(title: T("Data for developers"), login: login) {
            var html = Markup.tag(.h1, text: T("Data for developers"))
            html += .tag(.p, text: T("Everything published here can be read by software without an account. Anonymous callers get published, released figures under disclosure control (small counts withheld, marked CONF_STATUS A or D); an API token gives its role's scope. Codes, periods and statuses are those of SDMX."))
            html += .tag(.h2, text: T("SDMX REST 2.1"))
            html += .tag(.p, text: T("Structures as SDMX-ML 2.1 (dataflow, datastructure, codelist, conceptscheme; references and detail as the standard defines). Data as GenericData (default), StructureSpecificData, SDMX-CSV 1.0 or SDMX-JSON 1.0, chosen by the Accept header or the format parameter (genericdata, structurespecificdata, csv, jsondata). Keys are dot-separated, an empty position is a wildcard and + separates alternatives. Also startPeriod, endPeriod, updatedAfter, firstNObservations, lastNObservations, dimensionAtObservation (TIME_PERIOD or AllDimensions) and detail (full, dataonly, serieskeysonly, nodata)."))
            html += code("curl '\(base)/sdmx/2.1/dataflow/\(agencyID)/all/latest'")
            html += code("curl '\(base)/sdmx/2.1/datastructure/\(agencyID)/\(SDMXArtefacts.dsdID(example))/1.0?references=children'")
            html += code("curl -H 'Accept: application/vnd.sdmx.data+csv;version=1.0.0' '\(base)/sdmx/2.1/data/\(id)/all?startPeriod=2024&endPeriod=2025'")
            html += .tag(.p, text: T("With Python, sdmx1 and pysdmx read it directly:"))
            html += code("""
                import sdmx
                sdmx.add_source({"id": "\(agencyID)", "url": "\(base)/sdmx/2.1", "name": "IMDMS"})
                client = sdmx.Client("\(agencyID)")
                flows = client.dataflow()
                data = client.data("\(id)", params={"startPeriod": "2024", "endPeriod": "2025"})
                print(sdmx.to_pandas(data))
                """)
            html += code("""
                from pysdmx.io import get_datasets
                datasets = get_datasets("\(base)/sdmx/2.1/data/\(id)?format=csv&startPeriod=2024",
                                        "\(base)/sdmx/2.1/dataflow/\(agencyID)/\(id)/1.0?references=all")
                print(datasets[0].data)
                """)
            html += .tag(.h2, text: T("SDMX REST 2.x"))
            html += .tag(.p, text: T("The same data under /sdmx/v2/, with * as wildcard in keys and component filters c[DIMENSION]=A,B and c[TIME_PERIOD]=ge:2024+le:2025; SDMX-CSV 2.0 and SDMX-JSON 2.0 (default)."))
            html += code("curl -H 'Accept: application/vnd.sdmx.data+csv;version=2.0.0' '\(base)/sdmx/v2/data/dataflow/\(agencyID)/\(id)/1.0/*?c[TIME_PERIOD]=ge:2024+le:2025&c[\(firstDimension)]=\(sampleCode)'")
            html += code("curl '\(base)/sdmx/v2/structure/dataflow/\(agencyID)/*/~'")
            html += .tag(.h2, text: T("JSON API"))
            html += .tag(.p, .text(T("Datasets, codelists, tables (the table builder's queries), reports and submissions, described by")), .space,
                         .link(.openAPI, T("an OpenAPI 3.1 document")), .text("."))
            html += code("curl '\(base)/api/datasets'")
            html += code("curl '\(base)/api/datasets/\(id)/table?rows=\(firstDimension)&cols=TIME_PERIOD&start=2024&end=2025'")
            html += code("curl '\(base)/api/reports'")
            html += .tag(.h2, text: T("Sending data"))
            html += .tag(.p, text: T("Producers' systems send files (Excel, CSV, SDMX-CSV) with a token an administrator issues at API tokens; the file goes through the same checks and review as a web upload."))
            html += code("curl -H 'Authorization: Bearer TOKEN' --data-binary @file.csv '\(base)/api/datasets/\(id)/submissions?filename=file.csv'")
            html += code("curl -H 'Authorization: Bearer TOKEN' '\(base)/api/submissions'")
            return html
        }
    }
}
