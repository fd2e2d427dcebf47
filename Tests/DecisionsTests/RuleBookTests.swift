import Foundation
import Testing
@testable import Decisions

@Suite struct RuleBookTests {
    @Test func everyRuleIsDeclaredOnce() {
        let keys = Set(CouncilRules.keys.map(\.name))
        for rule in RuleID.allCases {
            let entry = rule.entry
            #expect(!entry.citation.isEmpty && !entry.summary.isEmpty, "\(rule.id)")
            #expect(rule.id == rule.id.uppercased() && !rule.id.contains(" "), "\(rule.id)")
            #expect(["P-", "R-", "A-"].contains(String(rule.id.prefix(2))), "\(rule.id)")
            if let setting = entry.setting { #expect(keys.contains(setting), "\(rule.id) reads unknown setting \(setting)") }
            // Only permissions name roles (P-TRANSITION and the maker checks are per act).
            if !rule.isPermission { #expect(entry.roles == nil, "\(rule.id)") }
        }
    }

    /// Other code (the Desk on main) names these cases: they keep their names and ids.
    @Test func permissionAndPolicyIdsAreStable() {
        let pinned: [(RuleID, String)] = [
            (.readExempt, "P-READ-EXEMPT"), (.importRecords, "P-IMPORT"), (.generateDemo, "P-DEMO"), (.managePeople, "P-USERS"),
            (.changeRules, "P-RULES"), (.manageActions, "P-ACTIONS"), (.manageMeasures, "P-MEASURES"), (.backdateAct, "P-BACKDATE"),
            (.recordPaperCallIn, "P-PAPER-CALL-IN"), (.signCallIn, "P-SIGN-CALL-IN"), (.shareStore, "P-SHARE-STORE"),
            (.transitionRole, "P-TRANSITION"), (.ownDecisionsOnly, "P-OWN-DECISIONS"), (.officersRecordMeetings, "P-OFFICER-MEETINGS"),
            (.actsOnTheSystemDate, "A-SYSTEM-DATE"), (.demoOnlyOnGeneratedStore, "A-DEMO-STORE"), (.importKeepsTheWorkflow, "A-IMPORT-LIFECYCLE"),
        ]
        for (rule, id) in pinned { #expect(rule.id == id) }
    }

    /// Every statutory or constitutional rule belongs to some act, and every setting the
    /// workflow reads is named by a rule.
    @Test func everyWorkflowRuleHasAnAct() {
        let declared = Set(TransitionKind.rulesOfEveryAct + TransitionKind.allCases.flatMap(\.rules))
        for rule in RuleID.allCases where rule.id.hasPrefix("R-") {
            #expect(declared.contains(rule), "\(rule.id) is checked by no act")
        }
        let read = Set(RuleID.allCases.compactMap(\.entry.setting))
        for key in ["call-in-period", "effective-from", "publication-target", "key-decision-notice", "general-exception-notice",
                    "meeting-papers", "call-in-members", "scrutiny-meeting-within"] {
            #expect(read.contains(key), "no rule names the setting \(key)")
        }
    }

    @Test func markdownListsEveryRuleAndAct() {
        let text = RuleBook.markdown()
        for rule in RuleID.allCases {
            #expect(text.contains("| \(rule.id) | "), "\(rule.id)")
        }
        for kind in TransitionKind.allCases { #expect(text.contains("| `\(kind.rawValue)` |")) }
        #expect(text.contains("| R-KEY-NOTICE-28 | "))
        #expect(text.contains("`key-decision-notice` (default 28)"))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
    }

    /// RULES.md at the package root is generated; this fails when the rule book changed and the
    /// file was not regenerated.
    @Test func rulesFileIsUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("RULES.md")
        let committed = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(committed == RuleBook.markdown(), "RULES.md is out of date: regenerate it with `\(RuleBook.regenerate)`")
    }
}
