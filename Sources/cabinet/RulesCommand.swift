import ArgumentParser
import Foundation
import TextSafety
import Decisions
import DecisionStore
import Desk
import TOMLKit
import Terminal

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Show or change the council's rules (call-in period, notice periods, thresholds).",
        discussion: """
            Examples:
              cabinet rules show
              cabinet rules set call-in-period 3
              cabinet rules import council.toml
              cabinet rules catalogue > RULES.md
              cabinet rules infer            # the call-in rule the register's own dates fit
              cabinet rules infer --apply    # and set it (rule P-RULES)
            """,
        subcommands: [Show.self, Set.self, Import.self, Infer.self, Catalogue.self], defaultSubcommand: Show.self)

    struct Infer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose the call-in rule the register's published (publication date, effective date) pairs fit.",
            discussion: """
                Tries every rule of the form: N working days (1-15) counted from the publication or the
                decision date, bank holidays skipped or not, effective the day after the last day or on
                it; proposes the one most pairs fit and lists those that do not. --apply sets it as
                call-in-period and effective-from (officers and administrators: rule P-RULES) when the
                council rules can state it (counted from publication, bank holidays skipped).
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Flag(name: .long, help: "Set the proposed rule as the council's call-in rule.") var apply = false

        func run() throws {
            let session = try Session(storeOptions)
            let (found, applied) = try session.desk.inferCallInRule(apply: apply)
            guard let inference = found else {
                throw CommandFailure(message: "no published decision subject to call-in has both its publication (or decision) date and its effective date: nothing to infer from")
            }
            let total = inference.fitting.count + inference.notFitting.count
            print("Proposed call-in rule: \(inference.rule)")
            print("  fits \(inference.fitting.count) of \(total) published pairs" + (inference.notFitting.isEmpty ? "" : "; these do not:"))
            let calendar = session.desk.calendar
            for pair in inference.notFitting.prefix(50) {
                let expected = inference.rule.effectiveDate(for: pair, calendar: calendar)?.iso ?? "no \(inference.rule.base.rawValue) date"
                print("    #\(pair.id.map(String.init) ?? "-") published \(pair.published?.iso ?? "-"), decided \(pair.decided?.iso ?? "-"), effective \(pair.effective.iso) (rule gives \(expected)): \(sanitizeForTerminal(pair.title))")
            }
            if inference.notFitting.count > 50 { print("    … and \(inference.notFitting.count - 50) more") }
            if inference.bankHolidaysUnshown {
                print("  no pair's period held a bank holiday: whether they are skipped is not shown by this history")
            }
            if apply {
                guard let rules = applied else {
                    throw CommandFailure(message: "not applied: the council rules count working days from publication, skipping bank holidays, and cannot state this rule; nothing was changed")
                }
                print("Set call-in-period = \(rules.value(of: "call-in-period")), effective-from = \(rules.value(of: "effective-from"))")
            }
        }
    }

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every rule and permission with its id, citation and setting, as Markdown (RULES.md).",
            discussion: "Needs no store: the catalogue is the rule book compiled into cabinet, so --store and --today, accepted as on every command, change nothing. Regenerate RULES.md with: \(RuleBook.regenerate)")
        @OptionGroup var storeOptions: StoreOptions

        func run() { print(RuleBook.markdown(), terminator: "") }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule with its value and meaning.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table

        func run() throws {
            let session = try Session(storeOptions)
            let rules = try session.desk.rules()
            if format == .json {
                var object: [String: String] = [:]
                for key in CouncilRules.keys { object[key.name] = rules.value(of: key.name) }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                print(escapingControlsInJSON(String(decoding: data, as: UTF8.self)))
                return
            }
            let width = CouncilRules.keys.map(\.name.count).max() ?? 20
            for key in CouncilRules.keys {
                print(pad(key.name, toWidth: width + 2) + pad(rules.value(of: key.name), toWidth: 22) + key.description)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one rule (officers and administrators: rule P-RULES).",
            discussion: "Example: cabinet rules set effective-from working-days-after:1")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The rule's key, as `cabinet rules show` lists it.") var key: String
        @Argument(help: "Its new value.") var value: String

        func run() throws {
            let session = try Session(storeOptions)
            let rules = try session.desk.updateRules { rules in try rules.set(key, value) }
            print("\(key) = \(rules.value(of: key))")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set rules from a TOML file of `key = value` lines, all or nothing (rule P-RULES).",
            discussion: """
                Example council.toml:
                  call-in-period = 3
                  key-decision-threshold = 250000
                  scrutiny-chair-alone-may-call-in = false
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The TOML file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(message: "\(file): cannot read the file")
            }
            let table: TOMLTable
            do {
                table = try TOMLTable(string: String(decoding: data, as: UTF8.self))
            } catch let error as TOMLParseError {
                throw CommandFailure(message: "\(file):\(error.source.begin.line): \(error.description)")
            }
            var settings: [(String, String)] = []
            for (key, value) in table {
                let text: String
                if let v = value.string { text = v } else if let v = value.int { text = String(v) }
                else if let v = value.bool { text = v ? "true" : "false" } else {
                    throw CommandFailure(message: "\(file): \(key): expected a number, true/false or text")
                }
                settings.append((key, text))
            }
            let session = try Session(storeOptions)
            let rules = try session.desk.updateRules { rules in
                for (key, value) in settings {
                    do { try rules.set(key, value) } catch { throw CommandFailure(message: "\(file): \(key): \(error)") }
                }
            }
            print("Set \(settings.count) rule\(settings.count == 1 ? "" : "s") from \(file):")
            for (key, _) in settings { print("  \(key) = \(rules.value(of: key))") }
        }
    }
}
