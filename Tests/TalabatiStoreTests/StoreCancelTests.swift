import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

@Suite("Cancelling: one transaction, policy, message")
struct StoreCancelTests {
  /// A snapshot of everything a cancel may touch, to prove "no trace".
  struct Trace: Equatable {
    var order: Order
    var events: Int
    var outbox: Int
    var summary: OrderSummary?
    var maildirNew: [String]
    var maildirTmp: [String]
  }

  func trace(_ db: AppDatabase, _ id: OrderID, maildir: String? = nil) throws -> Trace {
    let page = try db.orders(account: 1, view: .all, limit: 100, after: nil, now: Fixture.t0)
    return Trace(
      order: try db.order(id, account: 1), events: try db.events(order: id, account: 1).count,
      outbox: try db.outbox(account: 1, limit: 100).count,
      summary: page.rows.first { $0.id == id },
      maildirNew: maildir.map { Fixture.files($0 + "/new") } ?? [],
      maildirTmp: maildir.map { Fixture.files($0 + "/tmp") } ?? [])
  }

  /// Given a store-fulfilled order before shipping, when the shopper cancels one item then it is
  /// recorded with its reason, the refund is right (R9), an event and a message exist (R6).
  @Test func cancelRecordsItemsEventAndMessage() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    let o = Fixture.order(
      1, placedAt: Fixture.t0, shipments: [[("سماعة سوني", .store), ("كابل", .store)]])
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let now = Fixture.t0.addingTimeInterval(3600)

    let outcome = try db.cancel(
      .wholeOrder, in: o.id, account: 1, reason: .foundCheaper, at: now, actor: "cli")

    // Whole shipment cancelled: both lines and the shipping come back.
    #expect(outcome.refund.total == Money(minor: 2 * 10_000 + 1_500))
    let stored = try db.order(o.id, account: 1)
    #expect(
      stored.items.allSatisfy { $0.cancellation == Cancellation(at: now, reason: .foundCheaper) })
    #expect(stored == outcome.order)
    let kinds = try db.events(order: o.id, account: 1).map(\.kind)
    #expect(kinds == [.orderPlaced, .itemsCancelled, .messageSent])
    let detail = try #require(
      try db.events(order: o.id, account: 1).first { $0.kind == .itemsCancelled })
    #expect(detail.detail.contains("\"refundTotal\":21500"))
    #expect(detail.actor == "cli")
    let sent = try db.outbox(account: 1, limit: 10)
    #expect(sent.count == 1)
    #expect(sent[0].kind == .cancellation)
    #expect(sent[0].recipient == "sara@example.com")
    #expect(sent[0].message.contains("215.00 ر.س."))  // refund total in the Arabic body
    let file = try #require(sent[0].maildirFile)
    #expect(Fixture.files(dir + "/Maildir/new") == [file])
    #expect(Fixture.files(dir + "/Maildir/tmp").isEmpty)
    let onDisk = try String(contentsOfFile: dir + "/Maildir/new/" + file, encoding: .utf8)
    #expect(onDisk == sent[0].message)
  }

  /// R4: one item of the shipment has entered shipping → the whole shipment cancel is refused,
  /// with the reason per item, and the store is unchanged.
  @Test func shipmentCancelRefusedLeavesStoreUnchanged() throws {
    let db = try Fixture.memoryStore()
    // Third-party seller items: the 30-minute window (R3) closes before `now`.
    let o = Fixture.order(
      1, placedAt: Fixture.t0, shipments: [[("عطر", .seller), ("بخور", .seller)]])
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let before = try trace(db, o.id)
    let now = Fixture.t0.addingTimeInterval(31 * 60)

    #expect {
      try db.cancel(
        .shipment(o.shipments[0].id), in: o.id, account: 1, reason: .other, at: now, actor: "t")
    } throws: { error in
      guard case Refusal.cancel(.refused(let refusals)) = error else { return false }
      return refusals.map(\.refusal) == [.sellerWindowClosed, .sellerWindowClosed]
    }
    #expect(try trace(db, o.id) == before)

    // R3: inside the window the same request succeeds.
    let inside = Fixture.t0.addingTimeInterval(29 * 60)
    let done = try db.cancel(
      .shipment(o.shipments[0].id), in: o.id, account: 1, reason: .other, at: inside, actor: "t")
    #expect(done.cancelledItems.count == 2)
  }

  /// R1: an item whose shipment has entered shipping is refused.
  @Test func enteredShippingIsRefused() throws {
    let db = try Fixture.memoryStore()
    let o = Fixture.order(
      1, placedAt: Fixture.t0, shippingStartsAt: Fixture.t0.addingTimeInterval(600))
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    #expect(throws: Refusal.self) {
      try db.cancel(
        .wholeOrder, in: o.id, account: 1, reason: .other,
        at: Fixture.t0.addingTimeInterval(601), actor: "t")
    }
    #expect(try db.order(o.id, account: 1).items[0].cancellation == nil)
  }

  /// Atomicity: a failure after the item update, or just before COMMIT (after the message file
  /// was written), leaves no trace: items, summary, events, outbox and Maildir unchanged.
  @Test(arguments: [AppDatabase.FaultPoint.afterItemUpdate, .beforeCommit])
  func failingStepLeavesNoTrace(fault: AppDatabase.FaultPoint) throws {
    let dir = try Fixture.tempDir()
    let maildir = dir + "/Maildir"
    let db = try Fixture.memoryStore(maildir: maildir)
    let o = Fixture.order(1, placedAt: Fixture.t0)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    db.arm(fault)
    let before = try trace(db, o.id, maildir: maildir)

    #expect(throws: StoreError.self) {
      try db.cancel(.wholeOrder, in: o.id, account: 1, reason: .other, at: Fixture.t0, actor: "t")
    }
    #expect(try trace(db, o.id, maildir: maildir) == before)
    #expect(before.maildirNew.isEmpty && before.maildirTmp.isEmpty)
  }

  /// Two sessions race for the same item on one file: exactly one cancellation and one refund;
  /// the other is refused as already cancelled.
  @Test func racingSessionsRefundOnce() async throws {
    let dir = try Fixture.tempDir()
    let path = dir + "/talabati.sqlite"
    let first = try AppDatabase.openFile(at: path)
    try first.createAccount(Fixture.shopper)
    let o = Fixture.order(1, placedAt: Fixture.t0)
    _ = try first.insert(orders: [o], account: 1, actor: "test")
    let second = try AppDatabase.openFile(at: path)

    let results = await withTaskGroup(of: Bool.self) { group in
      for db in [first, second] {
        group.addTask {
          (try? db.cancel(
            .items([o.items[0].id]), in: o.id, account: 1, reason: .other, at: Fixture.t0,
            actor: "t")) != nil
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.filter { $0 }.count == 1)
    #expect {
      try second.cancel(
        .items([o.items[0].id]), in: o.id, account: 1, reason: .other, at: Fixture.t0, actor: "t")
    } throws: { error in
      guard case Refusal.cancel(.refused(let refusals)) = error else { return false }
      return refusals.map(\.refusal) == [.alreadyCancelled]
    }
    #expect(try first.outbox(account: 1, limit: 10).count == 1)
    #expect(Fixture.files(dir + "/Maildir/new").count == 1)
  }

  /// R17: archiving sends a confirmation and records an event; twice is refused clearly.
  @Test func archiveConfirmsAndRefusesTwice() throws {
    let db = try Fixture.memoryStore()
    let o = Fixture.order(1, placedAt: Fixture.t0)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let archived = try db.archive(order: o.id, account: 1, at: Fixture.t0, actor: "tui")
    #expect(archived.archivedAt == Fixture.t0)
    #expect(try db.outbox(account: 1, limit: 5).map(\.kind) == [.archive])
    #expect(throws: Refusal.archive(.alreadyArchived)) {
      try db.archive(order: o.id, account: 1, at: Fixture.t0, actor: "tui")
    }
    #expect(throws: Refusal.archive(.notArchived)) {
      _ = try db.unarchive(order: o.id, account: 1, at: Fixture.t0, actor: "tui")
      try db.unarchive(order: o.id, account: 1, at: Fixture.t0, actor: "tui")
    }
  }
}
