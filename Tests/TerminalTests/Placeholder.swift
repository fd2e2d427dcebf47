import Testing
@Test func placeholderTerminalTests() {}
