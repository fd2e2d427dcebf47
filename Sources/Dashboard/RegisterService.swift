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
}

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
    public func registerRows(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool) throws -> [RegisterRow] {
        let decisions = try page(filter, offset: offset, limit: limit, fromEnd: fromEnd)
        // The rules are read once per window, from the store: never a copy taken at start-up.
        let deadlines = DeadlineCalculator(rules: try rules(), calendar: calendar)
        return decisions.map { RegisterRow(decision: $0, nextDeadline: deadlines.nextDeadline(for: $0, today: viewingDate)) }
    }
}
