import Foundation
import Decisions
import DecisionStore
import Publications

/// Why a document cannot be produced for the record asked for.
public struct PublicationUnavailable: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public var description: String { message }
}

extension Desk {
    /// A member of the public: every published document is built from what this reader may
    /// see, whoever asks, so exempt information never reaches one (rule P-READ-EXEMPT).
    static let publicReader = Actor(login: "public", role: .viewer)

    // MARK: Previews (anyone)

    /// The notice of key decisions for `period`, as it would be published today; nothing is recorded.
    public func forwardPlan(_ period: ForwardPlanPeriod) throws -> ForwardPlan {
        let rules = try store.rules()
        var onPlan: [Decision] = []
        for stage in [Stage.proposed, .deferred] {
            try store.forEach(DecisionFilter(keyOnly: true, stage: stage)) { batch in
                onPlan += batch.filter { $0.isOnForwardPlan(for: period) }
            }
        }
        return ForwardPlan(period: period, decisions: onPlan.map { $0.visible(to: Self.publicReader) }, publishedOn: nil,
                           noticeClearDays: rules.keyDecisionNoticeClearDays)
    }

    /// The record of decision `id` (regs 12 and 13), its public version.
    public func recordOfDecision(id: Int64) throws -> RecordOfDecision {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let rules = try store.rules()
        let deadlines = DeadlineCalculator(rules: rules, calendar: calendar).deadlines(for: stored, today: viewingDate)
        func date(_ kind: DeadlineKind) -> CivilDate? { deadlines.first { $0.kind == kind }?.date }
        // Declared on the agenda items the decision was taken under (reg 13), as the public may read them.
        let declared = try store.declarations(decisionID: id).map { $0.visible(to: Self.publicReader, about: stored) }
        return RecordOfDecision(decision: stored.visible(to: Self.publicReader), callInEnds: date(.callInEnds),
                                effectiveFrom: date(.effectiveFrom), declarations: declared,
                                attendance: try store.attendance(decisionID: id))
    }

    /// The general exception notice (reg 10) of decision `id`.
    public func generalExceptionNotice(id: Int64) throws -> GeneralExceptionNotice {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        // The reasons were given with the act that recorded the exception, as the public may read them.
        let recorded = try store.history(decisionID: id).last { $0.action == TransitionKind.recordGeneralException.rawValue }
        let reasons = Self.publicReader.mayRead(stored) ? recorded?.reason : recorded?.withholding(for: stored).reason
        guard let notice = GeneralExceptionNotice(decision: stored.visible(to: Self.publicReader), reasons: reasons,
                                                  clearDays: try store.rules().generalExceptionNoticeClearDays) else {
            throw PublicationUnavailable(message: "decision \(id) has no general exception on the record (rule \(RuleID.generalException.id)); "
                                         + "an officer records it first: cabinet transition \(id) record-general-exception --reason ...")
        }
        return notice
    }

    /// The special urgency notice (reg 11) of decision `id`.
    public func specialUrgencyNotice(id: Int64) throws -> SpecialUrgencyNotice {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        // The notice states who agreed: that is public even for an exempt decision.
        var visible = stored.visible(to: Self.publicReader)
        visible.procedure.specialUrgencyConsent = stored.procedure.specialUrgencyConsent
        guard let notice = SpecialUrgencyNotice(decision: visible) else {
            throw PublicationUnavailable(message: "decision \(id) has no special urgency on the record (rule \(RuleID.specialUrgency.id)); "
                                         + "it is recorded first: cabinet transition \(id) record-special-urgency --consent-by ...")
        }
        return notice
    }

    /// The agenda front sheet of meeting `meetingID`: the private items by title and paragraph only.
    public func agendaFrontSheet(meetingID: Int64) throws -> AgendaFrontSheet {
        guard let (meeting, items) = try store.meeting(id: meetingID) else {
            throw PublicationUnavailable(message: "no meeting with id \(meetingID) (`cabinet meeting list` lists them)")
        }
        return AgendaFrontSheet(meeting: meeting, items: items.map { $0.visible(to: Self.publicReader) })
    }

    // MARK: Publishing (rule P-PUBLISH)

    /// Publishes the notice of key decisions for `period` (rule P-PUBLISH): each entry without a
    /// notice date is given today's, by the system clock, and `render` makes the document from
    /// the plan as published; all in one transaction, so a refusal or a failure changes nothing.
    /// Also says which entries this notice reaches too late (R-KEY-NOTICE-28).
    public func publishForwardPlan(_ period: ForwardPlanPeriod, format: PublicationFormat,
                                   render: (ForwardPlan) throws -> String) throws -> (text: String, shortNotice: [String]) {
        try require(.publishDocuments, to: "publishing the notice of key decisions")
        let rules = try store.rules()
        let calculator = DeadlineCalculator(rules: rules, calendar: calendar)
        let description = "\(PublicationKind.forwardPlan.rawValue) \(period.first.iso) to \(period.last.iso) (\(format.rawValue))"
        var shortNotice: [String] = []
        let text = try store.publishForwardPlan(period: period, on: actDate, login: actor.login, description: description) { onPlan in
            shortNotice = onPlan.compactMap { calculator.shortNotice(of: $0, publishedOn: actDate) }
            return try render(ForwardPlan(period: period, decisions: onPlan.map { $0.visible(to: Self.publicReader) },
                                          publishedOn: actDate, noticeClearDays: rules.keyDecisionNoticeClearDays))
        }
        return (text, shortNotice)
    }

    /// Publishes a document about decision `decisionID` (or about none, e.g. an agenda) as
    /// `text` (rule P-PUBLISH): the audit trail keeps what was published and its digest.
    public func recordPublication(_ kind: PublicationKind, about decisionID: Int64?, format: PublicationFormat, text: String) throws {
        try require(.publishDocuments, to: "publishing a \(kind.title.lowercased())")
        if kind == .recordOfDecision, let id = decisionID, try store.decision(id: id)?.decisionDate == nil {
            throw DeskRefusal(.recordStatesTheDecision, message: "decision \(id) has not been taken: its record is published once it has (regs 12-13); --preview shows it now")
        }
        try store.recordPublication(decisionID: decisionID, login: actor.login,
                                    description: "\(kind.rawValue) (\(format.rawValue))", text: text)
    }
}
