import Foundation
import GRDB

/// SQLite's `quick_check` of a store, run when the store is opened: in the background, so
/// that reading never waits for it (it reads the whole file: a few seconds for a million
/// decisions, 2.7 GB), while the first write waits for its verdict and is refused if it
/// found damage. Nothing is written to a store before it has been checked.
final class IntegrityCheck: @unchecked Sendable {
    // Guarded by `condition`.
    private var verdict: String??
    private let condition = NSCondition()

    /// A store with nothing in it yet needs no check.
    static let sound = IntegrityCheck(verdict: nil)

    private init(verdict: String?) { self.verdict = .some(verdict) }

    /// Starts checking the file at `path` on a thread of its own.
    init(checking path: String) {
        verdict = nil
        let thread = Thread { [self] in
            let found: String?
            do { found = try Self.problem(path) } catch { found = "quick_check could not be run: \(error)" }
            condition.lock()
            verdict = .some(found)
            condition.broadcast()
            condition.unlock()
        }
        thread.qualityOfService = .utility
        thread.start()
    }

    /// What the check found wrong, or nil for a sound store; waits for the check to finish.
    var damage: String? {
        condition.lock()
        defer { condition.unlock() }
        while verdict == nil { condition.wait() }
        return verdict!
    }

    /// The first problems `PRAGMA quick_check` reports, or nil when it says ok, read through
    /// a read-only connection of its own.
    static func problem(_ path: String) throws -> String? {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            // Read, not mapped: a mapped file would count every page of it in the process's
            // memory (2 GB at a million decisions), which must stay flat with the register's size.
            let report = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
            return report == ["ok"] ? nil : "quick_check: " + report.joined(separator: "; ")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return "quick_check: " + (error.message ?? "\(error.resultCode)")
        }
    }
}
