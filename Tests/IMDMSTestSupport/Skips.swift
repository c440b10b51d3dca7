import Synchronization

/// Checks a local run skipped because a real tool is missing (a Python module, Chromium,
/// PostgreSQL): each is printed where it happens with a running count, so the test output says
/// how much was not checked. In CI the tools are installed and a missing one is a failure instead.
public enum Skips {
    static let count = Mutex(0)

    /// Prints the skip with its number; returns the number.
    @discardableResult
    public static func note(_ reason: String, file: String = #fileID, line: Int = #line) -> Int {
        let number = count.withLock { count -> Int in
            count += 1
            return count
        }
        print("note: SKIPPED check \(number) at \(file):\(line) — \(reason)")
        return number
    }
}
