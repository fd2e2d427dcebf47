import ArgumentParser
import Foundation
import TextSafety
import Decisions
import DecisionStore
import Desk
import Interchange
import Terminal

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Statutory deadlines across the register, overdue first.",
        discussion: """
            Examples:
              cabinet due
              cabinet due --within 5 --today 2026-11-23
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: ArgumentHelp("Only deadlines up to this many working days ahead (overdue ones always show).", valueName: "n"))
    var within: Int?
    @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table
    @Option(name: .long, help: "How many deadlines to show at most.") var limit: Int = 200

    func validate() throws {
        if let within, within < 0 { throw ValidationError("--within: give a number of working days, 0 or more") }
    }

    func run() throws {
        let session = try Session(storeOptions)
        let lines = try session.desk.due(within: within, limit: limit)
        if format == .json {
            let objects: [[String: Any]] = lines.map {
                ["id": $0.decisionID, "title": $0.title, "kind": $0.actionID == nil ? $0.deadline.kind.rawValue : "action",
                 "action": $0.actionID ?? NSNull(),
                 "date": $0.deadline.date?.iso ?? NSNull(), "state": $0.deadline.state.machine]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(escapingControlsInJSON(String(decoding: data, as: UTF8.self)))
            return
        }
        if lines.isEmpty { print("Nothing due\(within.map { " within \($0) working days" } ?? "") as of \(session.today.iso)."); return }
        let width = TerminalWidth.current()
        print(pad("STATE", toWidth: 26) + pad("DEADLINE", toWidth: 21) + pad("DATE", toWidth: 11) + "DECISION")
        for line in lines {
            let text = pad(line.deadline.state.description, toWidth: 26) + pad(line.label, toWidth: 21)
                + pad(line.deadline.date?.iso ?? "—", toWidth: 11) + (line.decisionID == 0 ? "" : "#\(line.decisionID) ")
                + sanitizeForTerminal(line.title)
            print(truncate(text, toWidth: width))
        }
        let overdue = lines.filter { $0.deadline.state.isOverdue }.count
        print("\(lines.count) deadline\(lines.count == 1 ? "" : "s"), \(overdue) overdue, as of \(session.today.iso)")
    }
}

struct TransitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transition",
        abstract: "Move a decision through the statutory process, if the rules and your role allow.",
        discussion: """
            Actions, with the rules each checks beyond \(TransitionKind.rulesOfEveryAct.map(\.id).joined(separator: ", ")):
            \(TransitionKind.allCases.map { "  \($0.rawValue): \($0.rules.map(\.id).joined(separator: ", "))" }.joined(separator: "\n"))
            A refused transition changes nothing and names the rule that blocked it, with the dates; `cabinet rules catalogue` lists every rule.
            Acts are dated by the system clock (--today only previews); an officer recording an act that
            happened earlier gives --date and --late-because (rule P-BACKDATE).
            If someone else changes the record at the same moment, nothing is saved and you are told to retry.

            Examples:
              cabinet transition 12 schedule --scheduled-for 2027-01-20 --notice-date 2026-12-01
              cabinet transition 12 approve
              cabinet transition 12 publish
              cabinet transition 12 publish --date 2026-11-24 --late-because "published on the web on Tuesday; entered today"
              cabinet call-in sign 12 --grounds "Consultation was inadequate"   (each member, as themselves)
              cabinet transition 12 resolve-call-in --outcome refer-back --reason "Reconsider the costs"
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id.") var id: Int64
    @Argument(help: "The transition (see above).") var action: String
    @Option(name: .long, help: "Why (required for reject, defer, withdraw, call-in and others).") var reason: String?
    @Option(name: .long, help: ArgumentHelp("When the act happened, if not today by the system clock (officers only, with --late-because).", valueName: "date")) var date: String?
    @OptionGroup var late: LateEntryOptions
    @Option(name: .long, help: ArgumentHelp("schedule: the date the decision is to be taken.", valueName: "date")) var scheduledFor: String?
    @Option(name: .long, help: ArgumentHelp("schedule: when the notice of key decision was published.", valueName: "date")) var noticeDate: String?
    @Option(name: .long, help: ArgumentHelp("call-in from a paper request (officers, with --reason): a member who signed it (repeat for each). Members sign with `cabinet call-in sign`.", valueName: "name")) var member: [String] = []
    @Option(name: .long, help: "resolve-call-in: no-further-action, refer-back or refer-to-council.") var outcome: String?
    @Option(name: .long, help: "approve-with-amendments, reconsider: the amended resolution.") var amendments: String?
    @Option(name: .long, help: ArgumentHelp("record-special-urgency, waive-call-in: who agreed (when an officer records it).", valueName: "name"))
    var consentBy: String?

    func run() throws {
        guard let kind = TransitionKind(text: action) else {
            throw CommandFailure(message: "unknown transition \"\(action)\"; use one of \(TransitionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var act = Act(kind: kind, reason: reason, members: member, amendments: amendments, consentBy: consentBy,
                      occurredOn: try date.map { try FilterOptions.date($0, option: "--date") }, lateReason: late.lateBecause)
        act.scheduledFor = try scheduledFor.map { try FilterOptions.date($0, option: "--scheduled-for") }
        act.noticeDate = try noticeDate.map { try FilterOptions.date($0, option: "--notice-date") }
        if let outcome {
            guard let parsed = CallInOutcome(text: outcome) else {
                throw CommandFailure(message: "--outcome: use no-further-action, refer-back or refer-to-council")
            }
            act.outcome = parsed
        }
        let session = try Session(storeOptions)
        // The rules are judged against the record as it is inside the write: nothing can change between.
        switch try session.desk.perform(id: id, act) {
        case .success(let outcome):
            print("\(kind.label): #\(id) \(outcome.audit.stageBefore.label) → \(outcome.decision.stage.label)")
            for warning in outcome.warnings { print("  note: " + sanitizeForTerminal(warning)) }
        case .failure(.workflow(let refusal)):
            var message = "refused: \(refusal.message)\n  rule: \(refusal.rule)"
            if let role = refusal.missingRole { message += "\n  needs the role: \(role.rawValue) (you are \(session.actor.role.rawValue))" }
            throw CommandFailure(message: message + "\n  nothing was changed")
        case .failure(.permission(let refusal)):
            throw CommandFailure(message: refusal.description)
        }
    }
}

/// A failure found while running a command (a bad value, a refusal), already explained:
/// printed as is, exit status 1, without the usage text a ValidationError would add.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The audit trail of one decision: who did what, when, and why.",
        discussion: "Example: cabinet history 12")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id.") var id: Int64
    @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table

    func run() throws {
        let session = try Session(storeOptions)
        let entries = try session.desk.history(decisionID: id)
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(escapingControlsInJSON(String(decoding: try encoder.encode(entries), as: UTF8.self)))
            return
        }
        for e in entries {
            var line = "\(e.sequence)  \(e.at)  \(e.login)  \(e.action)"
            if let before = e.stageBefore, let after = e.stageAfter, before != after { line += "  \(before) → \(after)" }
            print(sanitizeForTerminal(line))
            if let reason = e.reason { print("      reason: " + sanitizeForTerminal(reason)) }
            for c in e.changes {
                print("      " + sanitizeForTerminal("\(c.field): \(c.before ?? "—") → \(c.after ?? "—")"))
            }
        }
    }
}

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Who may do what: people (operating-system logins) and their roles.",
        discussion: """
            Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). The login that created the store is its admin;
            anyone not listed is a viewer.

            Examples:
              cabinet users list
              cabinet users add jsmith --role officer
              cabinet users add cllr.patel --role decision_maker --maker "Cabinet Member for Finance"
            """,
        subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List people and their roles.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let session = try Session(storeOptions)
            for person in try session.desk.people() {
                let makers = person.makers.isEmpty ? "" : "  (decides for: \(person.makers.joined(separator: "; ")))"
                print(pad(person.login, toWidth: 20) + person.role.rawValue + makers)
            }
            print("You are \(session.actor.login) (\(session.actor.role.rawValue)).")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person or change their role (administrators: rule P-USERS).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their operating-system login.") var login: String
        @Option(name: .long, help: "Their role.") var role: String
        @Option(name: .long, help: ArgumentHelp("decision_maker: a maker name they decide for (repeat for more).", valueName: "name"))
        var maker: [String] = []

        func run() throws {
            guard let parsed = Role(rawValue: role.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw CommandFailure(message: "--role: use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let session = try Session(storeOptions)
            try session.desk.setPerson(Actor(login: login, role: parsed, makers: maker))
            print("\(login) is now \(parsed.rawValue)\(maker.isEmpty ? "" : " for \(maker.joined(separator: "; "))")")
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail, or print its checkpoint to keep outside the store.",
        subcommands: [Verify.self, Checkpoint.self], defaultSubcommand: Verify.self)

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain of the whole audit trail, and the roles and rules it records; names the first bad entry.",
            discussion: """
                Exit status 0 when intact, 1 when any entry was altered, removed or reordered, or when the
                people's roles, the council's rules or a decision's stage differ from what the trail last
                recorded. Someone who can write the file can rewrite the whole chain and every hash: give
                --since a checkpoint kept outside the store (`cabinet audit checkpoint`) to prove that
                nothing up to it was rewritten, truncated or rolled back.

                Examples:
                  cabinet audit verify
                  cabinet audit verify --since 1234:5f3a…   (the line `audit checkpoint` printed)
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: ArgumentHelp("A checkpoint printed by `cabinet audit checkpoint` (SEQUENCE:HASH).", valueName: "checkpoint"))
        var since: String?

        func validate() throws {
            if let since, AuditCheckpoint(text: since) == nil {
                throw ValidationError("--since: expected a checkpoint SEQUENCE:HASH as `cabinet audit checkpoint` prints it, found \"\(since)\"")
            }
        }

        func run() throws {
            let session = try Session(storeOptions)
            let checkpoint = since.flatMap(AuditCheckpoint.init(text:))
            switch try session.desk.verifyAudit(since: checkpoint) {
            case .intact(let entries):
                print("Audit trail intact: \(entries) entr\(entries == 1 ? "y" : "ies"), every hash and link checks"
                      + (checkpoint.map { ", and entry \($0.sequence) is the one checkpointed." } ?? "."))
            case .broken(let sequence, let reason):
                throw CommandFailure(message: "Audit trail BROKEN at entry \(sequence): \(reason)")
            }
        }
    }

    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the head of the audit trail (SEQUENCE:HASH) to keep outside the store.",
            discussion: """
                The hash covers every entry before it. Keep the line somewhere the store's writers cannot
                change (a published record of decision, an email to the monitoring officer, a printout);
                `cabinet audit verify --since LINE` later proves the trail up to it is unchanged.
                """)
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let session = try Session(storeOptions)
            guard let checkpoint = try session.desk.auditCheckpoint() else {
                throw CommandFailure(message: "the audit trail is empty: there is nothing to checkpoint yet")
            }
            print(checkpoint)
        }
    }
}
