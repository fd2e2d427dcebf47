import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Publications
import Terminal

extension PublicationFormat: ExpressibleByArgument {}

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the statutory documents: the forward plan, records of decision, urgency notices, agendas.",
        discussion: """
            Each document is the public version: built from what a member of the public may read,
            so exempt information never appears in it; an agenda's private items are listed by
            title and Schedule 12A paragraph only. Publishing needs the officer or administrator
            role (rule P-PUBLISH) and is audited; anyone may --preview. Publishing the forward plan
            records today's date (system clock) as the notice date of each entry that has none:
            the date the 28-clear-day guard (R-KEY-NOTICE-28) reads.

            Templates: --templates DIR, then $XDG_CONFIG_HOME/cabinet-desk/templates, then the
            shipped Data/templates; a council replaces any of NAME.html.mustache, NAME.txt.mustache
            (forward-plan, record-of-decision, general-exception, special-urgency, agenda, and
            the partials masthead, contact, page-style).

            Examples:
              cabinet publish forward-plan --from 2026-11-23 --months 4 --format html --output plan.html
              cabinet publish forward-plan --from 2026-11-23 --preview --format text
              cabinet publish record-of-decision 34 --output record-34.html
              cabinet publish general-exception 12 --format text
              cabinet publish special-urgency 12
              cabinet publish agenda 3 --output agenda.html
            """,
        subcommands: [PublishForwardPlan.self, PublishRecordOfDecision.self, PublishGeneralException.self,
                      PublishSpecialUrgency.self, PublishAgenda.self])
}

/// Options every publication shares.
struct PublicationOptions: ParsableArguments {
    @Option(name: .long, help: "html (ready to print on A4) or text.") var format: PublicationFormat = .html
    @Option(name: .long, help: ArgumentHelp("Write the document to this file (default: standard output).", valueName: "file"))
    var output: String?
    @Option(name: .long, help: ArgumentHelp("A directory of council templates, looked in first.", valueName: "dir"))
    var templates: String?
    @Flag(name: .long, help: "Render the document without publishing it (anyone may; nothing is recorded).")
    var preview = false

    /// The templates, loaded and checked before anything is read or recorded.
    func loadTemplates() throws -> PublicationTemplates {
        if let templates, !FileManager.default.fileExists(atPath: templates) {
            throw CommandFailure(message: "--templates: no directory \(templates)")
        }
        return try PublicationTemplates(directories: PublicationTemplates.searchPath(
            explicit: templates, environment: ProcessInfo.processInfo.environment,
            shipped: DataDirectory.locate()?.appendingPathComponent("templates").path))
    }

    /// Renders and writes a document about one record: previewed, or published through the
    /// Desk (P-PUBLISH, audited) with the file written only once the act is recorded.
    func emit(_ document: some PublishedDocument, about decisionID: Int64?, templates: PublicationTemplates, desk: Desk) throws {
        let kind = type(of: document).kind
        // Refused before a line is written, even to standard output.
        if !preview { try desk.require(.publishDocuments, to: "publishing a \(kind.title.lowercased())") }
        let text = safe(try templates.render(document, format: format))
        let sink = try OutputSink(path: output)
        do {
            // A file is written beside its name and renamed once the act stands; standard output
            // is written only then, so a refusal prints nothing of the document.
            if output != nil { try sink.write(text) }
            if !preview { try desk.recordPublication(kind, about: decisionID, format: format, text: text) }
            if output == nil { try sink.write(text) }
            try sink.commit()
        } catch { sink.abandon(); throw error }
        report(kind)
    }

    /// What is written: control characters in records never reach a terminal raw, nor a
    /// plain-text notice (HTML written to a file is escaped by the templates already).
    func safe(_ text: String) -> String {
        format == .text || output == nil ? sanitizeForTerminal(text, keepNewlines: true) : text
    }

    func report(_ kind: PublicationKind) {
        guard let output else { return }
        let verb = preview ? "Previewed" : "Published"
        FileHandle.standardError.write(Data("\(verb) the \(kind.title.lowercased()) to \(output)\n".utf8))
    }
}

struct PublishForwardPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward-plan",
        abstract: "The notice of key decisions (reg 9): every key decision to be taken in the period.",
        discussion: """
            Lists each key decision still to be taken (proposed or deferred) whose date (the date it
            is scheduled for, else its meeting's) falls in the period: the matter, decision maker,
            date, documents, contact, and whether it is to be taken in private and why.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var publication: PublicationOptions
    @Option(name: .long, help: ArgumentHelp("First day of the period (YYYY-MM-DD; default: the viewing date).", valueName: "date"))
    var from: String?
    @Option(name: .long, help: "How many months the period runs.") var months: Int = 4

    func validate() throws {
        guard (1...24).contains(months) else { throw ValidationError("--months: between 1 and 24") }
        if let from { _ = try FilterOptions.date(from, option: "--from") }
    }

    func run() throws {
        let templates = try publication.loadTemplates()
        let session = try Session(storeOptions)
        let first = try from.map { try FilterOptions.date($0, option: "--from") } ?? session.today
        let period = ForwardPlanPeriod(from: first, months: months)
        let sink = try OutputSink(path: publication.output)
        var shortNotice: [String] = []
        do {
            let text: String
            if publication.preview {
                text = publication.safe(try templates.render(try session.desk.forwardPlan(period), format: publication.format))
            } else {
                (text, shortNotice) = try session.desk.publishForwardPlan(period, format: publication.format) { plan in
                    publication.safe(try templates.render(plan, format: publication.format))
                }
            }
            try sink.write(text)
            try sink.commit()
        } catch { sink.abandon(); throw error }
        publication.report(.forwardPlan)
        for note in shortNotice { FileHandle.standardError.write(Data("Note: \(sanitizeForTerminal(note))\n".utf8)) }
    }
}

struct PublishRecordOfDecision: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-of-decision",
        abstract: "The record of a decision (regs 12 and 13), with interests declared and the call-in period.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var publication: PublicationOptions
    @Argument(help: "The decision's id (as `cabinet list` shows it).") var id: Int64

    func run() throws {
        let templates = try publication.loadTemplates()
        let session = try Session(storeOptions)
        try publication.emit(try session.desk.recordOfDecision(id: id), about: id, templates: templates, desk: session.desk)
    }
}

struct PublishGeneralException: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "general-exception",
        abstract: "The general exception notice (reg 10) of a key decision, with its reasons.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var publication: PublicationOptions
    @Argument(help: "The decision's id.") var id: Int64

    func run() throws {
        let templates = try publication.loadTemplates()
        let session = try Session(storeOptions)
        try publication.emit(try session.desk.generalExceptionNotice(id: id), about: id, templates: templates, desk: session.desk)
    }
}

struct PublishSpecialUrgency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "special-urgency",
        abstract: "The special urgency notice (reg 11) of a key decision, with the reasons and who agreed.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var publication: PublicationOptions
    @Argument(help: "The decision's id.") var id: Int64

    func run() throws {
        let templates = try publication.loadTemplates()
        let session = try Session(storeOptions)
        try publication.emit(try session.desk.specialUrgencyNotice(id: id), about: id, templates: templates, desk: session.desk)
    }
}

struct PublishAgenda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "The agenda front sheet of a meeting: items in order, the private ones by title and paragraph only.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var publication: PublicationOptions
    @Argument(help: "The meeting's id (as `cabinet meeting list` shows it).") var meeting: Int64

    func run() throws {
        let templates = try publication.loadTemplates()
        let session = try Session(storeOptions)
        try publication.emit(try session.desk.agendaFrontSheet(meetingID: meeting), about: nil, templates: templates, desk: session.desk)
    }
}
