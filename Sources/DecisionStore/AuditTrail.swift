import Foundation
import GRDB
import Crypto
import Decisions

/// One change to one field, as the audit trail records it.
public struct FieldChangeRecord: Codable, Sendable, Hashable {
    public var field: String
    public var before: String?
    public var after: String?
    public init(field: String, before: String?, after: String?) { self.field = field; self.before = before; self.after = after }
}

/// An entry of the append-only, hash-chained audit trail.
public struct AuditRecord: Sendable, Hashable {
    public var sequence: Int64
    public var decisionID: Int64?
    /// ISO 8601 UTC timestamp.
    public var at: String
    public var login: String
    public var action: String
    public var stageBefore: String?
    public var stageAfter: String?
    public var reason: String?
    public var changes: [FieldChangeRecord]
    public var previousHash: String
    public var hash: String

    /// The bytes the hash covers: every field, in a fixed order, unambiguously delimited.
    var canonicalPayload: String {
        let changesJSON = DecisionColumns.json(changes)
        let fields: [String] = [
            String(sequence), decisionID.map(String.init) ?? "", at, login, action, stageBefore ?? "", stageAfter ?? "",
            reason ?? "", changesJSON, previousHash,
        ]
        // Length-prefixing makes "a|b" + "c" differ from "a" + "b|c".
        return fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    static func digest(_ payload: String) -> String {
        SHA256.hash(data: Data(payload.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static let genesisHash = String(repeating: "0", count: 64)
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
                            stageAfter: Stage?, reason: String?, changes: [FieldChangeRecord], at: Date = Date()) throws {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last?["sequence"] ?? 0) + 1
        let previousHash: String = last?["hash"] ?? AuditRecord.genesisHash
        var record = AuditRecord(
            sequence: sequence, decisionID: decisionID, at: Self.timestamp(at), login: login, action: action,
            stageBefore: stageBefore?.rawValue, stageAfter: stageAfter?.rawValue, reason: reason, changes: changes,
            previousHash: previousHash, hash: "")
        record.hash = AuditRecord.digest(record.canonicalPayload)
        try db.execute(sql: """
            INSERT INTO audit (sequence, decision_id, at, login, action, stage_before, stage_after, reason, changes, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.sequence, record.decisionID, record.at, record.login, record.action, record.stageBefore,
                             record.stageAfter, record.reason, DecisionColumns.json(record.changes), record.previousHash,
                             record.hash])
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func auditRecord(_ row: Row) -> AuditRecord {
        AuditRecord(sequence: row["sequence"], decisionID: row["decision_id"], at: row["at"], login: row["login"],
                    action: row["action"], stageBefore: row["stage_before"], stageAfter: row["stage_after"],
                    reason: row["reason"],
                    changes: DecisionColumns.decodeJSON([FieldChangeRecord].self, row["changes"], default: []),
                    previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// The trail of one decision, oldest first.
    public func history(decisionID: Int64) throws -> [AuditRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE decision_id = ? ORDER BY sequence", arguments: [decisionID])
                .map(Self.auditRecord)
        }
    }

    /// Checks every entry's hash and its link to the one before, streaming the trail.
    public func verifyAudit() throws -> AuditVerification {
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY sequence")
            var expectedPrevious = AuditRecord.genesisHash
            var expectedSequence: Int64 = 1
            var count = 0
            while let row = try cursor.next() {
                let record = Self.auditRecord(row)
                if record.sequence != expectedSequence {
                    return .broken(sequence: expectedSequence,
                                   reason: "entry \(expectedSequence) is missing (next entry is \(record.sequence))")
                }
                if record.previousHash != expectedPrevious {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) does not follow the entry before it")
                }
                if AuditRecord.digest(record.canonicalPayload) != record.hash {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) was altered after it was written")
                }
                expectedPrevious = record.hash
                expectedSequence += 1
                count += 1
            }
            return .intact(entries: count)
        }
    }
}
