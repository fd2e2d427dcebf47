import Foundation

/// Real operating-system logins for tests that act as each role: who is asking is the OS
/// login, so the tests create logins and run the real binary as them (needs root, as CI is).
enum OperatingSystemUsers {
    static var isRoot: Bool { getuid() == 0 }

    /// Creates `login` (no home, no password) unless it exists.
    static func ensure(_ login: String) throws {
        if getpwnam(login) != nil { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/useradd")
        p.arguments = ["--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", login]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard getpwnam(login) != nil else { throw TestSetupError("could not create the login \(login)") }
    }

    /// A copy of the binary and the shipped data where every login can read them (the
    /// checkout may sit under a private home directory). Made once per test process, however
    /// many suites ask at once.
    static func publicInstall() throws -> (binary: String, data: String) { try installed.get() }

    private static let installed = Result<(binary: String, data: String), any Error> {
        // Unique per run: process ids come round again, and an earlier run's copy may still be running.
        let dir = "/tmp/cabinet-desk-test-install-\(getpid())-\(UUID().uuidString.prefix(8))"
        let fm = FileManager.default
        try? fm.removeItem(atPath: dir)
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try copyExecutable(from: CabinetProcess.binary.path, to: dir + "/cabinet")
        try fm.copyItem(atPath: CabinetProcess.packageRoot.appendingPathComponent("Data").path, toPath: dir + "/Data")
        chmod(dir, 0o755)
        chmod(dir + "/cabinet", 0o755)
        return (dir + "/cabinet", dir + "/Data")
    }

    /// Copies the binary through a close-on-exec descriptor. FileManager's copy holds the new
    /// file open for writing without it, so a process another test starts meanwhile (a tmux
    /// server lives for the whole test) inherits the descriptor, and every later exec of the
    /// copy fails with "Text file busy".
    static func copyExecutable(from source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw TestSetupError("cannot read \(source)") }
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw TestSetupError("cannot create \(destination): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count else { throw TestSetupError("short write to \(destination)") }
    }

    /// Runs the binary as `login` (nil: as the test process itself) with a pinned environment.
    static func run(_ arguments: [String], as login: String?, store: String, home: String,
                    environment extra: [String: String] = [:]) throws -> CabinetProcess.Result {
        let install = try publicInstall()
        let process = Process()
        if let login {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(login)", "--regid=\(login)", "--clear-groups", install.binary] + arguments + ["--store", store]
        } else {
            process.executableURL = URL(fileURLWithPath: install.binary)
            process.arguments = arguments + ["--store", store]
        }
        var environment = ["LANG": "C.UTF-8", "TZ": "Europe/London", "COLUMNS": "200", "HOME": home,
                           "PATH": "/usr/bin:/bin", "CABINET_DATA": install.data]
        for (key, value) in extra { environment[key] = value }
        return try CabinetProcess.execute(process, environment: environment)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
