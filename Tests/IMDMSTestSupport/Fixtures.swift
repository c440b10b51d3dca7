import Foundation
import IMDMSCore

/// Reference data and small files shared by the tests.
public enum Fixtures {
    /// Lesotho's configuration, built once.
    public static let lesotho: ReferenceConfiguration = {
        do { return try ReferenceConfiguration.lesotho() } catch { fatalError("Lesotho reference: \(error)") }
    }()

    /// The second country of the tests (D67): South Africa, a small configuration folder with one
    /// dataset (ARRIVALS by country of residence), as an administrator would write it.
    public static var southAfricaFolder: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "south-africa", withExtension: nil, subdirectory: "countries") else {
                throw CocoaError(.fileNoSuchFile)
            }
            return url
        }
    }

    /// A valid SDMX-CSV file for BORDER_CROSSINGS: 2 posts × 2 directions × 2 months = 8 observations.
    public static let validBorderCSV = """
    DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE,OBS_STATUS
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,ARR,LSO,F,_T,_T,2022-11,1204,A
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,LSO,F,_T,_T,2022-11,1100,A
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,ARR,LSO,F,_T,_T,2022-11,600,A
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,DEP,LSO,F,_T,_T,2022-11,580,P
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,ARR,LSO,F,_T,_T,2022-12,2100,A
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,LSO,F,_T,_T,2022-12,1950,A
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,ARR,LSO,F,_T,_T,2022-12,900,A
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,DEP,LSO,F,_T,_T,2022-12,870,A

    """

    /// Five different faults, one per data row: unknown code, bad period, not a number,
    /// duplicate key, period of the wrong frequency.
    public static let fiveFaultBorderCSV = """
    DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE
    BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-11,10
    BORDER_CROSSINGS,XXX,ARR,LSO,F,_T,_T,2022-11,10
    BORDER_CROSSINGS,MSB,DEP,LSO,F,_T,_T,2022-13,10
    BORDER_CROSSINGS,MPT,ARR,LSO,F,_T,_T,2022-11,ten
    BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-11,11
    BORDER_CROSSINGS,MPT,DEP,LSO,F,_T,_T,2022-Q4,10

    """
}
