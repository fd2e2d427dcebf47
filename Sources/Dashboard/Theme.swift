import Terminal

/// Styles by meaning. With colour off (NO_COLOR, TERM=dumb) every style is monochrome:
/// bold, reverse and underline carry the meaning instead.
public struct Theme: Sendable {
    public var titleBar: Style
    public var header: Style
    public var selected: Style
    public var normal: Style
    public var dim: Style
    public var overdue: Style
    public var dueSoon: Style
    public var met: Style
    public var flag: Style
    public var match: Style
    public var status: Style
    public var error: Style
    public var dialog: Style
    public var heading: Style

    /// Colours chosen to read on dark and light backgrounds: no fixed background except bars.
    public static let colour = Theme(
        titleBar: Style(foreground: .white, background: .blue, bold: true),
        header: Style(bold: true, underline: true),
        selected: Style(reverse: true),
        normal: Style(),
        dim: Style(dim: true),
        overdue: Style(foreground: .red, bold: true),
        dueSoon: Style(foreground: .yellow, bold: true),
        met: Style(foreground: .green),
        flag: Style(foreground: .magenta, bold: true),
        match: Style(foreground: .black, background: .yellow),
        status: Style(reverse: true),
        error: Style(foreground: .white, background: .red, bold: true),
        dialog: Style(bold: true),
        heading: Style(foreground: .cyan, bold: true))

    public static let monochrome = Theme(
        titleBar: Style(reverse: true, bold: true),
        header: Style(bold: true, underline: true),
        selected: Style(reverse: true),
        normal: Style(),
        dim: Style(),
        overdue: Style(bold: true),
        dueSoon: Style(bold: true),
        met: Style(),
        flag: Style(bold: true),
        match: Style(underline: true),
        status: Style(reverse: true),
        error: Style(reverse: true, bold: true),
        dialog: Style(bold: true),
        heading: Style(bold: true))
}
