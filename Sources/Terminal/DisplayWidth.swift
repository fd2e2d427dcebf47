import CNcursesw

/// Display width in terminal columns, as the C library's `wcwidth` gives it in a UTF-8 locale:
/// the table ncursesw places characters by, so a row laid out here lines up on the screen
/// (a private table disagreed with it on 345 characters, the soft hyphen among them).
/// A character is as wide as its scalars together; a control character is drawn as nothing
/// (the text is neutralised before it is drawn).
public func displayWidth(_ text: String) -> Int {
    var total = 0
    for scalar in text.unicodeScalars { total += scalarWidth(scalar) }
    return total
}

public func displayWidth(_ character: Character) -> Int {
    if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
    var total = 0
    for scalar in character.unicodeScalars { total += scalarWidth(scalar) }
    return total
}

@inline(__always)
func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value < 0x20 ? 0 : 1 }
    if value < 0x10000 { return Int(CharacterWidths.basicPlane[Int(value)]) }
    return CharacterWidths.measure(value)
}

/// `wcwidth` in a UTF-8 locale (`cabinet_wcwidth_utf8`): the basic plane once, up front; other
/// planes as they are asked for.
enum CharacterWidths {
    static let basicPlane: [Int8] = (0..<0x10000).map { value in
        // Surrogates are not characters: nothing to draw.
        (0xD800...0xDFFF).contains(value) ? 0 : Int8(max(0, cabinet_wcwidth_utf8(UInt32(value))))
    }

    static func measure(_ value: UInt32) -> Int { max(0, Int(cabinet_wcwidth_utf8(value))) }
}
