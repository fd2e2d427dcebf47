import Foundation
import Testing
@testable import Decisions

@Suite struct CouncilRulesTests {
    @Test func defaults() {
        let r = CouncilRules()
        #expect(r.callInPeriodWorkingDays == 5)
        #expect(r.effectiveAfterCallIn == .dayAfterPeriodEnds)
        #expect(r.publicationTargetWorkingDays == 2)
        #expect(r.keyDecisionNoticeClearDays == 28)
        #expect(r.generalExceptionNoticeClearDays == 5)
        #expect(r.meetingPapersClearDays == 5)
        #expect(r.meetingPapersCount == .calendar)
        #expect(r.keyDecisionThresholdPounds == 500_000)
        #expect(r.callInMembersRequired == 3)
        #expect(r.scrutinyChairAloneMayCallIn)
        #expect(r.scrutinyMeetingWithinWorkingDays == 10)
    }

    @Test func everyKeyHasAValueThatSetAccepts() throws {
        var r = CouncilRules()
        #expect(Set(CouncilRules.keys.map(\.name)).count == CouncilRules.keys.count)
        for key in CouncilRules.keys {
            let v = r.value(of: key.name)
            #expect(!v.isEmpty, "\(key.name)")
            try r.set(key.name, v)
            #expect(!key.description.isEmpty && !key.accepted.isEmpty)
        }
        #expect(r == CouncilRules())
        #expect(r.value(of: "no-such-rule") == "")
    }

    @Test(arguments: [
        ("call-in-period", "3", "3"),
        ("effective-from", "last-day-of-period", "last-day-of-period"),
        ("effective-from", "working-days-after:1", "working-days-after:1"),
        ("effective-from", "Day-After", "day-after-period-ends"),
        ("publication-target", "0", "0"),
        ("key-decision-notice", "28", "28"),
        ("general-exception-notice", "5", "5"),
        ("meeting-papers", "5", "5"),
        ("meeting-papers-count", "working", "working"),
        ("key-decision-threshold", "£150,000", "150000"),
        ("call-in-members", "4", "4"),
        ("chair-may-call-in-alone", "no", "no"),
        ("chair-may-call-in-alone", "TRUE", "yes"),
        ("scrutiny-meeting-within", "15", "15"),
    ])
    func set(key: String, value: String, reads: String) throws {
        var r = CouncilRules()
        try r.set(key, value)
        #expect(r.value(of: key) == reads)
    }

    @Test(arguments: [
        ("call-in-period", "0", "call-in-period: \"0\" is not accepted; expected a whole number of working days, 1-30"),
        ("call-in-period", "five", "call-in-period: \"five\" is not accepted; expected a whole number of working days, 1-30"),
        ("effective-from", "tomorrow",
         "effective-from: \"tomorrow\" is not accepted; expected last-day-of-period, day-after-period-ends, or working-days-after:N (N 1-30)"),
        ("effective-from", "working-days-after:0",
         "effective-from: \"working-days-after:0\" is not accepted; expected last-day-of-period, day-after-period-ends, or working-days-after:N (N 1-30)"),
        ("chair-may-call-in-alone", "maybe", "chair-may-call-in-alone: \"maybe\" is not accepted; expected yes or no (also true/false)"),
        ("meeting-papers-count", "weekdays", "meeting-papers-count: \"weekdays\" is not accepted; expected calendar or working"),
        ("key-decision-threshold", "-1", "key-decision-threshold: \"-1\" is not accepted; expected a whole number of pounds, 0 or more (commas and a leading £ allowed)"),
    ])
    func badValuesAreRefusedNamingKeyAndAcceptedValues(key: String, value: String, message: String) {
        var r = CouncilRules()
        #expect(throws: CouncilRules.SettingError(key: key, value: value, message: message)) { try r.set(key, value) }
        #expect(r == CouncilRules())
    }

    @Test func unknownKeyListsTheKnownOnes() {
        var r = CouncilRules()
        do {
            try r.set("call-in-days", "5")
            Issue.record("expected an error")
        } catch let e as CouncilRules.SettingError {
            #expect(e.message.hasPrefix("unknown rule \"call-in-days\"; known rules: call-in-period, effective-from"))
        } catch { Issue.record("\(error)") }
    }

    @Test func codableRoundTripAndPartialFiles() throws {
        var r = CouncilRules()
        try r.set("effective-from", "working-days-after:2")
        try r.set("call-in-members", "5")
        let data = try JSONEncoder().encode(r)
        #expect(String(decoding: data, as: UTF8.self).contains("\"working-days-after:2\""))
        #expect(try JSONDecoder().decode(CouncilRules.self, from: data) == r)

        let partial = try JSONDecoder().decode(CouncilRules.self, from: Data(#"{"callInPeriodWorkingDays": 3}"#.utf8))
        var expected = CouncilRules()
        expected.callInPeriodWorkingDays = 3
        #expect(partial == expected)

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CouncilRules.self, from: Data(#"{"effectiveAfterCallIn": "soon"}"#.utf8))
        }
    }

    @Test(arguments: [
        // Published Wed 22/06/2022: the 5-working-day period ends Wed 29/06.
        (EffectiveRule.lastDayOfPeriod, "2022-06-29"),
        (.dayAfterPeriodEnds, "2022-06-30"),
        (.workingDaysAfterPeriodEnds(1), "2022-06-30"),
        (.workingDaysAfterPeriodEnds(3), "2022-07-04"),
    ])
    func effectiveRules(rule: EffectiveRule, expected: String) {
        let cal = WorkingCalendar.englandAndWales
        let end = cal.addingWorkingDays(5, to: date("2022-06-22"))
        #expect(end == date("2022-06-29"))
        #expect(rule.effectiveDate(periodEnd: end, calendar: cal) == date(expected))
    }

    @Test func dayAfterAFridayEndIsSaturdayButNextWorkingDayIsMonday() {
        let cal = WorkingCalendar.englandAndWales
        let friday = date("2024-07-12")
        #expect(EffectiveRule.dayAfterPeriodEnds.effectiveDate(periodEnd: friday, calendar: cal) == date("2024-07-13"))
        #expect(EffectiveRule.workingDaysAfterPeriodEnds(1).effectiveDate(periodEnd: friday, calendar: cal) == date("2024-07-15"))
    }
}
