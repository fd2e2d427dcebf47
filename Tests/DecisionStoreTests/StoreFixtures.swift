import Foundation
import Decisions
@testable import DecisionStore

/// A fresh store in its own temporary directory.
func makeStore() throws -> DecisionStore {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-tests-\(UUID().uuidString)")
    return try DecisionStore(path: dir.appendingPathComponent("cabinet.sqlite").path)
}

func sampleDecision(_ title: String = "Award of the Waste Collection Contract", maker: String = "Cabinet",
                    date: String = "2026-11-02", key: Bool = false, urgent: Bool = false, callIn: Bool = true,
                    exempt: [Int] = [], stage: Stage = .decided, text: String = "That the contract be awarded.") -> Decision {
    Decision(title: title, decisionMaker: maker, status: "Recommendations Approved", stage: stage, isKeyDecision: key,
             isSubjectToCallIn: callIn, isUrgent: urgent, exemptParagraphs: exempt,
             decisionDate: CivilDate(iso: date), purpose: "To decide on \(title.lowercased()).",
             resolutions: [Resolution(label: "(a)", text: text)], reasons: "Best value.", alternatives: "Do nothing.")
}
