/// The shape of Lesotho's demo data, one spec per dataset of the brief.
enum LesothoDemoSpecs {
    static let sex: DemoSpec.Weights = [("F", 0.47), ("M", 0.53)]
    static let ages: DemoSpec.Weights = [("Y0T14", 0.08), ("Y15T24", 0.2), ("Y25T34", 0.28), ("Y35T44", 0.2),
                                         ("Y45T54", 0.13), ("Y55T64", 0.07), ("Y_GE65", 0.04)]
    static let posts: DemoSpec.Weights = [
        ("MSB", 0.40), ("MPT", 0.19), ("CLP", 0.07), ("VRG", 0.06), ("QNK", 0.05), ("TLB", 0.04), ("PKB", 0.03),
        ("MKB", 0.025), ("MSU", 0.025), ("SNP", 0.02), ("RMG", 0.01), ("SPG", 0.01), ("ONK", 0.005),
        ("MNP", 0.005), ("NKG", 0.003), ("BMN", 0.002),
    ]
    static let total: DemoSpec.Weights = [("_T", 1)]

    /// National scale: border crossings by twenty citizenships and five purposes of travel;
    /// returns from twenty countries, at every port, by seven age groups.
    static var national: [DemoSpec] {
        all.map { spec in
            if spec.datasetID == "RETURNS" {
                var wide = spec
                wide.totalPerPeriod = 3_000
                wide.dimensions[0] = [("ZAF", 0.82), ("BWA", 0.03), ("NAM", 0.02), ("MOZ", 0.02), ("SWZ", 0.02), ("ZWE", 0.015), ("MWI", 0.01),
                                      ("ZMB", 0.01), ("AGO", 0.005), ("TZA", 0.005), ("COD", 0.005), ("KEN", 0.005), ("NGA", 0.005), ("CHN", 0.005),
                                      ("GBR", 0.005), ("USA", 0.005), ("IND", 0.005), ("ARE", 0.005), ("SAU", 0.005), ("DEU", 0.005)]
                wide.dimensions[2] = ages
                wide.dimensions[3] = posts
                return wide
            }
            guard spec.datasetID == "BORDER_CROSSINGS" else { return spec }
            var wide = spec
            wide.dimensions[2] = [("LSO", 0.78), ("ZAF", 0.1), ("ZWE", 0.02), ("CHN", 0.015), ("MOZ", 0.01), ("GBR", 0.005), ("BWA", 0.005),
                                  ("NAM", 0.005), ("SWZ", 0.005), ("MWI", 0.005), ("ZMB", 0.005), ("IND", 0.005), ("NGA", 0.005), ("PAK", 0.003),
                                  ("USA", 0.003), ("DEU", 0.002), ("COD", 0.002), ("AGO", 0.002), ("TZA", 0.002), ("KEN", 0.002)]
            wide.dimensions[5] = [("VISIT", 0.4), ("WORK", 0.3), ("BUS", 0.1), ("TOUR", 0.1), ("RETURN", 0.1)]
            return wide
        }
    }

    static let all: [DemoSpec] = [
        DemoSpec(datasetID: "BORDER_CROSSINGS", totalPerPeriod: 600_000,
                 dimensions: [posts, [("ARR", 0.5), ("DEP", 0.5)],
                              [("LSO", 0.8), ("ZAF", 0.12), ("ZWE", 0.03), ("CHN", 0.02), ("MOZ", 0.01), ("GBR", 0.01), ("BWA", 0.01)],
                              sex, ages, total],
                 seasonal: true, growth: 0.03),
        DemoSpec(datasetID: "RETURNS", totalPerPeriod: 900,
                 dimensions: [[("ZAF", 0.9), ("BWA", 0.05), ("NAM", 0.03), ("MOZ", 0.02)], sex,
                              [("Y15T24", 0.3), ("Y25T34", 0.4), ("Y35T44", 0.2), ("Y45T54", 0.1)],
                              [("MSB", 0.6), ("MPT", 0.3), ("VRG", 0.1)], [("VOL", 0.35), ("DEPORT", 0.65)]],
                 seasonal: true, growth: 0.02),
        DemoSpec(datasetID: "LABOUR_MIGRATION", totalPerPeriod: 9_000,
                 dimensions: [[("ZAF", 0.9), ("BWA", 0.03), ("NAM", 0.02), ("MUS", 0.01), ("GBR", 0.02), ("CIV", 0.02)],
                              [("B", 0.45), ("A", 0.15), ("T", 0.15), ("F", 0.1), ("C", 0.08), ("N", 0.07)],
                              [("M", 0.7), ("F", 0.3)]],
                 seasonal: true, growth: -0.01),
        DemoSpec(datasetID: "WORK_PERMITS", totalPerPeriod: 600,
                 dimensions: [[("CHN", 0.35), ("ZAF", 0.2), ("IND", 0.15), ("ZWE", 0.15), ("NGA", 0.08), ("PAK", 0.07)],
                              [("C", 0.35), ("G", 0.3), ("F", 0.15), ("P", 0.1), ("Q", 0.1)], [("M", 0.65), ("F", 0.35)],
                              [("LS-A", 0.55), ("LS-C", 0.2), ("LS-D", 0.1), ("LS-E", 0.05), ("LS-B", 0.05), ("LS-F", 0.05)]],
                 seasonal: false, growth: 0.04),
        DemoSpec(datasetID: "MIGRANT_HEALTH", totalPerPeriod: 6_000,
                 dimensions: [[("MSB", 0.45), ("MPT", 0.25), ("VRG", 0.1), ("TLB", 0.1), ("QNK", 0.1)],
                              [("HIV_TESTED", 0.3), ("HIV_POSITIVE", 0.03), ("ART_INITIATED", 0.025), ("ART_REFILL", 0.25),
                               ("TB_SCREENED", 0.3), ("TB_PRESUMPTIVE", 0.02), ("REFERRED", 0.075)],
                              sex, [("Y0T14", 0.1), ("Y15T24", 0.3), ("Y25T49", 0.45), ("Y_GE50", 0.15)]],
                 seasonal: true, growth: 0.05),
        DemoSpec(datasetID: "TIP_VICTIMS", totalPerPeriod: 14,
                 dimensions: [[("SEXUAL", 0.35), ("LABOUR", 0.45), ("SERVITUDE", 0.2)], [("F", 0.6), ("M", 0.4)],
                              [("Y_LT18", 0.3), ("Y_GE18", 0.7)], [("LSO", 0.85), ("FOREIGN", 0.15)],
                              [("ZAF", 0.8), ("LSO", 0.2)]],
                 seasonal: false, growth: 0.0, noise: 0.6),
        DemoSpec(datasetID: "DIASPORA", totalPerPeriod: 120_000,
                 dimensions: [[("ZAF", 0.92), ("BWA", 0.02), ("GBR", 0.02), ("USA", 0.015), ("NAM", 0.025)],
                              [("PRETORIA", 0.15), ("JOHANNESBURG", 0.4), ("DURBAN", 0.1), ("CAPE_TOWN", 0.1), ("WELKOM", 0.17),
                               ("OTHER", 0.08)],
                              sex],
                 seasonal: false, growth: 0.02),
        DemoSpec(datasetID: "REMITTANCES", totalPerPeriod: 1_600_000_000,
                 dimensions: [[("ZAF", 0.93), ("BWA", 0.02), ("GBR", 0.02), ("USA", 0.01), ("NAM", 0.02)],
                              [("BANK", 0.3), ("MTO", 0.35), ("MOBILE", 0.15), ("INFORMAL", 0.2)]],
                 seasonal: true, growth: 0.04),
        DemoSpec(datasetID: "MIGRANT_STOCK", totalPerPeriod: 12_000,
                 dimensions: [[("ZAF", 0.55), ("CHN", 0.15), ("ZWE", 0.1), ("IND", 0.08), ("NGA", 0.06), ("PAK", 0.06)],
                              [("LS-A", 0.45), ("LS-C", 0.15), ("LS-D", 0.1), ("LS-E", 0.08), ("LS-F", 0.06), ("LS-B", 0.06),
                               ("LS-G", 0.04), ("LS-H", 0.03), ("LS-J", 0.02), ("LS-K", 0.01)],
                              sex, ages],
                 seasonal: false, growth: 0.0, onlyYears: [2016]),
        DemoSpec(datasetID: "MIGRATION_FLOWS", totalPerPeriod: 2_400,
                 dimensions: [[("ARR", 0.45), ("DEP", 0.55)], [("LSO", 0.75), ("ZAF", 0.1), ("ZWE", 0.05), ("CHN", 0.05), ("NGA", 0.05)],
                              sex, ages],
                 seasonal: true, growth: 0.01),
    ]
}
