import Testing
@Test func placeholderDecisionStoreTests() {}
