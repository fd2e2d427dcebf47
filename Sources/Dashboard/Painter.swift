import Terminal

/// Draws text into a region of the grid, clipped to the region, by display columns.
struct Painter {
    var grid: Grid
    let theme: Theme

    init(width: Int, height: Int, theme: Theme) {
        grid = Grid(width: width, height: height)
        self.theme = theme
    }

    /// Writes `text` at (row, column), at most `width` columns; returns the columns used.
    @discardableResult
    mutating func text(_ text: String, row: Int, column: Int, width: Int, style: Style) -> Int {
        guard row >= 0, row < grid.height, column < grid.width, width > 0 else { return 0 }
        return grid.put(text, row: row, column: column, style: style, maxWidth: min(width, grid.width - column))
    }

    /// A full-width bar: the text padded with the style to `width`.
    mutating func bar(_ text: String, row: Int, column: Int = 0, width: Int, style: Style) {
        self.text(pad(truncate(text, toWidth: width), toWidth: width), row: row, column: column, width: width, style: style)
    }

    /// Writes `text` with every occurrence of `words` in the match style.
    @discardableResult
    mutating func highlighted(_ text: String, words: [String], row: Int, column: Int, width: Int, style: Style) -> Int {
        guard !words.isEmpty else { return self.text(text, row: row, column: column, width: width, style: style) }
        let clipped = truncate(text, toWidth: width)
        var used = 0
        for (segment, isMatch) in Highlight.segments(clipped, words: words) {
            used += self.text(segment, row: row, column: column + used, width: width - used,
                              style: isMatch ? theme.match : style)
        }
        return used
    }
}

/// Splits text into runs that do or do not match any of the search words (prefix-insensitive).
enum Highlight {
    static func segments(_ text: String, words: [String]) -> [(String, Bool)] {
        let lower = Array(text.lowercased())
        let chars = Array(text)
        guard lower.count == chars.count else { return [(text, false)] }
        var marks = [Bool](repeating: false, count: chars.count)
        for word in words where !word.isEmpty {
            let w = Array(word)
            var i = 0
            while i + w.count <= lower.count {
                // Matches start at a word boundary, as full-text search matches them.
                let atBoundary = i == 0 || !(lower[i - 1].isLetter || lower[i - 1].isNumber)
                if atBoundary && Array(lower[i..<(i + w.count)]) == w {
                    for j in i..<(i + w.count) { marks[j] = true }
                    i += w.count
                } else {
                    i += 1
                }
            }
        }
        var result: [(String, Bool)] = []
        var current = "", currentMark = marks.first ?? false
        for (index, ch) in chars.enumerated() {
            if marks[index] != currentMark {
                if !current.isEmpty { result.append((current, currentMark)) }
                current = ""; currentMark = marks[index]
            }
            current.append(ch)
        }
        if !current.isEmpty { result.append((current, currentMark)) }
        return result
    }
}
