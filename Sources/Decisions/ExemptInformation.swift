/// Who may read exempt information (Local Government Act 1972, Schedule 12A): the
/// administrator, democratic services officers, the scrutiny chair, and the decision maker
/// concerned. Everyone else sees that an exempt decision exists, its title, maker, dates
/// and paragraphs, never its text, resolutions, reasons or documents.
extension Actor {
    /// Whether this person may read every exempt decision.
    public var mayReadAllExempt: Bool { role == .admin || role == .officer || role == .scrutinyChair }

    /// Whether this person may read this decision in full.
    public func mayRead(_ decision: Decision) -> Bool {
        !decision.isExempt || mayReadAllExempt || (role == .decisionMaker && decides(for: decision.decisionMaker))
    }
}

extension Decision {
    /// The words shown in place of withheld text.
    public static let withheldNotice = "Withheld: exempt information (Schedule 12A)"

    /// The public part of an exempt decision: title, maker, meeting, dates, flags and paragraphs.
    public func withholdingExemptInformation() -> Decision {
        guard isExempt else { return self }
        var copy = self
        copy.purpose = nil
        copy.decisionText = Self.withheldNotice
        copy.resolutions = []
        copy.reasons = nil
        copy.alternatives = nil
        copy.interests = nil
        copy.documents = []
        copy.urgencyReason = nil
        copy.keyReason = nil
        return copy
    }

    /// This decision as `actor` may see it.
    public func visible(to actor: Actor) -> Decision {
        actor.mayRead(self) ? self : withholdingExemptInformation()
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
            copy.text = Decision.withheldNotice
            copy.minutes = nil
            copy.documents = []
        }
        return copy
    }
}
