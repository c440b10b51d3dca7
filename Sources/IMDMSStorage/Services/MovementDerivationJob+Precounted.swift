import Foundation
import IMDMSCore
import SQLKit

extension MovementDerivationJob {
    /// The crossings and daily counts of the extract just stored, counted as it was read, when every
    /// row of it was new (D88). The derivation takes them when that extract is the only one pending
    /// (and, deriving the whole store, the store holds no other crossing): BORDER_CROSSINGS and its
    /// daily counts are then stored beside the reading of the people, not after it.
    public struct Precounted: Sendable {
        let extract: UUID
        let counts: MigrationDerivation

        public init(extract: UUID, counts: MigrationDerivation) {
            self.extract = extract
            self.counts = counts
        }

        /// Whether the counts are what the derivation would count: this extract is the only one
        /// pending and, deriving the whole store (`rebuild`), the store holds no crossing before it.
        func applies(to pending: [PendingExtract], rebuild: Bool, on sql: any SQLDatabase) async throws -> Bool {
            guard pending.count == 1, let only = pending.first, only.id == extract else { return false }
            guard rebuild else { return true }
            struct First: Decodable { var first: Int? }
            let first = try await sql.raw("SELECT MIN(id) AS first FROM movements").first(decoding: First.self)?.first
            return first.map { $0 >= only.firstID } ?? false
        }
    }
}
