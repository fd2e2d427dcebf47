import Decisions
import DecisionStore
import Desk

/// Everything the dashboard reads and writes, and nothing more. The Desk is the real one;
/// tests pass a fake, so the reducer and the runner are tested with no SQLite file.
/// Every read comes back already redacted for `actor`; every write is checked by the service.
public protocol RegisterService: AnyObject {
    var actor: Actor { get }
    /// The day the register is looked at (previews and deadlines); acts are dated by the service.
    var viewingDate: CivilDate { get }

    func count(_ filter: DecisionFilter, cap: Int?) throws -> Int
    /// A window of the register, each row with its next deadline under the rules read for this window.
    func registerRows(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool) throws -> [RegisterRow]
    func record(id: Int64) throws -> DecisionRecord?
    func meetingCount() throws -> Int
    func meetings(offset: Int, limit: Int) throws -> [Meeting]
    func agenda(meetingID: Int64) throws -> (Meeting, [AgendaItem])?
    func due(within: Int?, limit: Int) throws -> [DueDeadline]
    func measures(plan: String?) throws -> [Measure]
    func changeToken() throws -> Int64
    func preview(id: Int64, _ act: Act) throws -> Result<TransitionOutcome, ActRefusal>
    func perform(id: Int64, _ act: Act, expectedVersion: Int?) throws -> Result<TransitionOutcome, ActRefusal>
    func addAction(_ action: FollowUpAction) throws -> Int64
    func confirmAction(id: Int64, owner: String?) throws
    func signCallIn(id: Int64, grounds: String?) throws -> Result<CallInSignOutcome, ActRefusal>
    /// What the new-decision or edit form needs; to edit, the record as it is now.
    func authoringSetup(decisionID: Int64?) throws -> AuthoringSetup
    func newDecision(_ values: FieldValues) throws -> Result<Decision, AuthoringRefusal>
    func editDecision(id: Int64, expectedVersion: Int, _ values: FieldValues, reason: String?) throws -> Result<EditOutcome, AuthoringRefusal>
    func addAgendaItem(meetingID: Int64, title: String?, decisionID: Int64?, position: Int?, restricted: Bool) throws -> Int64
    func createMeeting(body: String, date: CivilDate, time: String?, place: String?) throws -> Int64
    func moveAgendaItem(id: Int64, to position: Int) throws
    func removeAgendaItem(id: Int64) throws
    func recordAttendance(meetingID: Int64, name: String, attendance: Attendance, role: String?) throws
    func declareInterest(_ declaration: InterestDeclaration) throws -> Int64
}

/// Counting the register off the frame loop: a service that is also a counter (the Desk) has its
/// counts run in the background and abandoned when superseded; others count in line.
public protocol RegisterCounter: Sendable {
    func count(_ filter: DecisionFilter, cap: Int?, cancellation: QueryCancellation?) throws -> Int
    /// Whether the count is kept (a lookup), so not worth sending to the background.
    func countIsKept(_ filter: DecisionFilter) -> Bool
    /// A quick estimate to show until the count arrives, or nil.
    func estimatedCount(_ filter: DecisionFilter, cancellation: QueryCancellation?) throws -> Int?
}

extension RegisterCounter {
    public func estimatedCount(_ filter: DecisionFilter, cancellation: QueryCancellation?) throws -> Int? { nil }
}

extension Desk: RegisterCounter {}

/// A register line: the decision (without its long texts) and its next deadline.
@dynamicMemberLookup
public struct RegisterRow: Sendable, Equatable {
    public var decision: Decision
    public var nextDeadline: Deadline?

    public init(decision: Decision, nextDeadline: Deadline? = nil) {
        self.decision = decision; self.nextDeadline = nextDeadline
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<Decision, T>) -> T { decision[keyPath: keyPath] }
}

extension Desk: RegisterService {
    public func authoringSetup(decisionID: Int64?) throws -> AuthoringSetup {
        let makers = try authoringContext().knownMakers
        // Meetings newest first; the form offers the ones to come.
        let meetings = try self.meetings(offset: 0, limit: 500).compactMap { m in m.id.map { MeetingChoice(id: $0, body: m.body, date: m.date) } }
        guard let decisionID else { return AuthoringSetup(makers: makers, meetings: meetings) }
        guard let decision = try self.decision(id: decisionID) else { throw StoreError.notFound(id: decisionID) }
        return AuthoringSetup(makers: makers, meetings: meetings, decision: decision,
                              meetingNumber: try meetingID(ofDecision: decisionID), editKind: editKind(of: decision))
    }

    public func registerRows(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool) throws -> [RegisterRow] {
        let decisions = try page(filter, offset: offset, limit: limit, fromEnd: fromEnd)
        // The rules are read once per window, from the store: never a copy taken at start-up.
        let deadlines = DeadlineCalculator(rules: try rules(), calendar: calendar)
        return decisions.map { RegisterRow(decision: $0, nextDeadline: deadlines.nextDeadline(for: $0, today: viewingDate)) }
    }
}
