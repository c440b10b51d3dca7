import FluentKit
import Foundation
import IMDMSCore

extension MovementRepository {
    /// Adds movements to the extract being stored (inside `add`'s transaction) through
    /// `BulkWriter`, skipping crossings already stored.
    public struct Inserter: Sendable {
        let database: any Database
        /// The SQLite page cache while storing, in KiB: enough to hold the key of the crossings
        /// already stored (about 40 bytes each with people numbered, D93), between BulkWriter's
        /// usual cache and `BulkWriter.sqliteLargeCacheKiB`. An extract's crossings go to scattered
        /// places of that key (a person's new crossings beside their old ones); in 64 MB, a
        /// 2.5M-crossing store's key had pages read and written out again. A first import keeps the
        /// usual cache: a larger one gained nothing there and raised its peak memory by 140 MB.
        let sqliteCacheKiB: Int
        let persons: MovementPersons

        /// `stored`: the highest crossing id, about how many crossings are stored.
        init(database: any Database, stored: Int, persons: MovementPersons) {
            self.database = database
            self.persons = persons
            sqliteCacheKiB = min(BulkWriter.sqliteLargeCacheKiB, max(BulkWriter.sqliteCacheKiB, stored / 1_024 * 40))
        }

        /// The crossings inserted so far and the latest time among the pieces' crossings.
        final class Tally: @unchecked Sendable {  // used by one insertion at a time, in order
            var added = 0
            var latest: String?
        }
        let tally = Tally()

        /// A piece's crossings as the rows to store, in key order: the UNIQUE index is then written
        /// in runs instead of at random places. Made before the previous piece is stored, beside it;
        /// the people's numbers are put in as it is stored (they depend on the pieces before), in
        /// place: a class, so that the values are not copied for it (a piece's 500,000 of them, each
        /// text retained). Handed from the reading to the insertion, used by one at a time.
        public final class Rows: @unchecked Sendable {
            var values: [BulkWriter.Value]
            /// Each person of the piece once, in the rows' order, with how many rows follow.
            let people: [(pseudonym: String, rows: Int)]
            /// The latest crossing's time.
            let latest: String?

            init(values: [BulkWriter.Value], people: [(pseudonym: String, rows: Int)], latest: String?) {
                self.values = values
                self.people = people
                self.latest = latest
            }
        }

        public static func rows(_ movements: [Movement]) -> Rows {
            // The people grouped by their pseudonyms' hashes, in the order they first appear, each one's
            // crossings in time order: sorting the piece by pseudonym compared 32-character texts
            // about 17 times a crossing. Positions are moved, not the crossings.
            var slots: [String: Int] = [:]
            var people: [(pseudonym: String, rows: Int)] = []
            var personOf = [Int32](repeating: 0, count: movements.count)
            movements.withUnsafeBufferPointer { m in
                for index in m.indices {
                    if let slot = slots[m[index].pseudonym] {
                        personOf[index] = Int32(slot)
                        people[slot].rows += 1
                    } else {
                        slots[m[index].pseudonym] = people.count
                        personOf[index] = Int32(people.count)
                        people.append((m[index].pseudonym, 1))
                    }
                }
            }
            var starts: [Int] = []
            starts.reserveCapacity(people.count)
            var position = 0
            for person in people {
                starts.append(position)
                position += person.rows
            }
            var order = [Int](repeating: 0, count: movements.count), next = starts
            for index in movements.indices {
                let slot = Int(personOf[index])
                order[next[slot]] = index
                next[slot] += 1
            }
            var values: [BulkWriter.Value] = []
            values.reserveCapacity(movements.count * MovementRepository.columns.count)
            var latest: String?
            movements.withUnsafeBufferPointer { m in
                for (slot, start) in starts.enumerated() where people[slot].rows > 1 {
                    let range = start..<(start + people[slot].rows)
                    // An extract in time order needs no sort.
                    if range.dropFirst().contains(where: { m[order[$0]].time < m[order[$0 - 1]].time }) {
                        order[range].sort { m[$0].time < m[$1].time }
                    }
                }
                // By index, each field read in place: a crossing copied for each retained and released its texts.
                for index in order {
                    values.append(.null)  // the person's number, put in by `insert`
                    values.append(.text(m[index].time))
                    values.append(.text(m[index].borderPost))
                    values.append(.text(m[index].direction.rawValue))
                    values.append(.text(CrossingAttributes.text(of: m[index])))
                    if latest.map({ m[index].time > $0 }) ?? true { latest = m[index].time }
                }
            }
            return Rows(values: values, people: people, latest: latest)
        }

        public func insert(_ rows: Rows) async throws {
            let numbers = try await persons.numbers(of: rows.people.map(\.pseudonym), on: database)
            var position = 0
            let width = MovementRepository.columns.count
            for (index, person) in rows.people.enumerated() {
                for _ in 0..<person.rows {
                    rows.values[position] = .integer(numbers[index])
                    position += width
                }
            }
            let writer = BulkWriter(database: database, sqliteCacheKiB: sqliteCacheKiB)
            tally.added += try await writer.insert(into: "movements", columns: MovementRepository.columns, values: rows.values, ignoringConflicts: true)
            if let latest = rows.latest, tally.latest.map({ latest > $0 }) ?? true { tally.latest = latest }
        }
    }
}
