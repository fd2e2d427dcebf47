import Foundation
import PostgresClient
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct NotificationTests {
    @Test func aNotifyReachesAListenerOnAnotherConnection() throws {
        let listener = try TestServer.connectAsAdministrator(), notifier = try TestServer.connectAsAdministrator()
        let channel = TestServer.uniqueName("register")
        try listener.listen(channel)
        try notifier.notify(channel, payload: "decision 42 — changed")
        let notification = try #require(try listener.waitForNotification(timeout: .seconds(10)))
        #expect(notification.channel == channel)
        #expect(notification.payload == "decision 42 — changed")
        #expect(notification.senderProcessID == notifier.backendProcessID)
        #expect(try listener.waitForNotification(timeout: .zero) == nil, "delivered once")
    }

    @Test func notificationsSentInATransactionArriveAtCommitInOrder() throws {
        let listener = try TestServer.connectAsAdministrator(), notifier = try TestServer.connectAsAdministrator()
        let channel = TestServer.uniqueName("register")
        try listener.listen(channel)
        try notifier.transaction { notifier in
            for payload in ["one", "two", "three"] { try notifier.notify(channel, payload: payload) }
            #expect(try listener.waitForNotification(timeout: .milliseconds(200)) == nil, "not before COMMIT")
        }
        var payloads: [String] = []
        while payloads.count < 3, let notification = try listener.waitForNotification(timeout: .seconds(10)) {
            payloads.append(notification.payload)
        }
        #expect(payloads == ["one", "two", "three"])
    }

    @Test func aRolledBackNotifyIsNeverDelivered() throws {
        let listener = try TestServer.connectAsAdministrator(), notifier = try TestServer.connectAsAdministrator()
        let channel = TestServer.uniqueName("register")
        try listener.listen(channel)
        #expect(throws: ThrownOnPurpose.self) {
            try notifier.transaction { notifier in
                try notifier.notify(channel, payload: "half-written")
                throw ThrownOnPurpose()
            }
        }
        try notifier.notify(channel, payload: "after")
        let next = try listener.waitForNotification(timeout: .seconds(10))
        #expect(next?.payload == "after", "the rolled-back one would have come first")
    }

    @Test func theWaitEndsAtItsTimeoutWhenNothingComes() throws {
        let listener = try TestServer.connectAsAdministrator(), notifier = try TestServer.connectAsAdministrator()
        let channel = TestServer.uniqueName("register")
        try listener.listen(channel)
        try notifier.notify(TestServer.uniqueName("elsewhere"), payload: "not for this listener")
        let clock = ContinuousClock()
        let started = clock.now
        let notification = try listener.waitForNotification(timeout: .milliseconds(400))
        let waited = clock.now - started
        #expect(notification == nil)
        #expect(waited >= .milliseconds(400), "\(waited)")
        #expect(waited < .milliseconds(1500), "\(waited): blocked beyond the timeout")

        let started2 = clock.now
        #expect(try listener.waitForNotification(timeout: .zero) == nil)
        #expect(clock.now - started2 < .milliseconds(200), "a zero timeout only looks")
    }

    @Test func anUnlistenedChannelIsNoLongerHeard() throws {
        let listener = try TestServer.connectAsAdministrator(), notifier = try TestServer.connectAsAdministrator()
        let quiet = TestServer.uniqueName("register"), loud = TestServer.uniqueName("register")
        try listener.listen(quiet)
        try listener.listen(loud)
        try listener.unlisten(quiet)
        try notifier.notify(quiet, payload: "unheard")
        try notifier.notify(loud, payload: "heard")
        #expect(try listener.waitForNotification(timeout: .seconds(10))?.payload == "heard")
    }

    @Test func aChannelNameTheServerWouldTruncateIsRefused() throws {
        let connection = try TestServer.connectAsAdministrator()
        let long = String(repeating: "r", count: 64)
        #expect(throws: PostgresError.self) { try connection.listen(long) }
        #expect(throws: PostgresError.self) { try connection.notify(long) }
        try connection.listen(String(repeating: "r", count: 63))
    }
}
