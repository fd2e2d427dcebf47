/// A person recorded at a meeting.
public struct Attendee: Hashable, Codable, Sendable {
    public var name: String
    public var role: String?
    public var attendance: String?
    public var party: String?
    public var ward: String?
    public init(name: String, role: String? = nil, attendance: String? = nil, party: String? = nil, ward: String? = nil) {
        self.name = name; self.role = role; self.attendance = attendance; self.party = party; self.ward = ward
    }
}

/// An item on a meeting's agenda, as a member reads it.
public struct AgendaItem: Hashable, Sendable {
    public var id: Int64?
    /// The item number as published, e.g. "35" or "4.".
    public var number: String?
    public var title: String
    public var text: String?
    public var minutes: String?
    public var isRestricted: Bool
    public var documents: [DocumentLink]
    /// The decision taken under this item, when there is one.
    public var decision: Decision?
    /// Store id of that decision once stored.
    public var decisionID: Int64?

    public init(id: Int64? = nil, number: String? = nil, title: String, text: String? = nil, minutes: String? = nil,
                isRestricted: Bool = false, documents: [DocumentLink] = [], decision: Decision? = nil, decisionID: Int64? = nil) {
        self.id = id; self.number = number; self.title = title; self.text = text; self.minutes = minutes
        self.isRestricted = isRestricted; self.documents = documents; self.decision = decision; self.decisionID = decisionID
    }
}

/// A meeting of a decision-making or scrutiny body, with its agenda in order.
public struct Meeting: Hashable, Sendable {
    public var id: Int64?
    /// The publisher's id (e.g. ModernGov meetingid), when known.
    public var reference: String?
    public var body: String
    public var date: CivilDate?
    public var time: String?
    public var location: String?
    public var status: String?
    public var attendees: [Attendee]
    public var items: [AgendaItem]
    public var source: String?

    public init(id: Int64? = nil, reference: String? = nil, body: String, date: CivilDate?, time: String? = nil,
                location: String? = nil, status: String? = nil, attendees: [Attendee] = [], items: [AgendaItem] = [],
                source: String? = nil) {
        self.id = id; self.reference = reference; self.body = body; self.date = date; self.time = time
        self.location = location; self.status = status; self.attendees = attendees; self.items = items; self.source = source
    }

    /// Identity for re-import: the publisher's id, else body and date.
    public var naturalKey: String {
        if let reference, !reference.isEmpty { return "ref:" + reference }
        return "key:" + body.lowercased() + "|" + (date?.iso ?? "-")
    }
}

/// What one imported file holds: decisions on their own, and meetings with their items
/// (whose decisions are linked to the item they were taken under).
public struct ImportedRecords: Sendable {
    public var decisions: [Decision]
    public var meetings: [Meeting]
    /// Figures the records state: readings of named measures, with targets where given.
    public var measures: [Measure]
    public init(decisions: [Decision] = [], meetings: [Meeting] = [], measures: [Measure] = []) {
        self.decisions = decisions; self.meetings = meetings; self.measures = measures
    }
}
