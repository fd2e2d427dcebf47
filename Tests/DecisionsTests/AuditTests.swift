import Foundation
import Testing
@testable import Decisions

@Suite struct AuditTests {
    let entry = AuditEntry(
        sequence: 12, decisionID: 34, at: "2026-11-23T14:05:09Z", login: "cllr.brown", action: "call-in",
        stageBefore: "published", stageAfter: "called_in", reason: "Value for money",
        changes: [FieldChange(field: "stage", before: "published", after: "called_in"),
                  FieldChange(field: "effectiveFrom", before: "2026-12-02", after: nil)],
        previousHash: "ab12")

    @Test func canonicalPayloadIsExact() {
        #expect(entry.canonicalPayload == """
            cabinet-audit-v1
            sequence=12
            decision=34
            at=20:2026-11-23T14:05:09Z
            login=10:cllr.brown
            action=7:call-in
            stage-before=9:published
            stage-after=9:called_in
            reason=15:Value for money
            changes=2
            change.field=5:stage
            change.before=9:published
            change.after=9:called_in
            change.field=13:effectiveFrom
            change.before=10:2026-12-02
            change.after=-
            previous-hash=4:ab12

            """)
        #expect(entry.canonicalBytes == Array(entry.canonicalPayload.utf8))
    }

    @Test func everyFieldButTheHashIsCovered() {
        var variants: [AuditEntry] = []
        func vary(_ change: (inout AuditEntry) -> Void) { var e = entry; change(&e); variants.append(e) }
        vary { $0.sequence = 13 }
        vary { $0.decisionID = nil }
        vary { $0.at = "2026-11-23T14:05:10Z" }
        vary { $0.login = "cllr.browne" }
        vary { $0.action = "waive-call-in" }
        vary { $0.stageBefore = nil }
        vary { $0.stageAfter = "effective" }
        vary { $0.reason = nil }
        vary { $0.reason = "" }   // empty differs from missing
        vary { $0.changes = [] }
        vary { $0.changes[1].after = "" }
        vary { $0.previousHash = "" }
        // Content cannot pose as structure: a newline in the reason is counted, not parsed.
        vary { $0.reason = "x\nlogin=5:alice" }
        let payloads = Set(variants.map(\.canonicalPayload) + [entry.canonicalPayload])
        #expect(payloads.count == variants.count + 1)
        var hashed = entry
        hashed.hash = "ffff"
        #expect(hashed.canonicalPayload == entry.canonicalPayload)
    }

    @Test func entryFromADraft() throws {
        let o = try #require(try? Workflow.apply(
            TransitionRequest(kind: .callIn, actor: scrutinyChair, today: date("2022-06-24"), reason: "Cost"),
            to: publishedDecision(), rules: CouncilRules(), calendar: .englandAndWales).get())
        let e = AuditEntry(sequence: 1, decisionID: 7, at: "2022-06-24T09:00:00Z", login: "cllr.brown", draft: o.audit, previousHash: "")
        #expect(e.action == "call-in")
        #expect(e.stageBefore == "published" && e.stageAfter == "called_in")
        #expect(e.reason == "Cost")
        #expect(e.changes == o.audit.changes)
        #expect(e.hash == "")
        let data = try JSONEncoder().encode(e)
        #expect(try JSONDecoder().decode(AuditEntry.self, from: data) == e)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_795_000_000.9, "2026-11-18T11:06:40Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
    ])
    func timestamps(seconds: Double, text: String) {
        #expect(AuditEntry.timestamp(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func procedureDecodesOlderRecords() throws {
        let old = #"{"noticeDate":"2026-10-20","callInWaived":false}"#
        let p = try JSONDecoder().decode(Procedure.self, from: Data(old.utf8))
        #expect(p == Procedure(noticeDate: date("2026-10-20")))
        let full = Procedure(noticeDate: date("2026-10-20"), calledInDate: date("2026-11-26"), papersPublishedDate: date("2026-11-16"),
                             callInMembers: ["a", "b"], callInResolvedDate: date("2026-12-07"), reconsideredDate: date("2026-12-14"),
                             callInWaivedBy: "Chair")
        #expect(try JSONDecoder().decode(Procedure.self, from: JSONEncoder().encode(full)) == full)
    }
}
