import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a deterministic, realistic synthetic register (for demos and benchmarks).",
        discussion: """
            The same --count, --seed and --today always give the same register. Decisions are
            written to a new store (or one holding only generated records: a real register is
            refused, rule A-DEMO-STORE; administrators only, P-DEMO), or as JSON with --output.

            Examples:
              cabinet demo --count 1000000 --store /tmp/million.sqlite
              cabinet demo --count 240 --today 2026-11-23 --output Data/demo-register.json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "How many decisions.") var count: Int
    @Option(name: .long, help: "Seed of the generator.") var seed: UInt64 = 2026
    @Option(name: .long, help: "Spread dates over this many years before today (default: 1 up to 1,000 decisions, else 20).")
    var years: Int?
    @Option(name: .long, help: ArgumentHelp("Write JSON to this file instead of the store.", valueName: "file")) var output: String?

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
        if let years, years < 1 { throw ValidationError("--years must be at least 1") }
    }

    func run() throws {
        let today = try storeOptions.resolvedToday()
        let span = (years ?? (count <= 1000 ? 1 : 20)) * 365
        let register = SyntheticRegister(seed: seed, today: today, spanDays: span)
        if let output {
            let sink = try OutputSink(path: output)
            do {
                try sink.write(String(decoding: try DecisionJSON.encode((0..<count).map(register.decision)), as: UTF8.self) + "\n")
                try sink.commit()
            } catch { sink.abandon(); throw error }
            print("Wrote \(count) decisions to \(output)")
            return
        }
        let session = try Session(storeOptions)
        let started = Date()
        let batchSize = 5_000
        let batches = (count + batchSize - 1) / batchSize
        // Records are generated on another core while the store writes the previous batch.
        let prefetch = BatchPrefetcher { batch -> [Decision]? in
            let start = batch * batchSize
            guard start < count else { return nil }
            return (start..<min(count, start + batchSize)).map(register.decision)
        }
        let progress = ProgressLine("Generating", total: count)
        defer { progress.finish() }
        let written = try session.desk.generateDemo(reason: "cabinet demo --count \(count) --seed \(seed)") { batch in
            progress.update(min(count, batch * batchSize))
            return batch < batches ? prefetch.take(batch) : nil
        }
        // The bar gives way before the report is printed.
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        print("Wrote \(written) decisions to \(session.desk.location) in \(String(format: "%.1f", seconds)) s")
    }
}

/// Computes batch n+1 in the background while batch n is being used.
final class BatchPrefetcher: @unchecked Sendable {
    private let make: @Sendable (Int) -> [Decision]?
    private let lock = NSCondition()
    private var ready: [Int: [Decision]?] = [:]
    private var started: Set<Int> = []

    init(_ make: @escaping @Sendable (Int) -> [Decision]?) { self.make = make }

    private func start(_ n: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !started.contains(n) else { return }
        started.insert(n)
        DispatchQueue.global().async {
            let batch = self.make(n)
            self.lock.lock()
            self.ready[n] = .some(batch)
            self.lock.broadcast()
            self.lock.unlock()
        }
    }

    func take(_ n: Int) -> [Decision]? {
        start(n)
        start(n + 1)
        lock.lock()
        defer { lock.unlock() }
        while ready[n] == nil { lock.wait() }
        let batch = ready.removeValue(forKey: n)!
        return batch
    }
}
