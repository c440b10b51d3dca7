import Foundation
import IMDMSCore
import IMDMSStorage

/// Every setting IMDMS reads, read once at start-up into a typed value with defaults.
/// Invalid values are all reported together, never one at a time.
public struct AppSettings: Sendable, Equatable {
    public var hostname: String
    public var port: Int
    /// Folder for the embedded database, the first-login file and, later, kept source files.
    public var dataDirectory: String
    /// `postgres://…` to use PostgreSQL instead of the embedded SQLite file.
    public var databaseURL: String?
    /// The time zone in which people type and read release times (embargoes): `IMDMS_TIMEZONE`, else
    /// the country configuration's `timeZone`; Lesotho's (SAST) without a configuration folder.
    public var timeZoneID: String = "Africa/Maseru"

    /// The file holding the key that pseudonymises traveller records (outside the database);
    /// without it, traveller records cannot be taken in.
    public var pseudonymKeyFile: String?
    /// Days a visitor may stay before the stay counts as an overstay.
    public var permittedStayDays = 90
    /// The address the public reaches IMDMS at (`https://…` behind a TLS proxy): cookies are then
    /// `Secure` and responses carry HSTS.
    public var publicURL: String?
    public var isHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") == true }
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`IMDMS_TRUSTED_PROXIES`,
    /// comma-separated); from anyone else the header is ignored.
    public var trustedProxies: Set<String> = []
    /// The key that seals the audit trail, outside the database (nil: `audit.key` in the data folder).
    public var auditKeyFileSetting: String?
    public var auditKeyFile: String { auditKeyFileSetting ?? (dataDirectory as NSString).appendingPathComponent("audit.key") }
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneID) ?? TimeZone(secondsFromGMT: 0)! }
    /// The SMTP relay release e-mail goes through (`IMDMS_SMTP_HOST`, `IMDMS_SMTP_PORT`); none: no e-mail.
    public var smtpHost: String?
    public var smtpPort = 25
    /// The sender of release e-mail (`IMDMS_MAIL_FROM`).
    public var mailFrom = "imdms@localhost"
    /// The secret release webhooks are signed with (`IMDMS_WEBHOOK_SECRET`; none: not signed).
    public var webhookSecret: String?
    /// How often the server looks for data that has become public (`IMDMS_RELEASE_CHECK_SECONDS`).
    public var releaseCheckSeconds = 30
    /// SDMX-CSV and SDMX-ML data messages above this many observations are written while they
    /// are read, part by part (`IMDMS_SDMX_STREAM_ABOVE`; D61).
    public var sdmxStreamAbove = 100_000
    /// Below that, SDMX-CSV and SDMX-ML messages are made whole from this many parts of the key
    /// space, read and written at the same time (`IMDMS_SDMX_PARTS`; `SDMXParts`, D66); 1 reads and
    /// writes in one piece. Two — one per core here — measured best (a month: 2 → 3 → 4 parts slower).
    public var sdmxParts = 2
    /// Headless Chromium for PDF reports (`IMDMS_CHROMIUM`, else found on PATH at start; nil: none).
    public var chromium: String? = PDFPrinter.browser(environment: ProcessInfo.processInfo.environment)
    /// The address links in feeds and e-mail start with: the public URL, else the server's own.
    public var siteAddress: String {
        var address = publicURL ?? "http://\(hostname):\(port)"
        while address.hasSuffix("/") { address.removeLast() }
        return address
    }

    /// The country's configuration folder (`--config DIR`, `IMDMS_CONFIG`; D67), read and checked
    /// here with every problem named; nil: Lesotho's, shipped with IMDMS.
    public var configurationDirectory: String?
    public var configuration: ReferenceConfiguration?

    /// The configuration this instance serves: the folder's, else Lesotho's.
    public func reference() throws -> ReferenceConfiguration {
        if let configuration { return configuration }
        return try ReferenceConfiguration.lesotho()
    }

    public static let defaultDataDirectory = "./imdms-data"

    public init(hostname: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = defaultDataDirectory, databaseURL: String? = nil) {
        self.hostname = hostname
        self.port = port
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
    }

    /// Reads `IMDMS_HOSTNAME`, `IMDMS_PORT`, `IMDMS_DATA_DIR`, `IMDMS_DATABASE_URL`, `IMDMS_TIMEZONE`; command-line
    /// options given as `overrides` win over the environment.
    public static func load(
        environment: [String: String], hostname: String? = nil, port: Int? = nil, dataDirectory: String? = nil,
        configurationDirectory: String? = nil
    ) throws(SettingsError) -> AppSettings {
        var problems: [String] = []
        var settings = AppSettings()
        settings.hostname = hostname ?? environment["IMDMS_HOSTNAME"] ?? settings.hostname
        if let port {
            settings.port = port
        } else if let text = environment["IMDMS_PORT"] {
            if let value = Int(text) { settings.port = value } else { problems.append("IMDMS_PORT='\(text)' is not a number") }
        }
        if !(0...65535).contains(settings.port) { problems.append("port \(settings.port) is outside 0–65535") }
        settings.dataDirectory = dataDirectory ?? environment["IMDMS_DATA_DIR"] ?? settings.dataDirectory
        if settings.dataDirectory.isEmpty { problems.append("the data directory is empty") }
        if let url = environment["IMDMS_DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                settings.databaseURL = url
            } else {
                problems.append("IMDMS_DATABASE_URL must start with postgres:// (got '\(StorageLocation.redacted(url))')")
            }
        }
        if let keyFile = environment["IMDMS_PSEUDONYM_KEY_FILE"], !keyFile.isEmpty { settings.pseudonymKeyFile = keyFile }
        if let keyFile = environment["IMDMS_AUDIT_KEY_FILE"], !keyFile.isEmpty { settings.auditKeyFileSetting = keyFile }
        if let url = environment["IMDMS_PUBLIC_URL"], !url.isEmpty {
            if url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") { settings.publicURL = url } else {
                problems.append("IMDMS_PUBLIC_URL='\(url)' is not an http:// or https:// address")
            }
        }
        if let text = environment["IMDMS_TRUSTED_PROXIES"], !text.isEmpty {
            settings.trustedProxies = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        if let text = environment["IMDMS_PERMITTED_STAY_DAYS"], !text.isEmpty {
            if let days = Int(text), days > 0 { settings.permittedStayDays = days } else { problems.append("IMDMS_PERMITTED_STAY_DAYS='\(text)' is not a number of days above 0") }
        }
        if let host = environment["IMDMS_SMTP_HOST"], !host.isEmpty { settings.smtpHost = host }
        if let text = environment["IMDMS_SMTP_PORT"], !text.isEmpty {
            if let value = Int(text), (1...65535).contains(value) { settings.smtpPort = value } else { problems.append("IMDMS_SMTP_PORT='\(text)' is not a port") }
        }
        if let from = environment["IMDMS_MAIL_FROM"], !from.isEmpty {
            if from.contains("@") && !from.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) { settings.mailFrom = from } else {
                problems.append("IMDMS_MAIL_FROM='\(from)' is not an e-mail address")
            }
        }
        if let secret = environment["IMDMS_WEBHOOK_SECRET"], !secret.isEmpty {
            if secret.utf8.count >= 16 { settings.webhookSecret = secret } else { problems.append("IMDMS_WEBHOOK_SECRET is shorter than 16 characters") }
        }
        if let text = environment["IMDMS_RELEASE_CHECK_SECONDS"], !text.isEmpty {
            if let value = Int(text), value > 0 { settings.releaseCheckSeconds = value } else { problems.append("IMDMS_RELEASE_CHECK_SECONDS='\(text)' is not a number of seconds above 0") }
        }
        if let given = environment["IMDMS_CHROMIUM"], !given.isEmpty, !FileManager.default.isExecutableFile(atPath: given) {
            problems.append("IMDMS_CHROMIUM='\(given)' is not a program that can be run")
        }
        settings.chromium = PDFPrinter.browser(environment: environment)
        if let text = environment["IMDMS_SDMX_PARTS"], !text.isEmpty {
            if let value = Int(text), (1...64).contains(value) { settings.sdmxParts = value } else { problems.append("IMDMS_SDMX_PARTS='\(text)' is not a number of parts from 1 to 64") }
        }
        if let text = environment["IMDMS_SDMX_STREAM_ABOVE"], !text.isEmpty {
            if let value = Int(text), value >= 0 { settings.sdmxStreamAbove = value } else { problems.append("IMDMS_SDMX_STREAM_ABOVE='\(text)' is not a number of observations") }
        }
        if let folder = configurationDirectory ?? environment["IMDMS_CONFIG"], !folder.isEmpty {
            settings.configurationDirectory = folder
            do { settings.configuration = try ConfigurationFolder.read(URL(fileURLWithPath: folder)) } catch {
                problems += error.problems.map { "IMDMS_CONFIG \(folder): \($0)" }
            }
        }
        // Another country's release times are not typed in Lesotho's clock: an embargo read in the
        // wrong zone lifts hours early. A configuration folder names its zone, or the setting does.
        if let zone = environment["IMDMS_TIMEZONE"], !zone.isEmpty {
            if TimeZone(identifier: zone) != nil { settings.timeZoneID = zone } else { problems.append("IMDMS_TIMEZONE='\(zone)' is not a time zone such as Africa/Maseru") }
        } else if let configuration = settings.configuration {
            if let zone = configuration.timeZoneID { settings.timeZoneID = zone } else {
                problems.append("IMDMS_CONFIG \(settings.configurationDirectory ?? ""): country.json names no timeZone, the time zone release times are typed and shown in "
                    + "(add one such as \"timeZone\": \"Africa/Johannesburg\", or set IMDMS_TIMEZONE)")
            }
        }
        if settings.hostname.isEmpty { problems.append("the hostname is empty") }
        guard problems.isEmpty else { throw SettingsError(problems: problems) }
        return settings
    }

    /// Where administrators put edited report files (`<data>/reports/`).
    public var reportsDirectory: String { (dataDirectory as NSString).appendingPathComponent("reports") }
    /// The reports of the country's configuration (`DIR/reports/`); nil: the shipped ones, Lesotho's.
    public var countryReportsDirectory: String? {
        configurationDirectory.map { ($0 as NSString).appendingPathComponent("reports") }
    }
    /// Where data managers put edited translation files (`<data>/translations/st.json`).
    public var translationsDirectory: String { (dataDirectory as NSString).appendingPathComponent("translations") }

    /// Where the data lives: PostgreSQL when a URL is set, otherwise `imdms.sqlite` in the data folder.
    public var storageLocation: StorageLocation {
        if let databaseURL { return .postgres(url: databaseURL) }
        return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("imdms.sqlite"))
    }
}

/// Settings that cannot be used, every one listed.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}
