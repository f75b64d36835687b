import Foundation
import Testing

@testable import TalabatiDomain

/// R11, R14–R16: who may return what, until when, and how a return moves on.
@Suite struct ReturnPolicyTests {
  let riyadh = TimeZone(identifier: "Asia/Riyadh")!
  let utc = TimeZone(identifier: "UTC")!
  let policy = ReturnPolicyTable.standard

  /// 2026-11-01T15:00:00Z = 18:00 in Riyadh.
  let delivered = Date(timeIntervalSince1970: 1_793_545_200)

  func iso(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

  func deliveredShipment(_ items: [Item], at: Date? = nil) -> Shipment {
    let d = at ?? delivered
    return Shipment(
      id: 1,
      timeline: Timeline(
        placedAt: d.addingTimeInterval(-3 * 86_400),
        shippingStartsAt: d.addingTimeInterval(-2 * 86_400),
        shippedAt: d.addingTimeInterval(-86_400), outForDeliveryAt: d.addingTimeInterval(-3600),
        deliveredAt: d, expectedDeliveryAt: d),
      shippingCharge: Money(minor: 1_500), items: items)
  }

  func item(_ id: ItemID, _ category: String, price: Int64 = 10_000, qty: Int = 1) -> Item {
    Item(
      id: id, title: "سلعة \(id)", seller: Fx.amazon, fulfilment: .store, quantity: qty,
      unitPrice: Money(minor: price), category: category)
  }

  @Test func theWindowDependsOnTheCategory() {
    // R16: the policy table is visible data, with a fallback row.
    #expect(policy.rule(for: "grocery").days == 7)
    #expect(policy.rule(for: "electronics").days == 15)
    #expect(policy.rule(for: "books").days == 30)
    #expect(policy.rule(for: "something-new").days == 30)
    #expect(policy.rule(for: "gift-card").returnable == false)
    let noFallback = ReturnPolicyTable(rules: [ReturnWindowRule(category: "digital", days: nil)])
    #expect(noFallback.rule(for: "books").days == 30)
  }

  @Test func theLastDayIsCountedInTheAccountsTimeZone() {
    // Delivered 1 Nov 18:00 Riyadh; 7 days → last day 8 Nov, refused from 9 Nov 00:00 Riyadh.
    let w = ReturnWindow(deliveredAt: delivered, days: 7, timeZone: riyadh)
    #expect(w.lastDay == iso("2026-11-07T21:00:00Z"))
    #expect(w.closesAt == iso("2026-11-08T21:00:00Z"))
    // The same delivery in UTC: the day boundary moves with the zone.
    let u = ReturnWindow(deliveredAt: delivered, days: 7, timeZone: utc)
    #expect(u.closesAt == iso("2026-11-09T00:00:00Z"))
  }

  @Test func aRequestOnTheLastDayIsAcceptedAndAtMidnightRefused() {
    let s = deliveredShipment([item(1, "grocery")])
    func refusal(_ at: String) -> ReturnRefusal? {
      ReturnPolicy.eligibility(
        of: s.items[0], in: s, policy: policy, timeZone: riyadh, at: iso(at)
      ).refusal
    }
    // 8 Nov 23:59:59 Riyadh: still the last day.
    #expect(refusal("2026-11-08T20:59:59Z") == nil)
    // 9 Nov 00:00:00 Riyadh: closed, and the eligibility says when it closed.
    #expect(refusal("2026-11-08T21:00:00Z") == .windowClosed)
    let e = ReturnPolicy.eligibility(
      of: s.items[0], in: s, policy: policy, timeZone: riyadh, at: iso("2026-11-20T10:00:00Z"))
    #expect(e.window?.lastDay == iso("2026-11-07T21:00:00Z"))
    // The instant of delivery itself is inside the window (half-open at the start).
    #expect(
      ReturnPolicy.eligibility(
        of: s.items[0], in: s, policy: policy, timeZone: riyadh, at: delivered
      ).returnable)
  }

  @Test func onlyDeliveredLiveReturnableItemsMayGoBack() {
    var cancelled = item(2, "books")
    cancelled.cancellation = Cancellation(at: delivered, reason: .changedMind)
    let s = deliveredShipment([item(1, "books"), cancelled, item(3, "gift-card")])
    let day5 = delivered.addingTimeInterval(5 * 86_400)
    let refusals = s.items.map {
      ReturnPolicy.eligibility(
        of: $0, in: s, policy: policy, timeZone: riyadh, returned: [], at: day5
      ).refusal
    }
    #expect(refusals == [nil, .cancelled, .notReturnable])
    // Before delivery: not delivered (R7 says refuse it on delivery instead).
    let before = ReturnPolicy.eligibility(
      of: s.items[0], in: s, policy: policy, timeZone: riyadh,
      at: delivered.addingTimeInterval(-60))
    #expect(before.refusal == .notDelivered)
    // Already part of a return.
    let again = ReturnPolicy.eligibility(
      of: s.items[0], in: s, policy: policy, timeZone: riyadh, returned: [1], at: day5)
    #expect(again.refusal == .alreadyReturned)
  }

  @Test func aRequestIsAllOrNothingAndValuesTheLines() throws {
    let s = deliveredShipment([item(1, "books", price: 4_500, qty: 2), item(2, "grocery")])
    let order = Order(
      id: "402-1", accountID: 1, placedAt: delivered, paymentMethod: PaymentMethod(kind: .mada),
      shipments: [s])
    let day10 = delivered.addingTimeInterval(10 * 86_400)
    // The grocery item's 7 days are over: nothing is returned (R16).
    let refused = ReturnPolicy.request(
      items: [1, 2], in: order, reason: .damaged, resolution: .refund, policy: policy,
      timeZone: riyadh, rma: "RMA-1", at: day10)
    guard case .failure(.refused(let list)) = refused else {
      Issue.record("expected a refusal, got \(refused)")
      return
    }
    #expect(list.map(\.itemID) == [2])
    #expect(list[0].refusal == .windowClosed)

    let ok = try ReturnPolicy.request(
      items: [1, 1], in: order, reason: .damaged, resolution: .refund, policy: policy,
      timeZone: riyadh, rma: "RMA-1", at: day10
    ).get()
    #expect(ok.lines.map(\.itemID) == [1])
    #expect(ok.itemsValue == Money(minor: 9_000))
    // R15: the refund goes to the original payment method.
    #expect(ok.refundAmount == Money(minor: 9_000))
    #expect(ok.paymentMethod == order.paymentMethod)

    #expect(
      ReturnPolicy.request(
        items: [], in: order, reason: .other, resolution: .refund, policy: policy,
        timeZone: riyadh, rma: "x", at: day10) == .failure(.emptySelection))
    #expect(
      ReturnPolicy.request(
        items: [99], in: order, reason: .other, resolution: .refund, policy: policy,
        timeZone: riyadh, rma: "x", at: day10) == .failure(.unknownItem(99)))
  }

  @Test func aReplacementRefundsNothing() throws {
    let s = deliveredShipment([item(1, "books")])
    let order = Order(
      id: "402-1", accountID: 1, placedAt: delivered, paymentMethod: PaymentMethod(kind: .card),
      shipments: [s])
    let r = try ReturnPolicy.request(
      items: [1], in: order, reason: .defective, resolution: .replacement, policy: policy,
      timeZone: riyadh, rma: "RMA-2", at: delivered.addingTimeInterval(86_400)
    ).get()
    #expect(r.refundAmount == .zero())
    #expect(r.itemsValue == Money(minor: 10_000))
    #expect(ReturnStage.stages(for: .replacement).last == .replacementShipped)
  }

  @Test func stagesAdvanceWithThePlannedTimeline() {
    // R14: Initiated → Dropped off → Received → Refund issued.
    let start = delivered
    let t = ReturnTimeline.planned(from: start)
    func stage(_ days: Double) -> ReturnStage {
      t.stage(at: start.addingTimeInterval(days * 86_400), resolution: .refund)
    }
    #expect(stage(0) == .initiated)
    #expect(stage(0.99) == .initiated)
    #expect(stage(1) == .droppedOff)
    #expect(stage(4) == .received)
    #expect(stage(6) == .refundIssued)
    #expect(
      t.stage(at: start.addingTimeInterval(7 * 86_400), resolution: .replacement)
        == .replacementShipped)
    // A stage whose moment is unknown stops the progression there.
    var paused = t
    paused.droppedOffAt = nil
    #expect(
      paused.stage(at: start.addingTimeInterval(30 * 86_400), resolution: .refund)
        == .initiated)
    let record = ReturnRecord(
      rma: "R", orderID: "o", accountID: 1, reason: .other, resolution: .refund, lines: [],
      itemsValue: .zero(), paymentMethod: PaymentMethod(kind: .card), timeline: paused)
    #expect(!record.isDropOffOverdue(at: start.addingTimeInterval(13 * 86_400)))
    #expect(record.isDropOffOverdue(at: start.addingTimeInterval(14 * 86_400)))
  }
}
