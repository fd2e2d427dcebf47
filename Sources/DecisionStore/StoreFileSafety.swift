import Foundation

/// Whether a store's files may be trusted before SQLite opens them. A store is created only
/// where no one else can slip a file in beside it, and never adopts a file someone else
/// prepared: an empty store file or a `-wal`/`-shm` file another login made could let them
/// own, or read, everything written to it.
enum StoreFileSafety {
    /// Why a new store must not be created in `directory`, or nil when it may. A directory
    /// others can write (a world-writable one such as /tmp, or a group-writable one) lets them
    /// pre-create the store or its `-wal`; the exception is a shared store's own directory,
    /// which `store share` marks setgid and closes to others.
    static func creationRefusal(directory: String) -> String? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }  // created by us, mode 700, below
        let mode = info.st_mode
        if mode & S_IWOTH != 0 {
            return "the directory \(directory) may be written by anyone, who could prepare the store's files before you; "
                + "put the store in a directory of its own (e.g. `mkdir -m 700 DIR`), or see README: Sharing a register"
        }
        if mode & S_IWGRP != 0 && mode & S_ISGID == 0 {
            return "the directory \(directory) may be written by its group (\(StoreFileAccess.groupName(info.st_gid))), who could "
                + "prepare the store's files before you; put the store in a directory of its own, or share one with `cabinet store share`"
        }
        if info.st_uid != geteuid() && info.st_uid != 0 && mode & S_ISGID == 0 {
            return "the directory \(directory) belongs to \(StoreFileAccess.userName(info.st_uid)), who could replace the store's "
                + "files; put the store in a directory of your own"
        }
        return nil
    }

    /// Why the files already at `path` must not be taken on as this login's store, or nil.
    /// `creating` is true when the store file is missing or empty (there is nothing in it to
    /// keep): then no `-wal` or `-shm` may be waiting beside it, and an empty file must be
    /// this login's own.
    static func adoptionRefusal(path: String, creating: Bool) -> String? {
        let me = geteuid()
        var store = stat()
        let storeExists = stat(path, &store) == 0
        if storeExists && creating && store.st_uid != me {
            return "the store file is empty and belongs to \(StoreFileAccess.userName(store.st_uid)), not you: it was not made by "
                + "Cabinet Desk for you, and will not be used; remove it (or ask its owner to) and run the command again"
        }
        for sidecar in [path + "-wal", path + "-shm"] {
            var info = stat()
            guard lstat(sidecar, &info) == 0 else { continue }
            let owner = StoreFileAccess.userName(info.st_uid)
            if creating {
                return "\(sidecar) is already there (owner \(owner)) beside a store that is being created: "
                    + "it was not written by this store and will not be adopted; remove it and run the command again"
            }
            if info.st_mode & S_IFMT != S_IFREG {
                return "\(sidecar) is not a plain file; remove it and run the command again"
            }
            // A sidecar from someone else must come from one of the store's sharers (its group, or
            // anyone when its owner made it writable by all), and open it no wider than the store.
            let openToAll = store.st_mode & S_IWOTH != 0
            let sharer = info.st_uid == me || info.st_uid == store.st_uid || openToAll
                || (info.st_gid == store.st_gid && store.st_mode & (S_IRGRP | S_IWGRP) == (S_IRGRP | S_IWGRP))
            if !sharer || (info.st_mode & S_IWOTH != 0 && !openToAll) {
                return "\(sidecar) belongs to \(owner) (group \(StoreFileAccess.groupName(info.st_gid))), who does not share this store: "
                    + "it will not be adopted; check who made it, remove it, and run the command again"
            }
        }
        return nil
    }
}
