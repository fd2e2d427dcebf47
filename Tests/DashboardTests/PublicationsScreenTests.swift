import Foundation
import Testing
import Decisions
import DecisionStore
@testable import Dashboard
import Desk
import Publications
import Terminal

/// The publications screen: the reducer without a database, then the whole loop through a
/// real Desk and the shipped templates.
@MainActor
struct PublicationsScreenTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/templates").path

    @Test func theScreenOffersThePlanAndTheDocumentsOfTheRecordInView() {
        var state = loadedState()
        state.feed(.recordLoaded(sampleRecord(34)))
        state.press(.char("5"))
        #expect(state.screen == .publications)
        #expect(state.publications.choices.map(\.request) == [.forwardPlan(from: today, months: 4), .recordOfDecision(decisionID: 34)])
        #expect(state.press(.enter) == [.previewPublication(.forwardPlan(from: today, months: 4))])
        state.feed(.publicationPreviewed(.forwardPlan(from: today, months: 4), "NOTICE OF KEY DECISIONS\nline two"))
        #expect(state.publications.preview?.lines == ["NOTICE OF KEY DECISIONS", "line two"])
        state.press(.char("j"))
        #expect(state.publications.previewScroll == 1)
        // Esc leaves the preview for the list, then the screen.
        state.press(.escape)
        #expect(state.screen == .publications && state.publications.preview == nil)
        state.press(.char("j"))
        #expect(state.publications.cursor == 1)
        #expect(state.press(.char("P")) == [.publishPublication(.recordOfDecision(decisionID: 34))])
        state.press(.escape)
        #expect(state.screen == .register)
    }

    @Test func aMemberPreviewsButIsToldPublishingNeedsAnOfficer() {
        var state = loadedState(role: .member)
        state.press(.char("5"))
        #expect(state.press(.char("P")).isEmpty)
        #expect(state.isError && state.message?.contains("P-PUBLISH") == true)
        #expect(state.press(.enter) == [.previewPublication(.forwardPlan(from: today, months: 4))])
    }

    func app(role: Role, directory: String) throws -> DashboardApp {
        let store = try makeRegister()
        let desk = try makeDesk(store, role: role)
        let service = DeskPublicationService(desk: desk, templates: try PublicationTemplates(directories: [Self.shipped]),
                                             directory: directory)
        let app = DashboardApp(service: desk, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 30,
                               publications: service)
        app.start()
        return app
    }

    @Test func throughTheDeskAnOfficerPublishesAndAViewerOnlyPreviews() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)").path
        let viewer = try app(role: .viewer, directory: directory)
        viewer.type(.char("5"), .enter)
        #expect(viewer.screenText.contains("NOTICE OF KEY DECISIONS") && viewer.screenText.contains("DRAFT"))
        let token = try viewer.runner.service.changeToken()
        viewer.type(.char("P"))
        #expect(viewer.screenText.contains("P-PUBLISH"))
        // Round the reducer's own check, the service refuses too, and nothing is written.
        #expect(throws: DeskRefusal.self) { try viewer.runner.publications!.publish(.forwardPlan(from: today, months: 4)) }
        #expect(try viewer.runner.service.changeToken() == token)
        #expect(!FileManager.default.fileExists(atPath: directory))

        let officer = try app(role: .officer, directory: directory)
        officer.type(.char("5"), .enter, .char("P"))
        #expect(officer.screenText.contains("Published to"), "\(officer.screenText)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files == ["forward-plan-from-2026-11-23-4m-published-2026-11-23.html"])
        let html = try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8)
        #expect(html.contains("<h1>Notice of key decisions</h1>") && html.contains("Published 23 November 2026."))
    }
}
