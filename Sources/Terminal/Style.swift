/// The eight standard terminal colours (and the terminal's own default).
public enum Color: Int, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Meaning should never depend on colour alone: monochrome themes
/// use bold, reverse and underline.
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var reverse: Bool
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool

    public init(foreground: Color? = nil, background: Color? = nil, reverse: Bool = false, bold: Bool = false,
                dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground; self.background = background; self.reverse = reverse; self.bold = bold
        self.dim = dim; self.underline = underline
    }

    public static let plain = Style()
}
