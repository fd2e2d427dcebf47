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

    /// Checks every entry's hash and its link to the one before, streaming the trail.
    public func verifyAudit() throws -> AuditVerification {
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY sequence")
            var expectedPrevious = ""
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
                if record.computedHash != record.hash {
                    return .broken(sequence: record.sequence, reason: "entry \(record.sequence) was altered after it was written")
                }
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
            return .intact(entries: count)
        }
    }
}
