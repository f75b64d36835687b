import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

@Suite("Returns: policy table, one transaction, RMA, replacement, message (R11–R16)")
struct StoreReturnsTests {
  let day: TimeInterval = 86_400

  /// A store order delivered at t0 + 2 days with a book (30 days) and coffee (grocery, 7 days).
  func deliveredOrder(_ n: Int) -> Order {
    var o = Fixture.order(
      n, placedAt: Fixture.t0, shipments: [[("كتاب مقدمة ابن خلدون", .store), ("قهوة", .store)]])
    o.shipments[0].timeline.shippingStartsAt = Fixture.t0.addingTimeInterval(3600)
    o.shipments[0].timeline.shippedAt = Fixture.t0.addingTimeInterval(day)
    o.shipments[0].timeline.outForDeliveryAt = Fixture.t0.addingTimeInterval(2 * day - 3600)
    o.shipments[0].timeline.deliveredAt = Fixture.t0.addingTimeInterval(2 * day)
    o.shipments[0].items[0].category = "books"
    o.shipments[0].items[1].category = "grocery"
    return o
  }

  @Test func theMigrationSeedsTheVisiblePolicyTable() throws {
    let db = try Fixture.memoryStore()
    let table = try db.returnPolicy()
    // R16: the store's table is the one the domain documents.
    #expect(table == ReturnPolicyTable.standard)
    #expect(table.rule(for: "digital").returnable == false)
  }

  @Test func aReturnIsStoredWithItsRMAEventAndMessage() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    let o = deliveredOrder(1)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let now = Fixture.t0.addingTimeInterval(5 * day)
    let book = o.items[0].id

    let r = try db.requestReturn(
      items: [book], in: o.id, account: 1, reason: .damaged, resolution: .refund, at: now,
      actor: "cli")
    #expect(r.rma == "RMA-0000001")
    #expect(r.lines.map(\.itemID) == [book])
    #expect(r.refundAmount == Money(minor: 10_000))
    #expect(r.paymentMethod == o.paymentMethod)  // R15
    #expect(try db.returnRecord(rma: r.rma, account: 1) == r)
    #expect(try db.returns(account: 1) == [r])
    #expect(throws: StoreError.notFound(what: "return RMA-0000001")) {
      try db.returnRecord(rma: r.rma, account: 2)
    }
    // The book is now "already returned"; the coffee is still inside its 7 days.
    let ctx = try db.returnContext(order: o.id, account: 1, at: now)
    #expect(ctx.eligibility.map(\.refusal) == [.alreadyReturned, nil])
    #expect(ctx.returns == [r])
    // Events: the request under its own kind, then its confirmation (R11, R12).
    let events = try db.events(order: o.id, account: 1)
    #expect(events.map(\.kind) == [.orderPlaced, .returnRequested, .messageSent])
    #expect(events[1].detail.contains("\"rma\":\"RMA-0000001\""))
    #expect(events[2].detail.contains("\"kind\":\"return\""))
    // The e-mail is in the outbox as a `return`, the same text as in the Maildir.
    let sent = try db.outbox(account: 1, limit: 10)
    #expect(sent.map(\.kind) == [.returnRequested])
    #expect(sent.first?.orderID == o.id)
    #expect(sent.first?.subject.contains("RMA-0000001") == true)
    let file = try #require(sent.first?.maildirFile)
    #expect(
      try String(contentsOfFile: dir + "/Maildir/new/" + file, encoding: .utf8)
        == sent.first?.message)
    #expect(sent.first?.message == (try db.returnMessage(rma: r.rma, account: 1)))
    #expect(events[2].detail.contains("\"file\":\"\(file)\""))
    // R12, R15: the e-mail carries the packing instructions and where the money goes.
    let message = try #require(try db.returnMessage(rma: r.rma, account: 1))
    #expect(message.contains("أرفق جميع الملحقات"))
    #expect(message.contains("احذف بياناتك الشخصية"))
    #expect(message.contains("100.00 ر.س."))
    #expect(message.contains("4242"))
    #expect(Fixture.files(dir + "/Maildir/new").count == 1)
    #expect(Fixture.files(dir + "/Maildir/tmp").isEmpty)
  }

  @Test func aRefusedReturnChangesNothing() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    let o = deliveredOrder(2)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    // Day 12: the coffee's 7-day window has closed (R16); the book's has not.
    let now = Fixture.t0.addingTimeInterval(12 * day)
    #expect {
      try db.requestReturn(
        items: o.items.map(\.id), in: o.id, account: 1, reason: .other, resolution: .refund,
        at: now, actor: "cli")
    } throws: { error in
      guard case Refusal.returns(.refused(let list)) = error else { return false }
      return list.map(\.refusal) == [.windowClosed]
    }
    #expect(try db.returns(account: 1).isEmpty)
    #expect(try db.events(order: o.id, account: 1).count == 1)
    #expect(try db.outbox(account: 1, limit: 10).isEmpty)
    #expect(Fixture.files(dir + "/Maildir/new").isEmpty)
    #expect(Fixture.files(dir + "/Maildir/tmp").isEmpty)
    // Unknown order: not found; another account's order: not found.
    #expect(throws: StoreError.notFound(what: "order nope")) {
      try db.requestReturn(
        items: [1], in: "nope", account: 1, reason: .other, resolution: .refund, at: now,
        actor: "cli")
    }
    #expect(throws: StoreError.self) {
      try db.requestReturn(
        items: [o.items[0].id], in: o.id, account: 2, reason: .other, resolution: .refund,
        at: now, actor: "cli")
    }
  }

  @Test func anItemIsReturnedOnlyOnce() throws {
    let db = try Fixture.memoryStore()
    let o = deliveredOrder(3)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let now = Fixture.t0.addingTimeInterval(3 * day)
    let book = o.items[0].id
    try db.requestReturn(
      items: [book], in: o.id, account: 1, reason: .other, resolution: .refund, at: now,
      actor: "cli")
    #expect {
      try db.requestReturn(
        items: [book], in: o.id, account: 1, reason: .other, resolution: .refund, at: now,
        actor: "tui")
    } throws: { error in
      guard case Refusal.returns(.refused(let list)) = error else { return false }
      return list.map(\.refusal) == [.alreadyReturned]
    }
    #expect(try db.returns(account: 1).count == 1)
  }

  @Test func aReplacementCreatesALinkedOrderAtNoCharge() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    let o = deliveredOrder(4)
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    let now = Fixture.t0.addingTimeInterval(3 * day)
    let r = try db.requestReturn(
      items: [o.items[0].id], in: o.id, account: 1, reason: .defective,
      resolution: .replacement, at: now, actor: "cli")
    let rid = try #require(r.replacementOrderID)
    #expect(rid == "RPL-0000001")
    let replacement = try db.order(rid, account: 1)
    #expect(replacement.items.map(\.title) == [o.items[0].title])
    #expect(replacement.total == .zero())
    #expect(replacement.placedAt == now)
    // It shows in the order list, and moves along its own timeline.
    let page = try db.orders(account: 1, view: .orders, limit: 10, after: nil, now: now)
    #expect(page.rows.first?.id == rid)
    #expect(replacement.status(at: now) == .ordered)
    #expect(replacement.status(at: now.addingTimeInterval(9 * day)) == .delivered)
    #expect(r.stage(at: now.addingTimeInterval(7 * day)) == .replacementShipped)
    #expect(r.refundAmount == .zero())
    // Its own event kind on the original order, and a `replacement` e-mail naming the new
    // order; the replacement order starts with `order-placed`.
    #expect(
      try db.events(order: o.id, account: 1).map(\.kind)
        == [.orderPlaced, .replacementRequested, .messageSent])
    #expect(try db.events(order: rid, account: 1).map(\.kind) == [.orderPlaced])
    let sent = try #require(try db.outbox(account: 1, limit: 10).first)
    #expect(sent.kind == .replacementRequested)
    #expect(sent.message.contains("X-Talabati-Kind: replacement"))
    #expect(sent.message.contains(rid))
    // Searchable by title like any order.
    let found = try db.search(
      account: 1, query: "مقدمة", view: .all, limit: 10, after: nil, now: now)
    #expect(found.rows.map(\.id).contains(rid))
  }

  @Test func theDemoGetsOneReturnInProgressAndOneFinished() throws {
    let db = try AppDatabase.inMemory()
    let now = Date(timeIntervalSince1970: 1_795_770_000)
    let account = try DemoGenerator.populate(db, orders: 60, seed: 2026, now: now)
    let rmas = try DemoGenerator.addDemoReturns(db, account: account.id, now: now)
    #expect(rmas.count == 2)
    // The demo's returns are history: no confirmation e-mail was sent for them.
    #expect(
      try db.outbox(account: account.id, limit: 100).allSatisfy { $0.kind != .returnRequested })
    let returns = try db.returns(account: account.id)
    #expect(Set(returns.map { $0.stage(at: now) }) == [.droppedOff, .refundIssued])
    // Idempotent.
    #expect(try DemoGenerator.addDemoReturns(db, account: account.id, now: now).isEmpty)
    // Some delivered items are still returnable at `now`, and some windows have closed.
    var open = 0
    var closed = 0
    let page = try db.orders(account: account.id, view: .orders, limit: 100, after: nil, now: now)
    for row in page.rows {
      let ctx = try db.returnContext(order: row.id, account: account.id, at: now)
      open += ctx.eligibility.filter(\.returnable).count
      closed += ctx.eligibility.filter { $0.refusal == .windowClosed }.count
    }
    #expect(open >= 3)
    #expect(closed >= 1)
  }
}
