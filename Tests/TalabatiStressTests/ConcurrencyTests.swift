import Foundation
import GRDB
import TalabatiDomain
import TalabatiStore
import Testing

/// Concurrent sessions (issue 7): several `talabati` processes race for the same items,
/// shipment or order. Exactly one wins, the others get the clear "already cancelled" /
/// "already archived" answer with exit 3, the refund is issued once (R9), and SQLite's
/// "database is locked" never reaches the shopper.
@Suite(.serialized) struct ConcurrencyTests {
  /// Starts every command at once and waits for all of them.
  static func race(_ commands: [[String]]) throws -> [Talabati.Run] {
    let children = try commands.map { try Talabati.Child($0) }
    return children.map { $0.finish() }
  }

  /// Checks one race: one exit 0, the rest exit 3 with the "already" answer.
  static func expectOneWinner(
    _ runs: [Talabati.Run], loserSays phrase: String, json: Bool,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let winners = runs.filter { $0.code == 0 }
    #expect(winners.count == 1, "winners: \(runs.map(\.code))", sourceLocation: sourceLocation)
    for run in runs {
      #expect(!run.killed, sourceLocation: sourceLocation)
      #expect(
        !leaksLockError(run.stderr + run.stdout), "\(run.stderr)", sourceLocation: sourceLocation)
      #expect(!run.stderr.contains("busy"), "\(run.stderr)", sourceLocation: sourceLocation)
      guard run.code != 0 else { continue }
      #expect(
        run.code == 3, "loser exit \(run.code): \(run.stderr)", sourceLocation: sourceLocation)
      let said = json ? run.stdout : run.stderr
      #expect(said.contains(phrase), "loser said: \(said)", sourceLocation: sourceLocation)
    }
  }

  @Test func racingCancelsAndArchivesHaveExactlyOneWinner() throws {
    let dir = Scratch.directory("race")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let f = try StressFixture.make(in: dir, shipmentOrders: 3, itemOrders: 4)
    let store = ["--store", f.path, "--now", Talabati.now]
    var finished: [(CrashSafetyTests.Op, Talabati.Run)] = []

    // Three sessions cancel the same shipment (R4): one refund.
    for o in f.shipmentOrders {
      let s = o.cancellable[0]
      let op = CrashSafetyTests.Op.cancelShipment(o.id, s)
      let runs = try Self.race(Array(repeating: op.args(store: f.path), count: 3))
      Self.expectOneWinner(runs, loserSays: "already-cancelled", json: true)
      finished += runs.map { (op, $0) }
    }
    // Three sessions tick the same items, in text mode: the losers read "Already cancelled".
    for o in f.itemOrders.prefix(2) {
      let ids = Array(o.items.prefix(2)).map(String.init).joined(separator: ",")
      let args = ["cancel", o.id, "--items", ids, "--reason", "changed-mind"] + store
      let runs = try Self.race(Array(repeating: args, count: 3))
      Self.expectOneWinner(runs, loserSays: "Already cancelled", json: false)
      let op = CrashSafetyTests.Op.cancelItems(o.id, Array(o.items.prefix(2)))
      // Text-mode runs carry no JSON: only the store-side invariants use them.
      finished += runs.filter { $0.code != 0 }.map { (op, $0) }
    }
    // --all against --items of one of its items: whichever wins, the item is refunded once.
    let contested = f.itemOrders[2]
    let mixedRuns = try Self.race([
      CrashSafetyTests.Op.cancelAll(contested.id).args(store: f.path),
      CrashSafetyTests.Op.cancelItems(contested.id, [contested.items[0]]).args(store: f.path),
    ])
    let successes = mixedRuns.filter { $0.code == 0 }
    #expect(successes.count >= 1, "\(mixedRuns.map(\.stderr))")
    for r in mixedRuns { #expect(!leaksLockError(r.stderr), "\(r.stderr)") }
    // Three sessions archive the same order (R17): one archives, two hear it already is.
    for o in f.allOrderIDs.prefix(3) {
      let runs = try Self.race(Array(repeating: ["archive", o] + store, count: 3))
      Self.expectOneWinner(runs, loserSays: "already archived", json: false)
    }
    // And unarchive races the same way (R18).
    let back = f.allOrderIDs[0]
    let unruns = try Self.race(Array(repeating: ["unarchive", back] + store, count: 3))
    Self.expectOneWinner(unruns, loserSays: "not archived", json: false)

    try CrashSafetyTests.checkInvariants(f, finished: finished)
    let db = try Inspector(path: f.path)
    for o in f.shipmentOrders {
      let n = try db.int(
        "SELECT count(*) FROM event WHERE orderId = ? AND kind = 'items-cancelled'", [o.id])
      #expect(n == 1, "order \(o.id): \(n) refunds for one shipment cancel (R9)")
    }
  }

  /// A session that holds the write lock for a while (another talabati in the middle of a
  /// long import): a cancel waits for it and then succeeds.
  @Test func aCommandWaitsForAShortLockAndSucceeds() throws {
    let dir = Scratch.directory("lock")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let f = try StressFixture.make(in: dir, shipmentOrders: 1, itemOrders: 1)
    let holder = try DatabaseQueue(path: f.path)
    let started = Date()
    let result = try holder.writeWithoutTransaction { db -> Talabati.Run in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      let child = try Talabati.Child(
        [
          "cancel", f.itemOrders[0].id, "--all", "--reason", "changed-mind", "--store", f.path,
          "--now", Talabati.now, "--json",
        ])
      usleep(1_500_000)
      try db.execute(sql: "COMMIT")
      return child.finish()
    }
    #expect(result.code == 0, "the cancel gave up instead of waiting: \(result.stderr)")
    #expect(Date().timeIntervalSince(started) >= 1.4)
    #expect(!leaksLockError(result.stderr))
  }

  /// A lock held longer than the busy timeout (5 s): a clear one-line answer, exit 5, nothing
  /// changed and nothing of SQLite's wording.
  @Test func aCommandBlockedTooLongSaysSoClearly() throws {
    let dir = Scratch.directory("lock2")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let f = try StressFixture.make(in: dir, shipmentOrders: 1, itemOrders: 1)
    let holder = try DatabaseQueue(path: f.path)
    let result = try holder.writeWithoutTransaction { db -> Talabati.Run in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      defer { try? db.execute(sql: "ROLLBACK") }
      return try Talabati.Child(
        ["archive", f.itemOrders[0].id, "--store", f.path, "--now", Talabati.now]
      ).finish()
    }
    #expect(result.code == 5, "exit \(result.code): \(result.stderr)")
    #expect(result.stderr.contains("busy"), "no clear message: \(result.stderr)")
    #expect(!leaksLockError(result.stderr), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    let db = try Inspector(path: f.path)
    #expect(try db.int("SELECT count(*) FROM \"order\" WHERE archived = 1") == 0)
    // Reads are not blocked by a writer (WAL): `show` answers at once during a lock.
  }
}
