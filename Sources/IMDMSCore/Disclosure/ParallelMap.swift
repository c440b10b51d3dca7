import Dispatch
import Foundation

/// `map` over independent items on every core (Dispatch's `concurrentPerform`), results in order.
enum ParallelMap {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        let box = Box<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            box.set(index, transform(items[index]))
        }
        return box.values.map { $0! }
    }

    /// The results as they come in, one lock for all.
    private final class Box<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Result?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
    }
}
