import Foundation
import GRDB
import Crypto
import Decisions

extension AuditEntry {
    /// hex(SHA-256(canonical payload)).
    var computedHash: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(canonicalPayload.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The outcome of checking the whole chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry that does not match, and why.
    case broken(sequence: Int64, reason: String)
}

extension DecisionStore {
    /// Appends an entry to the trail, chained to the last one. Call inside a write transaction.
    static func appendAudit(_ db: Database, decisionID: Int64?, login: String, action: String, stageBefore: Stage?,
                            stageAfter: Stage?, reason: String?, changes: [FieldChange], at: Date = Date()) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1"))
        let sequence: Int64 = (last?["sequence"] ?? 0) + 1
        let previousHash: String = last?["hash"] ?? ""
        var record = AuditEntry(
            sequence: sequence, decisionID: decisionID, at: AuditEntry.timestamp(at), login: login, action: action,
            stageBefore: stageBefore?.rawValue, stageAfter: stageAfter?.rawValue, reason: reason, changes: changes,
            previousHash: previousHash)
        record.hash = record.computedHash
        // The head of the chain is kept apart too, so that removing the newest entries shows.
        try db.cachedStatement(sql: "INSERT INTO setting (key, value) VALUES ('audit-head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: ["\(sequence):\(record.hash)"])
        try db.cachedStatement(sql: """
            INSERT INTO audit (sequence, decision_id, at, login, action, stage_before, stage_after, reason, changes, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [record.sequence, record.decisionID, record.at, record.login, record.action, record.stageBefore,
                             record.stageAfter, record.reason, DecisionColumns.json(record.changes), record.previousHash,
                             record.hash])
    }

    static func auditRecord(_ row: Row) -> AuditEntry {
        AuditEntry(sequence: row["sequence"], decisionID: row["decision_id"], at: row["at"], login: row["login"],
                    action: row["action"], stageBefore: row["stage_before"], stageAfter: row["stage_after"],
                    reason: row["reason"],
                    changes: DecisionColumns.decodeJSON([FieldChange].self, row["changes"], default: []),
                    previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// The trail of one decision, oldest first.
    public func history(decisionID: Int64) throws -> [AuditEntry] {
        try pool.read { db in try Self.history(db, decisionID: decisionID) }
    }

    static func history(_ db: Database, decisionID: Int64) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE decision_id = ? ORDER BY sequence", arguments: [decisionID])
            .map(Self.auditRecord)
    }

    /// The newest entry's sequence and hash: the chain head to keep outside the store.
    public func auditCheckpoint() throws -> AuditCheckpoint? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
                .map { AuditCheckpoint(sequence: $0["sequence"], hash: $0["hash"]) }
        }
    }

    /// Checks every entry's hash and its link to the one before, streaming the trail; then
    /// that the people's roles and the council's rules are what the trail last recorded; and,
    /// given a checkpoint kept outside the store, that the trail still holds that entry
    /// unchanged (so nothing up to it was rewritten, truncated or rolled back).
    public func verifyAudit(since checkpoint: AuditCheckpoint? = nil) throws -> AuditVerification {
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY sequence")
            var expectedPrevious = ""
            var expectedSequence: Int64 = 1
            var count = 0
            var replay = AuditReplay()
            while let row = try cursor.next() {
                let record = Self.auditRecord(row)
                if record.sequence != expectedSequence {
                    return .broken(sequence: expectedSequence,
                                   reason: "entry \(expectedSequence) is missing (next entry is \(record.sequence))")
                }
                if record.previousHash != expectedPrevious {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) does not follow the entry before it")
                }
                if record.computedHash != record.hash {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) was altered after it was written")
                }
                if let checkpoint, record.sequence == checkpoint.sequence, record.hash != checkpoint.hash {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) is not the one checkpointed "
                        + "(\(checkpoint)): the trail up to it was rewritten")
                }
                replay.apply(record)
                expectedPrevious = record.hash
                expectedSequence += 1
                count += 1
            }
            let head = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit-head'")
            let expectedHead = count == 0 ? nil : "\(expectedSequence - 1):\(expectedPrevious)"
            if head != expectedHead {
                let recorded = head.flatMap { Int64($0.split(separator: ":").first ?? "") } ?? 0
                return .broken(sequence: min(recorded, expectedSequence), reason: "the trail ends at entry \(expectedSequence - 1) but entry \(recorded) was written: entries were removed")
            }
            if let checkpoint, checkpoint.sequence > Int64(count) {
                return .broken(sequence: Int64(count) + 1, reason: "the trail ends at entry \(count), before the checkpointed entry "
                    + "\(checkpoint.sequence): entries were removed or the store was rolled back")
            }
            if let problem = try replay.firstDifference(db, rules: try loadRules(db, toRepair: true)) {
                return .broken(sequence: problem.sequence, reason: problem.reason)
            }
            return .intact(entries: count)
        }
    }
}

/// A checkpoint of the audit trail: the sequence and hash of its newest entry, printed as
/// `SEQUENCE:HASH` to be kept outside the store (e.g. in a published record of decision).
public struct AuditCheckpoint: Equatable, Sendable, CustomStringConvertible {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) { self.sequence = sequence; self.hash = hash }

    /// `SEQUENCE:HASH`, the hash 64 hexadecimal digits; nil for anything else.
    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
        self.init(sequence: sequence, hash: parts[1].lowercased())
    }

    public var description: String { "\(sequence):\(hash)" }
}

/// What the trail says the people's roles, the council's rules and each acted-on decision's
/// stage now are, replayed entry by entry, to be compared with the tables themselves.
struct AuditReplay {
    private var people: [String: (role: String?, makers: String?, sequence: Int64)] = [:]
    private var rules: [String: (value: String?, sequence: Int64)] = [:]
    private var stages: [Int64: (stage: String, sequence: Int64)] = [:]

    mutating func apply(_ entry: AuditEntry) {
        func after(_ field: String) -> String?? { entry.changes.first { $0.field == field }.map(\.after) }
        switch entry.action {
        case "user-set":
            guard let login = after("login") ?? nil else { return }
            people[login] = ((after("role") ?? nil), (after("makers") ?? nil), entry.sequence)
        case "rules-set":
            for change in entry.changes { rules[change.field] = (change.after, entry.sequence) }
        default:
            break
        }
        if let id = entry.decisionID, let stage = entry.stageAfter { stages[id] = (stage, entry.sequence) }
    }

    /// The first table row that is not what the trail last recorded, or nil.
    func firstDifference(_ db: Database, rules current: CouncilRules) throws -> (sequence: Int64, reason: String)? {
        var seen = Set<String>()
        for row in try Row.fetchAll(db, sql: "SELECT login, role, makers FROM person ORDER BY login") {
            let login: String = row["login"], role: String = row["role"], makers: String = row["makers"]
            seen.insert(login)
            guard let recorded = people[login] else {
                return (0, "\(login) has the role \(role), which no entry of the trail gave them: the person table was changed outside Cabinet Desk")
            }
            if recorded.role != role || (recorded.makers ?? "[]") != makers {
                return (recorded.sequence, "\(login) has the role \(role) \(makers), but entry \(recorded.sequence) gave them "
                    + "\(recorded.role ?? "none") \(recorded.makers ?? "[]"): the person table was changed outside Cabinet Desk")
            }
        }
        if let missing = people.filter({ !seen.contains($0.key) && $0.value.role != nil }).min(by: { $0.key < $1.key }) {
            return (missing.value.sequence, "\(missing.key) was given a role by entry \(missing.value.sequence) but is no longer "
                + "in the person table: it was changed outside Cabinet Desk")
        }
        for (key, recorded) in rules.sorted(by: { $0.key < $1.key }) where current.value(of: key) != (recorded.value ?? "") {
            return (recorded.sequence, "the rule \(key) is \(current.value(of: key)), but entry \(recorded.sequence) set it to "
                + "\(recorded.value ?? "nothing"): the rules were changed outside Cabinet Desk")
        }
        let acted = stages.keys.sorted()
        for chunk in stride(from: 0, to: acted.count, by: 500).map({ Array(acted[$0..<min($0 + 500, acted.count)]) }) {
            let rows = try Row.fetchAll(db, sql: "SELECT id, stage FROM decision WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(chunk))
            for row in rows {
                let id: Int64 = row["id"], stage: String = row["stage"]
                if let recorded = stages[id], recorded.stage != stage {
                    return (recorded.sequence, "decision #\(id) is at the stage \(stage), but entry \(recorded.sequence) left it "
                        + "\(recorded.stage): the decision table was changed outside Cabinet Desk")
                }
            }
        }
        return nil
    }
}
