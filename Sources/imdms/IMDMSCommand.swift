import ArgumentParser
import Foundation
import IMDMSWeb
import Logging

@main
struct IMDMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imdms",
        abstract: "IMDMS — Integrated Migration Data Management System.",
        subcommands: [ServeCommand.self, ImportCommand.self, UserCommand.self, TokenCommand.self, MovementsCommand.self, AuditCommand.self, ReportCommand.self, SubscriberCommand.self,
                      ConfigCommand.self, ExchangeCommand.self]
    )
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder for the embedded database (default ./imdms-data; IMDMS_DATA_DIR).")
    var data: String?

    @Option(name: .long, help: "The country's configuration folder (default: Lesotho's, shipped; IMDMS_CONFIG). See `imdms config`.")
    var config: String?

    @Flag(name: .long, help: "Log SQL and internal detail.")
    var verbose = false

    func settings(hostname: String? = nil, port: Int? = nil) throws -> AppSettings {
        do {
            return try AppSettings.load(environment: ProcessInfo.processInfo.environment, hostname: hostname, port: port, dataDirectory: data,
                                        configurationDirectory: config)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func logger() -> Logger {
        LoggingBootstrap.once(level: verbose ? .debug : .info)
        return Logger(label: "imdms")
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Prints an error for the operator and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

/// Writes a line to standard output at once (unbuffered, so it shows even through a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
