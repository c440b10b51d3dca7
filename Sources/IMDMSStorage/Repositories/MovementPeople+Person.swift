import Foundation
import IMDMSCore

extension MovementPeople {
    /// A person's crossings after their checkpoint, in time order.
    struct Person {
        /// The person's number (`movement_persons`, D93).
        var person: Int
        /// The last settled crossing's time ('' none) and the status after it (nil: from the first record).
        var settledUntil: String
        var resident: Bool?
        /// The crossings kept with the person as read (`movement_kept`; nil: not kept).
        var kept: String?
        /// When the statistics could change without a new crossing, as read (`changes_at`, D83).
        var changesAt: String?
        var movements: [Movement]
        /// Whether each crossing came with the extracts being derived.
        var isNew: [Bool]
        /// How many of `movements`, from the first, are the kept text's crossings as it holds them:
        /// every one of them read and none moved by `putInOrder` (0 otherwise).
        var keptInPlace = 0

        /// Adds the crossings of the kept text and of `new` (`parse`: fields joined by US,
        /// crossings by RS), then puts them in order.
        mutating func read(kept: String?, new: String) {
            var keptCrossings = 0, keptSegments = 0
            if var kept, !kept.isEmpty {
                kept.withUTF8 { bytes in
                    keptSegments = bytes.reduce(1) { $0 + ($1 == 30 ? 1 : 0) }
                    keptCrossings = add(bytes)
                }
            }
            var new = new
            new.withUTF8 { _ = add($0) }
            let moved = putInOrder()
            keptInPlace = !moved && keptCrossings == keptSegments ? keptCrossings : 0
        }

        /// Adds the crossings `parse` finds in `bytes`; returns how many.
        private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var count = 0
            // The derivation needs no pseudonym: the crossings carry the person's number as text, made once.
            let name = String(person)
            MovementPeople.parse(bytes) { fields in
                let (movement, isNew) = MovementPeople.crossing(bytes, fields, pseudonym: name)
                movements.append(movement)
                self.isNew.append(isNew)
                count += 1
            }
            return count
        }

        /// Puts the crossings in the store's key order (time, post, direction) when they are not:
        /// SQLite's `group_concat` without an ORDER BY (which cost a sort a person) joins them as the
        /// index gives them, but does not promise it. Returns whether any moved.
        @discardableResult
        mutating func putInOrder() -> Bool {
            func precedes(_ a: Movement, _ b: Movement) -> Bool {
                a.time != b.time ? a.time < b.time : a.borderPost != b.borderPost ? a.borderPost < b.borderPost : a.direction.rawValue < b.direction.rawValue
            }
            let movements = movements
            guard movements.indices.dropFirst().contains(where: { precedes(movements[$0], movements[$0 - 1]) }) else { return false }
            let order = movements.indices.sorted { precedes(movements[$0], movements[$1]) }
            (self.movements, isNew) = (order.map { movements[$0] }, order.map { isNew[$0] })
            return true
        }

        /// `MovementPeople.text(of: movements[start...])`, what is kept for the crossings still
        /// open: the part of the kept text from its `start`-th crossing on, as it is, where it holds
        /// them (writing every kept crossing out again was a fifth of deriving a small extract's people).
        func openText(from start: Int) -> String {
            guard start < keptInPlace, var kept else { return MovementPeople.text(of: movements[start...]) }
            let tail = kept.withUTF8 { bytes -> String in
                var position = 0, skipped = 0
                while skipped < start {
                    if bytes[position] == 30 { skipped += 1 }
                    position += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[position...]), as: UTF8.self)
            }
            let added = MovementPeople.text(of: movements[keptInPlace...])
            return added.isEmpty ? tail : tail + "\u{1E}" + added
        }
    }
}
