import Testing
@testable import Decisions

@Suite struct ExemptInformationTests {
    let exempt = Decision(title: "Disposal of land at Mill Lane", decisionMaker: "Cabinet Member for Finance", isKeyDecision: true,
                          keyReason: "Over £500,000", exemptParagraphs: [3], decisionDate: CivilDate(iso: "2026-03-12"),
                          purpose: "Confidential purpose", decisionText: "Sell to Bidder X for £1.2m",
                          resolutions: [Resolution(label: "(a)", text: "Sell to Bidder X")], reasons: "Best offer",
                          alternatives: "Auction", documents: [DocumentLink(title: "Valuation", url: "https://x/v.pdf")])

    @Test(arguments: [(Role.admin, true), (.officer, true), (.scrutinyChair, true), (.member, false), (.viewer, false),
                      (.decisionMaker, false)])
    func whoMayRead(_ role: Role, _ full: Bool) {
        let seen = exempt.visible(to: Actor(login: "x", role: role, makers: ["Cabinet Member for Housing"]))
        #expect((seen.resolutions == exempt.resolutions) == full)
        #expect(seen.title == exempt.title, "the title is public")
        #expect(seen.decisionMaker == exempt.decisionMaker && seen.decisionDate == exempt.decisionDate)
        #expect(seen.exemptParagraphs == [3], "the paragraph is public")
        if !full {
            #expect(seen.purpose == nil && seen.reasons == nil && seen.alternatives == nil && seen.documents.isEmpty)
            #expect(seen.decisionText == "Withheld: exempt information under Schedule 12A, paragraph 3 (financial or business affairs of a person (including the council))",
                    "says what is withheld and why")
        }
    }

    @Test func theDecisionMakerConcernedMayRead() {
        let maker = Actor(login: "cllr", role: .decisionMaker, makers: ["Cabinet Member for Finance"])
        #expect(exempt.visible(to: maker) == exempt)
    }

    @Test func openDecisionsAreUntouched() {
        var open = exempt
        open.exemptParagraphs = []
        #expect(open.visible(to: Actor(login: "v", role: .viewer)) == open)
    }

    @Test func restrictedAgendaItemsWithholdTheirText() {
        let item = AgendaItem(number: "9", title: "Mill Lane", text: "Secret report", minutes: "Secret minutes", isRestricted: true,
                              documents: [DocumentLink(title: "Exempt appendix")], decision: exempt)
        let seen = item.visible(to: Actor(login: "v", role: .viewer))
        #expect(seen.title == "Mill Lane")
        #expect(seen.text == exempt.withheldNotice && seen.minutes == nil && seen.documents.isEmpty)
        #expect(seen.decision?.resolutions.isEmpty == true)
        #expect(item.visible(to: Actor(login: "o", role: .officer)) == item)
    }

    @Test func historyOfAnExemptDecisionKeepsTheActAndWithholdsTheText() {
        let entry = AuditEntry(sequence: 4, decisionID: 1, at: "2026-11-23T10:00:00Z", login: "cllr", action: "approve-with-amendments",
                               stageBefore: "proposed", stageAfter: "decided", reason: "Sell to Bidder X",
                               changes: [FieldChange(field: "stage", before: "proposed", after: "decided"),
                                         FieldChange(field: "resolutions", before: "(a) Sell to Bidder X", after: "(a) Sell to Bidder X\nAmendment at £1.3m")],
                               previousHash: "")
        let seen = entry.withholding(for: exempt)
        #expect(seen.action == entry.action && seen.login == "cllr" && seen.at == entry.at)
        #expect(seen.changes[0] == entry.changes[0], "where it stands is public")
        #expect(!seen.changes[1].after!.contains("Bidder") && seen.changes[1].after == exempt.withheldNotice)
        #expect(seen.reason == exempt.withheldNotice)
    }

    @Test func refusalsQuotingWithheldTextAreScrubbed() {
        let message = "the decision was taken as urgent: Sell to Bidder X"
        #expect(!exempt.scrubbing(message).contains("Bidder X"))
        #expect(exempt.scrubbing(message).contains("paragraph 3"))
    }
}
