/// The statutory documents Cabinet Desk publishes, each rendered from its own template.
public enum PublicationKind: String, CaseIterable, Sendable {
    /// Notice of key decisions (the forward plan), reg 9 of SI 2012/2089.
    case forwardPlan = "forward-plan"
    /// Record of an executive decision, regs 12 and 13.
    case recordOfDecision = "record-of-decision"
    /// Notice under the general exception, reg 10.
    case generalException = "general-exception"
    /// Notice of special urgency, reg 11.
    case specialUrgency = "special-urgency"
    /// Agenda front sheet of a meeting: the items in order, the private ones by title and paragraph.
    case agenda

    /// The template's name (without the format and `.mustache`), e.g. "forward-plan".
    public var templateName: String { rawValue }

    public var title: String {
        switch self {
        case .forwardPlan: "Notice of key decisions"
        case .recordOfDecision: "Record of decision"
        case .generalException: "General exception notice"
        case .specialUrgency: "Special urgency notice"
        case .agenda: "Agenda front sheet"
        }
    }
}

/// What a document is rendered as.
public enum PublicationFormat: String, CaseIterable, Sendable {
    /// HTML ready to print on A4 (the templates carry the @page rules).
    case html
    /// Plain text.
    case text

    /// The template file suffix: `forward-plan.html.mustache`, `forward-plan.txt.mustache`.
    public var templateExtension: String {
        switch self {
        case .html: "html.mustache"
        case .text: "txt.mustache"
        }
    }
}
