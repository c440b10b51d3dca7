import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("Tables through SQLKit")
struct TableReaderTests {
    @Test("Sums flows over periods, filters, orders codes by codelist", arguments: TestBackend.available)
    func flows(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            _ = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "a.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            let reader = TableReader(store: store)
            let table = try await reader.table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: "DIRECTION"),
                reference: reference, visibility: .allCurrent)
            #expect(table.rowCodes == ["MSB", "MPT"])
            #expect(table.columnCodes == ["ARR", "DEP"])
            #expect(table.value(row: "MSB", column: "ARR") == Double(1204 + 2100))
            #expect(table.rowTotal("MPT") == Double(600 + 580 + 900 + 870))
            #expect(table.grandTotal == 9304)
            #expect(table.firstPeriod?.formatted == "2022-11")
            #expect(table.lastPeriod?.formatted == "2022-12")

            let december = try await reader.table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION", filters: ["BORDER_POST": ["MPT"]],
                             startPeriod: try Period(parsing: "2022-12"), endPeriod: try Period(parsing: "2022-12")),
                reference: reference, visibility: .allCurrent)
            #expect(december.columnCodes == ["_T"])
            #expect(december.value(row: "ARR", column: "_T") == 900)
            #expect(december.grandTotal == 1770)

            let quarter = try await reader.table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "SEX",
                             startPeriod: try Period(parsing: "2022-Q4"), endPeriod: try Period(parsing: "2022-Q4")),
                reference: reference, visibility: .allCurrent)
            #expect(quarter.grandTotal == 9304)
        }
    }

    @Test("Stocks show the last period in the range, not a sum", arguments: TestBackend.available)
    func stocks(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let csv = """
            DATAFLOW,RESIDENCE,MISSION,SEX,TIME_PERIOD,OBS_VALUE
            DIASPORA,ZAF,JOHANNESBURG,F,2021,100
            DIASPORA,ZAF,JOHANNESBURG,F,2022,120
            DIASPORA,GBR,LONDON,F,2022,7
            """
            _ = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(Data(csv.utf8), fileName: "d.csv", datasetID: "DIASPORA", channel: .web)
            let table = try await TableReader(store: store).table(
                TableRequest(datasetID: "DIASPORA", rowDimension: "RESIDENCE"), reference: reference, visibility: .allCurrent)
            #expect(table.stockPeriod?.formatted == "2022")
            #expect(table.value(row: "ZAF", column: "_T") == 120)
            #expect(table.grandTotal == 127)
            let earlier = try await TableReader(store: store).table(
                TableRequest(datasetID: "DIASPORA", rowDimension: "RESIDENCE", endPeriod: try Period(parsing: "2021")), reference: reference, visibility: .allCurrent)
            #expect(earlier.grandTotal == 100)
        }
    }

    @Test("Refuses unknown dimensions and codes with every problem named", arguments: TestBackend.available)
    func invalidRequest(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            do {
                _ = try await TableReader(store: store).table(
                    TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "COLOUR", filters: ["SEX": ["X"]]), reference: reference, visibility: .allCurrent)
                Issue.record("an invalid request was answered")
            } catch let error as TableRequestError {
                #expect(error.problems.count == 2)
                #expect(error.description.contains("COLOUR"))
                #expect(error.description.contains("'X' is not a code of CL_SEX"))
            }
        }
    }
}
