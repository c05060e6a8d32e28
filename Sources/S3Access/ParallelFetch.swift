/// Runs `work` over many items with at most `maxInFlight` at once and hands each result to `consume`,
/// either as soon as it is ready or in the items' order (like the local reader's path order). In order,
/// at most `2 × maxInFlight` items are started and not yet consumed, so memory stays bounded however
/// many items there are and however slow one of them is.
public enum ParallelFetch {
    public enum Order: Sendable {
        case itemOrder
        case completion
    }

    public static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], maxInFlight: Int, order: Order = .itemOrder,
        work: @escaping @Sendable (Item) async -> Result,
        consume: (Int, Result) async -> Void
    ) async {
        guard !items.isEmpty else { return }
        let running = max(1, maxInFlight)
        let window = order == .itemOrder ? running * 2 : running
        await withTaskGroup(of: (Int, Result).self) { group in
            var started = 0, finished = 0, consumed = 0
            var waiting: [Int: Result] = [:]
            func startMore() {
                while started < items.count && started - finished < running && started - consumed < window {
                    let index = started
                    let item = items[index]
                    group.addTask { (index, await work(item)) }
                    started += 1
                }
            }
            startMore()
            while let (index, result) = await group.next() {
                finished += 1
                switch order {
                case .completion:
                    await consume(index, result)
                    consumed += 1
                case .itemOrder:
                    waiting[index] = result
                    while let ready = waiting.removeValue(forKey: consumed) {
                        await consume(consumed, ready)
                        consumed += 1
                    }
                }
                startMore()
            }
        }
    }
}
