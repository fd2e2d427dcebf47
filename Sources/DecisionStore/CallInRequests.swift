import Foundation
import GRDB
import Decisions

/// One signature on a call-in request.
public struct CallInSignature: Sendable, Hashable, Codable {
    /// The member's login when they signed themselves; the name on the paper otherwise.
    public var signatory: String
    public var signedOn: CivilDate
    /// The login that entered the signature (the member themselves, or the officer recording a paper request).
    public var recordedBy: String
    /// Set for a signature recorded from a paper request: why it was entered by someone else.
    public var paperReason: String?
    public var withdrawnOn: CivilDate?

    public init(signatory: String, signedOn: CivilDate, recordedBy: String, paperReason: String? = nil, withdrawnOn: CivilDate? = nil) {
        self.signatory = signatory; self.signedOn = signedOn; self.recordedBy = recordedBy
        self.paperReason = paperReason; self.withdrawnOn = withdrawnOn
    }

    public var isActive: Bool { withdrawnOn == nil }
}

/// A request by members to call a decision in, gathering signatures.
public struct CallInRequest: Sendable, Hashable {
    public enum State: String, Sendable, Codable { case pending, calledIn = "called_in", withdrawn }
    public var id: Int64
    public var decisionID: Int64
    public var grounds: String?
    public var state: State
    public var signatures: [CallInSignature]

    public var activeSignatories: [String] { signatures.filter(\.isActive).map(\.signatory) }
}

/// What a signature did.
public enum CallInSigning: Sendable {
    /// Recorded; the request still needs more signatures.
    case pending(CallInRequest, required: Int)
    /// The last signature needed: the decision is now called in.
    case calledIn(CallInRequest, TransitionOutcome)
}

extension DecisionStore {
    /// The request now gathering signatures for a decision, if any.
    public func pendingCallIn(decisionID: Int64) throws -> CallInRequest? {
        try pool.read { db in try Self.pendingCallIn(db, decisionID: decisionID) }
    }

    static func pendingCallIn(_ db: Database, decisionID: Int64) throws -> CallInRequest? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM call_in_request WHERE decision_id = ? AND state = 'pending'",
                                         arguments: [decisionID]) else { return nil }
        let id: Int64 = row["id"]
        let signatures = try Row.fetchAll(db, sql: "SELECT * FROM call_in_signature WHERE request_id = ? ORDER BY rowid", arguments: [id])
            .map { s in
                CallInSignature(signatory: s["signatory"], signedOn: CivilDate(iso: s["signed_on"] as String) ?? CivilDate(dayNumber: 0),
                                recordedBy: s["recorded_by"], paperReason: s["paper_reason"],
                                withdrawnOn: (s["withdrawn_on"] as String?).flatMap { CivilDate(iso: $0) })
            }
        return CallInRequest(id: id, decisionID: decisionID, grounds: row["grounds"], state: .pending, signatures: signatures)
    }

    /// Adds one signature to the decision's pending request (opening one when there is none),
    /// in one transaction with the call-in itself when this signature completes the number the
    /// council requires. `request` is the call-in as the signer would make it (actor, dates,
    /// grounds); its members are the request's signatories. The workflow judges the call-in
    /// with them: refused only for want of signatures (rule R-CALL-IN-SIGNATURES), the signature
    /// is recorded and the request waits; refused for anything else (wrong stage, period over,
    /// not callable, no grounds), nothing is written. Who may sign is the caller's policy.
    public func signCallIn(decisionID: Int64, signature: CallInSignature, request template: TransitionRequest)
        throws -> Result<CallInSigning, TransitionRefusal> {
        try write { db in
            guard let decision = try Self.decision(db, id: decisionID) else { throw StoreError.notFound(id: decisionID) }
            let rules = try loadRules(db)
            let existing = try Self.pendingCallIn(db, decisionID: decisionID)
            if let existing, existing.activeSignatories.contains(where: { $0.lowercased() == signature.signatory.lowercased() }) {
                throw StoreError.notPermitted("\(signature.signatory) has already signed the call-in request for decision \(decisionID)")
            }
            let signatories = (existing?.activeSignatories ?? []) + [signature.signatory]
            var request = template
            request.kind = .callIn
            request.members = signatories
            request.reason = template.reason ?? existing?.grounds
            let judged = Workflow.apply(request, to: decision, rules: rules, calendar: calendar)
            if case .failure(let refusal) = judged, refusal.id != .callInSignatures { return .failure(refusal) }

            var pending = existing ?? CallInRequest(id: 0, decisionID: decisionID, grounds: request.reason, state: .pending, signatures: [])
            if existing == nil {
                try db.execute(sql: "INSERT INTO call_in_request (decision_id, opened_at, grounds) VALUES (?, ?, ?)",
                               arguments: [decisionID, AuditEntry.timestamp(Date()), request.reason])
                pending.id = db.lastInsertedRowID
            }
            try db.execute(sql: """
                INSERT INTO call_in_signature (request_id, signatory, signed_on, recorded_by, paper_reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(request_id, signatory) DO UPDATE SET signed_on = excluded.signed_on, recorded_by = excluded.recorded_by,
                    paper_reason = excluded.paper_reason, withdrawn_on = NULL
                """, arguments: [pending.id, signature.signatory, signature.signedOn.iso, signature.recordedBy, signature.paperReason])
            pending.signatures.removeAll { $0.signatory.lowercased() == signature.signatory.lowercased() }
            pending.signatures.append(signature)
            var changes = [FieldChange(field: "call-in.signatory", before: nil, after: signature.signatory),
                           FieldChange(field: "call-in.signed-on", before: nil, after: signature.signedOn.iso),
                           FieldChange(field: "call-in.signatures", before: String(signatories.count - 1), after: String(signatories.count))]
            if let reason = signature.paperReason {
                changes.append(FieldChange(field: "call-in.paper-reason", before: nil, after: reason))
            }
            try Self.appendAudit(db, decisionID: decisionID, login: signature.recordedBy, action: "call-in-sign", stageBefore: nil,
                                 stageAfter: nil, reason: request.reason, changes: changes)
            guard case .success(var outcome) = judged else { return .success(.pending(pending, required: rules.callInMembersRequired)) }
            try storeTransition(db, id: decisionID, current: decision, outcome: outcome, login: template.actor.login, rules: rules,
                                extraChanges: [])
            try db.execute(sql: "UPDATE call_in_request SET state = 'called_in' WHERE id = ?", arguments: [pending.id])
            pending.state = .calledIn
            outcome.decision.id = decisionID
            outcome.decision.version = decision.version + 1
            return .success(.calledIn(pending, outcome))
        }
    }

    /// Withdraws one signatory's signature; a request left with no signature is withdrawn.
    public func withdrawCallInSignature(decisionID: Int64, signatory: String, on date: CivilDate, by login: String) throws -> CallInRequest {
        try write { db in
            guard var pending = try Self.pendingCallIn(db, decisionID: decisionID) else {
                throw StoreError.notPermitted("decision \(decisionID) has no pending call-in request")
            }
            guard pending.signatures.contains(where: { $0.signatory.lowercased() == signatory.lowercased() && $0.isActive }) else {
                throw StoreError.notPermitted("\(signatory) has not signed the call-in request for decision \(decisionID)")
            }
            try db.execute(sql: "UPDATE call_in_signature SET withdrawn_on = ? WHERE request_id = ? AND signatory = ?",
                           arguments: [date.iso, pending.id, signatory])
            for index in pending.signatures.indices where pending.signatures[index].signatory.lowercased() == signatory.lowercased() {
                pending.signatures[index].withdrawnOn = date
            }
            if pending.activeSignatories.isEmpty {
                try db.execute(sql: "UPDATE call_in_request SET state = 'withdrawn' WHERE id = ?", arguments: [pending.id])
                pending.state = .withdrawn
            }
            try Self.appendAudit(db, decisionID: decisionID, login: login, action: "call-in-withdraw", stageBefore: nil, stageAfter: nil,
                                 reason: nil, changes: [
                                    FieldChange(field: "call-in.signatory", before: signatory, after: nil),
                                    FieldChange(field: "call-in.signatures", before: String(pending.activeSignatories.count + 1),
                                                after: String(pending.activeSignatories.count)),
                                 ])
            return pending
        }
    }
}

