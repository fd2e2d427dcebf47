import Foundation

/// Opens a document's link with the desktop's `xdg-open` where there is a desktop to open it
/// on; otherwise (a console, ssh) says the link so it can be copied.
enum LinkOpener {
    static func open(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        // Only web links: a record's text never becomes a command or a local file to run.
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
            return "Link (not a web address, not opened): " + url
        }
        let hasDesktop = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        guard hasDesktop, let opener = executable("xdg-open", path: environment["PATH"] ?? "") else { return "Link: " + url }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "Link (xdg-open failed): " + url }
        return "Opened " + url
    }

    static func executable(_ name: String, path: String) -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
