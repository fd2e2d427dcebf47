import Testing
@testable import Decisions

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

@Suite struct DecisionFieldsTests {
    let context = AuthoringContext(knownMakers: ["Cabinet"], today: d("2026-12-02")) { number in
        number == 12 ? ("Cabinet", d("2027-01-14")) : nil
    }

    @Test func eachFieldIsCheckedOnItsOwnWithTheFieldNamed() {
        #expect(DecisionAuthoring.check(.date, "2027-13-01", context: context)?.field == "date")
        #expect(DecisionAuthoring.check(.date, "2027-02-30", context: context) != nil, "a day that does not exist")
        #expect(DecisionAuthoring.check(.date, "2027-02-28", context: context) == nil)
        #expect(DecisionAuthoring.check(.meeting, "13", context: context)?.message == "there is no meeting #13")
        #expect(DecisionAuthoring.check(.meeting, "#12", context: context) == nil)
        #expect(DecisionAuthoring.check(.exempt, "3, 8", context: context)?.message.contains("\"8\" is not a Schedule 12A paragraph") == true)
        #expect(DecisionAuthoring.check(.key, "perhaps", context: context)?.field == "key")
        #expect(DecisionAuthoring.check(.keyReason, "because", context: context)?.field == "key-reason")
        #expect(DecisionAuthoring.check(.title, "  ", context: context)?.field == "title")
        #expect(DecisionAuthoring.check(.documents, "| https://example.gov.uk/a.pdf", context: context)?.field == "documents")
    }

    @Test func aKeyDecisionNeedsItsReasonAndANewOneADayToCome() {
        var draft = Decision(title: "", decisionMaker: "")
        let problems = DecisionAuthoring.apply([(.title, "Leisure contract", nil), (.maker, "Cabinet", nil), (.date, "2026-11-30", 4),
                                                (.key, "yes", 5)], to: &draft, isNew: true, context: context)
        #expect(Set(problems.map(\.field)) == ["key-reason", "date"])
        #expect(problems.first { $0.field == "date" }?.line == 4, "the line the date came from is named")
        var fine = Decision(title: "", decisionMaker: "")
        #expect(DecisionAuthoring.apply([(.title, "Leisure contract", nil), (.maker, "Cabinet", nil), (.meeting, "12", nil),
                                         (.key, "yes", nil), (.keyReason, "wards", nil)], to: &fine, isNew: true, context: context).isEmpty)
        #expect(fine.procedure.scheduledFor == d("2027-01-14"), "the meeting's date is the date to be taken")
        #expect(fine.meeting?.body == "Cabinet")
        #expect(fine.keyReason == KeyDecisionReason.wards.wording)
    }

    @Test func recommendationsKeepTheirLabelsAndContinuationLines() {
        let items = DecisionAuthoring.recommendations(from: "1. Award the contract to Leisure Trust\n   for ten years\n2. Delegate the terms\n(a) to the Director\nNote the risks")
        #expect(items.map(\.label) == ["1.", "2.", "(a)", nil])
        #expect(items[0].text == "Award the contract to Leisure Trust for ten years")
    }

    @Test func theRecordAsTextRoundTrips() throws {
        var decision = Decision(title: "Library strategy", decisionMaker: "Cabinet Member for Culture", isKeyDecision: true,
                                keyReason: KeyDecisionReason.spending.wording, wards: ["Abbey", "Hollins"], purpose: "Why\nover two lines",
                                resolutions: [Resolution(label: "1.", text: "Adopt the strategy")],
                                documents: [DocumentLink(title: "Report", url: "https://example.gov.uk/r.pdf")], contact: "a@example.gov.uk")
        decision.procedure.scheduledFor = d("2027-02-10")
        let text = RecordText.render(decision, meetingNumber: nil, heading: ["test"])
        let parsed = try RecordText.parse(text).get()
        var back = Decision(title: "", decisionMaker: "")
        #expect(DecisionAuthoring.apply(parsed.map { ($0.field, $0.text, $0.line) }, to: &back, isNew: false, context: context).isEmpty)
        #expect(back.title == decision.title && back.decisionMaker == decision.decisionMaker)
        #expect(back.purpose == "Why\nover two lines")
        #expect(back.wards == decision.wards && back.documents == decision.documents && back.resolutions == decision.resolutions)
        #expect(back.contact == decision.contact && back.procedure.scheduledFor == d("2027-02-10") && back.isKeyDecision)
    }

    @Test func anUnknownOrRepeatedFieldIsRefusedWithItsLine() {
        guard case .failure(let failure) = RecordText.parse("title: A\ncolour: blue\n# a comment\ntitle: B\n  stray\n") else {
            Issue.record("accepted"); return
        }
        #expect(failure.problems.map(\.line) == [2, 4])
        #expect(failure.problems[0].field == "colour" && failure.problems[0].message.hasPrefix("no such field"))
        #expect(failure.description.hasSuffix("nothing was written"))
    }

    @Test func meetingsAreAssembledFromTheDecisionsThatCiteThem() {
        let a = Decision(title: "A", decisionMaker: "Cabinet", meeting: MeetingReference(body: "Cabinet", date: d("2026-11-19"), item: "8"))
        let b = Decision(title: "B", decisionMaker: "Cabinet", meeting: MeetingReference(body: "Cabinet", date: d("2026-11-19"), item: "8"))
        let c = Decision(title: "C", decisionMaker: "Cabinet", meeting: MeetingReference(body: "Cabinet", date: d("2026-11-19"), item: "3"))
        let loose = Decision(title: "D", decisionMaker: "Director of Place")
        let (meetings, unplaced) = MeetingAssembly.meetings(citedBy: [a, b, c, loose])
        #expect(meetings.count == 1 && unplaced.map(\.title) == ["D"])
        #expect(meetings[0].items.map(\.number) == ["3", "8", "8A"], "item order, and two decisions under one number stay two items")
        let next = MeetingAssembly.nextMeetings(after: d("2026-11-23"), following: meetings, calendar: .englandAndWales)
        #expect(next.map { $0.date! } == [d("2026-12-17"), d("2027-01-14"), d("2027-02-11"), d("2027-03-11")])
        #expect(next.allSatisfy { WorkingCalendar.englandAndWales.isWorkingDay($0.date!) })
    }
}
