import Foundation
import Testing
import Decisions
@testable import Interchange

@Suite struct DecisionJSONTests {
    static func everyField() -> Decision {
        var d = Decision(
            id: 7, reference: "CAB/2026/17", title: "Award “quoted” – £2m", decisionMaker: "Cabinet Member for Finance",
            meeting: MeetingReference(body: "Cabinet", date: CivilDate(iso: "2026-10-14"), item: "6"),
            status: "Recommendations Approved (subject to call-in)", stage: .published, isKeyDecision: true,
            keyReason: "Over threshold", isSubjectToCallIn: true, isUrgent: true, urgencyReason: "Grant deadline",
            exemptParagraphs: [3, 5], wards: ["Abbey", "St Mary’s"], reportAuthor: "Priya Shah",
            publicationDate: CivilDate(iso: "2026-10-15"), decisionDate: CivilDate(iso: "2026-10-14"),
            effectiveFrom: CivilDate(iso: "2026-10-23"), purpose: "Purpose\nwith lines", decisionText: "Resolved",
            resolutions: [Resolution(label: "(a)", text: "One"), Resolution(label: nil, text: "Two")],
            reasons: "Reasons", alternatives: "Alternatives", interests: "None",
            documents: [DocumentLink(title: "Report", url: "https://example.gov.uk/r.pdf"), DocumentLink(title: "Annex")],
            source: "x.html")
        d.procedure = Procedure(noticeDate: CivilDate(iso: "2026-09-01"), generalExceptionDate: CivilDate(iso: "2026-10-01"),
                                specialUrgencyConsent: "Chair of O&S", scheduledFor: CivilDate(iso: "2026-10-14"),
                                calledInDate: nil, callInWaived: true, callInOutcome: "refer_back",
                                papersPublishedDate: CivilDate(iso: "2026-10-06"), callInMembers: ["A", "B"],
                                callInResolvedDate: CivilDate(iso: "2026-10-20"), reconsideredDate: CivilDate(iso: "2026-10-21"),
                                callInWaivedBy: "Cllr Chair")
        d.contact = "Priya Shah, 01632 960000"
        d.notes = "line 40: an unlabelled paragraph the importer could not place"
        return d
    }

    @Test func roundTripIsLossless() throws {
        let original = [Self.everyField(), Decision(title: "Minimal", decisionMaker: "Director of Place")]
        let decoded = try DecisionJSON.decode(try DecisionJSON.encode(original), file: "x.json")
        #expect(decoded == original)
    }

    @Test func stableKeysAndNulls() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: try DecisionJSON.encode([Decision(title: "T", decisionMaker: "Cabinet")])) as? [[String: Any]])
        let keys = Set(json[0].keys)
        let expected: Set<String> = ["id", "reference", "title", "decision_maker", "maker_kind", "status", "stage", "is_key_decision",
                                     "key_reason", "is_subject_to_call_in", "is_urgent", "urgency_reason", "exempt_paragraphs", "wards",
                                     "report_author", "contact", "notes", "publication_date", "decision_date", "effective_from", "meeting", "purpose",
                                     "decision_text", "resolutions", "reasons", "alternatives", "interests", "documents", "source",
                                     "procedure"]
        #expect(keys == expected)
        #expect(json[0]["decision_date"] is NSNull)
        #expect(json[0]["meeting"] is NSNull)
    }

    @Test func errorsNameTheFieldPath() throws {
        func message(_ text: String) -> String {
            do { _ = try DecisionJSON.decode(Data(text.utf8), file: "in.json"); return "" } catch { return "\(error)" }
        }
        #expect(message(#"[{"title":"A","decision_maker":"B"},{"title":"C","decision_maker":"D","decision_date":"31/02/2024"}]"#)
                .hasPrefix("in.json: field '[1].decision_date'"))
        #expect(message(#"{"decisions":[{"title":5,"decision_maker":"B"}]}"#).hasPrefix("in.json: field 'decisions[0].title': expected text"))
        #expect(message(#"[{"decision_maker":"B"}]"#) == "in.json: field '[0].title': required field is missing")
        #expect(message(#"[{"title":"A","decision_maker":"B","stage":"pending"}]"#).contains("[0].stage"))
        #expect(message(#"[{"title":"A","#).hasPrefix("in.json: not valid JSON"))
    }
}

@Suite struct DecisionCSVTests {
    @Test func quotingAndFormulaNeutralising() {
        #expect(DecisionCSV.cell("plain") == "plain")
        #expect(DecisionCSV.cell("a, b") == "\"a, b\"")
        #expect(DecisionCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DecisionCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        for trigger in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] { #expect(DecisionCSV.cell(trigger).contains("'")) }
    }

    @Test func rowsHaveTheHeaderAndCRLF() {
        let csv = DecisionCSV.encode([DecisionJSONTests.everyField()])
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("id,reference,title,decision_maker"))
        #expect(rows[1].contains("\"Award “quoted” – £2m\"") == false)
        #expect(rows[1].contains("Award “quoted” – £2m"))
        #expect(rows[1].contains("(a) One | Two"))
        #expect(rows.count == 3 && rows[2].isEmpty)
    }
}
