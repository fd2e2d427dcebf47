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
            """,
        subcommands: [Show.self, Set.self, Import.self, Catalogue.self], defaultSubcommand: Show.self)

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every rule and permission with its id, citation and setting, as Markdown (RULES.md).",
            discussion: "Needs no store: the catalogue is the rule book compiled into cabinet. Regenerate RULES.md with: \(RuleBook.regenerate)")

        func run() { print(RuleBook.markdown(), terminator: "") }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule with its value and meaning.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "table or json.") var format: OutputFormat = .table

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
