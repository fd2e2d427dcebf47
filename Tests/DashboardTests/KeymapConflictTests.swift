import Testing
@testable import Dashboard
import Terminal

/// A keys.conf line that would lose to another binding is refused with the line, the key and
/// both commands, and nothing of the file is applied.
@Suite struct KeymapConflictTests {
    func conflicts(_ config: String) throws -> [KeymapConflict] {
        var keymap = Keymap.standard
        do {
            try keymap.apply(config: config, file: "keys.conf")
        } catch let error as KeymapConflicts {
            #expect(keymap.bindings == Keymap.standard.bindings, "nothing applied")
            return error.conflicts
        }
        return []
    }

    @Test func aGlobalKeyAScreenBindsToSomethingElseIsReported() throws {
        let found = try conflicts("# mine\nmouse = on\ntransition = x\n")
        let conflict = try #require(found.first)
        #expect(found.count == 1, "\(found)")
        #expect(conflict.line == 3)
        #expect(conflict.key == .char("x"))
        #expect(conflict.command == .transition)
        #expect(conflict.otherCommand == .clearFilters)
        #expect(conflict.otherContext == .register)
        #expect(conflict.description.hasPrefix("keys.conf:3: key x for transition (everywhere) is the register screen's own key for clear-filters"))
        #expect(conflict.description.contains("`register.transition = x`"))
    }

    @Test func aKeyHiddenOnSeveralScreensIsReportedForEach() throws {
        // t is the register's and the record's own key for transition.
        let found = try conflicts("move-down = t, down\n")
        #expect(Set(found.map(\.otherContext)) == [.register, .detail], "\(found)")
        #expect(found.allSatisfy { $0.line == 1 && $0.otherCommand == .transition && $0.keyName == "t" })
    }

    @Test func twoLinesGivingOneKeyTwoMeaningsAreReported() throws {
        let found = try conflicts("move-down = ctrl-n\nmove-up = ctrl-n\n")
        let conflict = try #require(found.first)
        #expect(conflict.line == 2 && conflict.otherLine == 1)
        #expect(conflict.command == .moveUp && conflict.otherCommand == .moveDown)
        #expect(conflict.description == "keys.conf:2: key ctrl-n for move-up (everywhere) is bound by line 1 to move-down (everywhere); give one of them another key")
    }

    @Test func bindingsThatDoNotClashApply() throws {
        #expect(try conflicts("register.transition = x\ntransition = x\n").isEmpty, "bound for the screen too: x is transition everywhere")
        #expect(try conflicts("register.clear-filters = X\nmove-down = x\n").isEmpty, "the screen's x moved away first")
        #expect(try conflicts("move-down = ctrl-n\nmove-down = ctrl-j\n").isEmpty, "a later line rebinding the same command replaces it")
        var keymap = Keymap.standard
        try keymap.apply(config: "register.clear-filters = X\nmove-down = x\n", file: "keys.conf")
        #expect(keymap.command(for: .char("x"), in: .register) == .moveDown)
        #expect(keymap.command(for: .char("X"), in: .register) == .clearFilters)
    }
}
