import Foundation
import Logging
import TextSafety

/// The log IT support reads after a fault: `$XDG_STATE_HOME/cabinet-desk/cabinet.log` (else
/// `~/.local/state/cabinet-desk/cabinet.log`), owner-only, one line per event with its time and
/// login. The level is `CABINET_LOG` (trace, debug, info, notice, warning, error, critical, or
/// off; default info): errors and the acts taken are at info and above.
enum CommandLog {
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.local/state" } ?? NSTemporaryDirectory())
        return base + "/cabinet-desk/cabinet.log"
    }

    /// Sends every logger of the process to the file; a log that cannot be opened is never a
    /// reason for a command to fail.
    static func start(login: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let wanted = environment["CABINET_LOG"]?.lowercased() ?? "info"
        guard wanted != "off" else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        let level = Logger.Level(rawValue: wanted) ?? .info
        let file = LogFile(path: path(environment: environment))
        LoggingSystem.bootstrap { label in
            var handler = FileLogHandler(label: label, login: login, file: file)
            handler.logLevel = level
            return handler
        }
    }

}

/// The log file, opened (and its directory made) only when there is something to write: a
/// command that logs nothing leaves nothing behind.
final class LogFile: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var handle: FileHandle?
    private var failed = false

    init(path: String) { self.path = path }

    func append(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        if handle == nil && !failed {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if fd >= 0 { handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true) } else { failed = true }
        }
        handle?.write(Data((line + "\n").utf8))
    }
}

/// One line per event: time, level, login, where from, the message (neutralised: a title in a
/// message cannot write control characters into the log either).
struct FileLogHandler: LogHandler {
    let label: String
    let login: String
    let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, login: String, file: LogFile) { self.label = label; self.login = login; self.file = file }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = ISO8601DateFormatter().string(from: Date())
        let details = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: " ")
        let text = sanitizeForTerminal("\(time) \(event.level.rawValue.uppercased()) \(login) \(label): \(event.message)"
                                       + (details.isEmpty ? "" : " [\(details)]"))
        file.append(text)
    }
}
