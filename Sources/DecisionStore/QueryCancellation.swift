import Foundation
import GRDB
import GRDBSQLite

/// Lets a long read be abandoned from another thread: the dashboard counts in the background
/// and, when the next keystroke supersedes a count, cancels it rather than wait for it.
/// SQLite checks the flag every few thousand virtual-machine steps (a progress handler on the
/// reading connection only, so nobody else's query is interrupted).
public final class QueryCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() { lock.withLock { cancelled = true } }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Runs `body` on `db` so that `cancel()` stops it with `CancellationError`.
    func interrupting<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        if isCancelled { throw CancellationError() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db.sqliteConnection, 4_000, { context in
            guard let context else { return 0 }
            return Unmanaged<QueryCancellation>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }, context)
        defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw CancellationError()
        }
    }
}
