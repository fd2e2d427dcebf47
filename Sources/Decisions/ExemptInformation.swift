/// Who may read exempt information (Local Government Act 1972, Schedule 12A; rule P-READ-EXEMPT):
/// the administrator, democratic services officers, the scrutiny chair, and the decision maker
/// concerned. Everyone else sees that an exempt decision exists, its title, maker, dates
/// and paragraphs, and why its text is withheld, never the text itself: not its resolutions,
/// reasons, documents, the audit trail's record of them, nor follow-up drawn from them.
///
/// This file is the whole policy; the application layer (Desk) applies it to every read.
extension Actor {
    /// Whether this person may read every exempt decision.
    public var mayReadAllExempt: Bool { role == .admin || role == .officer || role == .scrutinyChair }

    /// Whether this person may read this decision in full.
    public func mayRead(_ decision: Decision) -> Bool {
        !decision.isExempt || mayReadAllExempt || (role == .decisionMaker && decides(for: decision.decisionMaker))
    }
}

/// The Schedule 12A, Part 1 paragraphs, for saying why something is withheld.
public enum ExemptParagraph {
    public static func description(_ paragraph: Int) -> String {
        switch paragraph {
        case 1: "information relating to an individual"
        case 2: "information likely to reveal the identity of an individual"
        case 3: "financial or business affairs of a person (including the council)"
        case 4: "labour relations consultations or negotiations"
        case 5: "legal professional privilege"
        case 6: "proposed notices, orders or directions"
        case 7: "prevention, investigation or prosecution of crime"
        case 12...18: "Part 4 (Wales), paragraph \(paragraph)"
        default: "paragraph \(paragraph)"
        }
    }

    /// "Withheld: exempt information under Schedule 12A, paragraph 3 (financial or business affairs …)".
    public static func withheldNotice(_ paragraphs: [Int]) -> String {
        guard !paragraphs.isEmpty else { return Decision.withheldNotice }
        let cited = paragraphs.map { "\($0) (\(description($0)))" }.joined(separator: "; ")
        return "Withheld: exempt information under Schedule 12A, paragraph\(paragraphs.count == 1 ? "" : "s") \(cited)"
    }
}

extension Decision {
    /// The words shown in place of withheld text when no paragraph is known.
    public static let withheldNotice = "Withheld: exempt information (Schedule 12A)"

    /// Why this decision's text is withheld, citing its paragraphs.
    public var withheldNotice: String { ExemptParagraph.withheldNotice(exemptParagraphs) }

    /// The public part of an exempt decision: title, maker, meeting, dates, flags and paragraphs.
    public func withholdingExemptInformation() -> Decision {
        guard isExempt else { return self }
        var copy = self
        copy.purpose = nil
        copy.decisionText = withheldNotice
        copy.resolutions = []
        copy.reasons = nil
        copy.alternatives = nil
        copy.interests = nil
        copy.notes = nil
        copy.documents = []
        copy.urgencyReason = nil
        copy.keyReason = nil
        copy.procedure.specialUrgencyConsent = copy.procedure.specialUrgencyConsent.map { _ in "recorded (withheld)" }
        return copy
    }

    /// This decision as `actor` may see it.
    public func visible(to actor: Actor) -> Decision {
        actor.mayRead(self) ? self : withholdingExemptInformation()
    }

    /// The texts of this record that are withheld from those who may not read it, for
    /// scrubbing them out of anything else said about it (refusals, warnings, messages).
    public var withheldTexts: [String] {
        guard isExempt else { return [] }
        var texts = [purpose, decisionText, reasons, alternatives, interests, urgencyReason, keyReason].compactMap { $0 }
        texts += resolutions.map(\.text) + documents.map(\.title) + documents.compactMap(\.url)
        // Whole texts first, then their lines and sentences, so a quoted part is caught too.
        let parts = texts.flatMap { $0.split(whereSeparator: { $0 == "\n" || $0 == "." || $0 == ";" }).map(String.init) }
        return (texts + parts).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.count >= 4 }
            .sorted { $0.count > $1.count }
    }

    /// `text` with every withheld text of this record replaced by the withheld notice.
    public func scrubbing(_ text: String) -> String {
        var out = text
        for secret in withheldTexts where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "[\(withheldNotice)]")
        }
        return out
    }
}

extension AgendaItem {
    /// This item as `actor` may see it: a restricted item's text, minutes and documents are
    /// withheld (its title and number are public), and its decision as for any decision.
    public func visible(to actor: Actor) -> AgendaItem {
        var copy = self
        copy.decision = decision?.visible(to: actor)
        let mayRead = decision.map { actor.mayRead($0) } ?? actor.mayReadAllExempt
        if isRestricted && !mayRead {
            copy.text = decision?.withheldNotice ?? Decision.withheldNotice
            copy.minutes = nil
            copy.documents = []
        }
        return copy
    }
}

extension AuditEntry {
    /// Fields whose values are public even for an exempt decision: where it stands and when.
    public static let publicFields: Set<String> = [
        "stage", "status", "decisionDate", "publicationDate", "effectiveFrom", "isUrgent",
        "procedure.noticeDate", "procedure.generalExceptionDate", "procedure.scheduledFor",
        "procedure.papersPublishedDate", "procedure.calledInDate", "procedure.callInMembers", "procedure.callInWaived",
        "procedure.callInOutcome", "procedure.callInResolvedDate", "procedure.reconsideredDate",
        "login", "role", "due", "next", "call-in.signatory", "call-in.signed-on", "call-in.signatures",
        "recorded-late.occurred-on", "publication.document", "publication.sha256",
        // Import field names (snake case).
        "reference", "title", "decision_maker", "maker_kind", "meeting", "is_key_decision", "is_subject_to_call_in",
        "is_urgent", "exempt_paragraphs", "wards", "report_author", "publication_date", "decision_date", "effective_from",
        "source",
    ]

    /// This entry as someone who may not read `decision` sees it: the act, who and when stay;
    /// reasons and the text of changed fields are replaced by the withheld notice.
    public func withholding(for decision: Decision) -> AuditEntry {
        guard decision.isExempt else { return self }
        var copy = self
        let notice = decision.withheldNotice
        // An import's reason names the file it came from, which is public; any other reason may quote the text.
        if copy.reason != nil && !action.hasPrefix("import-") { copy.reason = notice }
        copy.changes = changes.map { change in
            guard !Self.publicFields.contains(change.field) else {
                return FieldChange(field: change.field, before: change.before.map(decision.scrubbing),
                                   after: change.after.map(decision.scrubbing))
            }
            return FieldChange(field: change.field, before: change.before.map { _ in notice }, after: change.after.map { _ in notice })
        }
        return copy
    }
}

extension InterestDeclaration {
    /// A declaration made on `decision`'s item as `actor` may see it: who declared which kind of
    /// interest and any dispensation are on the record of decision (reg 13); what the interest
    /// is may touch the exempt matter, so it is withheld with the rest.
    public func visible(to actor: Actor, about decision: Decision) -> InterestDeclaration {
        guard !actor.mayRead(decision) else { return self }
        var copy = self
        copy.detail = nil
        return copy
    }
}

extension FollowUpAction {
    /// A follow-up drawn from an exempt decision, as someone who may not read it sees it.
    public func withholding(for decision: Decision) -> FollowUpAction {
        guard decision.isExempt else { return self }
        var copy = self
        copy.text = "Follow-up of an exempt decision. " + decision.withheldNotice
        return copy
    }
}
