import Testing
@Test func placeholderInterchangeTests() {}
