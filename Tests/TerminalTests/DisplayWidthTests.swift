import Testing
import Foundation
@testable import Terminal

/// The layout's widths are the ones ncursesw places characters by (the C library's wcwidth in a
/// UTF-8 locale); a private table that disagreed shifted the rest of a row by a column per
/// disagreement.
@Suite struct WcwidthAgreementTests {
    @Test func everyAssignedCodePointAgreesWithTheCLibrary() {
        var disagreements: [String] = []
        for value in UInt32(0xA0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                  scalar.properties.generalCategory != .privateUse, scalar.properties.generalCategory != .control else { continue }
            let ours = displayWidth(Character(scalar))
            let theirs = Int(CharacterWidths.measure(value))
            if ours != theirs { disagreements.append(String(format: "U+%04X ours %d wcwidth %d", value, ours, theirs)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagree, e.g. \(disagreements.prefix(5))")
    }

    @Test func theCharactersThatUsedToShiftARow() {
        #expect(displayWidth("\u{00AD}") == CharacterWidths.measure(0xAD), "the soft hyphen, common in text pasted from Word")
        #expect(displayWidth("Co\u{00AD}operative") == 11 + CharacterWidths.measure(0xAD))
        #expect(displayWidth("日本") == 4 && displayWidth("e\u{0301}") == 1 && displayWidth("\u{200B}") == 0)
    }
}
