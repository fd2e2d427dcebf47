import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk

/// Options every command shares: which store, and what "today" is.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $CABINET_STORE or $XDG_DATA_HOME/cabinet-desk/cabinet.sqlite).", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("View the register as of this date (YYYY-MM-DD; default: $CABINET_TODAY or the system date). Changes what is shown and previewed, never the date an act is recorded under.", valueName: "date"))
    var today: String?

    /// Opens the store, and says whether it is the default store just created (to be filled
    /// with the demo register). Stored next deadlines are reckoned from the system date, never --today.
    func open(calendar: WorkingCalendar = .englandAndWales) throws -> (DecisionStore, isNewDefault: Bool) {
        let environment = ProcessInfo.processInfo.environment
        let explicit = store ?? environment["CABINET_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        let path = explicit ?? DecisionStore.defaultPath(environment: environment)
        let isNew = !FileManager.default.fileExists(atPath: path)
        let opened = try DecisionStore(path: path, creator: OperatingSystemLogin.current(), today: .systemToday(), calendar: calendar)
        return (opened, isNew && explicit == nil)
    }

    func resolvedToday() throws -> CivilDate {
        if let text = today ?? ProcessInfo.processInfo.environment["CABINET_TODAY"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try FilterOptions.date(text, option: today == nil ? "CABINET_TODAY" : "--today")
        }
        return .systemToday()
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
    @Option(name: .long, help: ArgumentHelp("Order: newest, oldest, title, deadline (default: newest; export: oldest).", valueName: "order"))
    var sort: String?

    /// Bad filter values are reported before any store is opened (or created).
    func validate() throws { _ = try filter() }

    /// The filter asked for; `defaultOrder` when no --sort was given (an export reads best oldest first).
    func filter(defaultOrder: RegisterOrder = .newest) throws -> DecisionFilter {
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
        guard let sort else { filter.sort = defaultOrder; return filter }
        guard let order = RegisterOrder(rawValue: sort) else {
            throw CommandFailure(message: "--sort: unknown order \"\(sort)\"; use one of \(RegisterOrder.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        filter.sort = order
        return filter
    }

    /// Every date a command is given comes through here: well formed, and within the dates
    /// the engine works with (`CivilDate.supportedRange`).
    static func date(_ text: String, option: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw CommandFailure(message: "\(option): expected a date YYYY-MM-DD, found \"\(text)\"") }
        do { return try date.requireSupported(option) } catch { throw CommandFailure(message: error.description) }
    }
}

/// For an act recorded after the day it happened (rule P-BACKDATE).
struct LateEntryOptions: ParsableArguments {
    @Option(name: .customLong("late-because"),
            help: ArgumentHelp("Why an act is recorded after the day it happened (officers; with --date).", valueName: "reason"))
    var lateBecause: String?
}
