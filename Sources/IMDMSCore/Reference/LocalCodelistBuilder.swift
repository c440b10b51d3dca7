import Foundation

/// Builds the country's own codelists from the shipped files: districts and border posts.
enum LocalCodelistBuilder {
    private struct FeatureCollection: Decodable {
        struct Feature: Decodable {
            struct Properties: Decodable { var code: String; var name: String }
            var properties: Properties
        }
        var features: [Feature]
    }

    static func districts(file: String, totalName: String) throws(ReferenceError) -> Codelist {
        let collection: FeatureCollection
        do { collection = try JSONDecoder().decode(FeatureCollection.self, from: try ReferenceResources.data(file)) } catch {
            throw .resource(name: file, reason: "\(error)")
        }
        let codes = [Code(id: "_T", name: totalName)] + collection.features.map {
            Code(id: $0.properties.code, name: $0.properties.name, parentID: "_T",
                 aliases: [String($0.properties.code.split(separator: "-").last ?? "")])
        }
        do { return try Codelist(id: "CL_DISTRICT", name: "Districts", codes: codes) } catch { throw .codelist(error) }
    }

    static func borderPosts(file: String) throws(ReferenceError) -> Codelist {
        let rows = try ReferenceResources.table(file)
        let codes = [Code(id: "_T", name: "All ports of entry")] + rows.compactMap { row -> Code? in
            guard let code = row["code"], let name = row["name"] else { return nil }
            return Code(id: code, name: name, parentID: "_T", aliases: ReferenceResources.list(row["aliases"]))
        }
        do {
            return try Codelist(id: "CL_BORDER_POST", name: "Ports of entry",
                                description: "Land border posts and the international airport", codes: codes)
        } catch { throw .codelist(error) }
    }
}
