import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Look after the store file itself: share it with a unix group on this host.",
        subcommands: [Share.self])

    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let a unix group work on this store, and optionally a second group read it (admin only).",
            discussion: """
                Creates the store if it is missing. Then its directory becomes group GROUP with mode 2770
                (setgid, so the files SQLite creates in it stay in GROUP), and the store with its -wal and
                -shm files group GROUP, mode 0660: members of GROUP read and write it (officers and admins).
                With --readers, members of that group may read it and never change it (POSIX ACLs; needs
                setfacl from the Debian package acl); without it, only GROUP has access. The directory must
                hold nothing but the store. What each person may do inside the register is still their role
                (cabinet users add).

                Examples:
                  sudo groupadd cabinet-officers; sudo groupadd cabinet-readers
                  cabinet store share --group cabinet-officers --readers cabinet-readers --store /srv/cabinet/register.sqlite
                  cabinet users add jsmith --role officer --store /srv/cabinet/register.sqlite
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The unix group that may read and write the store.", valueName: "group"))
        var group: String
        @Option(name: .long, help: ArgumentHelp("A unix group that may only read it.", valueName: "group"))
        var readers: String?

        func run() throws {
            // Refuse an unknown group or a crowded directory before creating anything.
            try DecisionStore.checkShareable(path: storeOptions.store ?? DecisionStore.defaultPath(), group: group, readers: readers)
            let session = try Session(storeOptions)
            let report = try session.desk.share(group: group, readers: readers)
            print("Shared \(session.desk.location):")
            for line in report.done { print("  " + line) }
            for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            print("""
                Next: add each person's login to the groups (sudo usermod -aG \(group) LOGIN\(readers.map { ", or \($0) to read only" } ?? "")),
                then record their role in the register:
                  cabinet users add LOGIN --role officer --store \(session.desk.location)
                """)
        }
    }
}

