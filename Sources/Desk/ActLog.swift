import Logging
import Decisions

/// What the Desk tells the log (where the process sends it: the `cabinet` executable writes a
/// file for IT support): each act taken and each refused, by whom, never with withheld text
/// (only ids, kinds and rule ids are logged).
enum ActLog {
    static let logger = Logger(label: "desk")

    static func done(_ actor: Actor, _ what: String) {
        logger.info("\(what)", metadata: ["role": "\(actor.role.rawValue)"])
    }

    static func refused(_ actor: Actor, _ what: String, rule: RuleID) {
        logger.notice("refused \(what) (rule \(rule.id))", metadata: ["role": "\(actor.role.rawValue)"])
    }
}
