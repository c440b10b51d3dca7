/// The dataset structures of the product brief, as Lesotho's producers report them.
enum LesothoDatasets {
    static func dim(_ id: String, _ name: String, _ codelist: String) -> DataDimension {
        DataDimension(id: id, name: name, codelistID: codelist)
    }

    static let persons = "PS"

    static func all() throws(ReferenceError) -> [DataStructure] {
        do {
            return [
                try DataStructure(
                    id: "BORDER_CROSSINGS", name: "Border crossings",
                    dimensions: [dim("BORDER_POST", "Port of entry", "CL_BORDER_POST"), dim("DIRECTION", "Direction", "CL_DIRECTION"),
                                 dim("CITIZENSHIP", "Citizenship", "CL_AREA"), dim("SEX", "Sex", "CL_SEX"),
                                 dim("AGE", "Age group", "CL_AGE"), dim("PURPOSE", "Purpose of travel", "CL_PURPOSE")],
                    frequency: .monthly, measure: Measure(name: "Crossings", unit: persons, kind: .flow),
                    disclosureThreshold: 0, organisationID: "MOHA",
                    metadata: meta("Arrivals and departures of travellers at Lesotho's ports of entry.",
                                   "Ministry of Home Affairs, Department of Immigration: border management records",
                                   "Immigration statistics unit, Ministry of Home Affairs",
                                   "Every crossing is counted once at the port where it happens. Festive-season peaks fall in December and January.")
                ),
                try DataStructure(
                    id: "BORDER_CROSSINGS_DAILY", name: "Border crossings by day",
                    dimensions: [dim("BORDER_POST", "Port of entry", "CL_BORDER_POST"), dim("DIRECTION", "Direction", "CL_DIRECTION")],
                    frequency: .daily, measure: Measure(name: "Crossings", unit: persons, kind: .flow),
                    disclosureThreshold: 0, organisationID: "MOHA",
                    metadata: meta("Arrivals and departures by day at each port of entry, derived from the traveller records; the festive-season report shows them day by day.",
                                   "Derived by IMDMS from Ministry of Home Affairs border records", "Bureau of Statistics",
                                   "Every crossing in the traveller records is counted on its local date at the port where it happens.")
                ),
                try DataStructure(
                    id: "RETURNS", name: "Returned migrants",
                    dimensions: [dim("ORIGIN", "Country returned from", "CL_AREA"), dim("SEX", "Sex", "CL_SEX"),
                                 dim("AGE", "Age group", "CL_AGE"), dim("BORDER_POST", "Port of entry", "CL_BORDER_POST"),
                                 dim("RETURN_TYPE", "Type of return", "CL_RETURN_TYPE")],
                    frequency: .monthly, measure: Measure(name: "Returned persons", unit: persons, kind: .flow),
                    disclosureThreshold: 3, organisationID: "MOHA",
                    metadata: meta("Basotho returned to Lesotho, voluntarily or deported.",
                                   "Ministry of Home Affairs, Department of Immigration", "Immigration statistics unit, Ministry of Home Affairs",
                                   "Counted at the port where the returnee is received.")
                ),
                try DataStructure(
                    id: "LABOUR_MIGRATION", name: "Labour migration",
                    dimensions: [dim("DESTINATION", "Destination country", "CL_AREA"), dim("SECTOR", "Sector (ISIC Rev.4)", "CL_ISIC4"),
                                 dim("SEX", "Sex", "CL_SEX")],
                    frequency: .quarterly, measure: Measure(name: "Workers recruited", unit: persons, kind: .flow),
                    disclosureThreshold: 0, organisationID: "MOLE",
                    metadata: meta("Basotho recruited for work abroad, by destination and sector.",
                                   "Ministry of Labour and Employment: recruitment and contract registrations",
                                   "Labour migration office, Ministry of Labour and Employment",
                                   "A worker is counted in the quarter the contract is attested. South Africa's mines dominate.")
                ),
                try DataStructure(
                    id: "WORK_PERMITS", name: "Work permits issued",
                    dimensions: [dim("CITIZENSHIP", "Citizenship", "CL_AREA"), dim("SECTOR", "Sector (ISIC Rev.4)", "CL_ISIC4"),
                                 dim("SEX", "Sex", "CL_SEX"), dim("DISTRICT", "District", "CL_DISTRICT")],
                    frequency: .quarterly, measure: Measure(name: "Permits issued", unit: persons, kind: .flow),
                    disclosureThreshold: 3, organisationID: "MOLE",
                    metadata: meta("Foreign nationals granted permits to work in Lesotho.",
                                   "Ministry of Labour and Employment: work permit register", "Labour commissioner's office",
                                   "A permit is counted in the quarter it is issued, in the district of the employer.")
                ),
                try DataStructure(
                    id: "MIGRANT_HEALTH", name: "Migrant health services",
                    dimensions: [dim("HEALTH_SITE", "Border health site", "CL_HEALTH_SITE"), dim("SERVICE", "Service", "CL_HEALTH_SERVICE"),
                                 dim("SEX", "Sex", "CL_SEX"), dim("AGE", "Age band", "CL_HEALTH_AGE")],
                    frequency: .monthly, measure: Measure(name: "Clients served", unit: persons, kind: .flow),
                    disclosureThreshold: 5, organisationID: "MOH",
                    metadata: meta("HIV and TB services given to mobile populations at border sites.",
                                   "Ministry of Health: border health site registers", "Disease control directorate, Ministry of Health",
                                   "Counts of clients per service and month; a client may receive several services.")
                ),
                try DataStructure(
                    id: "TIP_VICTIMS", name: "Victims of trafficking in persons",
                    dimensions: [dim("EXPLOITATION", "Form of exploitation", "CL_EXPLOITATION"), dim("SEX", "Sex", "CL_SEX"),
                                 dim("AGE", "Child or adult", "CL_CHILD_ADULT"), dim("CITIZENSHIP", "Citizenship", "CL_AREA"),
                                 dim("EXPLOITATION_COUNTRY", "Country of exploitation", "CL_AREA")],
                    frequency: .quarterly, measure: Measure(name: "Victims identified", unit: persons, kind: .flow),
                    disclosureThreshold: 3, organisationID: "LMPS",
                    metadata: meta("Victims of trafficking identified by the police and social services.",
                                   "Lesotho Mounted Police Service; Ministry of Social Development",
                                   "Child and gender protection unit, LMPS",
                                   "Small counts: cells under 3 are suppressed in every public output.")
                ),
                try DataStructure(
                    id: "DIASPORA", name: "Basotho diaspora",
                    dimensions: [dim("RESIDENCE", "Country of residence", "CL_AREA"), dim("MISSION", "Registering mission", "CL_MISSION"),
                                 dim("SEX", "Sex", "CL_SEX")],
                    frequency: .annual, measure: Measure(name: "Registered Basotho abroad", unit: persons, kind: .stock),
                    disclosureThreshold: 0, organisationID: "MOFA",
                    metadata: meta("Basotho living abroad registered with Lesotho's missions at the end of the year.",
                                   "Ministry of Foreign Affairs and International Relations: consular registers",
                                   "Consular services, Ministry of Foreign Affairs",
                                   "A stock at 31 December; years are not added up.")
                ),
                try DataStructure(
                    id: "REMITTANCES", name: "Remittance inflows",
                    dimensions: [dim("SENDING_COUNTRY", "Sending country", "CL_AREA"), dim("CHANNEL", "Channel", "CL_REMIT_CHANNEL")],
                    frequency: .quarterly,
                    measure: Measure(name: "Amount received", unit: "LSL", kind: .flow, isCount: false),
                    disclosureThreshold: 0, organisationID: "CBL",
                    metadata: meta("Personal remittances received in Lesotho, in maloti.",
                                   "Central Bank of Lesotho: balance of payments statistics", "Research department, Central Bank of Lesotho",
                                   "Amounts in maloti (LSL), current prices; informal channels are estimated.")
                ),
                try DataStructure(
                    id: "MIGRANT_STOCK", name: "International migrant stock",
                    dimensions: [dim("BIRTH_COUNTRY", "Country of birth", "CL_AREA"), dim("DISTRICT", "District", "CL_DISTRICT"),
                                 dim("SEX", "Sex", "CL_SEX"), dim("AGE", "Age group", "CL_AGE")],
                    frequency: .annual, measure: Measure(name: "Persons born abroad", unit: persons, kind: .stock),
                    disclosureThreshold: 3, organisationID: "BOS",
                    metadata: meta("Residents of Lesotho born in another country, at the census.",
                                   "Bureau of Statistics: Population and Housing Census", "Demography division, Bureau of Statistics",
                                   "A stock at census night; only census years have values.")
                ),
                try DataStructure(
                    id: "MIGRATION_FLOWS", name: "Long-term migration flows",
                    dimensions: [dim("DIRECTION", "Direction", "CL_DIRECTION"), dim("CITIZENSHIP", "Citizenship", "CL_AREA"),
                                 dim("SEX", "Sex", "CL_SEX"), dim("AGE", "Age group", "CL_AGE")],
                    frequency: .monthly, measure: Measure(name: "Long-term migrants", unit: persons, kind: .flow),
                    disclosureThreshold: 3, organisationID: "MOHA",
                    metadata: meta("Long-term migrant arrivals and departures derived from traveller records.",
                                   "Derived by IMDMS from Ministry of Home Affairs border records", "Bureau of Statistics",
                                   "Outcome-based 12/16-month rule: a crossing that changes a person's residence status is a long-term migration.")
                ),
                try DataStructure(
                    id: "VISITOR_STAYS", name: "Visitors' stays and overstays",
                    dimensions: [dim("CITIZENSHIP", "Citizenship", "CL_AREA"), dim("STAY_MEASURE", "Measure", "CL_STAY_MEASURE")],
                    frequency: .monthly, measure: Measure(name: "Visitors or days", unit: "NUM", kind: .flow),
                    disclosureThreshold: 3, organisationID: "MOHA",
                    metadata: meta("Visitors (non-residents who arrive and stay non-resident by the 12/16-month rule) by month of arrival: arrivals, completed stays and their days, those still present, and overstays beyond the permitted stay.",
                                   "Derived by IMDMS from Ministry of Home Affairs border records", "Bureau of Statistics",
                                   "A stay runs from the arrival to the next departure. An overstay is a stay longer than the permitted stay (IMDMS_PERMITTED_STAY_DAYS, 90 by default), or a visitor still present beyond it. Months whose visitors could still overstay are provisional.")
                ),
                try DataStructure(
                    id: "MIGRATION_GOVERNANCE", name: "Migration governance scores",
                    dimensions: [dim("DOMAIN", "Domain of the Migration Governance Framework", "CL_MIGOF_DOMAIN"),
                                 dim("SCORE_TYPE", "Score", "CL_GOVERNANCE_SCORE")],
                    frequency: .annual, measure: Measure(name: "Score", unit: "PC", kind: .stock, isCount: false),
                    disclosureThreshold: 0, organisationID: "NCC",
                    metadata: meta("Migration governance scores by domain of IOM's Migration Governance Framework, and the SDG indicator 10.7.2 domain values, from the assessments the National Consultative Committee on Migration enters and approves.",
                                   "National Consultative Committee on Migration: migration governance assessments", "Secretariat of the National Consultative Committee on Migration",
                                   "Scored by IMDMS from the answers (docs/DECISIONS.md D37): a domain score is the weighted mean of its indicators' answer scores × 100, the overall score the mean of the domain scores; the SDG 10.7.2 value of a domain is the sum of its sub-category scores ÷ their number × 100.")
                ),
            ]
        } catch {
            throw .structure(error)
        }
    }

    static func meta(_ description: String, _ source: String, _ contact: String, _ methodology: String) -> DatasetMetadata {
        DatasetMetadata(description: description, source: source, contact: contact, methodology: methodology)
    }
}
