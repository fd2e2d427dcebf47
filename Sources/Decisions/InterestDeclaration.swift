/// The kinds of interest a member declares, as the Local Government Association's Model
/// Councillor Code of Conduct (2020) names them.
public enum InterestKind: String, CaseIterable, Codable, Sendable {
    case disclosablePecuniary = "disclosable-pecuniary"
    case otherRegistrable = "other-registrable"
    case nonRegistrable = "non-registrable"

    public var label: String {
        switch self {
        case .disclosablePecuniary: "disclosable pecuniary interest"
        case .otherRegistrable: "other registrable interest"
        case .nonRegistrable: "non-registrable interest"
        }
    }

    /// Reads a kind as typed: its name, or wording that says which it is.
    public static func parse(_ text: String) -> InterestKind? {
        let t = text.lowercased()
        if let exact = InterestKind(rawValue: t) { return exact }
        if t.contains("pecuniary") || t == "dpi" { return .disclosablePecuniary }
        if t.hasPrefix("non") { return .nonRegistrable }
        if t.contains("registrable") || t == "ori" { return .otherRegistrable }
        return nil
    }
}

/// A member's declaration of interest in an agenda item; regulation 13 of SI 2012/2089 puts
/// conflicts of interest declared, and any dispensation granted, on the record of decision.
public struct InterestDeclaration: Hashable, Codable, Sendable {
    public var id: Int64?
    public var agendaItemID: Int64
    public var member: String
    public var kind: InterestKind
    /// What the interest is, as declared.
    public var detail: String?
    /// The dispensation granted (by whom, under s33 Localism Act 2011), when one was.
    public var dispensation: String?

    public init(id: Int64? = nil, agendaItemID: Int64, member: String, kind: InterestKind, detail: String? = nil,
                dispensation: String? = nil) {
        self.id = id; self.agendaItemID = agendaItemID; self.member = member; self.kind = kind; self.detail = detail
        self.dispensation = dispensation
    }
}

/// Whether someone recorded at a meeting was there.
public enum Attendance: String, CaseIterable, Sendable {
    case present
    case apologies
    case absent
}
