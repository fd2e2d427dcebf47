import Foundation

/// Progress of long work on standard error, as a bar with counts and rate, redrawn at most ten
/// times a second; silent when standard error is not a terminal (a script's log stays clean).
final class ProgressLine {
    let label: String
    /// nil when not known beforehand (a streamed file): counts and rate without a bar.
    let total: Int?
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private let enabled: Bool

    init(_ label: String, total: Int?, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label; self.total = total.map { max(1, $0) }; self.enabled = enabled
    }

    /// The line for `done` of the total after `seconds`: "label [#####.....] 45,000/100,000 12,345/s".
    static func render(label: String, done: Int, total: Int?, seconds: Double, width: Int = 24) -> String {
        let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
        guard let total else { return "\(label) \(grouped(done)) \(grouped(rate))/s" }
        let fraction = min(1, Double(done) / Double(max(1, total)))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "\(label) [\(bar)] \(grouped(done))/\(grouped(total)) \(grouped(rate))/s"
    }

    static func grouped(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_GB")
        return formatter.string(from: NSNumber(value: n)) ?? String(n)
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done >= (total ?? .max) else { return }
        lastDrawn = now
        let line = Self.render(label: label, done: done, total: total, seconds: now.timeIntervalSince(started))
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Clears the line, leaving the screen as it was for the command's own report.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
