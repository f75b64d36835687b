import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

@Suite("Order lists: keyset pages, views, isolation")
struct StoreListTests {
  /// Given 53 orders (three placed in the same millisecond) when paging by 10 then every order
  /// shows exactly once, newest first, and the last page has no `next`.
  @Test func keysetPagesReturnEveryOrderOnceNewestFirst() throws {
    let db = try Fixture.memoryStore()
    var orders = (0..<50).map { n in
      Fixture.order(n, placedAt: Fixture.t0.addingTimeInterval(Double(n * 97 % 50) * 3600))
    }
    orders += (50..<53).map { Fixture.order($0, placedAt: Fixture.t0.addingTimeInterval(7200)) }
    let report = try db.insert(orders: orders.shuffled(), account: 1, actor: "test")
    #expect(report == InsertReport(inserted: 53, skipped: 0))

    var seen: [OrderSummary] = []
    var cursor: ListCursor?
    var pages = 0
    repeat {
      let page = try db.orders(account: 1, view: .orders, limit: 10, after: cursor, now: Fixture.t0)
      seen += page.rows
      cursor = page.next
      pages += 1
      // The cursor survives its text form (what `talabati orders --after` takes).
      if let c = cursor { cursor = ListCursor(text: c.text) }
    } while cursor != nil && pages < 20
    #expect(pages == 6)
    #expect(seen.count == 53)
    #expect(Set(seen.map(\.id)) == Set(orders.map(\.id)))
    let dates = seen.map(\.placedAt)
    #expect(dates == dates.sorted(by: >))
  }

  /// Given archived and cancelled orders, each view lists what it promises (R10, R18).
  @Test func viewsFollowArchiveAndCancellation() throws {
    let db = try Fixture.memoryStore()
    let orders = (1...4).map {
      Fixture.order($0, placedAt: Fixture.t0.addingTimeInterval(Double($0)))
    }
    _ = try db.insert(orders: orders, account: 1, actor: "test")
    let now = Fixture.t0.addingTimeInterval(60)
    _ = try db.archive(order: orders[0].id, account: 1, at: now, actor: "test")
    _ = try db.cancel(
      .wholeOrder, in: orders[1].id, account: 1, reason: .changedMind, at: now, actor: "test")

    func ids(_ view: OrderListView) throws -> Set<OrderID> {
      Set(try db.orders(account: 1, view: view, limit: 100, after: nil, now: now).rows.map(\.id))
    }
    #expect(try ids(.orders) == Set([orders[1].id, orders[2].id, orders[3].id]))  // R18
    #expect(try ids(.archived) == [orders[0].id])
    #expect(try ids(.cancelled) == [orders[1].id])  // R10
    #expect(try ids(.all) == Set(orders.map(\.id)))
    #expect(try db.orderCount(account: 1, view: .orders) == 3)
    #expect(try db.orderCount(account: 1, view: .archived) == 1)

    // R18: unarchive brings it back; nothing was deleted on the way.
    _ = try db.unarchive(order: orders[0].id, account: 1, at: now, actor: "test")
    #expect(try ids(.orders).contains(orders[0].id))
    #expect(try db.order(orders[0].id, account: 1).items.count == 1)
  }

  /// The page's status counts are computed for `now` (R24).
  @Test func summaryCountsStatusesAtNow() throws {
    let db = try Fixture.memoryStore()
    let o = Fixture.order(
      1, placedAt: Fixture.t0,
      shipments: [[("كتاب", .store), ("قلم", .store)], [("حقيبة", .store)]],
      shippingStartsAt: Fixture.t0.addingTimeInterval(3600))
    _ = try db.insert(orders: [o], account: 1, actor: "test")
    _ = try db.cancel(
      .items([o.shipments[1].items[0].id]), in: o.id, account: 1, reason: .other,
      at: Fixture.t0.addingTimeInterval(60), actor: "test")
    let later = Fixture.t0.addingTimeInterval(7200)
    let row = try #require(
      db.orders(account: 1, view: .all, limit: 5, after: nil, now: later).rows.first)
    #expect(row.status.counts == [.preparing: 2, .cancelled: 1])
    #expect(row.itemCount == 3)
    #expect(row.total == Money(minor: 3 * 10_000 + 2 * 1_500))
    #expect(row.firstTitle == "كتاب")
  }

  /// Another account's order is "not found" for reading, cancelling and archiving.
  @Test func anotherAccountsOrderIsNotFound() throws {
    let db = try Fixture.memoryStore()
    let mine = Fixture.order(1, account: 1, placedAt: Fixture.t0)
    _ = try db.insert(orders: [mine], account: 1, actor: "test")
    let notFound = StoreError.notFound(what: "order \(mine.id)")
    #expect(throws: notFound) { try db.order(mine.id, account: 2) }
    #expect(throws: notFound) {
      try db.cancel(
        .wholeOrder, in: mine.id, account: 2, reason: .other, at: Fixture.t0, actor: "t")
    }
    #expect(throws: notFound) {
      try db.archive(order: mine.id, account: 2, at: Fixture.t0, actor: "t")
    }
    #expect(throws: notFound) { try db.events(order: mine.id, account: 2) }
    #expect(
      try db.orders(account: 2, view: .all, limit: 10, after: nil, now: Fixture.t0).rows.isEmpty)
    #expect(
      try db.search(account: 2, query: "سماعة", view: .all, limit: 10, after: nil, now: Fixture.t0)
        .rows.isEmpty)
    // A cursor naming another account's order is refused, not followed.
    let cursor = ListCursor(placedAt: Fixture.t0, orderID: mine.id)
    #expect(throws: StoreError.self) {
      try db.orders(account: 2, view: .all, limit: 10, after: cursor, now: Fixture.t0)
    }
    // The owner still has it, unchanged.
    #expect(try db.order(mine.id, account: 1) == mine)
  }

  /// Inserting the same batch twice stores nothing twice (idempotent import).
  @Test func insertSkipsExistingOrders() throws {
    let db = try Fixture.memoryStore()
    let orders = (1...5).map { Fixture.order($0, placedAt: Fixture.t0) }
    #expect(
      try db.insert(orders: orders, account: 1, actor: "t") == InsertReport(inserted: 5, skipped: 0)
    )
    #expect(
      try db.insert(orders: orders, account: 1, actor: "t") == InsertReport(inserted: 0, skipped: 5)
    )
    #expect(try db.orderCount(account: 1, view: .all) == 5)
  }

  /// Bad input is refused with a clear error and stores nothing.
  @Test func invalidOrdersAreRefused() throws {
    let db = try Fixture.memoryStore()
    var mixed = Fixture.order(1, placedAt: Fixture.t0)
    mixed.shipments[0].shippingCharge = Money(minor: 100, currency: "USD")
    #expect(throws: StoreError.self) { try db.insert(orders: [mixed], account: 1, actor: "t") }
    let evil = Fixture.order(2, placedAt: Fixture.t0, id: "402\n-1")
    #expect(throws: StoreError.self) { try db.insert(orders: [evil], account: 1, actor: "t") }
    let foreign = Fixture.order(3, account: 2, placedAt: Fixture.t0)
    #expect(throws: StoreError.self) { try db.insert(orders: [foreign], account: 1, actor: "t") }
    let future = Fixture.order(4, placedAt: Date(timeIntervalSince1970: 1e300))
    #expect(throws: StoreError.self) { try db.insert(orders: [future], account: 1, actor: "t") }
    #expect(throws: StoreError.notFound(what: "account 9")) {
      try db.insert(
        orders: [Fixture.order(5, account: 9, placedAt: Fixture.t0)], account: 9, actor: "t")
    }
    #expect(throws: StoreError.invalidInput("page size must be 1…1000, not 0")) {
      try db.orders(account: 1, view: .all, limit: 0, after: nil, now: Fixture.t0)
    }
    #expect(try db.orderCount(account: 1, view: .all) == 0)
  }

  /// The list queries walk an index backwards: no full scan, no temporary sort.
  @Test(arguments: OrderListView.allCases)
  func listQueryUsesAnIndex(view: OrderListView) throws {
    let db = try Fixture.memoryStore()
    let plan = try db.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN SELECT \(AppDatabase.summaryColumns) FROM "order" o
          WHERE \(AppDatabase.viewFilter(view)) AND o.seq < ? ORDER BY o.seq DESC LIMIT ?
          """,
        arguments: [1, Int64.max, 21]
      ).map { $0["detail"] as String }.joined(separator: "\n")
    }
    #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(plan)")
    #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    #expect(!plan.contains("SCAN o\n") && !plan.hasSuffix("SCAN o"), "\(plan)")
  }

  /// The search query is driven by the FTS index, in rowid order: no temporary sort.
  @Test func searchQueryDoesNotSort() throws {
    let db = try Fixture.memoryStore()
    let plan = try db.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN SELECT \(AppDatabase.summaryColumns) FROM order_search s
          JOIN "order" o ON o.seq = s.rowid
          WHERE order_search MATCH ? AND s.rowid < ? AND \(AppDatabase.viewFilter(.orders))
          ORDER BY s.rowid DESC LIMIT ?
          """,
        arguments: ["\"x\"*", Int64.max, 1, 21]
      ).map { $0["detail"] as String }.joined(separator: "\n")
    }
    #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
    #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
  }
}
