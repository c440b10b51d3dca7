import Foundation
import IMDMSCore
import Testing

@Suite("SDMX-CSV 1.0 reader")
struct SDMXCSVReaderTests {
    let reference: ReferenceConfiguration
    init() throws { reference = try ReferenceConfiguration.lesotho() }

    func reader(_ dataset: String = "BORDER_CROSSINGS") throws -> SDMXCSVReader {
        SDMXCSVReader(structure: try #require(reference.structure(dataset)), codelists: reference.codelistsByID, agencyID: reference.agencyID)
    }

    static let header = "DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE"

    @Test("A clean file gives exactly its observations")
    func valid() throws {
        let csv = """
        \(Self.header),OBS_STATUS
        LS_BOS:BORDER_CROSSINGS(1.0),MSB,ARR,LSO,F,_T,_T,2022-11,1204,A
        LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,ZAF,M,Y15T24,WORK,2022-12,0,P
        """
        let observations = try reader().read(Data(csv.utf8)).observations
        #expect(observations.count == 2)
        #expect(observations[0] == Observation(key: ["MSB", "ARR", "LSO", "F", "_T", "_T"], period: try Period(parsing: "2022-11"), value: 1204))
        #expect(observations[1].status == .provisional)
        #expect(observations[1].seriesKey == "MSB.DEP.ZAF.M.Y15T24.WORK")
    }

    @Test("Columns in any order, `;` delimiter, UTF-8 BOM, CRLF, quoted fields and labelled headers")
    func flexibleLayout() throws {
        let csv = "\u{FEFF}TIME_PERIOD;OBS_VALUE;\"DATAFLOW\";SEX: Sex;BORDER_POST;DIRECTION;CITIZENSHIP;AGE;PURPOSE\r\n"
            + "2022-11;\"15\";BORDER_CROSSINGS;F;MSB;ARR;LSO;_T;_T\r\n"
        let observations = try reader().read(Data(csv.utf8)).observations
        #expect(observations.map(\.value) == [15])
        #expect(observations.first?.key == ["MSB", "ARR", "LSO", "F", "_T", "_T"])
    }

    @Test("Reports every fault with row, column, value and reason")
    func fiveFaults() throws {
        let csv = """
        \(Self.header)
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-11,10
        BORDER_CROSSINGS,XXX,ARR,LSO,F,_T,_T,2022-11,10
        BORDER_CROSSINGS,MSB,DEP,LSO,F,_T,_T,2022-13,10
        BORDER_CROSSINGS,MPT,ARR,LSO,F,_T,_T,2022-11,ten
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-11,11
        BORDER_CROSSINGS,MPT,DEP,LSO,F,_T,_T,2022-Q4,10
        """
        let problems = try reader().read(Data(csv.utf8)).problems
        #expect(problems.map(\.kind) == [.unknownCode, .badPeriod, .notANumber, .duplicateKey, .badPeriod])
        #expect(problems.map(\.row) == [3, 4, 5, 6, 7])
        #expect(problems.map(\.column) == ["BORDER_POST", "TIME_PERIOD", "OBS_VALUE", "TIME_PERIOD", "TIME_PERIOD"])
        #expect(problems.map(\.value) == ["XXX", "2022-13", "ten", "MSB.ARR.LSO.F._T._T 2022-11", "2022-Q4"])
        #expect(problems[0].description == "row 3, column BORDER_POST, value 'XXX': unknown code — not a code of CL_BORDER_POST (Ports of entry)")
        #expect(problems[3].message.contains("row 2"))
        #expect(problems[4].message.contains("quarterly but the dataset is monthly"))
    }

    @Test("Refuses a missing column, a wrong dataset and unexpected columns before reading rows")
    func header() throws {
        let csv = "DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,TIME_PERIOD,OBS_VALUE,COMMENT\nX,MSB,ARR,LSO,F,_T,2022-11,1,hi\n"
        let problems = try reader().read(Data(csv.utf8)).problems
        #expect(problems.map(\.kind) == [.missingColumn, .unexpectedColumn])
        #expect(problems.map(\.column) == ["PURPOSE", "COMMENT"])
        let wrongFlow = "\(Self.header)\nLS_BOS:RETURNS(1.0),MSB,ARR,LSO,F,_T,_T,2022-11,1\n"
        #expect(try reader().read(Data(wrongFlow.utf8)).problems.map(\.kind) == [.wrongDataset])
    }

    @Test("Checks values: negative and fractional counts, missing values, statuses, field counts")
    func values() throws {
        let csv = """
        \(Self.header),OBS_STATUS
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-01,-3,
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-02,2.5,
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-03,,A
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-04,,M
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-05,1,Z
        BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-06,"1,234",
        BORDER_CROSSINGS,MSB,ARR
        """
        let problems = try reader().read(Data(csv.utf8)).problems
        #expect(problems.map(\.kind) == [.negativeCount, .fractionalCount, .missingValue, .badStatus, .notANumber, .wrongFieldCount])
        #expect(problems.map(\.row) == [2, 3, 4, 6, 7, 8])
    }

    @Test("Amounts may be fractional; empty and header-only files are refused")
    func amountsAndEmpty() throws {
        let csv = "DATAFLOW,SENDING_COUNTRY,CHANNEL,TIME_PERIOD,OBS_VALUE\nREMITTANCES,ZAF,BANK,2022-Q1,1234.56\n"
        #expect(try reader("REMITTANCES").read(Data(csv.utf8)).observations.first?.value == 1234.56)
        #expect(try reader().read(Data()).problems.map(\.kind) == [.emptyFile])
        #expect(try reader().read(Data("\(Self.header)\n".utf8)).problems.map(\.kind) == [.emptyFile])
        #expect(try reader().read(Data("\(Self.header)\n\"MSB,ARR\n".utf8)).problems.map(\.kind) == [.unreadableFile])
        #expect(try reader().read(Data([0x44, 0x41, 0xFF, 0xFE, 0x0A])).problems.map(\.kind) == [.unreadableFile])
    }
}
