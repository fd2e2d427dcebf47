import Foundation
import Testing
import Decisions
@testable import Publications

/// The document models and the templates, without a store: what each document says, and that
/// a council's template replaces the shipped one name by name.
struct DocumentModelTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/templates").path

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func key(_ title: String, on iso: String?, stage: Stage = .proposed, exempt: [Int] = []) -> Decision {
        var d = Decision(id: 7, reference: "REF-\(title.prefix(3))", title: title, decisionMaker: "Cabinet", stage: stage,
                         isKeyDecision: true, exemptParagraphs: exempt, reportAuthor: "Grace Adeyemi",
                         purpose: "To decide \(title).", documents: [DocumentLink(title: "Report", url: "https://example.gov.uk/r.pdf")])
        d.procedure.scheduledFor = iso.map(day)
        return d
    }

    @Test func theForwardPlansPeriodRunsWholeMonthsLessADay() {
        let p = ForwardPlanPeriod(from: Self.day("2026-11-23"), months: 4)
        #expect(p.first.iso == "2026-11-23" && p.last.iso == "2027-03-22")
        #expect(ForwardPlanPeriod(from: Self.day("2026-10-31"), months: 4).last.iso == "2027-02-27")
        #expect(ForwardPlanPeriod(from: Self.day("2026-01-01"), months: 12).last.iso == "2026-12-31")
    }

    @Test func thePlanListsKeyDecisionsToBeTakenInThePeriodInDateOrder() {
        let period = ForwardPlanPeriod(from: Self.day("2026-11-23"), months: 4)
        let decisions = [
            Self.key("Late", on: "2027-03-01"), Self.key("Early", on: "2026-12-01"),
            Self.key("Outside", on: "2027-03-23"), Self.key("Before", on: "2026-11-22"),
            Self.key("Taken", on: "2026-12-05", stage: .decided), Self.key("Undated", on: nil),
            Self.key("Deferred", on: "2027-01-10", stage: .deferred),
        ]
        var notKey = Self.key("Not key", on: "2026-12-02")
        notKey.isKeyDecision = false
        let plan = ForwardPlan(period: period, decisions: decisions + [notKey], publishedOn: nil, noticeClearDays: 28)
        #expect(plan.entries.map(\.matter) == ["Early", "Deferred", "Late"])
        #expect(plan.entries.first?.dateToBeTaken == "1 December 2026")
        #expect(plan.isDraft && plan.publishedOn == nil)
    }

    @Test func aPrivateEntryCitesItsParagraphAndTheShippedTemplatesSayIt() throws {
        let period = ForwardPlanPeriod(from: Self.day("2026-11-23"), months: 4)
        let exempt = Self.key("Depot sale", on: "2026-12-10", exempt: [3]).withholdingExemptInformation()
        let plan = ForwardPlan(period: period, decisions: [exempt], publishedOn: Self.day("2026-11-24"), noticeClearDays: 28)
        #expect(plan.entries[0].privately?.paragraphs == "3")
        let templates = try PublicationTemplates(directories: [Self.shipped])
        let text = try templates.render(plan, format: .text)
        #expect(text.contains("Yes: Schedule 12A paragraph 3 (financial or business affairs"), "\(text)")
        #expect(text.contains("Published 24 November 2026."))
        #expect(!text.contains("To decide Depot sale"), "the withheld purpose is not printed")
    }

    @Test func htmlEscapesWhatRecordsSayAndTextDoesNot() throws {
        let period = ForwardPlanPeriod(from: Self.day("2026-11-23"), months: 1)
        let plan = ForwardPlan(period: period, decisions: [Self.key("Roads <b>& bridges</b>", on: "2026-12-01")],
                               publishedOn: nil, noticeClearDays: 28)
        let templates = try PublicationTemplates(directories: [Self.shipped])
        let html = try templates.render(plan, format: .html)
        #expect(html.contains("Roads &lt;b&gt;&amp; bridges&lt;/b&gt;") && !html.contains("<b>&"))
        #expect(html.contains("@page { size: A4"))
        #expect(try templates.render(plan, format: .text).contains("Roads <b>& bridges</b>"))
    }

    @Test func theRecordShowsDeclarationsAndDispensationsOrNoneDeclared() throws {
        var d = Self.key("Library hours", on: "2026-12-01", stage: .published)
        d.decisionDate = Self.day("2026-12-01")
        d.isSubjectToCallIn = true
        d.reasons = "Demand has fallen."
        d.alternatives = "Keep the hours: rejected as unaffordable."
        d.resolutions = [Resolution(label: "(a)", text: "That the hours be reduced.")]
        let templates = try PublicationTemplates(directories: [Self.shipped])
        let none = RecordOfDecision(decision: d, callInEnds: Self.day("2026-12-09"), effectiveFrom: Self.day("2026-12-10"),
                                    declarations: [], attendance: [])
        let plain = try templates.render(none, format: .text)
        #expect(plain.contains("None declared."))
        #expect(plain.contains("may be called in until the end of 9 December 2026"))
        #expect(plain.contains("from 10 December 2026"))
        #expect(plain.contains("(a) That the hours be reduced."))
        let declared = RecordOfDecision(
            decision: d, callInEnds: nil, effectiveFrom: nil,
            declarations: [InterestDeclaration(agendaItemID: 1, member: "Cllr Patel", kind: .disclosablePecuniary, detail: "owns a shop nearby",
                                               dispensation: "Granted by the Chief Executive on 28 November 2026")],
            attendance: [Attendee(name: "Cllr Patel", role: "Cabinet Member", attendance: "Present")])
        let text = try templates.render(declared, format: .text)
        #expect(text.contains("Cllr Patel: disclosable pecuniary interest (owns a shop nearby); dispensation: Granted by the Chief Executive"))
        #expect(!text.contains("None declared."))
        #expect(text.contains("Cllr Patel (Cabinet Member): Present"))
    }

    @Test func theAgendaListsPrivateItemsByTitleAndParagraphOnly() throws {
        var secret = Self.key("Sale of Mill Lane", on: "2026-12-01", exempt: [3])
        secret.purpose = "Bid from Quillfeather Ltd."
        let meeting = Meeting(body: "Cabinet", date: Self.day("2026-12-01"), time: "10:00", location: "Town Hall")
        let items = [
            AgendaItem(number: "1.", title: "Apologies"),
            AgendaItem(number: "9", title: "Sale of Mill Lane", text: "Bid from Quillfeather Ltd.", isRestricted: true,
                       decision: secret.withholdingExemptInformation()),
            AgendaItem(number: "10", title: "Staffing matter", isRestricted: true),
        ]
        let sheet = AgendaFrontSheet(meeting: meeting, items: items)
        #expect(sheet.publicItems.map(\.title) == ["Apologies"] && sheet.publicItems[0].number == "1")
        #expect(sheet.privateItems.map(\.title) == ["Sale of Mill Lane", "Staffing matter"])
        let text = try PublicationTemplates(directories: [Self.shipped]).render(sheet, format: .text)
        #expect(text.contains("9. Sale of Mill Lane: paragraph 3 (financial or business affairs"))
        #expect(text.contains("10. Staffing matter: paragraph not recorded"))
        #expect(!text.contains("Quillfeather"))
    }

    @Test func aCouncilTemplateReplacesTheShippedOneByName() throws {
        let council = FileManager.default.temporaryDirectory.appendingPathComponent("council-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: council, withIntermediateDirectories: true)
        try "COUNTY OF EXAMPLESHIRE\n".write(to: council.appendingPathComponent("masthead.txt.mustache"), atomically: true, encoding: .utf8)
        let templates = try PublicationTemplates(directories: [council.path, Self.shipped])
        #expect(templates.source(of: .forwardPlan, format: .text) == Self.shipped + "/forward-plan.txt.mustache")
        let plan = ForwardPlan(period: ForwardPlanPeriod(from: Self.day("2026-11-23"), months: 4), decisions: [],
                               publishedOn: nil, noticeClearDays: 28)
        let text = try templates.render(plan, format: .text)
        #expect(text.hasPrefix("COUNTY OF EXAMPLESHIRE") && text.contains("No key decisions are to be taken in this period."))
        #expect(!text.contains("DEMOCRATIC SERVICES"))
        try "{{#entries}}".write(to: council.appendingPathComponent("agenda.txt.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try PublicationTemplates(directories: [council.path, Self.shipped])
        } throws: { error in
            "\(error)".contains(council.appendingPathComponent("agenda.txt.mustache").path + ":1:")
        }
    }
}
