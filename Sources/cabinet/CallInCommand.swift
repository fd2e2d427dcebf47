import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Terminal

struct CallInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call-in",
        abstract: "Call-in requests: members sign them as themselves; the decision is called in when enough have signed.",
        discussion: """
            Each member signs, logged in as themselves, within the call-in period (rule P-SIGN-CALL-IN);
            the council's number of signatures (`cabinet rules show`: call-in-members) calls the decision in.
            A signatory may withdraw their signature. An officer records a paper request's signatures
            on the members' behalf, with the date signed and a reason (rule P-PAPER-CALL-IN).

            Examples:
              cabinet call-in sign 12 --grounds "Consultation with ward members was inadequate"
              cabinet call-in show 12
              cabinet call-in withdraw 12
              cabinet call-in record 12 --member "Cllr Ahmed" --signed-on 2026-11-27 --reason "Paper request received by post"
            """,
        subcommands: [Show.self, Sign.self, Withdraw.self, Record.self], defaultSubcommand: Show.self)

    static func report(_ result: Result<CallInSignOutcome, ActRefusal>, id: Int64) throws {
        switch result {
        case .success(.recorded(let signatures, let required, let signatories)):
            print("Signed: the call-in request for #\(id) has \(signatures) of \(required) signatures ("
                  + sanitizeForTerminal(signatories.joined(separator: ", ")) + ")")
        case .success(.calledIn(let outcome)):
            print("Called in: #\(id) is now \(outcome.decision.stage.label) ("
                  + sanitizeForTerminal(outcome.decision.procedure.callInMembers.joined(separator: ", ")) + ")")
        case .failure(.workflow(let refusal)):
            throw CommandFailure(message: "refused: \(refusal.message)\n  rule: \(refusal.rule)\n  nothing was changed")
        case .failure(.permission(let refusal)):
            throw CommandFailure(message: refusal.description)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The pending call-in request of a decision and its signatures.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The decision's id.") var id: Int64
        func run() throws {
            let session = try Session(storeOptions)
            guard try session.desk.decision(id: id) != nil else { throw StoreError.notFound(id: id) }
            guard let request = try session.desk.pendingCallIn(id: id) else {
                print("No call-in request is pending for #\(id).")
                return
            }
            let required = try session.desk.rules().callInMembersRequired
            print("Call-in request for #\(id): \(request.activeSignatories.count) of \(required) signatures")
            for s in request.signatures {
                var line = "  " + sanitizeForTerminal(s.signatory) + "  signed \(s.signedOn.iso)"
                if let reason = s.paperReason { line += "  (paper, recorded by \(s.recordedBy): " + sanitizeForTerminal(reason) + ")" }
                if let withdrawn = s.withdrawnOn { line += "  withdrawn \(withdrawn.iso)" }
                print(line)
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a decision's call-in request as yourself (members, scrutiny chair).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The decision's id.") var id: Int64
        @Option(name: .long, help: "Why the decision should be called in (when opening the request).") var grounds: String?
        func run() throws {
            let session = try Session(storeOptions)
            try CallInCommand.report(try session.desk.signCallIn(id: id, grounds: grounds), id: id)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw your signature (officers: --member for a paper signature).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The decision's id.") var id: Int64
        @Option(name: .long, help: "officers: the paper signatory whose signature is withdrawn.") var member: String?
        func run() throws {
            let session = try Session(storeOptions)
            let request = try session.desk.withdrawCallInSignature(id: id, member: member)
            print(request.state == .withdrawn
                  ? "Withdrawn: the call-in request for #\(id) has no signatures left and is withdrawn"
                  : "Withdrawn: the call-in request for #\(id) has \(request.activeSignatories.count) signatures")
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a signature from a paper request (officers).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The decision's id.") var id: Int64
        @Option(name: .long, help: "The member, as signed.") var member: String
        @Option(name: .customLong("signed-on"), help: ArgumentHelp("The date they signed (default today).", valueName: "date")) var signedOn: String?
        @Option(name: .long, help: "Why it is recorded on their behalf (e.g. received by post).") var reason: String?
        @Option(name: .long, help: "The grounds for the call-in (when opening the request).") var grounds: String?
        func run() throws {
            let date = try signedOn.map { try FilterOptions.date($0, option: "--signed-on") }
            let session = try Session(storeOptions)
            try CallInCommand.report(try session.desk.recordPaperSignature(id: id, member: member, signedOn: date, reason: reason,
                                                                           grounds: grounds), id: id)
        }
    }
}
