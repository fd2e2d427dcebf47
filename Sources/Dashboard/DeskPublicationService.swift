import Foundation
import Decisions
import Desk
import Publications

/// The publications screen's documents, through the Desk: built from what the public may
/// read, rendered from the council's templates, published as HTML files in `directory`.
public final class DeskPublicationService: PublicationService {
    let desk: Desk
    let templates: PublicationTemplates
    /// Where published documents are written.
    public let directory: String

    public init(desk: Desk, templates: PublicationTemplates, directory: String) {
        self.desk = desk; self.templates = templates; self.directory = directory
    }

    public func preview(_ request: PublicationRequest) throws -> String {
        switch request {
        case .forwardPlan(let from, let months):
            try templates.render(try desk.forwardPlan(ForwardPlanPeriod(from: from, months: months)), format: .text)
        case .recordOfDecision(let id): try templates.render(try desk.recordOfDecision(id: id), format: .text)
        case .generalException(let id): try templates.render(try desk.generalExceptionNotice(id: id), format: .text)
        case .specialUrgency(let id): try templates.render(try desk.specialUrgencyNotice(id: id), format: .text)
        case .agenda(let id): try templates.render(try desk.agendaFrontSheet(meetingID: id), format: .text)
        }
    }

    public func publish(_ request: PublicationRequest) throws -> PublicationReceipt {
        try desk.require(.publishDocuments, to: "publishing documents")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(fileName(request))
        // Written beside its final name first, renamed once the act is recorded: never half a file.
        let partial = path + ".partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        func write(_ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: partial)) }
        var notes: [String] = []
        switch request {
        case .forwardPlan(let from, let months):
            notes = try desk.publishForwardPlan(ForwardPlanPeriod(from: from, months: months), format: .html) { plan in
                let text = try templates.render(plan, format: .html)
                try write(text)
                return text
            }.shortNotice
        case .recordOfDecision(let id): try publish(try desk.recordOfDecision(id: id), about: id, write)
        case .generalException(let id): try publish(try desk.generalExceptionNotice(id: id), about: id, write)
        case .specialUrgency(let id): try publish(try desk.specialUrgencyNotice(id: id), about: id, write)
        case .agenda(let id): try publish(try desk.agendaFrontSheet(meetingID: id), about: nil, write)
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return PublicationReceipt(path: path, notes: notes)
    }

    private func publish(_ document: some PublishedDocument, about id: Int64?, _ write: (String) throws -> Void) throws {
        let text = try templates.render(document, format: .html)
        try write(text)
        try desk.recordPublication(type(of: document).kind, about: id, format: .html, text: text)
    }

    /// "forward-plan-2026-11-23.html", "record-of-decision-34-2026-11-24.html": the subject and the day published.
    func fileName(_ request: PublicationRequest) -> String {
        let subject: String
        switch request {
        case .forwardPlan(let from, let months): subject = "forward-plan-from-\(from.iso)-\(months)m"
        case .recordOfDecision(let id): subject = "record-of-decision-\(id)"
        case .generalException(let id): subject = "general-exception-\(id)"
        case .specialUrgency(let id): subject = "special-urgency-\(id)"
        case .agenda(let id): subject = "agenda-meeting-\(id)"
        }
        return "\(subject)-published-\(desk.actDate.iso).html"
    }
}
