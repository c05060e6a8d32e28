import Foundation

/// Runs `transform` over `items` on several threads and hands the results to `consume` one by one in the
/// items' order, whatever order they finish in. At most `window` results wait at once, so memory stays
/// bounded however many items there are.
public enum OrderedParallelMap {
    public static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        window: Int? = nil,
        transform: @escaping @Sendable (Item) -> Result,
        consume: (Int, Result) -> Void
    ) {
        guard !items.isEmpty else { return }
        let workers = max(1, min(threads, items.count))
        if workers == 1 {
            for (index, item) in items.enumerated() { consume(index, transform(item)) }
            return
        }
        let state = SharedState<Result>(count: items.count, window: window ?? workers * 2)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = state.claim() {
                    state.deliver(index, transform(items[index]))
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for index in 0..<items.count {
            consume(index, state.take(index))
        }
    }

    /// The results waiting and the claims made, under one lock. A thread is woken only when what it waits for
    /// may have come (the consumer for its result, a worker for room in the window): a wake-up per result costs
    /// a context switch each.
    private final class SharedState<Result>: @unchecked Sendable {
        private let condition = NSCondition()
        private var slots: [Int: Result] = [:]
        private var nextClaim = 0
        private var consumed = 0
        private let count: Int
        private let window: Int
        /// The result the consumer sleeps for, and how many workers sleep for room.
        private var awaited: Int?
        private var waitingForRoom = 0

        init(count: Int, window: Int) {
            self.count = count
            self.window = max(window, 1)
        }

        /// The next item to work on, waiting while too many results are unconsumed; nil when all are taken.
        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while nextClaim < count && nextClaim >= consumed + window {
                waitingForRoom += 1
                condition.wait()
                waitingForRoom -= 1
            }
            guard nextClaim < count else { return nil }
            nextClaim += 1
            return nextClaim - 1
        }

        func deliver(_ index: Int, _ result: Result) {
            condition.lock()
            slots[index] = result
            if awaited == index { condition.broadcast() }
            condition.unlock()
        }

        func take(_ index: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = slots.removeValue(forKey: index) {
                    awaited = nil
                    consumed = index + 1
                    if waitingForRoom > 0 { condition.broadcast() }
                    return result
                }
                awaited = index
                condition.wait()
            }
        }
    }
}
