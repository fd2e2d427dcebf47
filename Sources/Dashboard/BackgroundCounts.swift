import Foundation
import DecisionStore

/// Runs the register's counts off the frame loop, one at a time: a new count cancels the one
/// before it (the keystroke that asked for it has superseded it), and each result waits in a
/// mailbox until the loop collects it between keystrokes.
final class BackgroundCounts: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cabinet-desk.counts")
    private let lock = NSLock()
    private var current: QueryCancellation?
    private var results: [Message] = []
    private var running = 0

    /// Whether a count is running or its result not yet collected.
    var isBusy: Bool { lock.withLock { running > 0 || !results.isEmpty } }

    func submit(_ filter: DecisionFilter, generation: Int, counter: any RegisterCounter) {
        let cancellation = QueryCancellation()
        lock.withLock {
            current?.cancel()
            current = cancellation
            running += 1
        }
        queue.async { [self] in
            let message: Message?
            do {
                if let estimate = try counter.estimatedCount(filter, cancellation: cancellation) {
                    lock.withLock { if !cancellation.isCancelled { results.append(.registerEstimated(total: estimate, generation: generation)) } }
                }
                message = .registerCounted(total: try counter.count(filter, cap: nil, cancellation: cancellation), generation: generation)
            } catch is CancellationError {
                message = nil
            } catch {
                message = .failed("\(error)")
            }
            lock.withLock {
                running -= 1
                if let message, !cancellation.isCancelled { results.append(message) }
            }
        }
    }

    /// The results that have arrived, oldest first.
    func collect() -> [Message] {
        lock.withLock { defer { results.removeAll() }; return results }
    }

    /// Waits for every count submitted so far to finish (tests and the benchmark).
    func waitUntilIdle() { queue.sync {} }

    func cancelAll() { lock.withLock { current?.cancel() } }
}
