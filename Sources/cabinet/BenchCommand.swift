import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Dashboard
import Desk

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the dashboard on a register: open, move, filter, search, detail, transition, memory.",
        discussion: """
            Drives the real dashboard in-process (same reducer, views, store and queries) against an
            in-memory screen, and times each keystroke to its rendered frame. Beside each, the time
            SQLite alone takes for the same queries. Transitions publish decided records: use a
            copy of a store you care about. Build with -c release for meaningful numbers.

            Example:
              cabinet demo --count 1000000 --store /tmp/m.sqlite
              swift run -c release cabinet bench --store /tmp/m.sqlite --format json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table
    @Option(name: .long, help: "A word most records contain.") var common = "council"
    @Option(name: .long, help: "A word few records contain.") var rare = "zennor"
    @Flag(name: .long, inversion: .prefixedNo,
          help: "Time SQLite alone counting each filter and search too (--no-sqlite-counts: its first page only; at 10M each count reads gigabytes).")
    var sqliteCounts = true

    func run() throws {
        let age = DashboardBenchmark.processAge()
        let session = try Session(storeOptions)
        let context = DashboardContext(keymap: .standard, colour: true)
        // The dashboard runs through the Desk, as the person running the benchmark (its
        // transitions are that login's acts); SQLite alone is timed on the raw store for comparison.
        let desk = session.desk
        let store = session.store
        let report = MainActor.assumeIsolated {
            let baseline = DashboardBenchmark.SQLiteBaseline(
                register: { filter, offset, limit, count, cap in
                    (try? store.sqliteOnlyTime(filter, offset: offset, limit: limit, count: count, countCap: cap)) ?? .zero
                },
                record: { id in (try? store.sqliteOnlyDetailTime(id: id)) ?? .zero })
            var benchmark = DashboardBenchmark(service: desk, baseline: baseline, context: context)
            benchmark.sqliteCounts = sqliteCounts
            return benchmark.run(processStartedAgo: age, commonWord: common, rareWord: rare)
        }
        let p = DashboardBenchmark.percentile
        var values: [(String, Double)] = [
            ("records", Double(report.records)),
            ("sqlite_counts", sqliteCounts ? 1 : 0),
            ("open_ms", report.openMilliseconds),
            ("move_p50_ms", p(report.move.app, 50)), ("move_p95_ms", p(report.move.app, 95)),
            ("filter_p50_ms", p(report.filter.app, 50)), ("filter_p95_ms", p(report.filter.app, 95)),
            ("search_p50_ms", p(report.search.app, 50)), ("search_p95_ms", p(report.search.app, 95)),
            ("search_common_p50_ms", p(report.searchCommon.app, 50)), ("search_rare_p50_ms", p(report.searchRare.app, 50)),
            ("detail_p50_ms", p(report.detail.app, 50)), ("detail_p95_ms", p(report.detail.app, 95)),
            ("transition_p50_ms", p(report.transition.app, 50)), ("transition_p95_ms", p(report.transition.app, 95)),
            ("exact_count_p50_ms", p(report.counted, 50)), ("exact_count_p95_ms", p(report.counted, 95)),
            ("peak_rss_mb", report.peakRSSMegabytes),
            ("sqlite_move_p95_ms", p(report.move.sqlite, 95)),
            ("sqlite_filter_p50_ms", p(report.filter.sqlite, 50)), ("sqlite_filter_p95_ms", p(report.filter.sqlite, 95)),
            ("sqlite_search_p50_ms", p(report.search.sqlite, 50)), ("sqlite_search_p95_ms", p(report.search.sqlite, 95)),
            ("sqlite_detail_p95_ms", p(report.detail.sqlite, 95)),
            ("layout_100kb_word_ms", DashboardBenchmark.longWordLayoutMilliseconds(bytes: 100_000)),
            ("layout_1mb_word_ms", DashboardBenchmark.longWordLayoutMilliseconds(bytes: 1_000_000)),
        ]
        func ratio(_ a: String, _ b: String) -> Double {
            let x = values.first { $0.0 == a }!.1, y = values.first { $0.0 == b }!.1
            return y > 0 ? x / y : 0
        }
        values.append(("overhead_filter_p95", ratio("filter_p95_ms", "sqlite_filter_p95_ms")))
        values.append(("overhead_search_p95", ratio("search_p95_ms", "sqlite_search_p95_ms")))
        values.append(("overhead_detail_p95", ratio("detail_p95_ms", "sqlite_detail_p95_ms")))
        if format == .json {
            let body = values.map { key, value in
                "  \"\(key)\": " + (key == "records" || key == "sqlite_counts" ? String(Int(value)) : String(format: "%.3f", value))
            }.joined(separator: ",\n")
            print("{\n\(body)\n}")
        } else {
            for (key, value) in values {
                print(key.padding(toLength: 24, withPad: " ", startingAt: 0) + (key == "records" ? String(Int(value)) : String(format: "%10.3f", value)))
            }
        }
    }
}
