import Foundation

/// The real binary in a real terminal: a detached tmux session of fixed size, typed into
/// with send-keys and read with capture-pane. Waits for text rather than sleeping.
final class TmuxSession {
    let name: String
    let socket: String

    init(command: [String], width: Int = 80, height: Int = 24, environment: [String: String]) throws {
        name = "cabinet-e2e-\(UUID().uuidString.prefix(8))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent(name + ".sock").path
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // Keep the pane after the program exits so the final screen can be read.
        let shell = "env \(env) \(command.map(Self.quote).joined(separator: " ")); echo \"[exited $?]\"; sleep 30"
        // The tmux server outlives this call: it must not inherit a pipe we wait on.
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), shell], capture: false)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux through the shell with popen: the tmux server that new-session starts
    /// must not keep a pipe or a child of ours alive.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let command = (["tmux", "-S", socket] + arguments).map(Self.quote).joined(separator: " ")
            + (capture ? " 2>/dev/null" : " >/dev/null 2>&1 </dev/null")
        guard let pipe = popen(command, "r") else { throw WaitError(text: "tmux", screen: "cannot run tmux") }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func screen() throws -> String { try tmux(["capture-pane", "-t", name, "-p"]) }

    /// Waits up to `timeout` seconds for `text` to be on screen; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw WaitError(text: text, screen: last)
    }

    struct WaitError: Error, CustomStringConvertible {
        var text: String
        var screen: String
        var description: String { "timed out waiting for \"\(text)\"; screen was:\n\(screen)" }
    }

    func kill() { _ = try? tmux(["kill-server"], capture: false) }

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }
}
