import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

/// Traveller records: the 64k-crossing sample pseudonymised into the movement store, derived
/// counts against an independent Python computation over the same CSV, no identity anywhere in
/// the database, re-import adds nothing, the microdata officer's audited queries.
@Suite("Traveller records: pseudonymised intake, 12/16-month rule, derived statistics")
struct MovementTests {
    static let key = Data("a test key of thirty-two bytes!!".utf8)
    static var profile: MovementProfile {
        var p = MovementProfile()
        p.aliases = ["CL_BORDER_POST": ["Ficksburg Bridge (Maputsoe)": "MPT"]]
        return p
    }

    static func sample() throws -> Data { try Data(contentsOf: try MiniXLSX.sample("border-movements-sample.csv")) }

    /// An independent computation: plain Python over the CSV, grouping people by document number
    /// and nationality, with its own 12/16-month rule (days, calendar months).
    static let python = #"""
        import csv, sys, json, datetime, collections
        rows = list(csv.DictReader(open(sys.argv[1], newline="")))
        def t(s): return datetime.datetime.strptime(s[:16], "%Y-%m-%dT%H:%M")
        def add_months(d, n):
            m = d.month - 1 + n; y = d.year + m // 12; m = m % 12 + 1
            import calendar
            return d.replace(year=y, month=m, day=min(d.day, calendar.monthrange(y, m)[1]))
        def group(age):
            if age is None: return "_U"
            for limit, code in [(15, "Y0T14"), (25, "Y15T24"), (35, "Y25T34"), (45, "Y35T44"), (55, "Y45T54"), (65, "Y55T64")]:
                if age < limit: return code
            return "Y_GE65"
        def age(r):
            b = datetime.date.fromisoformat(r["date_of_birth"]); c = t(r["crossing_time"]).date()
            return c.year - b.year - ((c.month, c.day) < (b.month, b.day))
        end = max(t(r["crossing_time"]) for r in rows) + datetime.timedelta(seconds=60)
        crossings = collections.Counter()
        daily = collections.Counter()
        people = collections.defaultdict(list)
        seen = set()
        for r in rows:
            doc = "".join(ch for ch in r["document_number"].upper() if ch.isalnum())
            ident = (doc, r["nationality"], r["crossing_time"][:16], r["port_of_entry"], r["direction"])
            if ident in seen: continue
            seen.add(ident)
            g = group(age(r))
            crossings["|".join([r["crossing_time"][:7], r["port_of_entry"], r["direction"], r["nationality"], r["sex"], g, r["purpose"]])] += 1
            daily["|".join([r["crossing_time"][:10], r["port_of_entry"], r["direction"]])] += 1
            people[(doc, r["nationality"])].append((t(r["crossing_time"]), r["direction"], r, g))
        flows = collections.Counter(); provisional = set()
        for (doc, nat), moves in people.items():
            moves.sort(key=lambda m: m[0])
            resident = nat == "LSO"
            for i, (when, direction, r, g) in enumerate(moves):
                horizon = min(add_months(when, 16), end)
                inside = outside = 0.0
                state_inside = direction == "IN"; start = when
                for nxt in moves[i + 1:] + [(horizon, None, None, None)]:
                    stop = min(nxt[0], horizon)
                    if stop > start:
                        if state_inside: inside += (stop - start).total_seconds()
                        else: outside += (stop - start).total_seconds()
                    if nxt[1] is None or nxt[0] >= horizon: break
                    state_inside = nxt[1] == "IN"; start = nxt[0]
                before = resident
                if inside >= 365 * 86400: resident = True
                elif outside >= 365 * 86400: resident = False
                elif horizon < add_months(when, 16):
                    rest = (add_months(when, 16) - horizon).total_seconds()
                    if (outside if resident else inside) + rest >= 365 * 86400: provisional.add(when.strftime("%Y-%m"))
                if direction == "IN" and not before and resident or direction == "OUT" and before and not resident:
                    flows["|".join([when.strftime("%Y-%m"), "ARR" if direction == "IN" else "DEP", nat, r["sex"], g])] += 1
        print(json.dumps({"crossings": crossings, "daily": daily, "flows": flows, "provisional": sorted(provisional), "people": len(people), "rows": len(rows)}))
        """#

    @Test("The sample: stored pseudonymised, derived counts equal an independent Python computation, re-import adds nothing, no identity in the database", arguments: TestBackend.available)
    func sampleEndToEnd(backend: TestBackend) async throws {
        let (location, cleanup) = try await backend.freshLocation()
        let store = try await Store.open(location, logger: TestBackend.quietLogger)
        do {
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            let reference = try await ReferenceRepository(store: store).load()
            let service = MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: Self.key))
            let data = try Self.sample()
            let first = try await service.importFile(data, fileName: "border-movements-sample.csv", profile: Self.profile, actor: "test")
            #expect(first.problems.isEmpty, "\(first.problems.prefix(3))")
            #expect(first.rows == 64_189 && first.added + first.alreadyStored == 64_189, "\(first.rows) rows, \(first.added) added, \(first.alreadyStored) repeated")
            #expect(first.derivedSubmissions.count == 4 && first.longTermArrivals > 0 && first.longTermDepartures > 0)
            let again = try await service.importFile(data, fileName: "again.csv", profile: Self.profile, actor: "test")
            #expect(again.added == 0 && again.derivedSubmissions.isEmpty, "re-import adds nothing")
            #expect(try await MovementRepository(store: store).count() == first.added)

            let derived = try await MovementDerivationJob(store: store, reference: reference).derive()
            if Python.available(["csv"]) {
                let path = try Python.temporaryFile(data, suffix: ".csv")
                let out = try JSONSerialization.jsonObject(with: Data(try Python.run(Self.python, arguments: [path]).utf8)) as? [String: Any]
                let expected = try #require(out)
                #expect(expected["people"] as? Int == derived.people)
                // Crossings: Python keys by the extract's own names; ours are codes.
                let posts = CodeMatcher(codelist: reference.codelistsByID["CL_BORDER_POST"]!, extraAliases: ["Ficksburg Bridge (Maputsoe)": "MPT"])
                let purposes = CodeMatcher(codelist: reference.codelistsByID["CL_PURPOSE"]!)
                var pythonCrossings: [String: Int] = [:]
                for (key, count) in try #require(expected["crossings"] as? [String: Int]) {
                    let f = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    let coded = [f[0], posts.match(f[1]) ?? "?", f[2] == "IN" ? "ARR" : "DEP", f[3], f[4], f[5], purposes.match(f[6]) ?? "?"]
                    pythonCrossings[coded.joined(separator: "|"), default: 0] += count
                }
                let ours = Dictionary(uniqueKeysWithValues: derived.crossings.map { ($0.key.joined(separator: "|"), $0.value) })
                #expect(ours == pythonCrossings, "crossings: \(ours.count) cells ours, \(pythonCrossings.count) Python's")
                var pythonDaily: [String: Int] = [:]
                for (key, count) in try #require(expected["daily"] as? [String: Int]) {
                    let f = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    pythonDaily[[f[0], posts.match(f[1]) ?? "?", f[2] == "IN" ? "ARR" : "DEP"].joined(separator: "|"), default: 0] += count
                }
                let oursDaily = Dictionary(uniqueKeysWithValues: derived.daily.map { ($0.key.joined(separator: "|"), $0.value) })
                #expect(oursDaily == pythonDaily && oursDaily.count > 1_000, "daily: \(oursDaily.count) cells ours, \(pythonDaily.count) Python's")

                // Approved, the daily counts appear in the festive-season report, day by day.
                let manager = User(username: "dm", displayName: "dm", role: .dataManager, organisationID: "BOS")
                for id in first.derivedSubmissions { _ = try await WorkflowRepository(store: store).perform(.approve, on: try #require(UUID(uuidString: id)), by: manager) }
                let library = try ReportLibrary.load(overrides: nil, reference: reference)
                let festive = try #require(library.report("festive-border"))
                let report = try await ReportBuilder(store: store, reference: reference, library: library, visibility: .approved, disclosureControl: false)
                    .make(festive, period: try Period(parsing: "2022-12"))
                let days = try #require(report.sections.first { $0.title == "Day by day" })
                let season = pythonDaily.filter { $0.key.hasPrefix("2022-12") || $0.key.hasPrefix("2023-01") }.values.reduce(0, +)
                #expect(days.tables.first?.table.grandTotal == Double(season) && season > 1_000, "the season's days: \(season)")
                #expect(days.tables.first?.table.rows.count == 62, "every day of December and January")
                #expect(days.figures.count == 1)
                let oursFlows = Dictionary(uniqueKeysWithValues: derived.flows.map { ($0.key.joined(separator: "|"), $0.value) })
                #expect(oursFlows == (expected["flows"] as? [String: Int] ?? [:]), "flows differ")
                #expect(derived.provisionalMonths.map(\.formatted).sorted() == (expected["provisional"] as? [String] ?? []))
                #expect(oursFlows.values.reduce(0, +) > 50, "the sample has long-term migrants: \(oursFlows.values.reduce(0, +))")
            }

            // No name, document number or date of birth anywhere in the database.
            let identities = try Self.identities(data, reference: reference)
            #expect(identities.count > 1_000)
            let dump = try await Self.dump(location, store: store)
            #expect(dump.count > 1_000_000, "the dump holds the data: \(dump.count) bytes")
            let tokens = Self.tokens(dump)
            let found = identities.filter { identity in identity.split(separator: " ").allSatisfy { tokens.contains(String($0)) } }
            #expect(found.isEmpty, "identity values found in the database: \(found.prefix(5))")
        } catch {
            await store.close(); try? await cleanup(); throw error
        }
        await store.close()
        try await cleanup()
    }

    /// Document numbers, dates of birth and names of the sample, less words the reference data
    /// uses for itself (a surname such as Moshoeshoe is also an airport's name).
    static func identities(_ data: Data, reference: ReferenceConfiguration) throws -> Set<String> {
        let records = try CSVReader.detecting(in: [UInt8](data)).records(in: [UInt8](data))
        let header = records[0].fields
        let referenceText = reference.codelists.flatMap { $0.codes.flatMap { [$0.name] + $0.aliases } }.joined(separator: " ")
        var values: Set<String> = []
        for record in records.dropFirst() {
            for column in ["document_number", "date_of_birth", "surname", "given_names"] {
                guard let index = header.firstIndex(of: column), index < record.fields.count else { continue }
                let value = record.fields[index]
                if value.count >= 4 { values.insert(value) }
            }
        }
        // Each distinct value searched once (a name recurs on every row of its traveller).
        return values.filter { !referenceText.contains($0) }
    }

    /// The words of a text: runs of letters, digits, `-` and `'` (a document number, a date, a name).
    static func tokens(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            let isWord = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 39 || byte >= 128
            if isWord { current.append(byte) } else if !current.isEmpty { result.insert(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        if !current.isEmpty { result.insert(String(decoding: current, as: UTF8.self)) }
        return result
    }

    /// Every byte of the database as text: the SQLite file (and its WAL), or `pg_dump`.
    static func dump(_ location: StorageLocation, store: Store) async throws -> String {
        switch location {
        case let .sqlite(path):
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
            return String(decoding: bytes, as: UTF8.self)
        case let .postgres(url):
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pg_dump", "--no-owner", url.replacingOccurrences(of: "?tlsmode=disable", with: "")]
            let file = NSTemporaryDirectory() + "imdms-dump-\(UUID().uuidString).sql"
            FileManager.default.createFile(atPath: file, contents: nil)
            defer { try? FileManager.default.removeItem(atPath: file) }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "pg_dump ran")
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        }
    }

    @Test("Intake refuses to run without a key, and names bad rows without repeating identities")
    func refusals() async throws {
        #expect(throws: MovementError.noKey) { try Pseudonymiser.load(path: "") }
        let reference = Fixtures.lesotho
        let reader = try MovementReader(profile: MovementProfile(), pseudonymiser: try Pseudonymiser(key: Self.key), codelists: reference.codelistsByID)
        let csv = """
            crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose
            2021-01-01T19:34,Atlantis Gate,OUT,Passport,RA8648080,Moshoeshoe,Teboho,F,1998-04-24,LSO,LSO,Work
            2021-01-02T09:08,Qacha's Nek,SIDEWAYS,Passport,,Banda,Chipo,M,1982-13-16,LSO,LSO,Business

            """
        let outcome = reader.read(Data(csv.utf8))
        #expect(outcome.movements.isEmpty)
        let text = outcome.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("row 2") && text.contains("Atlantis Gate"), "\(text)")
        #expect(text.contains("row 3") && text.contains("SIDEWAYS") && text.contains("no document number") && text.contains("not a date"), "\(text)")
        #expect(!text.contains("1982-13-16") && !text.contains("Banda"), "identity values are not repeated: \(text)")
    }

    @Test("Only a microdata officer may query the movement store, and every query is audited", arguments: TestBackend.available)
    func restrictedQueries(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            let reference = try await ReferenceRepository(store: store).load()
            let csv = """
                crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose
                2021-01-01T19:34,Maseru Bridge,OUT,Passport,RA8648080,X,Y,F,1998-04-24,LSO,LSO,Work

                """
            _ = try await MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: Self.key))
                .importFile(Data(csv.utf8), fileName: "one.csv", actor: "test")
            let analyst = User(username: "ana", displayName: "Ana", role: .analyst, organisationID: nil)
            await #expect(throws: StorageError.self) { try await MovementRepository(store: store).search(by: analyst, from: "2021", to: "2022") }
            let officer = User(username: "mo", displayName: "Mo", role: .microdataOfficer, organisationID: nil)
            let rows = try await MovementRepository(store: store).search(by: officer, from: "2021-01-01", to: "2021-12-31", borderPost: "MSB")
            #expect(rows.count == 1 && rows[0].age == 22 && rows[0].birthYear == 1998 && rows[0].pseudonym.count == 32)
            let audit = try await AuditRepository(store: store).entries()
            #expect(audit.contains { $0.action == "movements.query" && $0.actor == "mo" && ($0.after ?? "").contains("post MSB: 1 rows") })
            #expect(audit.contains { $0.action == "movements.import" && $0.after == "one.csv: 1 rows, 1 new crossings" },
                    "\(audit.filter { $0.action == "movements.import" }.map { $0.after ?? "" })")
        }
    }
}
