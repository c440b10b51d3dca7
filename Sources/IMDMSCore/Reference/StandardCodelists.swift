/// Codelists that are the same for every country: SDMX sex and age, direction, purpose of
/// travel, ISIC Rev.4 sections, forms of exploitation, health services, remittance channels.
enum StandardCodelists {
    typealias Entry = (id: String, name: String, aliases: [String])

    /// A flat codelist whose codes all sit under a `_T` total.
    static func flat(_ id: String, _ name: String, total: String, _ entries: [Entry]) throws(ReferenceError) -> Codelist {
        let codes = [Code(id: "_T", name: total, aliases: ["Total", "All"])]
            + entries.map { Code(id: $0.id, name: $0.name, parentID: "_T", aliases: $0.aliases) }
        do { return try Codelist(id: id, name: name, codes: codes) } catch { throw .codelist(error) }
    }

    static func all() throws(ReferenceError) -> [Codelist] {
        [
            try flat("CL_SEX", "Sex", total: "Total", [
                ("F", "Female", ["Women", "Woman", "Girls", "Females"]),
                ("M", "Male", ["Men", "Man", "Boys", "Males"]),
                ("_U", "Unknown", ["Not stated", "Unspecified"]),
            ]),
            try flat("CL_AGE", "Age group", total: "All ages", [
                ("Y0T14", "0–14 years", ["0-14", "Under 15", "Children"]),
                ("Y15T24", "15–24 years", ["15-24"]),
                ("Y25T34", "25–34 years", ["25-34"]),
                ("Y35T44", "35–44 years", ["35-44"]),
                ("Y45T54", "45–54 years", ["45-54"]),
                ("Y55T64", "55–64 years", ["55-64"]),
                ("Y_GE65", "65 years or over", ["65+", "65 and over", "65 years and over"]),
                ("_U", "Unknown age", ["Not stated"]),
            ]),
            try flat("CL_HEALTH_AGE", "Age band (health services)", total: "All ages", [
                ("Y0T14", "Under 15 years", ["<15", "0-14", "Under 15", "Children"]),
                ("Y15T24", "15–24 years", ["15-24"]),
                ("Y25T49", "25–49 years", ["25-49"]),
                ("Y_GE50", "50 years or over", ["50+", "50 and over", ">=50"]),
                ("_U", "Unknown age", ["Not stated"]),
            ]),
            try flat("CL_CHILD_ADULT", "Child or adult", total: "All ages", [
                ("Y_LT18", "Child (under 18)", ["Child", "Children", "Minor", "Under 18", "Children (under 18)"]),
                ("Y_GE18", "Adult (18 or over)", ["Adult", "Adults", "18+"]),
                ("_U", "Unknown age", ["Not stated"]),
            ]),
            try flat("CL_DIRECTION", "Direction of travel", total: "Both directions", [
                ("ARR", "Arrival", ["Arrivals", "In", "Entry", "Entries", "Inbound"]),
                ("DEP", "Departure", ["Departures", "Out", "Exit", "Exits", "Outbound"]),
            ]),
            try flat("CL_PURPOSE", "Purpose of travel", total: "All purposes", [
                ("BUS", "Business", ["Business trip"]),
                ("WORK", "Work or employment", ["Work", "Employment"]),
                ("TOUR", "Holiday, leisure and tourism", ["Tourism", "Holiday", "Leisure"]),
                ("VISIT", "Visiting friends and relatives", ["Visit", "VFR", "Family visit"]),
                ("STUDY", "Study", ["Education", "School"]),
                ("TRANSIT", "Transit", []),
                ("RETURN", "Returning resident", ["Returning resident", "Return", "Resident returning"]),
                ("MED", "Medical treatment", ["Medical", "Health"]),
                ("SHOP", "Shopping and trade", ["Shopping", "Trade"]),
                ("OTH", "Other purpose", ["Other"]),
                ("_U", "Not stated", ["Unknown"]),
            ]),
            try flat("CL_RETURN_TYPE", "Type of return", total: "All returns", [
                ("VOL", "Voluntary return", ["Voluntary"]),
                ("DEPORT", "Deportation", ["Deported", "Deportee", "Forced return"]),
            ]),
            try flat("CL_ISIC4", "Economic activity (ISIC Rev.4 sections)", total: "All activities", isicSections),
            try flat("CL_STAY_MEASURE", "Visitors' stays", total: "All measures", [
                ("ARR", "Visitor arrivals", []),
                ("COMPLETED", "Stays completed (visitor departed)", []),
                ("DAYS", "Days of the completed stays", []),
                ("PRESENT", "Still present at the end of the data", []),
                ("OVERSTAY", "Stayed beyond the permitted stay", []),
            ]),
            try flat("CL_MIGOF_DOMAIN", "Domain of the Migration Governance Framework", total: "All domains (overall score)",
                     AssessmentFramework.migofDomains.map { ($0.code, $0.name, []) }),
            try flat("CL_GOVERNANCE_SCORE", "Migration governance score", total: "All scores", [
                ("MGI", "MGI domain score (weighted mean of indicator scores)", []),
                ("SDG1072", "SDG 10.7.2 domain value (mean of sub-category scores)", []),
            ]),
            try flat("CL_EXPLOITATION", "Form of exploitation", total: "All forms", [
                ("SEXUAL", "Sexual exploitation", ["Sexual", "Prostitution"]),
                ("LABOUR", "Forced labour", ["Labour", "Labour exploitation", "Forced labor"]),
                ("SERVITUDE", "Domestic servitude", ["Domestic servitude", "Servitude"]),
                ("MARRIAGE", "Forced marriage", ["Marriage", "Child marriage"]),
                ("ORGAN", "Organ removal", ["Organ harvesting", "Removal of organs"]),
                ("CRIMINAL", "Forced criminality", ["Criminal activity"]),
                ("BEGGING", "Forced begging", ["Begging"]),
                ("OTH", "Other forms", ["Other"]),
                ("_U", "Unknown", ["Not known"]),
            ]),
            try flat("CL_HEALTH_SERVICE", "Health service", total: "All services", [
                ("HIV_TESTED", "Tested for HIV", ["HIV tested", "HTS", "HIV testing"]),
                ("HIV_POSITIVE", "Tested HIV positive", ["HIV positive", "HIV+", "Positive"]),
                ("ART_INITIATED", "Initiated on ART", ["ART initiated", "ART initiation", "Initiated on treatment"]),
                ("ART_REFILL", "ART refill", ["ART refills", "Refill"]),
                ("TB_SCREENED", "Screened for TB", ["TB screened", "TB screening"]),
                ("TB_PRESUMPTIVE", "Presumptive TB", ["Presumptive TB", "TB presumptive", "TB suspects"]),
                ("REFERRED", "Referred", ["Referrals", "Referral", "Referred to facility"]),
            ]),
            try flat("CL_REMIT_CHANNEL", "Remittance channel", total: "All channels", [
                ("BANK", "Banks", ["Bank transfer", "Commercial banks"]),
                ("MTO", "Money transfer operators", ["MTO", "Money transfer"]),
                ("MOBILE", "Mobile money", ["Mobile", "M-Pesa", "EcoCash"]),
                ("POST", "Postal services", ["Post office"]),
                ("INFORMAL", "Informal channels", ["Informal", "Taxi", "Hand-carried"]),
            ]),
        ]
    }

    static let isicSections: [Entry] = [
        ("A", "Agriculture, forestry and fishing", ["Agriculture", "Farming", "Farm work"]),
        ("B", "Mining and quarrying", ["Mining", "Mines", "Mineworkers"]),
        ("C", "Manufacturing", ["Factory", "Textiles"]),
        ("D", "Electricity, gas, steam and air conditioning supply", ["Electricity"]),
        ("E", "Water supply; sewerage, waste management and remediation", ["Water supply"]),
        ("F", "Construction", ["Building"]),
        ("G", "Wholesale and retail trade; repair of motor vehicles", ["Wholesale and retail trade", "Retail", "Trade"]),
        ("H", "Transportation and storage", ["Transport"]),
        ("I", "Accommodation and food service activities", ["Hospitality", "Hotels and restaurants"]),
        ("J", "Information and communication", ["ICT"]),
        ("K", "Financial and insurance activities", ["Finance", "Banking"]),
        ("L", "Real estate activities", ["Real estate"]),
        ("M", "Professional, scientific and technical activities", ["Professional services"]),
        ("N", "Administrative and support service activities", ["Security services", "Security", "Cleaning services"]),
        ("O", "Public administration and defence; compulsory social security", ["Public administration", "Government"]),
        ("P", "Education", ["Teaching", "Teachers"]),
        ("Q", "Human health and social work activities", ["Health", "Health care", "Nursing"]),
        ("R", "Arts, entertainment and recreation", ["Entertainment"]),
        ("S", "Other service activities", ["Other services"]),
        ("T", "Activities of households as employers", ["Domestic work", "Domestic workers", "Household employment"]),
        ("U", "Activities of extraterritorial organisations and bodies", ["International organisations"]),
    ]
}
