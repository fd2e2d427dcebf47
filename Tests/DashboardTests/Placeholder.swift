import Testing
@Test func placeholderDashboardTests() {}
