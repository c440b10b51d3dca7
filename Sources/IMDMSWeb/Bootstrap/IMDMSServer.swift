import Foundation
import IMDMSCore
import IMDMSStorage
import Logging
import Vapor

/// Prepares a data folder or database for use: migrations, the reference configuration on first
/// start, the first administrator and, when asked, the demo data.
public enum IMDMSSetup {
    public struct Prepared: Sendable {
        public var store: Store
        public var reference: ReferenceConfiguration
        public var admin: FirstAdmin.Credentials?
        public var demo: DemoLoader.Outcome?
    }

    public static func prepare(settings: AppSettings, demo: Bool, logger: Logger) async throws -> Prepared {
        // The data folder is private: the database, the first-login file and the audit key live there.
        try? FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let seal = try AuditSeal.load(path: settings.auditKeyFile, create: true)
        // A configured pseudonym key is checked now (readable, long enough, the owner's only), not
        // at the first extract.
        if settings.pseudonymKeyFile != nil { _ = try Pseudonymiser.load(path: settings.pseudonymKeyFile) }
        let secret = FirstAdmin.startSecret(for: settings.storageLocation)
        let store = try await Store.open(settings.storageLocation, logger: logger, auditSeal: seal)
        do {
            if try await AuditRepository(store: store).sealUnsealed() > 0 {
                logger.notice("the audit trail's earlier entries were sealed with the audit key \(settings.auditKeyFile)")
            }
            try await ReferenceRepository(store: store).seedIfEmpty(try settings.reference())
            let reference = try await ReferenceRepository(store: store).load()
            try await AssessmentRepository(store: store).installShipped()
            let admin = try await FirstAdmin.ensure(store: store, dataDirectory: settings.dataDirectory, started: secret)
            let demoOutcome = demo ? try await DemoLoader(store: store, reference: reference).load() : nil
            return Prepared(store: store, reference: reference, admin: admin, demo: demoOutcome)
        } catch {
            await store.close()
            throw error
        }
    }
}

/// Runs the web server until it is stopped.
public enum IMDMSServer {
    /// Traveller extracts whose derivation an interruption or a refusal stopped are derived before
    /// serving (D46); if that fails again they stay pending, and the server starts all the same.
    static func completePendingDerivations(_ prepared: IMDMSSetup.Prepared, settings: AppSettings, logger: Logger) async {
        do {
            if let done = try await MovementDerivationJob(store: prepared.store, reference: prepared.reference,
                                                          permittedStayDays: settings.permittedStayDays).runIfPending() {
                let held = done.held.isEmpty ? "" : ", changes to approved periods of \(done.held.keys.sorted().joined(separator: ", ")) held"
                logger.notice("traveller statistics brought up to date: \(done.extracts) pending extract(s), \(done.peopleRead) people read again, \(done.submissions.count) revision(s) submitted for review\(held)")
            }
        } catch {
            logger.warning("the pending traveller extracts could not be derived (\(error)); they stay pending until the next intake or start")
        }
    }

    public static func run(_ prepared: IMDMSSetup.Prepared, settings: AppSettings) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["imdms", "serve"]))
        // Passwords change only on the web, which removes the file then; this catches one changed
        // while the file could not be removed. At serve only: it costs a bcrypt check (0.25 s),
        // paid by every command (a cron job's extract) while the file is there.
        do {
            if try await FirstAdmin.removeFileIfStale(store: prepared.store, dataDirectory: settings.dataDirectory) {
                app.logger.notice("the first-login file was removed: the administrator's password has been changed")
            }
        } catch {
            app.logger.warning("the first-login file could not be checked: \(error)")
        }
        await completePendingDerivations(prepared, settings: settings, logger: app.logger)
        // The demo load and the derivations wrote in bulk on pooled connections (D68).
        do { try await prepared.store.restoreSQLitePageCaches() } catch {
            app.logger.warning("the SQLite connections' page caches could not be set back to the default: \(error)")
        }
        do {
            let context = try AppContext(store: prepared.store, reference: prepared.reference, settings: settings)
            try configure(app, context: context)
            let warmUp = Task.detached(priority: .background) { [logger = app.logger] in await ReportWarmUp.run(context, logger: logger) }
            let releases = Task.detached(priority: .utility) { [logger = app.logger, client = app.client] in
                await ReleaseDelivery(context: context, logger: logger, client: client).schedule()
            }
            let trim = Task.detached(priority: .background) { await MemoryTrim.schedule() }
            let exchange = Task.detached(priority: .utility) { [logger = app.logger] in
                await ExchangeSchedule(store: context.store, reference: context.reference, mappings: context.exchange).schedule(logger: logger)
            }
            defer { warmUp.cancel(); releases.cancel(); trim.cancel(); exchange.cancel() }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            await prepared.store.close()
            throw error
        }
        try await app.asyncShutdown()
        await prepared.store.close()
    }
}
