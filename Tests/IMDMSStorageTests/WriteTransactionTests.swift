import Foundation
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// Write transactions on SQLite hold the write lock from their start, so a transaction that reads
/// first never fails with "database is locked" because another connection or process wrote in
/// between (seen as `imdms import` refused during the release-day soak).
@Suite("Write transactions")
struct WriteTransactionTests {
    @Test("On SQLite a write transaction holds the write lock before it reads; a plain one does not")
    func lockFirst() async throws {
        guard Python.available(["sqlite3"]) else { return }
        try await TestBackend.sqlite.withStore { store in
            guard case let .sqlite(path) = store.location else { Issue.record("not SQLite"); return }
            // Another process asks for the write lock without waiting.
            let probe = """
                import sqlite3, sys
                other = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
                try:
                    other.execute("BEGIN IMMEDIATE"); other.execute("ROLLBACK"); print("free")
                except sqlite3.OperationalError as error:
                    print("locked" if "locked" in str(error) else error)
                """
            let held = try await store.writeTransaction { tx in
                _ = try await (tx as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM settings").all()
                return try await Python.runDetached(probe, arguments: [path])
            }
            #expect(held.trimmingCharacters(in: .whitespacesAndNewlines) == "locked")
            // The same reads in an ordinary transaction leave the lock free until the first write:
            // the window in which another writer made the later write fail.
            let free = try await store.database.transaction { tx in
                _ = try await (tx as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM settings").all()
                return try await Python.runDetached(probe, arguments: [path])
            }
            #expect(free.trimmingCharacters(in: .whitespacesAndNewlines) == "free")
        }
    }

    @Test("On SQLite a write transaction keeps its statement journals in memory, and the pooled connections are given back as they were")
    func journalsInMemory() async throws {
        try await TestBackend.sqlite.withStore { store in
            struct Setting: Decodable { var temp_store: Int }
            let inside = try await store.writeTransaction { tx in
                try await (tx as! any SQLDatabase).raw("PRAGMA temp_store").first(decoding: Setting.self)?.temp_store
            }
            #expect(inside == 2)  // MEMORY, set before the transaction began: what SQLite reads when it starts writing
            for lane in 0..<16 {  // lanes wrap around the event loops: every pooled connection, some twice
                #expect(try await store.sql(lane: lane).raw("PRAGMA temp_store").first(decoding: Setting.self)?.temp_store == 0)
            }
        }
    }
}
