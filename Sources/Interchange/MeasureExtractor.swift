import Foundation
import Decisions

/// Finds the figures records state about performance: a current value against a target
/// ("currently at 30% ... the national average of 59% by March 2023"), and programme
/// highlights ("791 days of targeted support were delivered").
enum MeasureExtractor {
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// "March 2023" → 2023-03-31; "21st February 2022" → 2022-02-21.
    static func dates(in text: String) -> [CivilDate] {
        let lower = text.lowercased()
        guard let regex = try? NSRegularExpression(pattern: #"(?:(\d{1,2})(?:st|nd|rd|th)? )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{4})"#) else { return [] }
        return regex.matches(in: lower, range: NSRange(lower.startIndex..., in: lower)).compactMap { match in
            func group(_ i: Int) -> String? { Range(match.range(at: i), in: lower).map { String(lower[$0]) } }
            guard let m = group(2).flatMap({ monthNames.firstIndex(of: $0) }), let y = group(3).flatMap(Int.init) else { return nil }
            let d = group(1).flatMap(Int.init) ?? CivilDate.daysIn(month: m + 1, year: y)
            return CivilDate(year: y, month: m + 1, day: d)
        }
    }

    /// A percentage measure against a target, from minutes like seed 002's.
    static func targetMeasure(in text: String, plan: String, reportedOn: CivilDate?) -> Measure? {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard let current = firstMatch(#"currently (?:at|stood at|is) (\d+(?:\.\d+)?)\s?(?:%|per cent)"#, flat).flatMap(Double.init),
              let targetText = firstMatch(#"target of [^.]*?(\d+(?:\.\d+)?)\s?(?:%|per cent) by ([A-Za-z]+ \d{4})"#, flat, group: 1),
              let target = Double(targetText),
              let byText = firstMatch(#"target of [^.]*?(\d+(?:\.\d+)?)\s?(?:%|per cent) by ([A-Za-z]+ \d{4})"#, flat, group: 2),
              let targetDate = dates(in: byText).first else { return nil }
        let name = firstMatch(#"the proportion of (.+?) (?:had|has|was|is|were)\b"#, flat).map { "Proportion of " + $0 }
            ?? "Measure in \(plan)"
        // Dated by the meeting; without one, by the latest date the text gives before the target.
        let date = reportedOn ?? dates(in: flat).filter { $0 < targetDate }.max()
        return Measure(plan: plan, name: name, unit: "%", target: target, targetDate: targetDate, higherIsBetter: true,
                       readings: date.map { [Reading(date: $0, value: current)] } ?? [])
    }

    static func firstMatch(_ pattern: String, _ text: String, group: Int = 1) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let r = Range(match.range(at: group), in: text) else { return nil }
        return String(text[r])
    }

    /// Programme highlights (seed 004): each bullet's first figure becomes a reading of a named
    /// measure at the end of the reporting year ("2022/23" → 31 March 2023).
    static func highlights(text: String, file: String) throws -> ImportedRecords {
        let lines = ModernGovPage.lines(text).map(\.text).filter { !$0.isEmpty }
        guard let title = lines.first,
              let year = firstMatch(#"(\d{4})/(\d{2})\b"#, title, group: 1).flatMap(Int.init) else {
            throw ImportError(file: file, message: "unrecognised format: not a ModernGov page, meeting XML, Cabinet Desk JSON or a programme highlights page")
        }
        let plan = title.components(separatedBy: " – ").first?.components(separatedBy: " - ").first?.trimmingCharacters(in: .whitespaces) ?? title
        let asAt = CivilDate(year: year + 1, month: 3, day: 31)!
        var measures: [Measure] = []
        let stops = [" that ", " were ", " was ", " engaged ", " accessed ", " through ", " including ", " with ", " in total",
                     ",", " – ", " (", ";"]
        for bullet in lines where bullet.hasPrefix("•") || bullet.hasPrefix("·") || bullet.hasPrefix("- ") {
            let body = String(bullet.drop(while: { $0 == "•" || $0 == "·" || $0 == "-" || $0 == " " }))
            guard let regex = try? NSRegularExpression(pattern: #"(\d[\d,]*(?:\.\d+)?)(\s?(?:per cent|%))?"#),
                  let match = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
                  let numberRange = Range(match.range(at: 1), in: body),
                  let value = Double(body[numberRange].replacingOccurrences(of: ",", with: "")) else { continue }
            let isPercent = match.range(at: 2).location != NSNotFound
            let afterStart = Range(match.range, in: body)!.upperBound
            var after = String(body[afterStart...]).trimmingCharacters(in: .whitespaces)
            if after.hasPrefix("of ") { after.removeFirst(3) }
            // A percentage needs its whole subject ("councils that were rated ... by Ofsted").
            for stop in isPercent ? [",", " – ", ";"] : stops { if let r = after.range(of: stop) { after = String(after[..<r.lowerBound]) } }
            // "10 councils and 21 online events": the next figure starts another measure.
            if let r = after.range(of: #" and \d"#, options: .regularExpression) { after = String(after[..<r.lowerBound]) }
            var before = String(body[..<numberRange.lowerBound]).trimmingCharacters(in: .whitespaces)
            for lead in ["we delivered ", "we completed ", "we supported ", "we ", "the "] where before.lowercased().hasPrefix(lead) {
                before = String(before.dropFirst(lead.count))
            }
            var name = after
            if after.split(separator: " ").count <= 1 && before.split(separator: " ").count >= 2 {
                // "corporate parenting support and diagnostic activity in 12 councils"
                name = before.replacingOccurrences(of: #"\s+(in|to|for|of)$"#, with: "", options: .regularExpression) + ": " + after
            }
            name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if name.count > 70 { name = String(name.prefix(69)) + "…" }
            measures.append(Measure(plan: plan, name: (name.prefix(1).uppercased() + name.dropFirst()), unit: isPercent ? "%" : "count",
                                    readings: [Reading(date: asAt, value: value)]))
        }
        guard !measures.isEmpty else {
            throw ImportError(file: file, message: "a highlights page with no figures to record")
        }
        return ImportedRecords(measures: measures)
    }
}
