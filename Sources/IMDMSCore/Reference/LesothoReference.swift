import Foundation

/// Lesotho's reference configuration, the default: shipped as a configuration folder
/// (`Resources/countries/lesotho`, D67) and read once per process.
extension ReferenceConfiguration {
    public static func lesotho() throws(ReferenceError) -> ReferenceConfiguration {
        try shippedLesotho.get()
    }

    private static let shippedLesotho: Result<ReferenceConfiguration, ReferenceError> = {
        guard let folder = Bundle.module.url(forResource: "lesotho", withExtension: nil, subdirectory: "countries") else {
            return .failure(.resource(name: "countries/lesotho", reason: "not found in the package resources"))
        }
        do { return .success(try ConfigurationFolder.read(folder)) } catch {
            return .failure(.resource(name: "countries/lesotho", reason: "\(error)"))
        }
    }()
}
