/// One terminal cell: a grapheme, the columns it covers, and its style. The column after
/// a wide character holds a continuation cell (width 0) so rows stay aligned.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var width: Int
    public var style: Style

    public init(_ character: Character = " ", width: Int = 1, style: Style = .plain) {
        self.character = character; self.width = width; self.style = style
    }

    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }
}

/// Where the terminal's cursor is left after a frame: screen readers and braille displays
/// follow it, so it sits on the selected row, or at the caret where text is typed (shown).
public struct Cursor: Hashable, Sendable {
    public var row: Int
    public var column: Int
    /// Shown only where text is typed; on a list it is placed, not shown.
    public var visible: Bool
    public init(row: Int, column: Int, visible: Bool) { self.row = row; self.column = column; self.visible = visible }
}

/// A screenful of cells that views draw into; backends copy it to a terminal.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes once the frame is drawn.
    public var cursor: Cursor?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Writes `text` (sanitised: no control characters reach a terminal) from (row, column),
    /// at most `maxWidth` columns and never past the edge; a wide character that does not
    /// fit is replaced by a space. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height, column >= 0, column < width else { return 0 }
        let limit = min(width - column, maxWidth ?? Int.max)
        guard limit > 0 else { return 0 }
        var x = column
        let end = column + limit
        for character in sanitizeForTerminal(text) {
            let w = displayWidth(character)
            if w == 0 {
                // Combining marks join the previous cell.
                if x > column {
                    var previous = self[row, x - 1].width == 0 && x - 2 >= column ? x - 2 : x - 1
                    if previous < column { previous = column }
                    var cell = self[row, previous]
                    cell.character = Character(String(cell.character) + String(character))
                    self[row, previous] = cell
                }
                continue
            }
            if x + w > end {
                if x < end { self[row, x] = Cell(" ", style: style); x += 1 }
                break
            }
            clearWide(row: row, column: x)
            self[row, x] = Cell(character, width: w, style: style)
            if w == 2 {
                clearWide(row: row, column: x + 1)
                self[row, x + 1] = .continuation(style)
            }
            x += w
        }
        return x - column
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(row: Int, column: Int) {
        let cell = self[row, column]
        if cell.width == 2, column + 1 < width { self[row, column + 1] = Cell(" ", style: cell.style) }
        if cell.width == 0, column > 0 { self[row, column - 1] = Cell(" ", style: self[row, column - 1].style) }
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(row: Int, column: Int, width w: Int, height h: Int, style: Style = .plain) {
        for r in max(0, row)..<min(height, row + h) {
            for c in max(0, column)..<min(width, column + w) { self[r, c] = Cell(" ", style: style) }
        }
    }

    /// The text of one row (continuation cells skipped), trailing spaces kept.
    public func rowText(_ row: Int) -> String {
        var out = ""
        for c in 0..<width {
            let cell = self[row, c]
            if cell.width > 0 { out.append(cell.character) }
        }
        return out
    }

    /// The whole screen as text, one line per row, trailing spaces trimmed (golden tests).
    public var text: String {
        (0..<height).map { row in
            var line = rowText(row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
