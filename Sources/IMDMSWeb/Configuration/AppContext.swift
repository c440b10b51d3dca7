import IMDMSCore
import IMDMSStorage
import Vapor

/// What every request handler needs: the store and the reference configuration.
public struct AppContext: Sendable {
    public let store: Store
    public let reference: ReferenceConfiguration
    public let settings: AppSettings

    public init(store: Store, reference: ReferenceConfiguration, settings: AppSettings) {
        self.store = store
        self.reference = reference
        self.settings = settings
    }
}

extension Application {
    private struct ContextKey: StorageKey { typealias Value = AppContext }

    public var imdms: AppContext {
        get {
            guard let context = storage[ContextKey.self] else { fatalError("configure(_:context:) was not called") }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    var imdms: AppContext { application.imdms }
}
