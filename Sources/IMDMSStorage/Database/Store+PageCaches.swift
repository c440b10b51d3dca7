import NIOPosix
import SQLKit

extension Store {
    /// Gives every pooled SQLite connection — one per event loop — SQLite's default page cache
    /// again. `BulkWriter` raises a connection's cache to 64 MB for a large write; a server that
    /// wrote in bulk at start (the demo data, pending derivations) kept that limit on its pooled
    /// connections, and their caches filled towards it as the database grew: the SQLite soak's
    /// memory climbed 10 MB a minute (D68). Nothing to do on PostgreSQL.
    public func restoreSQLitePageCaches() async throws {
        guard !isPostgres else { return }
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count
        for lane in 0..<loops {
            try await sql(lane: lane).raw("PRAGMA cache_size = -\(unsafeRaw: String(BulkWriter.sqliteDefaultCacheKiB))").run()
        }
    }
}
