import Foundation

/// Builds `CL_AREA` from `countries.csv`: ISO alpha-3 codes under `WORLD`, the home country
/// beside `FOREIGN` (which holds every other country) and `_U` (unknown), and group codes for SADC and UN regions.
enum CountryCodelistBuilder {
    /// Alpha-2 codes that are not used as aliases because they read as something else
    /// (`SA` is Saudi Arabia's code but commonly written for South Africa; see SOURCES.md).
    static let ambiguousAlpha2: Set<String> = ["SA"]

    static func build(home: String, homeAliases: [String], foreignAliases: [String]) throws(ReferenceError) -> Codelist {
        let rows = try ReferenceResources.table("countries.csv")
        var codes = [
            Code(id: "WORLD", name: "World", aliases: ["All countries", "Total"]),
            Code(id: "FOREIGN", name: "Foreign countries", parentID: "WORLD", aliases: foreignAliases),
            Code(id: "_U", name: "Unknown", parentID: "WORLD", aliases: ["Not stated", "Unknown country", "Stateless or unknown"]),
        ]
        var sadc: [String] = []
        var regions: [(id: String, name: String, members: [String])] = []
        func addToRegion(_ name: String, _ country: String) {
            guard !name.isEmpty else { return }
            let id = "R_" + name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            if let index = regions.firstIndex(where: { $0.id == id }) {
                regions[index].members.append(country)
            } else {
                regions.append((id, name, [country]))
            }
        }
        for row in rows {
            guard let alpha3 = row["alpha3"], !alpha3.isEmpty, let name = row["name"] else { continue }
            var aliases = ReferenceResources.list(row["aliases"])
            if let alpha2 = row["alpha2"], !ambiguousAlpha2.contains(alpha2) { aliases.insert(alpha2, at: 0) }
            if alpha3 == home { aliases += homeAliases }
            codes.append(Code(id: alpha3, name: name, parentID: alpha3 == home ? "WORLD" : "FOREIGN", aliases: aliases))
            if row["sadc"] == "1" { sadc.append(alpha3) }
            addToRegion(row["un_region"] ?? "", alpha3)
            let finer = (row["un_intermediate_region"] ?? "").isEmpty ? row["un_subregion"] ?? "" : row["un_intermediate_region"] ?? ""
            addToRegion(finer, alpha3)
        }
        codes.append(Code(id: "SADC", name: "SADC member states", aliases: ["Southern African Development Community"], memberIDs: sadc))
        for region in regions {
            codes.append(Code(id: region.id, name: region.name, memberIDs: region.members))
        }
        do {
            return try Codelist(
                id: "CL_AREA", name: "Countries and areas",
                description: "ISO 3166-1 alpha-3 countries under WORLD; \(home) beside FOREIGN; SADC and UN M49 regions as groups.",
                codes: codes
            )
        } catch { throw .codelist(error) }
    }
}
