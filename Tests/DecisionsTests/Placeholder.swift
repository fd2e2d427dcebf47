import Testing
@Test func placeholderDecisionsTests() {}
