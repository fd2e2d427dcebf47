import Testing
@testable import Terminal

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("£1.75m", 6), ("“quoted” – •", 12), ("日本語", 6), ("é", 1), ("e\u{301}", 1), ("👍", 2), ("", 0),
    ])
    func widths(_ text: String, _ width: Int) {
        #expect(displayWidth(text) == width)
    }
}

@Suite struct GridTests {
    @Test func putTruncatesByColumnsAndNeverSplitsAWideCharacter() {
        var grid = Grid(width: 6, height: 2)
        #expect(grid.put("日本語です", row: 0, column: 0) == 6)
        #expect(grid.rowText(0) == "日本語")
        var narrow = Grid(width: 5, height: 1)
        #expect(narrow.put("日本語", row: 0, column: 0) == 5, "the last wide character does not fit: a space")
        #expect(narrow.rowText(0) == "日本 ")
        #expect(grid.put("£’–•", row: 1, column: 2, maxWidth: 3) == 3)
        #expect(grid.rowText(1) == "  £’– ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.put("日本", row: 0, column: 0)
        grid.put("x", row: 0, column: 1)
        #expect(grid.rowText(0) == " x本")
        #expect(displayWidth(grid.rowText(0)) == 4)
    }

    @Test func putNeverWritesControlCharacters() {
        var grid = Grid(width: 20, height: 1)
        grid.put("a\u{1B}[31mred\u{07}", row: 0, column: 0)
        #expect(!grid.rowText(0).unicodeScalars.contains { $0.value < 0x20 })
        #expect(grid.text == "a␛[31mred␇")
    }

    @Test func textTrimsTrailingSpaces() {
        var grid = Grid(width: 5, height: 2)
        grid.put("ab", row: 1, column: 1)
        #expect(grid.text == "\n ab")
    }
}

@Suite struct TextLayoutTests {
    @Test func truncateAddsAnEllipsisWithinTheWidth() {
        #expect(truncate("Sector Led Improvement", toWidth: 10) == "Sector Le…")
        #expect(truncate("short", toWidth: 10) == "short")
        #expect(truncate("日本語日本語", toWidth: 5) == "日本…")
        #expect(displayWidth(truncate("日本語日本語", toWidth: 6)) <= 6)
        #expect(truncate("x", toWidth: 0) == "")
    }

    @Test func padFillsToTheWidth() {
        #expect(pad("£5", toWidth: 4) == "£5  ")
        #expect(pad("日本", toWidth: 6) == "日本  ")
    }

    @Test func wrapBreaksAtWordsByDisplayWidth() {
        #expect(wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(wrap("one\n\n\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(wrap("日本語 日本語", width: 7) == ["日本語", "日本語"])
        #expect(wrap("", width: 5) == [])
    }

    @Test func sanitizeMakesEscapesVisible() {
        #expect(sanitizeForTerminal("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(sanitizeForTerminal("tab\there") == "tab    here")
        #expect(sanitizeForTerminal("one\r\ntwo") == "one two")
        #expect(sanitizeForTerminal("one\r\ntwo", keepNewlines: true) == "one\ntwo")
        #expect(sanitizeForTerminal("c1 \u{9B}31m") == "c1 \u{FFFD}31m")
        #expect(sanitizeForTerminal("bidi \u{202E}txet") == "bidi txet")
        #expect(sanitizeForTerminal("plain £ ’") == "plain £ ’")
    }
}

@Suite struct KeyTests {
    @Test(arguments: ["j", "G", "ctrl-d", "C-u", "^L", "PgDn", "pgup", "enter", "esc", "space", "F5", "?", "/", "home", "Tab"])
    func parsesConfigNames(_ name: String) throws {
        let key = try #require(Key(name: name))
        #expect(Key(name: key.displayName) == key || key.displayName.count == 1 || key == .up || key == .down)
    }

    @Test func specificKeys() {
        #expect(Key(name: "ctrl-d") == .ctrl("d"))
        #expect(Key(name: "PgDn") == .pageDown)
        #expect(Key(name: "space") == .char(" "))
        #expect(Key(name: "F12") == .function(12))
        #expect(Key(name: "nonsense") == nil)
        #expect(Key(name: "ctrl-1") == nil)
    }
}

@MainActor
@Suite struct MemoryScreenTests {
    @Test func recordsFramesAndReplaysKeys() {
        let screen = MemoryScreen(width: 10, height: 2, keys: [.char("a")])
        var grid = Grid(width: 10, height: 2)
        grid.put("hello", row: 0, column: 0)
        screen.draw(grid)
        #expect(screen.lastFrame?.text == "hello\n")
        #expect(screen.readKey(timeoutMilliseconds: 0) == .char("a"))
        #expect(screen.readKey(timeoutMilliseconds: 0) == nil)
        screen.resize(width: 20, height: 5)
        #expect(screen.size.width == 20)
        #expect(screen.readKey(timeoutMilliseconds: 0) == .resize)
    }
}

/// Issue 16: wrapping is linear in its input (the timing is in the Dashboard benchmark); this
/// checks the 1 MB unbroken word is wrapped right.
@Suite struct LongWordWrapTests {
    @Test func aOneMegabyteWordIsCutIntoFullLinesWithNothingLostOrAdded() {
        let word = String(repeating: "abcdefghij", count: 100_000)
        let lines = wrap("before " + word + " after", width: 77)
        #expect(lines.first == "before")
        // 1,000,000 = 77 × 12,987 + 1: full lines, then the last letter with the next word after it.
        #expect(lines.count == 1 + 12_987 + 1)
        #expect(lines.last == "j after")
        let full = lines.dropFirst().dropLast()
        #expect(full.allSatisfy { $0.count == 77 })
        let rejoined = full.joined() + "j" == word
        #expect(rejoined, "the word's letters, in order, nothing lost or added")
    }

    @Test func aLongWordCutByPositionOrByCharacterIsCutTheSame() {
        // Printable ASCII is cut by byte position; anything else character by character.
        #expect(wrap("abcdefghij x", width: 5) == ["abcde", "fghij", "x"])
        #expect(wrap("abcdefghij xy", width: 5) == ["abcde", "fghij", "xy"])
        #expect(wrap("abcdéfghij x", width: 5) == ["abcdé", "fghij", "x"])
        #expect(wrap("go abcdefg", width: 5) == ["go", "abcde", "fg"])
    }

    @Test func wideCharactersInALongWordAreNeverSplitAcrossTheEdge() {
        let lines = wrap(String(repeating: "日", count: 9), width: 4)
        #expect(lines == ["日日", "日日", "日日", "日日", "日"])
        #expect(wrap("a" + String(repeating: "日", count: 2), width: 1) == ["a", "日", "日"], "a character wider than the line stands alone")
    }
}
