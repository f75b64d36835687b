import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

/// What the store tells the screens (issue 13): which item a search matched, and which order
/// is a return's replacement (never cancelled).
@Suite("Store reads for the screens: matched item, replacement orders")
struct StoreDisplayTests {
  let day: TimeInterval = 86_400

  /// Searching `sony` lists the order whose SECOND item is the Sony: the row names the Sony,
  /// not the order's first item.
  @Test func aSearchResultNamesTheItemThatMatched() throws {
    let db = try Fixture.memoryStore()
    let o = Fixture.order(
      1, placedAt: Fixture.t0,
      shipments: [[("SanDisk Extreme 1TB", .store)], [("Sony WH-1000XM5 سماعات", .store)]])
    let other = Fixture.order(2, placedAt: Fixture.t0.addingTimeInterval(60))
    _ = try db.insert(orders: [o, other], account: 1, actor: "t")
    let page = try db.search(
      account: 1, query: "sony", view: .orders, limit: 10, after: nil, now: Fixture.t0)
    #expect(page.rows.map(\.id) == [o.id])
    #expect(page.rows.first?.firstTitle == "SanDisk Extreme 1TB")
    #expect(page.rows.first?.matchedTitle == "Sony WH-1000XM5 سماعات")
    // Arabic words are folded the same way as the index.
    let arabic = try db.search(
      account: 1, query: "سماع", view: .orders, limit: 10, after: nil, now: Fixture.t0)
    #expect(arabic.rows.first { $0.id == o.id }?.matchedTitle == "Sony WH-1000XM5 سماعات")
    // Matched by its number only, or not searched: no matched item.
    let byNumber = try db.search(
      account: 1, query: String(o.id.split(separator: "-")[1]), view: .orders, limit: 10,
      after: nil, now: Fixture.t0)
    #expect(byNumber.rows.first?.matchedTitle == nil)
    let plain = try db.orders(account: 1, view: .orders, limit: 10, after: nil, now: Fixture.t0)
    #expect(plain.rows.allSatisfy { $0.matchedTitle == nil })
  }

  /// The query naming the matched item goes through indexes: no scan of the item table.
  @Test func matchedItemQueryUsesIndexes() throws {
    let db = try Fixture.memoryStore()
    let plan = try db.writer.read { db in
      try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN " + AppDatabase.itemTitlesSQL + "(?, ?)",
        arguments: ["a", "b"]
      ).map { $0["detail"] as String }.joined(separator: "\n")
    }
    #expect(plan.contains("shipment_by_order"), "\(plan)")
    #expect(plan.contains("item_by_shipment"), "\(plan)")
    #expect(!plan.contains("SCAN i"), "\(plan)")
  }

  func deliveredOrder(_ n: Int) -> Order {
    var o = Fixture.order(
      n, placedAt: Fixture.t0, shipments: [[("Philips Air Fryer", .seller), ("كتاب", .store)]])
    o.shipments[0].timeline.shippingStartsAt = Fixture.t0.addingTimeInterval(3600)
    o.shipments[0].timeline.shippedAt = Fixture.t0.addingTimeInterval(day)
    o.shipments[0].timeline.outForDeliveryAt = Fixture.t0.addingTimeInterval(2 * day - 3600)
    o.shipments[0].timeline.deliveredAt = Fixture.t0.addingTimeInterval(2 * day)
    o.shipments[0].items[0].category = "home"
    o.shipments[0].items[1].category = "books"
    return o
  }

  /// A replacement order names the return and the order it comes from, and the store never
  /// cancels it (issue 13's decision, `CancelRefusal.replacementOrder`), not even inside the
  /// seller's 30 minutes its copied seller item would otherwise have; nothing changes.
  @Test func aReplacementOrderNamesItsReturnAndIsNeverCancelled() throws {
    let db = try Fixture.memoryStore()
    let o = deliveredOrder(5)
    _ = try db.insert(orders: [o], account: 1, actor: "t")
    let now = Fixture.t0.addingTimeInterval(3 * day)
    let r = try db.requestReturn(
      items: o.items.map(\.id), in: o.id, account: 1, reason: .defective,
      resolution: .replacement, at: now, actor: "cli")
    let rid = try #require(r.replacementOrderID)
    let replacement = try db.order(rid, account: 1)
    #expect(replacement.replacementOf == Order.ReplacementSource(rma: r.rma, orderID: o.id))
    #expect(try db.order(o.id, account: 1).replacementOf == nil)
    // The list says which row is a replacement (it read as any SAR 0.00 order).
    let page = try db.orders(account: 1, view: .orders, limit: 10, after: nil, now: now)
    #expect(page.rows.filter(\.isReplacement).map(\.id) == [rid])
    let events = try db.events(order: rid, account: 1)
    for selection in [CancelSelection.wholeOrder, .items([replacement.items[0].id])] {
      #expect {
        try db.cancel(
          selection, in: rid, account: 1, reason: .changedMind,
          at: now.addingTimeInterval(60), actor: "cli")
      } throws: { error in
        guard case Refusal.cancel(.refused(let list)) = error else { return false }
        return !list.isEmpty && list.allSatisfy { $0.refusal == .replacementOrder }
      }
    }
    #expect(try db.order(rid, account: 1) == replacement)
    #expect(try db.events(order: rid, account: 1) == events)
  }
}
