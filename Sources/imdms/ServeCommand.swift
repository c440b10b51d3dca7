import ArgumentParser
import Foundation
import IMDMSStorage
import IMDMSWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web server.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1; IMDMS_HOSTNAME).")
    var hostname: String?

    @Option(name: .long, help: "Port to listen on (default 8080; IMDMS_PORT).")
    var port: Int?

    @Flag(name: .long, help: "Load synthetic demo data into a data folder without real submissions.")
    var demo = false

    func run() async throws {
        let settings = try common.settings(hostname: hostname, port: port)
        let logger = common.logger()
        say("IMDMS: opening \(settings.storageLocation)")
        if demo { say("IMDMS: loading demo data (first start only; up to a minute)…") }
        let prepared: IMDMSSetup.Prepared
        do {
            prepared = try await IMDMSSetup.prepare(settings: settings, demo: demo, logger: logger)
        } catch {
            fail("\(error)")
        }
        switch prepared.demo {
        case let .loaded(submissions, observations)?:
            say("IMDMS: demo data loaded: \(submissions) synthetic submissions, \(observations) observations")
        case .alreadyLoaded?:
            say("IMDMS: demo data already present")
        case nil:
            break
        }
        let shownHost = settings.hostname == "0.0.0.0" ? "localhost" : settings.hostname
        say("")
        say("IMDMS is running: open http://\(shownHost):\(settings.port)/")
        if let admin = prepared.admin {
            say("First login: user '\(admin.username)', password '\(admin.password)' (also saved in \(admin.file))")
        } else {
            say("First login: see initial-admin-password.txt in the data folder")
        }
        say("Stop with Ctrl-C.")
        say("")
        try await IMDMSServer.run(prepared, settings: settings)
    }
}
