/// Lesotho's reference configuration, the default: Bureau of Statistics as agency, the
/// ministries that produce migration data and the ten datasets of the product brief.
extension ReferenceConfiguration {
    public static func lesotho() throws(ReferenceError) -> ReferenceConfiguration {
        let area = try CountryCodelistBuilder.build(
            home: "LSO",
            homeAliases: ["Basotho", "Mosotho", "Lesotho citizens", "Nationals", "Citizens"],
            foreignAliases: ["Foreigners", "Foreign nationals", "Non-Basotho", "Non-citizens", "Foreign"]
        )
        let codelists = [
            area,
            try LocalCodelistBuilder.districts(file: "lesotho-districts.geojson", totalName: "Lesotho"),
            try LocalCodelistBuilder.borderPosts(file: "lesotho-border-posts.csv"),
            try lesothoMissions(),
            try lesothoHealthSites(),
        ] + (try StandardCodelists.all())
        return try ReferenceConfiguration(
            agencyID: "LS_BOS", countryName: "Lesotho", homeCountryCode: "LSO",
            codelists: codelists, organisations: lesothoOrganisations, structures: try LesothoDatasets.all()
        )
    }

    static let lesothoOrganisations = [
        Organisation(id: "BOS", name: "Bureau of Statistics", kind: .statisticsOffice),
        Organisation(id: "MOHA", name: "Ministry of Home Affairs — Department of Immigration", kind: .producer),
        Organisation(id: "MOLE", name: "Ministry of Labour and Employment", kind: .producer),
        Organisation(id: "MOH", name: "Ministry of Health", kind: .producer),
        Organisation(id: "LMPS", name: "Lesotho Mounted Police Service and Ministry of Social Development", kind: .producer),
        Organisation(id: "MOFA", name: "Ministry of Foreign Affairs and International Relations", kind: .producer),
        Organisation(id: "CBL", name: "Central Bank of Lesotho", kind: .producer),
        Organisation(id: "NCC", name: "National Consultative Committee on Migration", kind: .producer),
    ]

    /// Health sites serving mobile populations at or near the borders (IOM Lesotho newsletter
    /// No. 6, 2022). Codes follow the border post each site serves; Mapholaneng (Mokhotlong) has
    /// no post of its own.
    static func lesothoHealthSites() throws(ReferenceError) -> Codelist {
        try StandardCodelists.flat("CL_HEALTH_SITE", "Border health site", total: "All sites", [
            ("MSB", "Maseru Bridge clinic", ["Maseru Bridge", "Maseru Bridge health post"]),
            ("MPT", "Maputsoe filter clinic", ["Maputsoe", "Maputsoe Filter Clinic", "Maputsoe clinic"]),
            ("CLP", "Caledonspoort health post", ["Caledonspoort", "Caledonspoort clinic"]),
            ("VRG", "Van Rooyen's Gate health post", ["Van Rooyens Gate health post", "Van Rooyen's Gate", "Van Rooyens Gate"]),
            ("TLB", "Tele Bridge health post", ["Tele Bridge", "Tele health post"]),
            ("QNK", "Qacha's Nek border clinic", ["Qacha's Nek", "Qachas Nek clinic", "Qacha Gate clinic"]),
            ("MPH", "Mapholaneng health centre", ["Mapholaneng"]),
        ])
    }

    /// Lesotho's diplomatic missions reporting diaspora registrations. An illustrative list that
    /// an administrator completes; codes are IMDMS's own.
    static func lesothoMissions() throws(ReferenceError) -> Codelist {
        try StandardCodelists.flat("CL_MISSION", "Diplomatic mission", total: "All missions", [
            ("PRETORIA", "High Commission, Pretoria", ["Pretoria"]),
            ("JOHANNESBURG", "Consulate-General, Johannesburg", ["Johannesburg", "Joburg"]),
            ("DURBAN", "Consulate, Durban", ["Durban"]),
            ("CAPE_TOWN", "Consulate, Cape Town", ["Cape Town"]),
            ("WELKOM", "Consulate, Welkom", ["Welkom"]),
            ("GABORONE", "Mission, Gaborone", ["Gaborone"]),
            ("LONDON", "High Commission, London", ["London"]),
            ("WASHINGTON", "Embassy, Washington DC", ["Washington"]),
            ("BEIJING", "Embassy, Beijing", ["Beijing"]),
            ("OTHER", "Other missions", ["Other"]),
        ])
    }
}
