import Foundation

/// Runs the built `cabinet` binary with a pinned environment.
struct CabinetProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle sits beside the products it was built with.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cabinet")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/cabinet")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func seed(_ name: String) -> String {
        packageRoot.appendingPathComponent("Data/seeds").path + "/" + name
    }

    /// A scratch directory for one test.
    static func scratch() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @discardableResult
    static func run(_ arguments: [String], store: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + (store.map { ["--store", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TZ"] = "Europe/London"
        environment["CABINET_TODAY"] = "2026-11-23"
        environment["COLUMNS"] = "120"
        environment.removeValue(forKey: "CABINET_STORE")
        for (key, value) in extra { environment[key] = value }
        return try execute(process, environment: environment)
    }

    /// Runs a prepared process to its end, reading its output before waiting so that a large
    /// output cannot block the child.
    static func execute(_ process: Process, environment: [String: String]) throws -> Result {
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
