import Foundation

/// The map boundaries shipped inside the package (copied from `shared/data`; the codelists are in
/// each country's configuration folder).
public enum ReferenceResources {
    public static func data(_ name: String) throws(ReferenceError) -> Data {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "reference") else {
            throw .resource(name: name, reason: "not found in the package resources")
        }
        do { return try Data(contentsOf: url) } catch {
            throw .resource(name: name, reason: error.localizedDescription)
        }
    }
}
