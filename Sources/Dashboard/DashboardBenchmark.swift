import Foundation
import Decisions
import DecisionStore
import Terminal

/// Drives the real dashboard in-process (the same reducer, commands, Desk and views) against
/// the in-memory screen, and times what a person does.
@MainActor
public struct DashboardBenchmark {
    public struct Samples: Sendable {
        public var app: [Duration] = []
        public var sqlite: [Duration] = []
    }

    public struct Report: Sendable {
        public var records = 0
        public var openMilliseconds = 0.0
        public var move = Samples()
        public var filter = Samples()
        public var search = Samples()
        public var searchCommon = Samples()
        public var searchRare = Samples()
        public var detail = Samples()
        public var transition = Samples()
        /// From a filter or search keystroke to its exact count on screen (counted in the background).
        public var counted: [Duration] = []
        public var peakRSSMegabytes = 0.0
    }

    /// SQLite alone for the queries the dashboard just made, timed by the caller: the benchmark
    /// itself reads and writes only through the service, as the dashboard does.
    public struct SQLiteBaseline {
        public var register: (_ filter: DecisionFilter, _ offset: Int, _ limit: Int, _ count: Bool, _ countCap: Int) -> Duration
        public var record: (_ id: Int64) -> Duration

        public init(register: @escaping (DecisionFilter, Int, Int, Bool, Int) -> Duration, record: @escaping (Int64) -> Duration) {
            self.register = register; self.record = record
        }
    }

    /// The service the dashboard runs on (a Desk for a login that may publish: the benchmark decides).
    let service: any RegisterService
    let baseline: SQLiteBaseline
    let context: DashboardContext
    let width: Int
    let height: Int
    /// Whether SQLite alone also counts each filter and search (the dashboard's old first frame).
    /// At ten million decisions, where the file no longer fits in memory, each such count reads
    /// gigabytes from disk: the whole run then takes hours.
    public var sqliteCounts = true

    public init(service: any RegisterService, baseline: SQLiteBaseline, context: DashboardContext, width: Int = 120, height: Int = 40) {
        self.service = service; self.baseline = baseline; self.context = context; self.width = width; self.height = height
    }

    /// One keystroke, handled and rendered: what a person waits for.
    func time(_ app: DashboardApp, _ key: Key, into samples: inout [Duration]) {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            app.handle(.key(key))
            _ = app.render()
        }
        samples.append(elapsed)
    }

    /// The rest of the wait for the exact count, once the keystroke's frame is drawn.
    func timeCount(_ app: DashboardApp, after frame: Duration, into samples: inout [Duration]) {
        let rest = ContinuousClock().measure {
            app.settle()
            _ = app.render()
        }
        samples.append(frame + rest)
    }

    /// SQLite alone for the register's current queries.
    func sqliteTime(_ app: DashboardApp, count: Bool) -> Duration {
        let window = app.state.register
        let start = max(0, window.scroll - app.margin)
        return baseline.register(app.state.filter, start, app.state.listHeight + 2 * app.margin, count && sqliteCounts, Int(Int32.max))
    }

    public func run(processStartedAgo: Duration, commonWord: String, rareWord: String) -> Report {
        var report = Report()
        let clock = ContinuousClock()
        var app: DashboardApp!
        let opening = clock.measure {
            app = DashboardApp(service: service, context: context, width: width, height: height, counting: .background)
            app.start()
            _ = app.render()
        }
        report.openMilliseconds = Self.milliseconds(processStartedAgo + opening)
        app.settle()
        report.records = app.state.register.total ?? 0

        // Moving: line by line, page by page, to the end and back.
        for _ in 0..<300 { time(app, .char("j"), into: &report.move.app); report.move.sqlite.append(.zero) }
        for _ in 0..<60 { time(app, .pageDown, into: &report.move.app) }
        for _ in 0..<10 {
            time(app, .char("G"), into: &report.move.app)
            report.move.sqlite.append(sqliteTime(app, count: false))
            time(app, .char("g"), into: &report.move.app)
            report.move.sqlite.append(sqliteTime(app, count: false))
        }

        // Filtering: each flag on and off, and the stage cycle.
        for _ in 0..<5 {
            for key in ["K", "U", "C", "E"] {
                for _ in 0..<2 {
                    time(app, .char(Character(key)), into: &report.filter.app)
                    timeCount(app, after: report.filter.app.last!, into: &report.counted)
                    report.filter.sqlite.append(sqliteTime(app, count: true))
                }
            }
        }
        for _ in 0..<(Stage.allCases.count + 1) {
            time(app, .char("S"), into: &report.filter.app)
            timeCount(app, after: report.filter.app.last!, into: &report.counted)
            report.filter.sqlite.append(sqliteTime(app, count: true))
        }

        // Searching, letter by letter, a common word then a rare one.
        for (word, isCommon) in [(commonWord, true), (rareWord, false)] {
            for _ in 0..<3 {
                app.handle(.key(.char("x")))
                app.handle(.key(.char("/")))
                for letter in word {
                    var one: [Duration] = []
                    time(app, .char(letter), into: &one)
                    timeCount(app, after: one[0], into: &report.counted)
                    let sqlite = sqliteTime(app, count: true)
                    report.search.app += one
                    report.search.sqlite.append(sqlite)
                    if isCommon { report.searchCommon.app += one; report.searchCommon.sqlite.append(sqlite) }
                    else { report.searchRare.app += one; report.searchRare.sqlite.append(sqlite) }
                }
                app.handle(.key(.enter))
            }
        }
        app.handle(.key(.char("x")))

        // Reading a record: open it (deadlines and audit trail) and go back.
        for step in 0..<60 {
            app.handle(.key(.char(step % 2 == 0 ? "j" : "k")))
            for _ in 0..<(step % 7) { app.handle(.key(.char("j"))) }
            time(app, .enter, into: &report.detail.app)
            if let id = app.state.detail?.decision.id { report.detail.sqlite.append(baseline.record(id)) }
            app.handle(.key(.escape))
        }

        // Deciding: publish decided records through the dialog.
        app.handle(.key(.char("S")))
        while app.state.filter.stage != .decided { app.handle(.key(.char("S"))) }
        for _ in 0..<20 {
            guard app.state.register.selected != nil else { break }
            app.handle(.key(.char("t")))
            guard let index = app.state.dialog?.choices.firstIndex(of: .publish) else {
                app.handle(.key(.escape))
                app.handle(.key(.char("j")))
                continue
            }
            app.handle(.key(.char(TransitionMenu.letter(index))))
            time(app, .enter, into: &report.transition.app)
            if app.state.dialog != nil { app.handle(.key(.escape)); app.handle(.key(.escape)); app.handle(.key(.char("j"))) }
        }

        report.peakRSSMegabytes = Self.peakRSSMegabytes()
        return report
    }

    /// Laying out a record text that is one unbroken word of `bytes` bytes, as the record
    /// screen does (neutralised, then wrapped to the width): linear, so 1 MB takes ten times
    /// 100 KB, where it once took thirty times as long again.
    nonisolated public static func longWordLayoutMilliseconds(bytes: Int, width: Int = 118) -> Double {
        let word = String(repeating: "x", count: bytes)
        var lines = 0
        let elapsed = ContinuousClock().measure { lines = wrap(sanitizeForTerminal(word), width: width).count }
        precondition(lines == (bytes + width - 1) / width, "the long word was not laid out in full")
        return milliseconds(elapsed)
    }

    nonisolated public static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    nonisolated public static func percentile(_ samples: [Duration], _ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.map(milliseconds).sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank]
    }

    nonisolated static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Time since this process started, from /proc (Linux).
    nonisolated public static func processAge() -> Duration {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let uptime = Double(uptimeText.split(separator: " ").first ?? ""),
              let close = stat.lastIndex(of: ")") else { return .zero }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 (starttime) is the 20th after the command name.
        guard fields.count > 19, let ticks = Double(fields[19]) else { return .zero }
        let started = ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        return .milliseconds(Int64(max(0, uptime - started) * 1000))
    }
}
