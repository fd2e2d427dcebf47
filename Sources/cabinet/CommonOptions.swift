import ArgumentParser
import Foundation
import Decisions
import DecisionStore

/// Options every command shares: which store, and what "today" is.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $CABINET_STORE or $XDG_DATA_HOME/cabinet-desk/cabinet.sqlite).", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Treat this date as today (YYYY-MM-DD; default: $CABINET_TODAY or the system date).", valueName: "date"))
    var today: String?

    /// Opens the store; the default store is created from the demo register on first use.
    func open(today: CivilDate? = nil, calendar: WorkingCalendar = .englandAndWales) throws -> DecisionStore {
        let environment = ProcessInfo.processInfo.environment
        let explicit = store ?? environment["CABINET_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        let path = explicit ?? DecisionStore.defaultPath(environment: environment)
        let isNew = !FileManager.default.fileExists(atPath: path)
        let opened = try DecisionStore(path: path, creator: SystemClock.login(), today: try today ?? resolvedToday(),
                                       calendar: calendar)
        if isNew && explicit == nil {
            try FirstRun.seed(opened)
        }
        return opened
    }

    func resolvedToday() throws -> CivilDate {
        if let text = today ?? ProcessInfo.processInfo.environment["CABINET_TODAY"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let date = CivilDate(iso: text) else {
                throw CommandFailure(message: "--today: expected a date YYYY-MM-DD, found \"\(text)\"")
            }
            return date
        }
        return .systemToday()
    }
}

enum SystemClock {
    /// The operating-system login running the command: the person the audit trail names.
    static func login() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid\(getuid())"
    }
}

/// Filter options shared by list and export.
struct FilterOptions: ParsableArguments {
    @Flag(name: .long, help: "Key decisions only.") var key = false
    @Flag(name: .long, help: "Urgent decisions only.") var urgent = false
    @Flag(name: .customLong("call-in"), help: "Decisions subject to call-in only.") var callIn = false
    @Flag(name: .long, help: "Exempt (Schedule 12A) decisions only.") var exempt = false
    @Option(name: .long, help: ArgumentHelp("Only this stage: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "stage"))
    var stage: String?
    @Option(name: .long, help: ArgumentHelp("Decision maker contains this text (any case).", valueName: "text")) var maker: String?
    @Option(name: .long, help: ArgumentHelp("Decided on or after (YYYY-MM-DD).", valueName: "date")) var from: String?
    @Option(name: .long, help: ArgumentHelp("Decided on or before (YYYY-MM-DD).", valueName: "date")) var to: String?
    @Option(name: .long, help: ArgumentHelp("Full-text search over title, purpose, decision, resolutions and minutes.", valueName: "text"))
    var search: String?
    @Option(name: .long, help: ArgumentHelp("Order: newest, oldest, title, deadline.", valueName: "order")) var sort: String = "newest"

    /// Bad filter values are reported before any store is opened (or created).
    func validate() throws { _ = try filter() }

    /// The filter as `actor` may run it: without the right to read exempt information, a search
    /// cannot see into exempt decisions' text.
    func filter(for actor: Actor) throws -> DecisionFilter {
        var filter = try filter()
        filter.access = actor.mayReadAllExempt ? .full : .publicFieldsOnly
        return filter
    }

    func filter() throws -> DecisionFilter {
        var filter = DecisionFilter(keyOnly: key, urgentOnly: urgent, callInOnly: callIn, exemptOnly: exempt,
                                    maker: maker, search: search)
        if let stage {
            guard let parsed = Stage(rawValue: stage.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw CommandFailure(message: "--stage: unknown stage \"\(stage)\"; use one of \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.stage = parsed
        }
        filter.from = try from.map { try Self.date($0, option: "--from") }
        filter.to = try to.map { try Self.date($0, option: "--to") }
        guard let order = RegisterOrder(rawValue: sort) else {
            throw CommandFailure(message: "--sort: unknown order \"\(sort)\"; use one of \(RegisterOrder.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        filter.sort = order
        return filter
    }

    static func date(_ text: String, option: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw CommandFailure(message: "\(option): expected a date YYYY-MM-DD, found \"\(text)\"") }
        return date
    }
}
