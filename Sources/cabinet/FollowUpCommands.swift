import ArgumentParser
import Foundation
import TextSafety
import Decisions
import DecisionStore
import Desk
import Terminal

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Follow-up actions arising from decisions: list, add, confirm, complete.",
        discussion: """
            The importer proposes actions where a resolution states a follow-up (reporting cycles,
            "a further report", "by DATE"); an officer confirms them. Completing a recurring action
            rolls it forward to its next due date.

            Examples:
              cabinet actions --overdue
              cabinet actions add --decision 12 --text "Report progress to Cabinet" --owner "Director of Children's Services" --due 2027-01-20 --every bi-monthly
              cabinet actions confirm 3 --owner "Head of SEND"
              cabinet actions done 3
            """,
        subcommands: [List.self, Add.self, Confirm.self, Done.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List actions, soonest due first.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(name: .long, help: "Open actions only.") var open = false
        @Flag(name: .long, help: "Overdue actions only.") var overdue = false
        @Flag(name: .long, help: "Proposed actions awaiting confirmation only.") var proposed = false
        @Option(name: .long, help: "Owner contains this text.") var owner: String?
        @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table

        func run() throws {
            let session = try Session(storeOptions)
            let selection: ActionSelection = overdue ? .overdue : open ? .open : proposed ? .proposed : .all
            let actions = try session.desk.actions(selection, owner: owner)
            if format == .json {
                let objects: [[String: Any]] = actions.map { a in
                    ["id": a.id ?? 0, "text": a.text, "owner": a.owner ?? NSNull(), "due": a.due.iso,
                     "recurrence": a.recurrence?.description ?? NSNull(), "decision": a.decisionID ?? NSNull(),
                     "resolution": a.resolutionLabel ?? NSNull(), "state": a.state(today: session.today).rawValue,
                     "completed_on": a.completedOn?.iso ?? NSNull()]
                }
                let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(escapingControlsInJSON(String(decoding: data, as: UTF8.self)))
                return
            }
            if actions.isEmpty { print("No actions."); return }
            let width = TerminalWidth.current()
            print(pad("ID", toWidth: 5) + pad("STATE", toWidth: 9) + pad("DUE", toWidth: 11) + pad("EVERY", toWidth: 12)
                  + pad("OWNER", toWidth: 22) + "ACTION")
            for a in actions {
                let line = pad(String(a.id ?? 0), toWidth: 5) + pad(a.state(today: session.today).rawValue, toWidth: 9)
                    + pad(a.due.iso, toWidth: 11) + pad(a.recurrence?.description ?? "—", toWidth: 12)
                    + pad(truncate(sanitizeForTerminal(a.owner ?? "unassigned"), toWidth: 21), toWidth: 22)
                    + (a.decisionID.map { "#\($0) " } ?? "") + sanitizeForTerminal(a.text)
                print(truncate(line, toWidth: width))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an action (officers and administrators: rule P-ACTIONS).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "The decision it arises from.") var decision: Int64?
        @Option(name: .long, help: "The resolution's label, e.g. (c).") var resolution: String?
        @Option(name: .long, help: "What is to be done.") var text: String
        @Option(name: .long, help: "Who is to do it.") var owner: String?
        @Option(name: .long, help: ArgumentHelp("When (YYYY-MM-DD).", valueName: "date")) var due: String
        @Option(name: .long, help: "Recurrence: weekly, monthly, bi-monthly, quarterly, \"every 6 weeks\"…") var every: String?

        func run() throws {
            let session = try Session(storeOptions)
            var recurrence: Recurrence?
            if let every {
                guard let parsed = Recurrence(text: every) else {
                    throw CommandFailure(message: "--every: \"\(every)\" is not a recurrence; use weekly, monthly, bi-monthly, quarterly or \"every N weeks|months\"")
                }
                recurrence = parsed
            }
            let action = FollowUpAction(text: text, owner: owner, due: try FilterOptions.date(due, option: "--due"), recurrence: recurrence,
                                        decisionID: decision, resolutionLabel: resolution)
            let id = try session.desk.addAction(action)
            print("Action #\(id) due \(action.due.iso)\(recurrence.map { ", \($0)" } ?? "")")
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm an action the importer proposed (rule P-ACTIONS).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The action's id.") var id: Int64
        @Option(name: .long, help: "Who is to do it.") var owner: String?
        func run() throws {
            let session = try Session(storeOptions)
            try session.desk.confirmAction(id: id, owner: owner)
            print("Action #\(id) confirmed")
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete an action; a recurring one rolls forward (rule P-ACTIONS).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The action's id.") var id: Int64
        @Option(name: .long, help: ArgumentHelp("When it was done, if not today (officers; needs --late-because).", valueName: "date")) var date: String?
        @OptionGroup var late: LateEntryOptions
        func run() throws {
            let session = try Session(storeOptions)
            let on = try date.map { try FilterOptions.date($0, option: "--date") }
            let (_, next) = try session.desk.completeAction(id: id, occurredOn: on, lateReason: late.lateBecause)
            print("Action #\(id) done \(on?.iso ?? session.desk.actDate.iso)" + (next.map { "; next #\($0.id ?? 0) due \($0.due.iso)" } ?? ""))
        }
    }
}

struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Improvement plans and their measures: latest reading, target, on track or not.",
        discussion: """
            Examples:
              cabinet measures --plan "Written Statement"
              cabinet measures add --plan "SEND Written Statement of Action" --name "EHCPs within 20 weeks" --unit % --target 59 --by 2023-03-31
              cabinet measures add-reading --plan "SEND Written Statement of Action" --name "EHCPs within 20 weeks" --date 2023-01-31 --value 41
            """,
        subcommands: [List.self, Add.self, AddReading.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans and measures.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "Plan name contains this text.") var plan: String?

        func run() throws {
            let session = try Session(storeOptions)
            let measures = try session.desk.measures(plan: plan)
            if measures.isEmpty { print("No measures\(plan.map { " in plans matching \"\($0)\"" } ?? "")."); return }
            var current = ""
            let width = TerminalWidth.current()
            for m in measures {
                if m.plan != current {
                    current = m.plan
                    print((current == measures.first?.plan ? "" : "\n") + sanitizeForTerminal(current))
                }
                let latest = m.latest.map { "\(format($0.value))\(m.unit == "%" ? "%" : "") (\($0.date.iso))" } ?? "—"
                let target = m.target.map { "\(format($0))\(m.unit == "%" ? "%" : "")" + (m.targetDate.map { " by \($0.iso)" } ?? "") } ?? "—"
                let line = "  " + pad(truncate(sanitizeForTerminal(m.name), toWidth: 44), toWidth: 45) + pad(latest, toWidth: 20)
                    + pad(target, toWidth: 18) + pad(m.progress(today: session.today).rawValue, toWidth: 11) + m.sparkline()
                print(truncate(line, toWidth: width))
            }
        }

        func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or change a measure of a plan (officers).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long) var plan: String
        @Option(name: .long) var name: String
        @Option(name: .long, help: "Unit, e.g. % or count.") var unit: String = ""
        @Option(name: .long) var baseline: Double?
        @Option(name: .long) var target: Double?
        @Option(name: .long, help: ArgumentHelp("Target date (YYYY-MM-DD).", valueName: "date")) var by: String?
        @Flag(name: .long, help: "Lower values are better (e.g. waiting times).") var lowerIsBetter = false

        func run() throws {
            let session = try Session(storeOptions)
            let measure = Measure(plan: plan, name: name, unit: unit, baseline: baseline, target: target,
                                  targetDate: try by.map { try FilterOptions.date($0, option: "--by") }, higherIsBetter: !lowerIsBetter)
            try session.desk.saveMeasure(measure)
            print("Saved \(plan): \(name)")
        }
    }

    struct AddReading: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-reading", abstract: "Record a dated reading of a measure (officers).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long) var plan: String
        @Option(name: .long) var name: String
        @Option(name: .long, help: ArgumentHelp("YYYY-MM-DD (default today).", valueName: "date")) var date: String?
        @Option(name: .long) var value: Double

        func run() throws {
            let session = try Session(storeOptions)
            guard var measure = try session.desk.measures(plan: plan).first(where: { $0.plan == plan && $0.name == name }) else {
                throw CommandFailure(message: "no measure \"\(name)\" in plan \"\(plan)\"; add it with `cabinet measures add`")
            }
            let on = try date.map { try FilterOptions.date($0, option: "--date") } ?? session.today
            measure.readings = [Reading(date: on, value: value)]
            try session.desk.saveMeasure(measure)
            let all = try session.desk.measures(plan: plan).first { $0.name == name }!
            print("\(name): \(value) on \(on.iso) — \(all.progress(today: session.today).rawValue) \(all.sparkline())")
        }
    }
}
