import Foundation

/// The person's own editor for long text, as `git commit` runs it: `$VISUAL`, else `$EDITOR`,
/// else `vi`, on a temporary file (owner-only), through the shell so that an editor given
/// with arguments ("code --wait") works.
public enum ExternalEditor {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The editor command this person has chosen.
    public static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Writes `text` to a new temporary file named with `suffix`, runs the editor on it and
    /// waits. Returns the file's path (kept, so nothing typed is ever lost) and what it holds.
    public static func edit(_ text: String, suffix: String = ".txt") throws -> (path: String, text: String) {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/cabinet-XXXXXX\(suffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else { throw Failure(description: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let editor = command()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The path is passed as an argument, never spliced into the command line.
        process.arguments = ["-c", "\(editor) \"$1\"", "cabinet-editor", path]
        do { try process.run() } catch {
            throw Failure(description: "cannot run the editor \(editor): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "the editor (\(editor)) exited with status \(process.terminationStatus); nothing was saved; your text is in \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "the edited file \(path) could not be read back")
        }
        return (path, String(decoding: data, as: UTF8.self))
    }
}
