import Foundation

/// One field changed by an act, as text ("" never stands for a missing value: nil does).
public struct FieldChange: Hashable, Codable, Sendable {
    /// The field's name, e.g. "stage", "decisionDate", "procedure.calledInDate".
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field; self.before = before; self.after = after
    }

    /// The fields of a decision a transition may change, in a fixed order, with their text form.
    static let tracked: [(name: String, value: @Sendable (Decision) -> String?)] = [
        ("stage", { $0.stage.rawValue }),
        ("status", { $0.status }),
        ("decisionDate", { $0.decisionDate?.iso }),
        ("publicationDate", { $0.publicationDate?.iso }),
        ("effectiveFrom", { $0.effectiveFrom?.iso }),
        ("isUrgent", { $0.isUrgent ? "true" : "false" }),
        ("urgencyReason", { $0.urgencyReason }),
        ("resolutions", { $0.resolutions.isEmpty ? nil : $0.resolutions.map { ($0.label.map { $0 + " " } ?? "") + $0.text }.joined(separator: "\n") }),
        ("procedure.noticeDate", { $0.procedure.noticeDate?.iso }),
        ("procedure.generalExceptionDate", { $0.procedure.generalExceptionDate?.iso }),
        ("procedure.specialUrgencyConsent", { $0.procedure.specialUrgencyConsent }),
        ("procedure.scheduledFor", { $0.procedure.scheduledFor?.iso }),
        ("procedure.papersPublishedDate", { $0.procedure.papersPublishedDate?.iso }),
        ("procedure.calledInDate", { $0.procedure.calledInDate?.iso }),
        ("procedure.callInMembers", { $0.procedure.callInMembers.isEmpty ? nil : $0.procedure.callInMembers.joined(separator: ", ") }),
        ("procedure.callInWaived", { $0.procedure.callInWaived ? "true" : "false" }),
        ("procedure.callInWaivedBy", { $0.procedure.callInWaivedBy }),
        ("procedure.callInOutcome", { $0.procedure.callInOutcome }),
        ("procedure.callInResolvedDate", { $0.procedure.callInResolvedDate?.iso }),
        ("procedure.reconsideredDate", { $0.procedure.reconsideredDate?.iso }),
    ]

    /// The tracked fields that differ between two versions of a decision, in a fixed order.
    public static func changes(from before: Decision, to after: Decision) -> [FieldChange] {
        tracked.compactMap { field in
            let b = field.value(before), a = field.value(after)
            return b == a ? nil : FieldChange(field: field.name, before: b, after: a)
        }
    }
}

/// What a transition puts on the audit log; the store adds sequence, time, login and hashes.
public struct AuditDraft: Hashable, Codable, Sendable {
    /// The transition's kind (its kebab-case raw value, e.g. "call-in").
    public var action: String
    public var stageBefore: Stage
    public var stageAfter: Stage
    public var reason: String?
    public var changes: [FieldChange]

    public init(action: String, stageBefore: Stage, stageAfter: Stage, reason: String?, changes: [FieldChange]) {
        self.action = action; self.stageBefore = stageBefore; self.stageAfter = stageAfter
        self.reason = reason; self.changes = changes
    }
}

/// One entry of the tamper-evident audit log: each entry's hash covers its canonical
/// payload, which includes the previous entry's hash (a hash chain). The store computes
/// `hash = hex(SHA-256(canonicalPayload))`; this module only defines the canonical form.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var sequence: Int64
    /// The decision acted on; nil for acts on no single decision (imports, rule changes).
    public var decisionID: Int64?
    /// ISO 8601 timestamp in UTC, e.g. "2026-11-23T14:05:09Z".
    public var at: String
    public var login: String
    public var action: String
    /// Stage raw values ("published"); nil when the act does not concern a stage.
    public var stageBefore: String?
    public var stageAfter: String?
    public var reason: String?
    public var changes: [FieldChange]
    /// The previous entry's hash ("" for the first entry).
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, decisionID: Int64?, at: String, login: String, action: String,
                stageBefore: String?, stageAfter: String?, reason: String?, changes: [FieldChange],
                previousHash: String, hash: String = "") {
        self.sequence = sequence; self.decisionID = decisionID; self.at = at; self.login = login
        self.action = action; self.stageBefore = stageBefore; self.stageAfter = stageAfter
        self.reason = reason; self.changes = changes; self.previousHash = previousHash; self.hash = hash
    }

    /// An entry for a transition's draft (hash still to be computed).
    public init(sequence: Int64, decisionID: Int64?, at: String, login: String, draft: AuditDraft, previousHash: String) {
        self.init(sequence: sequence, decisionID: decisionID, at: at, login: login, action: draft.action,
                  stageBefore: draft.stageBefore.rawValue, stageAfter: draft.stageAfter.rawValue,
                  reason: draft.reason, changes: draft.changes, previousHash: previousHash)
    }

    /// "2026-11-23T14:05:09Z" for an instant (the caller reads the clock, not this module).
    public static func timestamp(_ instant: Date) -> String {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let day = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(day) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return CivilDate(dayNumber: day).iso + "T" + two(rest / 3600) + ":" + two(rest / 60 % 60) + ":" + two(rest % 60) + "Z"
    }

    /// The bytes the hash covers, as a string: every field except `hash`, one per line in a
    /// fixed order, `name=` followed by `-` for nil or `<UTF-8 byte count>:<text>` for a
    /// string, so that no content can be mistaken for structure. Deterministic across
    /// platforms and Foundation versions (no JSON encoder involved).
    ///
    ///     cabinet-audit-v1
    ///     sequence=12
    ///     decision=34
    ///     at=20:2026-11-23T14:05:09Z
    ///     login=5:alice
    ///     action=7:call-in
    ///     stage-before=9:published
    ///     stage-after=9:called_in
    ///     reason=-
    ///     changes=1
    ///     change.field=5:stage
    ///     change.before=9:published
    ///     change.after=9:called_in
    ///     previous-hash=64:...
    public var canonicalPayload: String {
        func s(_ value: String?) -> String { value.map { "\($0.utf8.count):\($0)" } ?? "-" }
        var out = "cabinet-audit-v1\n"
        out += "sequence=\(sequence)\n"
        out += "decision=" + (decisionID.map(String.init) ?? "-") + "\n"
        out += "at=" + s(at) + "\n"
        out += "login=" + s(login) + "\n"
        out += "action=" + s(action) + "\n"
        out += "stage-before=" + s(stageBefore) + "\n"
        out += "stage-after=" + s(stageAfter) + "\n"
        out += "reason=" + s(reason) + "\n"
        out += "changes=\(changes.count)\n"
        for c in changes {
            out += "change.field=" + s(c.field) + "\n"
            out += "change.before=" + s(c.before) + "\n"
            out += "change.after=" + s(c.after) + "\n"
        }
        out += "previous-hash=" + s(previousHash) + "\n"
        return out
    }

    /// `canonicalPayload` as UTF-8 bytes, ready for SHA-256.
    public var canonicalBytes: [UInt8] { Array(canonicalPayload.utf8) }
}
