/// A dated value of a measure.
public struct Reading: Hashable, Codable, Sendable {
    public var date: CivilDate
    public var value: Double
    public init(date: CivilDate, value: Double) { self.date = date; self.value = value }
}

/// A measured target of an improvement plan, e.g. "EHCPs issued within 20 weeks": 30% now,
/// 59% by March 2023.
public struct Measure: Hashable, Sendable {
    public var id: Int64?
    public var plan: String
    public var name: String
    public var unit: String
    public var baseline: Double?
    public var target: Double?
    public var targetDate: CivilDate?
    public var higherIsBetter: Bool
    public var readings: [Reading]

    public init(id: Int64? = nil, plan: String, name: String, unit: String = "", baseline: Double? = nil, target: Double? = nil,
                targetDate: CivilDate? = nil, higherIsBetter: Bool = true, readings: [Reading] = []) {
        self.id = id; self.plan = plan; self.name = name; self.unit = unit; self.baseline = baseline; self.target = target
        self.targetDate = targetDate; self.higherIsBetter = higherIsBetter; self.readings = readings
    }

    public var latest: Reading? { readings.max { $0.date < $1.date } }

    public enum Progress: String, Sendable { case met, onTrack = "on track", offTrack = "off track", missed, noTarget = "no target", noReading = "no reading" }

    /// Whether the latest reading is where a straight line from the first reading (or the
    /// baseline) to the target says it should be by now.
    public func progress(today: CivilDate) -> Progress {
        guard let target else { return .noTarget }
        guard let latest else { return .noReading }
        let better: (Double, Double) -> Bool = higherIsBetter ? { $0 >= $1 } : { $0 <= $1 }
        if better(latest.value, target) { return .met }
        guard let targetDate else { return .offTrack }
        if latest.date >= targetDate || today > targetDate { return .missed }
        let sorted = readings.sorted { $0.date < $1.date }
        let start = sorted.first!
        let startValue = baseline ?? start.value
        let span = Double(start.date.days(until: targetDate))
        guard span > 0 else { return .offTrack }
        let elapsed = Double(start.date.days(until: latest.date)) / span
        let expected = startValue + (target - startValue) * elapsed
        return better(latest.value, expected) ? .onTrack : .offTrack
    }

    /// A trend line of the readings in block characters, oldest first (the newest `width`).
    public func sparkline(width: Int = 12) -> String {
        let values = readings.sorted { $0.date < $1.date }.suffix(width).map(\.value)
        guard let low = values.min(), let high = values.max() else { return "" }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { v in high == low ? blocks[3] : blocks[Int((v - low) / (high - low) * 7)] })
    }
}
