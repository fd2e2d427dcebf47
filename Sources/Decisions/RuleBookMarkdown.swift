/// The rule book as a document: RULES.md at the package root is this text, generated, so the
/// catalogue people read cannot drift from the table the code enforces.
public enum RuleBook {
    /// How RULES.md is regenerated (named in the file and in the test that checks it).
    public static let regenerate = "swift run cabinet rules catalogue > RULES.md"

    /// Every rule and permission, then every act with the rules it checks, as Markdown.
    public static func markdown() -> String {
        let defaults = CouncilRules()
        var out: [String] = [
            "# Cabinet Desk rules",
            "",
            "Every rule and permission Cabinet Desk enforces, one row each. A refusal names the id of the rule",
            "that refused it, e.g. `refused: ... rule: R-KEY-NOTICE-28: Reg 9, SI 2012/2089: ...`.",
            "Settings are the council's, changed with `cabinet rules set KEY VALUE` (defaults shown).",
            "",
            "Generated from `Sources/Decisions/RuleBook.swift`; do not edit by hand: `\(regenerate)`.",
        ]
        func row(_ cells: [String]) -> String {
            // A pipe inside a cell would split it.
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        func table(_ title: String, _ rules: [RuleID], header: [String], cells: (RuleID) -> [String]) {
            out += ["", "## \(title)", "", row(header), row(header.map { _ in "---" })]
            out += rules.map { row(cells($0)) }
        }
        func setting(_ rule: RuleID) -> String {
            guard let key = rule.entry.setting else { return "" }
            return "`\(key)` (default \(defaults.value(of: key)))"
        }
        let all = RuleID.allCases
        table("Permissions (who may)", all.filter(\.isPermission), header: ["Id", "Rule", "Citation", "Roles"]) {
            [$0.id, $0.entry.summary, $0.entry.citation, $0.entry.roles.map(roleList) ?? "per act (below)"]
        }
        table("Statute and constitution", all.filter { $0.id.hasPrefix("R-") }, header: ["Id", "Rule", "Citation", "Setting"]) {
            [$0.id, $0.entry.summary, $0.entry.citation, setting($0)]
        }
        table("Product policy", all.filter { $0.id.hasPrefix("A-") }, header: ["Id", "Rule", "Citation"]) {
            [$0.id, $0.entry.summary, $0.entry.citation]
        }
        out += ["", "## Acts and the rules each checks", "",
                "Every act also checks " + TransitionKind.rulesOfEveryAct.map(\.id).joined(separator: ", ") + ".", "",
                row(["Act", "Roles (\(RuleID.transitionRole.id))", "Reason (\(RuleID.reasonForTheAct.id))", "From (\(RuleID.lifecycle.id))", "Rules"]),
                row(Array(repeating: "---", count: 5))]
        for kind in TransitionKind.allCases {
            out.append(row(["`\(kind.rawValue)`", roleList(kind.roles), kind.requiresReason ? "required" : "",
                            kind.fromStages.map(\.label).joined(separator: ", "), kind.rules.map(\.id).joined(separator: ", ")]))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func roleList(_ roles: [Role]) -> String { roles.map(\.label).joined(separator: ", ") }
}
