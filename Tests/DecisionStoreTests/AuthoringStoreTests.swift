import Foundation
import Testing
import GRDB
import Decisions
@testable import DecisionStore

@Suite struct AuthoringStoreTests {
    func draft(_ title: String, on day: String = "2027-01-14") -> Decision {
        var d = Decision(title: title, decisionMaker: "Cabinet", stage: .proposed, isKeyDecision: true,
                         keyReason: KeyDecisionReason.spending.wording, isSubjectToCallIn: true)
        d.procedure.scheduledFor = CivilDate(iso: day)
        return d
    }

    @Test func aNewDecisionForAMeetingIsOnItsAgendaAndItsDeadlinesFollowTheMeeting() throws {
        let store = try makeStore()
        let meeting = try store.createMeeting(Meeting(body: "Cabinet", date: CivilDate(iso: "2027-01-14")), login: "officer")
        let created = try store.createDecision(draft("Leisure contract", on: "2027-03-01"), meetingID: meeting, login: "officer")
        let id = try #require(created.id)
        #expect(created.procedure.scheduledFor == CivilDate(iso: "2027-01-14"), "the meeting's date wins")
        let (_, items) = try #require(try store.meeting(id: meeting))
        #expect(items.map(\.decisionID) == [id] && items.map(\.number) == ["1"])
        #expect(try store.decision(id: id)?.meeting?.item == "1")
        // Moving it to a later meeting moves its agenda item and its notice deadline.
        let later = try store.createMeeting(Meeting(body: "Cabinet", date: CivilDate(iso: "2027-02-11")), login: "officer")
        let before = try nextDeadline(store, id)
        let current = try #require(try store.decision(id: id))
        _ = try store.editDecision(id: id, expectedVersion: current.version, login: "officer", action: "edit", reason: nil, meetingID: .some(later)) { _ in }
        #expect(try store.meeting(id: meeting)?.1.isEmpty == true)
        #expect(try store.meeting(id: later)?.1.map(\.decisionID) == [id])
        let moved = try #require(try store.decision(id: id))
        #expect(moved.meeting?.date == CivilDate(iso: "2027-02-11") && moved.procedure.scheduledFor == CivilDate(iso: "2027-02-11"))
        #expect(try nextDeadline(store, id) > before, "the key-decision notice deadline moved with the meeting")
        // A meeting that moves takes its decisions still to be taken with it.
        _ = try store.updateMeeting(id: later, login: "officer") { $0.date = CivilDate(iso: "2027-02-18") }
        #expect(try store.decision(id: id)?.procedure.scheduledFor == CivilDate(iso: "2027-02-18"))
    }

    func nextDeadline(_ store: DecisionStore, _ id: Int64) throws -> String {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT next_deadline FROM decision WHERE id = ?", arguments: [id]) ?? "" }
    }

    @Test func anEditLandsOnlyOnTheVersionItWasMadeFromAndAuditsEachField() throws {
        let store = try makeStore()
        let created = try store.createDecision(draft("Library strategy"), meetingID: nil, login: "officer")
        let id = try #require(created.id)
        let outcome = try store.editDecision(id: id, expectedVersion: created.version, login: "officer", action: "edit", reason: nil) {
            $0.reportAuthor = "Sam Okafor"; $0.title = "Library strategy 2027-2032"
        }
        #expect(Set(outcome.changes.map(\.field)) == ["report_author", "title"])
        #expect(throws: StoreError.conflict(id: id)) {
            try store.editDecision(id: id, expectedVersion: created.version, login: "colleague", action: "edit", reason: nil) { $0.title = "Stale" }
        }
        #expect(try store.decision(id: id)?.title == "Library strategy 2027-2032", "the stale edit changed nothing")
        let trail = try store.history(decisionID: id)
        let edit = try #require(trail.first { $0.action == "edit" })
        #expect(edit.changes.contains(FieldChange(field: "report_author", before: nil, after: "Sam Okafor")))
        #expect(edit.changes.contains(FieldChange(field: "title", before: "Library strategy", after: "Library strategy 2027-2032")))
        #expect(trail.filter { $0.action == "edit" }.count == 1)
        #expect(try store.verifyAudit() == .intact(entries: try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") ?? 0 }))
    }

    @Test func aDuplicateIsKeptAsRemovedAndARecordWithActsIsNot() throws {
        let store = try makeStore()
        let keep = try #require(try store.createDecision(draft("Depot contract"), meetingID: nil, login: "officer").id)
        #expect(throws: AuthoringError.self) { try store.createDecision(draft("Depot contract"), meetingID: nil, login: "officer") }
        let twin = try #require(try store.createDecision(draft("Depot contract (copy)"), meetingID: nil, login: "officer").id)
        try store.removeDecision(id: twin, reason: "duplicate of #\(keep)", login: "admin", on: CivilDate(iso: "2026-12-02")!)
        #expect(try store.decision(id: twin) == nil)
        let removed = try #require(try store.removedDecision(id: twin))
        #expect(removed.title == "Depot contract (copy)" && removed.reason == "duplicate of #\(keep)" && removed.removedBy == "admin")
        #expect(try store.count(DecisionFilter(search: "copy")) == 0, "gone from search")
        #expect(try store.history(decisionID: twin).last?.action == "remove")
        // A record with an act on it is not a duplicate to remove.
        let request = TransitionRequest(kind: .schedule, actor: Actor(login: "officer", role: .officer), today: store.today,
                                        date: store.today, scheduledFor: CivilDate(iso: "2027-01-14"))
        _ = try store.transition(id: keep, request)
        #expect(throws: AuthoringError.self) { try store.removeDecision(id: keep, reason: "x", login: "admin", on: store.today) }
        #expect(try store.decision(id: keep) != nil)
    }

    @Test func agendaItemsAreReorderedAndRenumberedAndDeclarationsKeptPerItem() throws {
        let store = try makeStore()
        let meeting = try store.createMeeting(Meeting(body: "Cabinet", date: CivilDate(iso: "2027-01-14")), login: "officer")
        let apologies = try store.addAgendaItem(meetingID: meeting, title: "Apologies", decisionID: nil, position: nil, isRestricted: false, login: "o")
        let minutes = try store.addAgendaItem(meetingID: meeting, title: "Minutes", decisionID: nil, position: nil, isRestricted: false, login: "o")
        let decision = try #require(try store.createDecision(draft("Leisure contract"), meetingID: nil, login: "o").id)
        let item = try store.addAgendaItem(meetingID: meeting, title: "Leisure contract", decisionID: decision, position: 1, isRestricted: false, login: "o")
        var agenda = try #require(try store.meeting(id: meeting)).1
        #expect(agenda.map(\.title) == ["Leisure contract", "Apologies", "Minutes"] && agenda.map(\.number) == ["1", "2", "3"])
        #expect(try store.decision(id: decision)?.meeting?.item == "1")
        try store.moveAgendaItem(id: item, to: 3, login: "o")
        agenda = try #require(try store.meeting(id: meeting)).1
        #expect(agenda.map(\.id) == [apologies, minutes, item])
        #expect(try store.decision(id: decision)?.meeting?.item == "3", "the decision carries its item's new number")
        try store.removeAgendaItem(id: minutes, login: "o")
        #expect(try store.meeting(id: meeting)?.1.map(\.number) == ["1", "2"])
        _ = try store.declareInterest(InterestDeclaration(agendaItemID: item, member: "Cllr Jones", kind: .otherRegistrable,
                                                          detail: "Trustee of the Leisure Trust", dispensation: "Standards Committee, 2026-10-01"), login: "o")
        #expect(try store.declarations(decisionID: decision).map(\.member) == ["Cllr Jones"])
        try store.recordAttendance(meetingID: meeting, name: "Cllr Ahmed", attendance: .apologies, role: nil, login: "o")
        try store.recordAttendance(meetingID: meeting, name: "cllr ahmed", attendance: .present, role: "Chair", login: "o")
        let attendees = try #require(try store.meeting(id: meeting)).0.attendees
        #expect(attendees.count == 1 && attendees[0].attendance == "present" && attendees[0].role == "Chair")
    }
}
