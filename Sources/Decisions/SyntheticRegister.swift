/// A deterministic, realistic register of decisions for demos and benchmarks.
///
/// Each record is a pure function of (seed, index), so any slice can be generated
/// independently and the same seed always gives the same register.
public struct SyntheticRegister: Sendable {
    public let seed: UInt64
    /// Dates run from `today - spanDays` to a few weeks after `today`.
    public let today: CivilDate
    public let spanDays: Int

    public init(seed: UInt64 = 2026, today: CivilDate, spanDays: Int = 365) {
        self.seed = seed; self.today = today; self.spanDays = max(30, spanDays)
    }

    /// SplitMix64: small, fast, and good enough for test data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let portfolios = [
        "Adult Social Care", "Children and Families", "Climate Emergency and Environment", "Finance and Resources",
        "Highways and Transport", "Housing and Homelessness", "Planning and Regeneration", "Public Health",
        "Communities and Culture", "Education and Skills", "Economy and Growth", "Waste and Recycling",
    ]
    static let officers = [
        "Chief Executive", "Director of Place", "Director of Adult Social Services", "Director of Children’s Services",
        "Director of Finance (Section 151 Officer)", "Head of Legal and Democratic Services", "Head of Property",
    ]
    static let subjects = [
        "Highways Maintenance Programme", "Home to School Transport Contract", "Local Plan Review", "Fees and Charges",
        "Leisure Centre Refurbishment", "Adult Social Care Market Sustainability Plan", "Homelessness Prevention Strategy",
        "Council Tax Support Scheme", "Capital Programme", "Library Service Redesign", "Flood Risk Management Strategy",
        "Electric Vehicle Charging Points", "Waste Collection Contract", "Special Educational Needs Transport Policy",
        "Affordable Housing Delivery Plan", "Town Centre Regeneration Masterplan", "Corporate Debt Recovery Policy",
        "Street Lighting LED Replacement", "Youth Services Commissioning", "Domestic Abuse Safe Accommodation Strategy",
        "Bus Service Improvement Plan", "Playing Pitch Strategy", "Public Toilets Review", "Carbon Reduction Action Plan",
    ]
    static let places = [
        "Station Road", "Market Square", "Ravensworth Park", "Wickham Green", "Millbrook Estate", "the Old Bakery site",
        "Hollins Lane", "Castle Street", "Riverside Quarter", "Thornbury Fields", "Ashdown Close", "Kingsmead",
    ]
    static let wards = [
        "Abbey", "Castle", "Eastfield", "Hollins", "Kingsmead", "Millbrook", "Northgate", "Riverside", "St Mary’s",
        "Thornbury", "Westwood", "Wickham",
    ]
    static let verbs = [
        "Approval of the", "Adoption of the", "Award of contract for the", "Review of the", "Consultation on the",
        "Procurement of the", "Funding for the", "Extension of the",
    ]
    /// Words few records contain, so search has rare words to find (about 1 in 2,000 each).
    static let rareWords = ["Zennor", "Quenby", "Yarlside", "Oxcombe"]
    static let authors = [
        "Sarah Okafor", "James Whitfield", "Priya Shah", "Tom Llewellyn", "Grace Adeyemi", "Rhys Morgan", "Helen Brook",
        "Daniel Kowalski", "Aisha Rahman", "Mark Pennington",
    ]
    static let rationale = [
        "to ensure the council meets its statutory duties", "to deliver savings identified in the medium term financial strategy",
        "following consultation with residents and partners", "to respond to increased demand for services",
        "to secure best value for the council", "in line with the corporate plan priorities",
        "to address the findings of the external audit", "to reduce carbon emissions across the borough",
    ]

    /// The status label a council would publish for a stage.
    public static func publishedStatus(for stage: Stage) -> String {
        switch stage {
        case .proposed: "For Determination"
        case .decided: "Recommendations Approved"
        case .published: "Recommendations Approved (subject to call-in)"
        case .calledIn: "Called In"
        case .effective: "Approved"
        case .implemented: "Implemented"
        case .rejected: "Rejected"
        case .deferred: "Deferred"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Record number `index` (0-based) of the register.
    public func decision(_ index: Int) -> Decision {
        var random = Random(state: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index) &* 0x9E37_79B9)
        _ = random.next()
        let kindRoll = random.below(100)
        let maker: String
        if kindRoll < 30 {
            maker = "Cabinet"
        } else if kindRoll < 75 {
            maker = "Cabinet Member for " + random.pick(Self.portfolios)
        } else {
            maker = random.pick(Self.officers)
        }
        let subject = random.pick(Self.subjects)
        let place = random.pick(Self.places)
        let year = today.year - random.below(max(1, spanDays / 365))
        let title: String = switch random.below(4) {
        case 0: "\(random.pick(Self.verbs)) \(subject) \(year)/\(String(year + 1).suffix(2))"
        case 1: "\(subject): \(place)"
        case 2: "\(random.pick(Self.verbs)) \(subject)"
        default: "Disposal of land at \(place)"
        }
        let isKey = random.chance(25) && maker != "Cabinet Member for Public Health"
        let isUrgent = random.chance(6)
        let isExempt = random.chance(8)
        let callIn = !isUrgent && !maker.hasPrefix("Director") && !maker.hasPrefix("Head") && maker != "Chief Executive"
            && random.chance(85)

        // Dates: most in the past year, some in the coming weeks (proposed).
        let offset = random.below(spanDays + 35) - spanDays
        let decisionDate = today.adding(days: offset)
        let weekdayShift = decisionDate.weekday >= 6 ? 8 - decisionDate.weekday : 0
        let decided = decisionDate.adding(days: weekdayShift)
        var stage: Stage
        let daysAgo = decided.days(until: today)
        if daysAgo < 0 {
            stage = random.chance(85) ? .proposed : .deferred
        } else if daysAgo <= 2 {
            stage = random.chance(50) ? .decided : .published
        } else if daysAgo <= 9 {
            stage = callIn ? (random.chance(12) ? .calledIn : .published) : .effective
        } else {
            let roll = random.below(100)
            stage = roll < 45 ? .effective : roll < 85 ? .implemented : roll < 91 ? .rejected : roll < 96 ? .withdrawn : .deferred
        }
        var publication: CivilDate? = nil
        var effective: CivilDate? = nil
        if [.published, .calledIn, .effective, .implemented, .rejected].contains(stage) {
            publication = decided.adding(days: decided.weekday == 5 ? 3 : 1)
        }
        if let published = publication, callIn, stage == .effective || stage == .implemented {
            // Effective only once the call-in period is over.
            let end = WorkingCalendar.englandAndWales.addingWorkingDays(5, to: published)
            if end >= today { stage = .published } else { effective = end.adding(days: 1) }
        } else if stage == .effective || stage == .implemented {
            effective = publication
        }
        let taken = ![.proposed, .deferred, .withdrawn].contains(stage)
        var procedure = Procedure()
        if isKey {
            procedure.noticeDate = decided.adding(days: -(random.chance(85) ? 35 + random.below(30) : 10 + random.below(15)))
            if isUrgent { procedure.specialUrgencyConsent = "Chair of Overview and Scrutiny Committee" }
        }
        if !taken { procedure.scheduledFor = decided }
        if stage == .calledIn { procedure.calledInDate = publication!.adding(days: 2) }

        let resolutionCount = 1 + random.below(4)
        let numbered = random.chance(50)
        let resolutions = (0..<resolutionCount).map { n in
            let label = resolutionCount == 1 ? nil : numbered ? "\(n + 1)." : "(\(Character(UnicodeScalar(97 + n)!)))"
            let text: String = switch n {
            case 0: "That the \(subject) be approved \(random.pick(Self.rationale))."
            case 1: "That authority be delegated to the \(random.pick(Self.officers)), in consultation with the portfolio holder, to finalise the terms."
            case 2: "That a further report be brought to Cabinet within six months on progress at \(place)."
            default: "That the budget of £\(50 + random.below(900)),000 be allocated from the capital programme."
            }
            return Resolution(label: label, text: text)
        }
        let ward = random.pick(Self.wards)
        let meeting: MeetingReference? = maker == "Cabinet"
            ? MeetingReference(body: "Cabinet", date: decided, item: String(4 + random.below(12))) : nil
        return Decision(
            reference: "SYN-\(seed)-\(index + 1)",
            title: title, decisionMaker: maker, meeting: meeting,
            status: Self.publishedStatus(for: stage), stage: stage,
            isKeyDecision: isKey,
            keyReason: isKey ? (random.chance(50) ? "Expenditure or savings above the key decision threshold" : "Significant effect on two or more wards") : nil,
            isSubjectToCallIn: callIn, isUrgent: isUrgent,
            urgencyReason: isUrgent ? "The decision could not reasonably be deferred because funding must be committed before \(decided.adding(days: 10).ukNumeric)." : nil,
            exemptParagraphs: isExempt ? [3] : [],
            wards: random.chance(30) ? [ward, Self.wards[(Self.wards.firstIndex(of: ward)! + 1 + random.below(Self.wards.count - 1)) % Self.wards.count]] : [ward],
            reportAuthor: random.pick(Self.authors),
            publicationDate: publication,
            decisionDate: taken ? decided : nil,
            effectiveFrom: effective,
            purpose: (random.below(500) == 0 ? "Including the \(random.pick(Self.rareWords)) allotments. " : "") + "To consider the \(title.hasPrefix("Disposal") ? "disposal of land at \(place)" : subject) for the \(ward) ward, \(random.pick(Self.rationale)).",
            // The resolutions are the decision: no separate text to repeat them.
            decisionText: nil,
            resolutions: resolutions,
            reasons: "The recommendations are made \(random.pick(Self.rationale)) and \(random.pick(Self.rationale)).",
            alternatives: "To do nothing: rejected because the council would not meet its obligations at \(place).",
            interests: random.chance(10) ? "Councillor \(random.pick(Self.authors).split(separator: " ").last!) declared a non-pecuniary interest." : nil,
            documents: [DocumentLink(title: "Report: \(subject)", url: "https://democracy.example.gov.uk/documents/s\(100_000 + index)/report.pdf")],
            source: "synthetic:\(seed)",
            procedure: procedure)
    }
}
