import Decisions
import DecisionStore
import Desk
import Terminal

/// The full record: fields, deadlines, resolutions, texts, documents and audit trail.
public enum DetailView {
    public enum Tone: Sendable { case normal, heading, title, dim, overdue, soon, met }

    public struct Line: Sendable {
        public var text: String
        public var tone: Tone
    }

    static func textWidth(_ state: AppState) -> Int {
        state.isSplit ? state.width - RegisterSplit.registerWidth(state.width) - 3 : state.width - 2
    }

    /// The record as wrapped lines for `width` columns.
    public static func lines(_ detail: DecisionRecord, width: Int, today: CivilDate) -> [Line] {
        let d = detail.decision
        let width = max(20, width)
        var out: [Line] = []
        func add(_ text: String, _ tone: Tone = .normal) { out.append(Line(text: text, tone: tone)) }
        func blank() { if out.last?.text.isEmpty == false { add("") } }
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let labelWidth = 18   // "Published status" and a gap
            let wrapped = wrap(sanitizeForTerminal(value), width: max(10, width - labelWidth))
            for (i, line) in wrapped.enumerated() {
                add((i == 0 ? pad(label, toWidth: labelWidth) : String(repeating: " ", count: labelWidth)) + line)
            }
        }
        func section(_ title: String, _ text: String?) {
            guard let text, !text.isEmpty else { return }
            blank(); add(title, .heading)
            for line in wrap(sanitizeForTerminal(text, keepNewlines: true), width: width - 2) { add("  " + line) }
        }
        for line in wrap(sanitizeForTerminal(d.title), width: width) { add(line, .title) }
        blank()
        field("Decision maker", "\(d.decisionMaker) (\(d.makerKind.rawValue.replacingOccurrences(of: "_", with: " ")))")
        if let m = d.meeting {
            field("Meeting", [m.date?.iso, m.body, m.item.map { "item \($0)" }].compactMap { $0 }.joined(separator: " · "))
        } else if let day = d.procedure.scheduledFor, d.decisionDate == nil {
            field("To be taken", day.iso)
        }
        // The stage is where the decision stands; the status is only what the publisher printed.
        field("Stage", d.stage.label)
        field("Published status", d.status)
        var flags: [String] = []
        if d.isKeyDecision { flags.append("Key decision" + (d.keyReason.map { " (\($0))" } ?? "")) }
        if d.isUrgent { flags.append("Urgent") }
        if d.isSubjectToCallIn { flags.append("Subject to call-in") }
        if d.isExempt { flags.append("Exempt: Schedule 12A para " + d.exemptParagraphs.map(String.init).joined(separator: ", ")) }
        field("Flags", flags.isEmpty ? "None" : flags.joined(separator: " · "))
        field("Wards", d.wards.joined(separator: ", "))
        field("Report author", d.reportAuthor)
        field("Contact", d.contact)
        field("Published", d.publicationDate?.iso)
        field("Decided", d.decisionDate?.iso)
        field("Effective from", d.effectiveFrom?.iso)
        field("Reference", d.reference)
        field("Source", d.source)

        if !detail.deadlines.isEmpty {
            blank(); add("Deadlines", .heading)
            for deadline in detail.deadlines {
                let tone: Tone = switch deadline.state {
                case .overdue: .overdue
                case .due(let days): days <= 2 ? .soon : .normal
                case .met: .met
                default: .dim
                }
                let prefix = "  " + pad(deadline.kind.label, toWidth: 21) + pad(deadline.date?.iso ?? "—", toWidth: 11)
                if case .notApplicable = deadline.state {
                    // Not applicable is not news: one dim line, with why.
                    add(truncate(prefix + "n/a" + (deadline.note.map { " — " + $0 } ?? ""), toWidth: width), .dim)
                    continue
                }
                add(truncate(prefix + deadline.state.description, toWidth: width), tone)
                if let note = deadline.note {
                    for l in wrap((deadline.isLate || note.contains("rules give") ? "⚠ " : "") + note, width: width - 6) {
                        add("      " + l, deadline.isLate || note.contains("rules give") ? .soon : .dim)
                    }
                }
            }
        }
        if let request = detail.callInRequest {
            // Who has signed, so a member sees how many more are needed before signing (S).
            let active = request.signatures.filter(\.isActive)
            blank(); add("Call-in request", .heading)
            add("  \(active.count) of \(detail.rules.callInMembersRequired) signatures", active.count >= detail.rules.callInMembersRequired ? .met : .soon)
            if let grounds = request.grounds, !grounds.isEmpty {
                for line in wrap("Grounds: " + sanitizeForTerminal(grounds), width: width - 2) { add("  " + line) }
            }
            for signature in request.signatures {
                var text = "\(signature.signatory) signed \(signature.signedOn.iso)"
                if signature.recordedBy.lowercased() != signature.signatory.lowercased() { text += " (recorded by \(signature.recordedBy) from paper)" }
                if let withdrawn = signature.withdrawnOn { text += " · withdrawn \(withdrawn.iso)" }
                for (i, line) in wrap(sanitizeForTerminal(text), width: width - 4).enumerated() {
                    add((i == 0 ? "  " : "    ") + line, signature.isActive ? .normal : .dim)
                }
            }
        }
        section("Urgency", d.urgencyReason)
        section("Purpose", d.purpose)
        if !d.resolutions.isEmpty {
            blank(); add("Resolutions", .heading)
            for r in d.resolutions {
                let label = sanitizeForTerminal(r.label ?? "•")
                let indent = displayWidth(label) + 3
                for (i, line) in wrap(sanitizeForTerminal(r.text, keepNewlines: true), width: max(10, width - indent)).enumerated() {
                    add((i == 0 ? "  " + label + " " : String(repeating: " ", count: indent)) + line)
                }
            }
        }
        if d.decisionText != d.resolutions.map({ [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }).joined(separator: "\n") {
            section("Decision", d.decisionText)
        }
        section("Reasons", d.reasons)
        section("Alternative options considered", d.alternatives)
        section("Interests declared", d.interests)
        if !detail.declarations.isEmpty {
            // Regulation 13: conflicts declared and dispensations granted belong on the record.
            section("Declarations of interest", detail.declarations.map { declared in
                declared.member + ": " + declared.kind.label + (declared.detail.map { " (\($0))" } ?? "")
                    + (declared.dispensation.map { "; dispensation: \($0)" } ?? "")
            }.joined(separator: "\n"))
        }
        // What an importer kept but could not place in a field, with the line it came from.
        section("Notes from the import", d.notes)
        if !d.documents.isEmpty {
            blank(); add("Documents", .heading)
            for doc in d.documents {
                for line in wrap("• " + sanitizeForTerminal(doc.title) + (doc.url.map { " <\(sanitizeForTerminal($0))>" } ?? ""), width: width - 2) {
                    add("  " + line)
                }
            }
        }
        if !detail.actions.isEmpty {
            blank(); add("Follow-up actions", .heading)
            for action in detail.actions {
                let state = action.state(today: today)
                let text = "#\(action.id ?? 0) \(state.rawValue) · due \(action.due.iso)"
                    + (action.recurrence.map { " · \($0)" } ?? "") + (action.resolutionLabel.map { " · resolution \($0)" } ?? "")
                    + (action.owner.map { " · \($0)" } ?? "") + " — " + sanitizeForTerminal(action.text)
                let tone: Tone = state == .overdue ? .overdue : state == .done ? .dim : .normal
                for (i, line) in wrap(text, width: width - 4).enumerated() { add((i == 0 ? "  " : "    ") + line, tone) }
            }
        }
        blank(); add("Audit trail", .heading)
        if detail.history.isEmpty { add("  (no entries)", .dim) }
        for entry in detail.history {
            let when = String(entry.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
            var text = "\(when) \(entry.login) \(entry.action)"
            if let before = entry.stageBefore, let after = entry.stageAfter, before != after { text += " \(before)→\(after)" }
            else if entry.stageBefore == nil, let after = entry.stageAfter { text += " →\(after)" }
            if let reason = entry.reason, !reason.isEmpty { text += " — " + reason }
            for (i, line) in wrap(sanitizeForTerminal(text), width: width - 4).enumerated() { add((i == 0 ? "  " : "    ") + line) }
        }
        return out
    }

    static func draw(_ state: AppState, into painter: inout Painter, column: Int, width: Int, top: Int, height: Int) {
        let theme = painter.theme
        guard let detail = state.detail else {
            painter.text("No record selected.", row: top + 1, column: column + 1, width: width - 1, style: theme.dim)
            return
        }
        let lines = state.detailLayout.flatMap { $0.width == width - 2 ? $0.lines : nil }
            ?? Self.lines(detail, width: width - 2, today: state.today)
        let scroll = min(state.detailScroll, max(0, lines.count - height))
        let words = state.filter.searchWords
        for i in 0..<height {
            let index = scroll + i
            guard index < lines.count else { break }
            let line = lines[index]
            let style: Style = switch line.tone {
            case .normal: theme.normal
            case .heading: theme.heading
            case .title: theme.dialog
            case .dim: theme.dim
            case .overdue: theme.overdue
            case .soon: theme.dueSoon
            case .met: theme.met
            }
            painter.highlighted(line.text, words: words, row: top + i, column: column + 1, width: width - 1, style: style)
        }
    }
}

/// Widths when the register and the record are side by side.
enum RegisterSplit {
    static func registerWidth(_ total: Int) -> Int { total * 11 / 20 }
}
