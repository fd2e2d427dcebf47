import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// What this process may do with a store file, found before SQLite opens it: SQLite itself
/// only says "readonly" or "unable to open", which tells a person nothing about whom to ask.
enum StoreFileAccess: Equatable {
    case missing
    case readWrite
    case readOnly
    /// Neither read nor write: `whom` names the file's (or directory's) owner and group.
    case denied(whom: String)

    static func probe(_ path: String) -> StoreFileAccess {
        var info = stat()
        if stat(path, &info) != 0 {
            // EACCES: a directory on the way cannot be searched, so the file cannot even be seen.
            if errno == EACCES { return .denied(whom: ownership(ofNearestVisible: path)) }
            return .missing
        }
        guard allowed(path, R_OK) else { return .denied(whom: ownership(ofNearestVisible: path)) }
        let directory = (path as NSString).deletingLastPathComponent
        let directoryWritable = allowed(directory.isEmpty ? "." : directory, W_OK | X_OK)
        // WAL needs to write the -wal and -shm files beside the store, or create them.
        let sidecarsWritable = [path + "-wal", path + "-shm"].allSatisfy { sidecar in
            FileManager.default.fileExists(atPath: sidecar) ? allowed(sidecar, W_OK) : directoryWritable
        }
        return allowed(path, W_OK) && sidecarsWritable ? .readWrite : .readOnly
    }

    /// Checked against the effective ids, as SQLite's own open() will be.
    static func allowed(_ path: String, _ mode: Int32) -> Bool {
        faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0
    }

    /// "owner alice, group cabinet-officers" for the file, or for the nearest directory above it
    /// this process can see.
    static func ownership(ofNearestVisible path: String) -> String {
        var candidate = path
        var info = stat()
        while !candidate.isEmpty && candidate != "/" {
            if stat(candidate, &info) == 0 {
                return "owner \(userName(info.st_uid)), group \(groupName(info.st_gid))"
            }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return "its owner"
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    static func groupName(_ gid: gid_t) -> String {
        if let entry = getgrgid(gid), let name = entry.pointee.gr_name { return String(cString: name) }
        return "gid \(gid)"
    }

    /// A read-only login cannot create the -wal and -shm files that SQLite needs to read a WAL
    /// store (sqlite.org/wal.html, "Read-Only Databases"): they must already be there.
    static func readOnlyPrerequisites(_ path: String) -> String? {
        guard isWALFile(path) else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        let missing = [path + "-wal", path + "-shm"].filter { !FileManager.default.fileExists(atPath: $0) }
        guard !missing.isEmpty, !allowed(directory.isEmpty ? "." : directory, W_OK | X_OK) else { return nil }
        return "this login may only read it, and SQLite needs \(missing.joined(separator: " and ")) beside it to read it, "
            + "which this login cannot create; ask someone with write access to run `cabinet store share` on it "
            + "(a shared store keeps those files in place)"
    }

    /// Bytes 18 and 19 of the header are 2 in WAL mode (sqlite.org/fileformat.html).
    static func isWALFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 20)) ?? Data()
        return header.count == 20 && header[18] == 2 && header[19] == 2
    }

    /// A store others may open (any group or other bits, which an ACL's mask also sets).
    static func isShared(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o077 != 0
    }
}

extension DecisionStore {
    /// Keeps the -wal and -shm files when this connection closes: a reader who may not create
    /// files in the store's directory can open a WAL store only while they exist.
    static func keepWALFiles(_ db: Database) throws {
        var persist: CInt = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        // With a size limit set, the kept -wal is truncated to nothing on close.
        try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
    }
}

/// What `share` did, line by line, and anything the person should check.
public struct ShareReport: Sendable, Equatable {
    public var done: [String] = []
    public var warnings: [String] = []
}

/// Why a store could not be shared; each says what to do.
public struct ShareError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
}

extension DecisionStore {
    /// Gives the store to a unix group on this host: its directory group `group`, setgid, mode
    /// 2770 (new -wal/-shm files stay in the group), the store files mode 0660 for the writers,
    /// and, with `readers`, read-only access for a second group through POSIX ACLs.
    public func share(group: String, readers: String?) throws -> ShareReport {
        try requireUndamaged()
        try Self.checkShareable(path: path, group: group, readers: readers)
        let gid = try Self.groupID(group)
        let readersGID = try readers.map(Self.groupID)
        let setfacl = Self.executable("setfacl")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for item in [directory, path] { try Self.requireOwner(item) }
        let files = try sidecarsInPlace()
        for item in files.dropFirst() { try Self.requireOwner(item) }

        var report = ShareReport()
        // Start from no ACL, so running it again with other (or no) readers leaves only what was asked.
        if let setfacl {
            do {
                try Self.run(setfacl, ["-b", "-k", directory])
                try Self.run(setfacl, ["-b"] + files)
            } catch let error as ShareError where readers == nil && error.message.contains("does not support ACLs") {
                // No ACLs on this filesystem: there are none to take away.
            }
        }
        for item in [directory] + files {
            guard chown(item, uid_t.max, gid) == 0 else {
                throw ShareError(message: errno == EPERM
                    ? "you are not a member of group \(group), so you cannot give \(item) to it: ask root to add you "
                      + "(sudo usermod -aG \(group) \(Self.currentLogin)) and log in again, or run this as root"
                    : "cannot change the group of \(item): \(String(cString: strerror(errno)))")
            }
        }
        try Self.setMode(directory, 0o2770)
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_ISGID != 0 else {
            throw ShareError(message: "the setgid bit on \(directory) did not stick (is your login in group \(group)?); "
                             + "without it new -wal and -shm files would not belong to \(group)")
        }
        for file in files { try Self.setMode(file, 0o660) }
        report.done.append("\(directory): group \(group), mode 2770 (setgid: files created in it stay in group \(group))")
        report.done.append("\(files.joined(separator: ", ")): group \(group), mode 0660 (members of \(group) read and write)")

        if let readers, let setfacl {
            try Self.run(setfacl, ["-m", "g:\(readers):rx", directory])
            // Files SQLite creates later (a -wal or -shm re-made) inherit the readers' access.
            try Self.run(setfacl, ["-d", "-m", "g:\(readers):r", directory])
            try Self.run(setfacl, ["-m", "g:\(readers):r"] + files)
            report.done.append("ACLs: members of \(readers) may read the store, never change it")
        } else {
            report.done.append("only members of \(group) have access (give readers theirs with --readers GROUP)")
        }

        // Already open: this connection must keep the -wal and -shm too when it closes.
        try pool.writeWithoutTransaction { db in try Self.keepWALFiles(db) }

        var groups = [(group, gid)]
        if let readers, let readersGID { groups.append((readers, readersGID)) }
        for (name, id) in groups {
            if let blocked = Self.firstUnsearchableParent(of: directory, gid: id) {
                report.warnings.append("members of \(name) may not reach the store: \(blocked) is not searchable by them "
                                       + "(unless an ACL allows it); every parent directory needs x for them, "
                                       + "e.g. chmod o+x \(blocked) or setfacl -m g:\(name):x \(blocked)")
            }
        }
        return report
    }

    /// The mistakes `share` can spot before a store is opened (or created): unknown groups,
    /// setfacl missing when readers need it, a directory holding more than the store.
    public static func checkShareable(path: String, group: String, readers: String?) throws {
        _ = try groupID(group)
        if let readers {
            guard readers != group else { throw ShareError(message: "--readers must name another group than --group \(group)") }
            _ = try groupID(readers)
            guard executable("setfacl") != nil else {
                throw ShareError(message: "setfacl is not installed, and read-only access for a second group needs it: "
                                 + "install the Debian package acl (sudo apt-get install acl), then run this again")
            }
        }
        try requireOwnDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path, store: path)
    }

    /// The store and its -wal and -shm files, made present if a close removed them.
    private func sidecarsInPlace() throws -> [String] {
        try pool.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") }
        let files = [path, path + "-wal", path + "-shm"]
        for file in files.dropFirst() where !FileManager.default.fileExists(atPath: file) {
            // Empty files are valid: SQLite treats them as an empty WAL and an uninitialised index.
            guard FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ShareError(message: "cannot create \(file): \(String(cString: strerror(errno)))")
            }
        }
        return files
    }

    static var currentLogin: String { StoreFileAccess.userName(geteuid()) }

    static func groupID(_ name: String) throws -> gid_t {
        guard let entry = getgrnam(name) else {
            throw ShareError(message: "there is no unix group \(name) on this host: create it (sudo groupadd \(name)) "
                             + "and add people to it (sudo usermod -aG \(name) LOGIN), then run this again")
        }
        return entry.pointee.gr_gid
    }

    /// The group gets the whole directory: refuse one that holds anything but the store.
    static func requireOwnDirectory(_ directory: String, store: String) throws {
        let name = (store as NSString).lastPathComponent
        let own = Set([name, name + "-wal", name + "-shm", name + "-journal"])
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !own.contains($0) }.sorted()
        guard others.isEmpty else {
            let shown = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
            throw ShareError(message: "\(directory) also holds \(shown): sharing gives the group the whole directory, so the "
                             + "store needs one of its own; move it (e.g. to /srv/cabinet/\(name)) and use --store there")
        }
    }

    static func requireOwner(_ item: String) throws {
        var info = stat()
        guard stat(item, &info) == 0 else {
            throw ShareError(message: "cannot read the details of \(item): \(String(cString: strerror(errno)))")
        }
        guard geteuid() == 0 || info.st_uid == geteuid() else {
            throw ShareError(message: "you do not own \(item) (its owner is \(StoreFileAccess.userName(info.st_uid))): "
                             + "ask them, or root, to run this")
        }
    }

    static func setMode(_ item: String, _ mode: mode_t) throws {
        guard chmod(item, mode) == 0 else {
            throw ShareError(message: "cannot change the mode of \(item): \(String(cString: strerror(errno)))")
        }
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"])
            .map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let hint = text.contains("Operation not supported") ? " (this filesystem does not support ACLs)" : ""
            throw ShareError(message: "\((tool as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed\(hint): "
                             + text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The first directory above `directory` that neither others nor group `gid` may search.
    static func firstUnsearchableParent(of directory: String, gid: gid_t) -> String? {
        var candidate = (directory as NSString).deletingLastPathComponent
        while !candidate.isEmpty {
            var info = stat()
            if stat(candidate, &info) == 0 {
                let searchable = info.st_mode & 0o001 != 0 || (info.st_gid == gid && info.st_mode & 0o010 != 0)
                if !searchable { return candidate }
            }
            if candidate == "/" { break }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return nil
    }
}
