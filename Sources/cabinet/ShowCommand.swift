import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Interchange
import Terminal

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every field of one decision, its resolutions in order.",
        discussion: """
            Examples:
              cabinet show 12
              cabinet show 12 --format json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id (as `cabinet list` shows it).") var id: Int64
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard [.text, .json].contains(format) else { throw ValidationError("--format: show writes text or json") }
    }

    func run() throws {
        let session = try Session(storeOptions)
        guard let stored = try session.store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let decision = stored.visible(to: session.actor)
        let rules = try session.store.rules()
        let deadlines = session.deadlines(for: stored, rules: rules)
        switch format {
        case .json:
            let json = try DecisionJSON.encode([decision]) { _ in deadlines }
            // One record: the object itself, not an array of one.
            print(ExportCommand.arrayElements(String(decoding: json, as: UTF8.self)))
        default:
            let width = min(100, TerminalWidth.current())
            print(DecisionText.render(decision, width: width), terminator: "")
            print(DecisionText.deadlines(deadlines, width: width), terminator: "")
        }
    }
}

/// A decision as text for people: fields, then resolutions, then the long sections wrapped.
enum DecisionText {
    static func render(_ d: Decision, width: Int) -> String {
        var out = ""
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += pad(label + ":", toWidth: 18) + sanitizeForTerminal(value) + "\n"
        }
        func yesNo(_ value: Bool) -> String { value ? "Yes" : "No" }
        out += sanitizeForTerminal(d.title) + "\n"
        out += String(repeating: "─", count: min(width, max(8, displayWidth(sanitizeForTerminal(d.title))))) + "\n"
        field("Id", d.id.map(String.init))
        field("Reference", d.reference)
        field("Decision maker", "\(d.decisionMaker) (\(d.makerKind.rawValue.replacingOccurrences(of: "_", with: " ")))")
        if let meeting = d.meeting {
            field("Meeting", [meeting.date?.iso, meeting.body, meeting.item.map { "item \($0)" }].compactMap { $0 }.joined(separator: " · "))
        }
        field("Status", d.status.isEmpty ? nil : d.status)
        field("Stage", d.stage.label)
        field("Key decision", yesNo(d.isKeyDecision) + (d.keyReason.map { " — \($0)" } ?? ""))
        field("Call-in", yesNo(d.isSubjectToCallIn))
        field("Urgent", yesNo(d.isUrgent))
        field("Exempt", d.isExempt ? "Yes — Schedule 12A paragraph \(d.exemptParagraphs.map(String.init).joined(separator: ", "))" : "No")
        field("Wards", d.wards.isEmpty ? nil : d.wards.joined(separator: ", "))
        field("Report author", d.reportAuthor)
        field("Published", d.publicationDate?.iso)
        field("Decided", d.decisionDate?.iso)
        field("Effective from", d.effectiveFrom?.iso)
        field("Source", d.source)
        func section(_ title: String, _ text: String?) {
            guard let text, !text.isEmpty else { return }
            out += "\n" + title + "\n"
            for line in wrap(sanitizeForTerminal(text, keepNewlines: true), width: width - 2) { out += "  " + line + "\n" }
        }
        section("Urgency", d.urgencyReason)
        section("Purpose", d.purpose)
        if !d.resolutions.isEmpty {
            out += "\nResolutions\n"
            for r in d.resolutions {
                let label = r.label.map { sanitizeForTerminal($0) } ?? "•"
                let indent = displayWidth(label) + 3
                let lines = wrap(sanitizeForTerminal(r.text, keepNewlines: true), width: max(20, width - indent))
                for (i, line) in lines.enumerated() {
                    out += (i == 0 ? "  " + label + " " : String(repeating: " ", count: indent)) + line + "\n"
                }
            }
        }
        // The decision text is shown unless it only repeats the resolutions.
        if d.decisionText != d.resolutions.map({ [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }).joined(separator: "\n") {
            section("Decision", d.decisionText)
        }
        section("Reasons", d.reasons)
        section("Alternative options considered", d.alternatives)
        section("Interests declared", d.interests)
        if !d.documents.isEmpty {
            out += "\nDocuments\n"
            for doc in d.documents { out += "  • " + sanitizeForTerminal(doc.title) + (doc.url.map { " <\(sanitizeForTerminal($0))>" } ?? "") + "\n" }
        }
        return out
    }

    static func deadlines(_ deadlines: [Deadline], width: Int) -> String {
        var out = "\nDeadlines\n"
        for d in deadlines {
            out += "  " + pad(d.kind.label, toWidth: 22) + pad(d.date?.iso ?? "—", toWidth: 12) + d.state.description + "\n"
            if let note = d.note {
                for line in wrap(note, width: max(20, width - 6)) { out += "      " + line + "\n" }
            }
        }
        return out
    }
}
