#if canImport(Glibc)
import Glibc
#endif

/// Gives freed memory back to the system once a minute (`malloc_trim`). Releases rebuild caches
/// and pages with every new data version; glibc keeps the freed pages of each thread's arena
/// until asked, so a long-running server's resident memory otherwise creeps up after every
/// release. Linux only; elsewhere nothing.
enum MemoryTrim {
    /// glibc's `malloc_trim`, looked up at run time (its header is not in the Glibc module).
    static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    static func schedule() async {
        guard let trim else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(60))
            _ = trim(0)
        }
    }
}
