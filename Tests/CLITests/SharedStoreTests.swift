import Foundation
import Testing

/// Whether this host lets the tests act as other logins (outside the suite: its own trait cannot name it).
enum SharedStoreHost {
    static var canActAsOtherLogins: Bool {
        geteuid() == 0 && ["/usr/bin/setpriv", "/usr/bin/setfacl", "/usr/bin/getfacl", "/usr/sbin/useradd"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A register shared on one host by unix groups, exercised as real logins: officers write,
/// readers only read, anyone else is told whom to ask. Runs as root (CI does), which creates
/// the `cdtest-sh-*` users and groups and runs the binary as them with setpriv.
@Suite(.serialized, .enabled(if: SharedStoreHost.canActAsOtherLogins,
                             "needs root (to create OS users and groups and run cabinet as them), setpriv and setfacl (Debian package acl)"))
struct SharedStoreTests {
    static let officers = "cdtest-sh-officers", readers = "cdtest-sh-readers", nobody = "cdtest-sh-none"
    static let officer = "cdtest-sh-officer", reader = "cdtest-sh-reader", outsider = "cdtest-sh-outsider"

    /// The test logins and groups, created once; running again finds them and fixes memberships.
    static func ensureAccounts() throws {
        for group in [officers, readers, nobody] {
            try tool("/usr/sbin/groupadd", [group], allowing: [9])  // 9: already exists
        }
        for (login, group) in [(officer, officers), (reader, readers), (outsider, nobody)] {
            try tool("/usr/sbin/useradd", ["--no-create-home", "--no-user-group", "--gid", nobody, "--shell", "/usr/sbin/nologin", login],
                     allowing: [9])
            // Exactly this one supplementary group, whatever an earlier run left.
            try tool("/usr/sbin/usermod", ["-G", group, login])
        }
    }

    @discardableResult
    static func tool(_ path: String, _ arguments: [String], allowing: Set<Int32> = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowing.contains(process.terminationStatus) {
            Issue.record("\(path) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(errors)")
        }
        return text
    }

    /// Runs cabinet as `login` (nil: as root), with the environment CabinetProcess pins, from a
    /// copy of the binary every login may run (the checkout may sit in a private home).
    static func cabinet(as login: String?, _ arguments: [String], store: String) throws -> CabinetProcess.Result {
        let binary = try OperatingSystemUsers.publicInstall().binary
        let process = Process()
        if let login {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(login)", "--regid=\(nobody)", "--init-groups", binary] + arguments + ["--store", store]
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments + ["--store", store]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TZ"] = "Europe/London"
        environment["CABINET_TODAY"] = "2026-11-23"
        environment["COLUMNS"] = "120"
        environment["HOME"] = (store as NSString).deletingLastPathComponent
        // The log goes beside the scratch directory, not into the store's own.
        environment["XDG_STATE_HOME"] = ((store as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent + "/state-" + (login ?? "root")
        environment.removeValue(forKey: "CABINET_STORE")
        return try CabinetProcess.execute(process, environment: environment)
    }

    /// A fresh directory in /tmp that every login may pass through, holding files they may read
    /// (the demo register, three new decisions) and the path for a store directory of its own.
    func scratch() throws -> (dir: String, store: String) {
        try Self.ensureAccounts()
        let dir = "/tmp/cdtest-sh-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try FileManager.default.copyItem(atPath: CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path,
                                         toPath: dir + "/demo-register.json")
        try CabinetProcess.run(["demo", "--count", "3", "--seed", "7", "--output", dir + "/new.json"])
        for file in ["demo-register.json", "new.json"] { chmod(dir + "/" + file, 0o644) }
        return (dir, dir + "/register/cabinet.sqlite")
    }

    /// Shared for officers (writers) and readers by root, its first admin.
    func sharedStore() throws -> (dir: String, store: String) {
        let (dir, store) = try scratch()
        let shared = try Self.cabinet(as: nil, ["store", "share", "--group", Self.officers, "--readers", Self.readers], store: store)
        #expect(shared.status == 0, "\(shared.stderr)")
        #expect(shared.stdout.contains("cabinet users add LOGIN --role"), "says the next step: \(shared.stdout)")
        // The reader is recorded as an officer: the file, not the role, is what refuses them.
        for login in [Self.officer, Self.reader] {
            let added = try Self.cabinet(as: nil, ["users", "add", login, "--role", "officer"], store: store)
            #expect(added.status == 0, "\(added.stderr)")
        }
        return (dir, store)
    }

    func mode(_ path: String) -> (mode: mode_t, group: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (0, "") }
        return (info.st_mode & 0o7777, getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "")
    }

    @Test func shareGivesTheDirectoryAndFilesToTheGroup() throws {
        let (scratchDir, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: scratchDir) }
        let directory = (store as NSString).deletingLastPathComponent
        #expect(mode(directory) == (0o2770, Self.officers))
        for file in [store, store + "-wal", store + "-shm"] {
            #expect(mode(file) == (0o660, Self.officers), "\(file)")
        }
        let acl = try Self.tool("/usr/bin/getfacl", ["-p", directory, store])
        #expect(acl.contains("group:\(Self.readers):r-x"), "readers may pass through the directory: \(acl)")
        #expect(acl.contains("default:group:\(Self.readers):r--"), "and read files made in it later")
        #expect(acl.contains("group:\(Self.readers):r--"), "and read the store")

        // Without --readers only the group has access: running it again takes the readers' away.
        let again = try Self.cabinet(as: nil, ["store", "share", "--group", Self.officers], store: store)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!(try Self.tool("/usr/bin/getfacl", ["-p", directory, store])).contains(Self.readers))
        let shut = try Self.cabinet(as: Self.reader, ["list"], store: store)
        #expect(shut.status != 0 && shut.stderr.contains("no permission to read"), "\(shut.stderr)")
    }

    @Test func officersWriteReadersOnlyReadEveryoneElseIsToldWhomToAsk() throws {
        let (dir, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let directory = (store as NSString).deletingLastPathComponent

        // An officer writes.
        let imported = try Self.cabinet(as: Self.officer, ["import", dir + "/demo-register.json"], store: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        // Their connection kept -wal and -shm on closing, so readers can still open the store.
        for file in [store + "-wal", store + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) kept")
            #expect(mode(file).group == Self.officers)
        }

        // A reader reads everything...
        let listing = ["list", "--format", "json", "--limit", "100000"]
        let before = try Self.cabinet(as: Self.reader, listing, store: store)
        #expect(before.status == 0, "\(before.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 240)
        let decided = try Self.cabinet(as: Self.reader, ["list", "--stage", "decided", "--format", "json", "--limit", "1"], store: store)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? Int)
        for arguments in [["list"], ["show", String(id)], ["history", String(id)], ["export", "--format", "csv"], ["due"],
                          ["audit", "verify"], ["users", "list"]] {
            let read = try Self.cabinet(as: Self.reader, arguments, store: store)
            #expect(read.status == 0 && !read.stdout.isEmpty, "\(arguments): \(read.stderr)")
        }

        // ...and changes nothing, whatever their role would allow.
        let writes = [["import", dir + "/new.json"], ["rules", "set", "call-in-period", "4"], ["transition", String(id), "publish"]]
        for arguments in writes {
            let refused = try Self.cabinet(as: Self.reader, arguments, store: store)
            #expect(refused.status != 0, "\(arguments) refused")
            #expect(refused.stderr.contains("the store \(store) is open read-only for this login"), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("nothing was changed"))
        }
        let after = try Self.cabinet(as: Self.reader, listing, store: store)
        #expect(after.stdout == before.stdout, "nothing changed")
        let rules = try Self.cabinet(as: Self.officer, ["rules", "show", "--format", "json"], store: store).stdout
        #expect((try JSONSerialization.jsonObject(with: Data(rules.utf8)) as? [String: String])?["call-in-period"] == "5")

        // Someone in neither group is told the path and whom to ask, and nothing is created.
        let entriesBefore = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        for arguments in [["list"], ["import", dir + "/new.json"]] {
            let denied = try Self.cabinet(as: Self.outsider, arguments, store: store)
            #expect(denied.status != 0)
            #expect(denied.stderr.contains("no permission to read the store \(store)"), "\(denied.stderr)")
            #expect(denied.stderr.contains("group \(Self.officers)"), "whom to ask: \(denied.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == entriesBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                == ["cabinet.sqlite", "cabinet.sqlite-shm", "cabinet.sqlite-wal"])

        // The officer still writes after all that.
        let later = try Self.cabinet(as: Self.officer, ["import", dir + "/new.json"], store: store)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try Self.cabinet(as: Self.reader, ["audit", "verify"], store: store).status == 0)
    }

    @Test func onlyTheAdminSharesAndMistakesAreExplained() throws {
        let (dir, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let byOfficer = try Self.cabinet(as: Self.officer, ["store", "share", "--group", Self.officers], store: store)
        #expect(byOfficer.status != 0 && byOfficer.stderr.contains("P-SHARE-STORE") && byOfficer.stderr.contains("needs the role admin"), "\(byOfficer.stderr)")

        let unknown = try Self.cabinet(as: nil, ["store", "share", "--group", "cdtest-sh-no-such-group"], store: store)
        #expect(unknown.status != 0 && unknown.stderr.contains("no unix group cdtest-sh-no-such-group"), "\(unknown.stderr)")

        // A store beside other files would hand them to the group too: refused, nothing changed.
        let crowded = dir + "/crowded.sqlite"
        let refused = try Self.cabinet(as: nil, ["store", "share", "--group", Self.officers], store: crowded)
        #expect(refused.status != 0 && refused.stderr.contains("needs one of its own"), "\(refused.stderr)")
        #expect(mode(dir) == (0o755, "root"))
        #expect(!FileManager.default.fileExists(atPath: crowded), "refused before any store was created")
    }
}
