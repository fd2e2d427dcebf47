import Foundation
import Decisions

/// Reads ModernGov "Decision details", "Agenda item" and "Issue - meetings" pages.
enum ModernGovImporter {
    static func parse(text: String, file: String) throws -> ImportedRecords {
        try reading(text: text, file: file, format: .moderngovText).records
    }

    static func reading(text: String, file: String, format: ImportFormat) throws -> ImportReading {
        let page: ModernGovPage
        do {
            page = try ModernGovPage(text: text, file: file)
        } catch let error as ImportError where error.message.hasPrefix("not a ModernGov page") {
            // Not a ModernGov page: perhaps a programme's highlights with figures to record.
            return ImportReading(file: file, format: format, records: try MeasureExtractor.highlights(text: text, file: file))
        }
        switch page.kind {
        case .decision, .issue:
            var placement = UnlabelledText.place(page)
            var record = try decision(from: page, placement: placement)
            record.notes = placement.notesText
        record.contact = page.text(.contact)
            placement.fields.insert(contentsOf: page.readings, at: 0)
            return ImportReading(file: file, format: format, records: ImportedRecords(decisions: [record]),
                                 fields: placement.fields, unplaced: placement.unplaced)
        case .agendaItem:
            return ImportReading(file: file, format: format, records: try agendaItem(from: page), fields: page.readings)
        }
    }

    // MARK: Decision details

    static func decision(from page: ModernGovPage, placement: UnlabelledText.Placement) throws -> Decision {
        let meeting = try (page.text(.decidedAtMeeting) ?? page.text(.meeting)).map {
            try meetingReference($0, page: page, field: page.text(.decidedAtMeeting) != nil ? .decidedAtMeeting : .meeting)
        }
        let maker = page.text(.decisionMaker) ?? meeting?.body ?? "Unknown decision maker"
        let status = page.text(.status) ?? ""
        var decisionText = placement.decision
        var item = meeting?.item
        if let text = decisionText, let (number, rest) = leadingItemNumber(text) {
            item = item ?? number
            decisionText = rest
        }
        let allText = [decisionText, placement.purpose, placement.reasons, page.preamble, placement.notesText].compactMap { $0 }.joined(separator: "\n")
        let urgencyField = try page.yesNo(.urgent)
        let urgencyReason = page.text(.urgencyReason) ?? urgencySentence(allText)
        let isUrgent = urgencyField ?? (page.text(.urgencyReason) != nil || mentionsUrgency(allText))
        var decision = Decision(
            reference: page.text(.reference), title: page.title, decisionMaker: maker,
            meeting: meeting.map { MeetingReference(body: $0.body, date: $0.date, item: item) },
            status: status,
            isKeyDecision: try page.yesNo(.isKey) ?? false, keyReason: page.text(.reasonKey),
            isSubjectToCallIn: try page.yesNo(.callIn) ?? false,
            isUrgent: isUrgent, urgencyReason: isUrgent ? urgencyReason : nil,
            exemptParagraphs: exemptParagraphs([page.text(.restriction), page.fullText].compactMap { $0 }.joined(separator: "\n")),
            wards: wards(page.text(.wards)), reportAuthor: page.text(.reportAuthor),
            publicationDate: try page.date(.publicationDate), decisionDate: try page.date(.decisionDate),
            effectiveFrom: try page.date(.effectiveFrom), purpose: placement.purpose, decisionText: decisionText,
            resolutions: decisionText.map(ResolutionSplitter.split) ?? [], reasons: placement.reasons,
            alternatives: placement.alternatives, interests: page.text(.interests),
            documents: documents(page.text(.documents)), source: page.file)
        if decision.meeting == nil, let date = decision.decisionDate, decision.makerKind != .individualMember && decision.makerKind != .officer {
            decision.meeting = MeetingReference(body: maker, date: date, item: item)
        }
        if decision.stage == .decided, decision.publicationDate != nil {
            // Published on the council's site: the call-in period (if any) has started.
            decision.stage = decision.isSubjectToCallIn ? .published : .effective
        }
        return decision
    }

    /// "11/02/2021 - Children and Families Cabinet Member - 2022-2023 (Item 20)".
    static func meetingReference(_ text: String, page: ModernGovPage, field: ModernGovField) throws -> MeetingReference {
        var rest = Substring(text)
        let dateToken = rest.prefix(while: { !$0.isWhitespace })
        guard let date = CivilDate(ukNumeric: dateToken) else {
            throw ImportError(file: page.file, line: page.line(field), field: page.label(field),
                              message: "invalid date \"\(dateToken)\" (expected dd/mm/yyyy - body)")
        }
        rest = rest.dropFirst(dateToken.count).drop(while: { $0 == " " || $0 == "-" || $0 == "–" })
        var body = String(rest).trimmingCharacters(in: .whitespaces)
        var item: String?
        if let open = body.range(of: "(Item ", options: [.caseInsensitive, .backwards]), body.hasSuffix(")") {
            item = String(body[open.upperBound..<body.index(before: body.endIndex)]).trimmingCharacters(in: .whitespaces)
            body = String(body[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return MeetingReference(body: body.isEmpty ? "Unknown body" : body, date: date, item: item)
    }

    /// "20      DEPARTMENT FOR ..." → ("20", "DEPARTMENT FOR ...").
    static func leadingItemNumber(_ text: String) -> (String, String)? {
        let digits = text.prefix(while: { $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let after = text.dropFirst(digits.count)
        // An item number is set off by a tab or a run of spaces; "1. To approve" is a resolution.
        guard after.hasPrefix("\t") || after.hasPrefix("  ") else { return nil }
        let rest = after.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = rest.first, first.isUppercase else { return nil }
        return (String(digits), String(rest))
    }

    static let urgencyPhrases = ["the matter was urgent", "decision was urgent", "special urgency", "urgency procedure",
                                 "urgent business procedure", "matter of urgency", "grounds of urgency", "under urgency",
                                 "urgency powers", "urgency provisions", "exempt from call-in", "exempt from call in",
                                 "reason for urgency", "taken as an urgent decision"]

    /// Whether the text says this decision was taken under urgency. A sentence that reports or
    /// notes urgent decisions taken before ("the urgent decision ... be noted", "to report a
    /// decision taken on the grounds of urgency") is about those, not this one.
    static func mentionsUrgency(_ text: String) -> Bool {
        let sentences = text.lowercased().split(whereSeparator: { $0 == "\n" || $0 == "." })
        return sentences.contains { sentence in
            urgencyPhrases.contains { sentence.contains($0) }
                && !["note", "report", "schedule of", "annual review"].contains { sentence.contains($0) }
        }
    }

    /// The sentence that explains the urgency, e.g. "The matter was urgent due to ...".
    static func urgencySentence(_ text: String) -> String? {
        let sentences = text.split(separator: "\n").flatMap { $0.components(separatedBy: ". ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let preferred = sentences.first { s in
            let l = s.lowercased()
            return (l.contains("was urgent") || l.contains("urgency")) && (l.contains("due to") || l.contains("because") || l.contains("reason"))
        } ?? sentences.first { $0.lowercased().contains("was urgent") }
        guard let sentence = preferred else { return nil }
        return sentence.hasSuffix(".") ? sentence : sentence + "."
    }

    /// Schedule 12A paragraph numbers stated in the text ("exempt ... paragraph 3", "paragraphs 1 and 2").
    static func exemptParagraphs(_ text: String) -> [Int] {
        let lower = text.lowercased()
        guard lower.contains("exempt") || lower.contains("12a") || lower.contains("restricted") || lower.contains("part ii")
                || lower.contains("confidential") else { return [] }
        guard let regex = try? NSRegularExpression(pattern: #"paragraphs?\s+((?:\d{1,2}\s*(?:,|and|&|to)?\s*)+)"#) else { return [] }
        var found: [Int] = []
        for match in regex.matches(in: lower, range: NSRange(lower.startIndex..., in: lower)) {
            guard let r = Range(match.range(at: 1), in: lower) else { continue }
            let numbers = lower[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            // Part 1 has paragraphs 1-7; Welsh councils cite Part 4, 12-18.
            for n in numbers where (1...7).contains(n) || (12...18).contains(n) { if !found.contains(n) { found.append(n) } }
        }
        let statements = ["exempt information", "anticipated restriction: exempt", "fully exempt", "part exempt", "exempt matter",
                          "exempt appendix", "part ii report", "part 2 report", "confidential report",
                          "confidential officer report", "restricted enclosure", "restricted appendix"]
        if found.isEmpty && statements.contains(where: { lower.contains($0) }) {
            // Exempt with no paragraph stated: keep the flag with the commonest ground (3, business affairs).
            return [3]
        }
        return found.sorted()
    }

    static func wards(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func documents(_ text: String?) -> [DocumentLink] {
        guard let text else { return [] }
        return text.split(separator: "\n").map { cleanDocumentTitle(String($0)) }.filter { !$0.isEmpty }
            .map { DocumentLink(title: $0) }
    }

    /// Drops "pdf icon PDF 225 KB" and similar artefacts of saved pages.
    static func cleanDocumentTitle(_ text: String) -> String {
        var t = text
        if let r = t.range(of: #"\s*(pdf|doc|docx|xls|xlsx)\s+icon\s+\w+\s+[\d.,]+\s*[KMG]B"#, options: [.regularExpression, .caseInsensitive]) {
            t.removeSubrange(r)
        }
        return t.trimmingCharacters(in: .whitespaces)
    }

    // MARK: Agenda item and issue pages

    static func agendaItem(from page: ModernGovPage) throws -> ImportedRecords {
        let meeting = try page.text(.meeting).map { try meetingReference($0, page: page, field: .meeting) }
        var preamble = ([page.preamble] + page.unlabelled.map(\.text)).filter { !$0.isEmpty }.joined(separator: "\n")
        // "35 SEND Improvement Update pdf icon PDF 225 KB" repeats the item's number and title.
        var lines = preamble.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, cleanDocumentTitle(first).hasSuffix(page.title), first.count < page.title.count + 40 {
            lines.removeFirst()
            preamble = lines.joined(separator: "\n")
        }
        var minutes = page.text(.minutes).map(cleanMinutes)
        // Sections an agenda item has no field for stay in its text, under their labels.
        let sections: [ModernGovField] = [.purpose, .reasons, .alternatives, .interests, .urgencyReason]
        let labelled = sections.compactMap { field in page.text(field).map { page.label(field) + ":\n" + $0 } }
        let whole = ([preamble] + labelled).filter { !$0.isEmpty }.joined(separator: "\n")
        var itemText: String? = whole.isEmpty ? nil : whole
        if minutes == nil && page.text(.decision) == nil {
            // A page of minutes without its label (the item's record is the minutes).
            minutes = itemText.map(cleanMinutes)
            itemText = nil
        }
        let documents = documents(page.text(.documents)) + documents(page.text(.additionalDocuments))
        var item = AgendaItem(number: meeting?.item, title: page.title, text: itemText, minutes: minutes, documents: documents)
        item.isRestricted = !exemptParagraphs([itemText, minutes].compactMap { $0 }.joined(separator: "\n")).isEmpty

        let resolutions: [Resolution]
        var maker = meeting?.body
        var status = "Resolved"
        if let decisionText = page.text(.decision) {
            resolutions = ResolutionSplitter.split(decisionText)
        } else if let minutes, let resolved = ResolutionSplitter.afterResolved(minutes) {
            resolutions = ResolutionSplitter.split(resolved)
        } else if let listed = [minutes, itemText].compactMap({ $0 }).lazy.map(ResolutionSplitter.split)
                    .first(where: { $0.contains { $0.label != nil } }) {
            // A numbered or lettered list with no "Resolved" before it: the item's resolutions.
            resolutions = listed.filter { $0.label != nil }
        } else if let minutes, let (body, sentence) = outcomeSentence(minutes) {
            resolutions = [Resolution(label: nil, text: sentence)]
            maker = maker ?? body
            status = "Noted"
        } else {
            resolutions = []
        }
        if !resolutions.isEmpty {
            let bodyName = maker ?? bodyNamed(in: [minutes, itemText].compactMap { $0 }.joined(separator: "\n")) ?? "Unknown body"
            var decision = Decision(
                title: page.title, decisionMaker: bodyName,
                meeting: meeting.map { MeetingReference(body: $0.body, date: $0.date, item: $0.item) },
                status: status, stage: .decided,
                exemptParagraphs: exemptParagraphs([itemText, minutes].compactMap { $0 }.joined(separator: "\n")),
                decisionDate: meeting?.date, purpose: itemText,
                decisionText: page.text(.decision) ?? resolutions.map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }.joined(separator: "\n"),
                resolutions: resolutions, documents: documents, source: page.file)
            decision.isUrgent = page.text(.urgencyReason) != nil
                || mentionsUrgency([decision.decisionText, itemText, minutes].compactMap { $0 }.joined(separator: "\n"))
            item.decision = decision
            maker = bodyName
        }
        var measures: [Measure] = []
        let plan = page.title.contains("Written Statement of Action") || (minutes ?? "").contains("(WSOA)")
            ? "SEND Written Statement of Action" : page.title
        if let measure = MeasureExtractor.targetMeasure(in: [itemText, minutes].compactMap { $0 }.joined(separator: "\n"), plan: plan,
                                                        reportedOn: meeting?.date) {
            measures.append(measure)
        }
        let container = Meeting(
            // Without a meeting line the item is still kept, as an undated meeting of its own.
            reference: meeting == nil ? "agenda-item:" + page.title.lowercased() : nil,
            body: meeting?.body ?? maker ?? "Unknown body", date: meeting?.date, items: [item], source: page.file)
        return ImportedRecords(meetings: [container], measures: measures)
    }

    /// Removes the "... view the full minutes text for item 35" tail of truncated pages.
    static func cleanMinutes(_ text: String) -> String {
        var t = text
        if let r = t.range(of: #"\s*\.\.\.\s*view the full minutes text for item\s*\S+"#, options: [.regularExpression, .caseInsensitive]) {
            t.replaceSubrange(r, with: " …")
        }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "Improvement & Innovation Board noted the update and endorsed ..." → (board, sentence).
    static func outcomeSentence(_ text: String) -> (String, String)? {
        let paragraphs = text.split(separator: "\n").map(String.init).reversed()
        let bodyWords = ["Board", "Committee", "Cabinet", "Council", "Panel", "Sub-Committee", "Forum"]
        for paragraph in paragraphs {
            guard let regex = try? NSRegularExpression(pattern: #"^(?:The\s+)?(.{3,80}?)\s+(noted|endorsed|agreed|approved|resolved|welcomed)\b"#),
                  let match = regex.firstMatch(in: paragraph, range: NSRange(paragraph.startIndex..., in: paragraph)),
                  let r = Range(match.range(at: 1), in: paragraph) else { continue }
            let body = String(paragraph[r])
            if bodyWords.contains(where: { body.hasSuffix($0) }) { return (body, paragraph) }
        }
        return nil
    }

    /// The deciding body a text names ("The Cabinet noted ...").
    static func bodyNamed(in text: String) -> String? {
        for body in ["Cabinet", "Executive", "Council"] where text.contains("The \(body)") || text.contains("\(body)’s") || text.contains("\(body)'s") {
            return body
        }
        return nil
    }
}
