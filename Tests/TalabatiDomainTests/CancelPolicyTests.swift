import Foundation
import Testing

@testable import TalabatiDomain

/// The cancel rules at their boundaries (R1–R5, R7, R8), instant by instant.
@Suite("Cancel policy")
struct CancelPolicyTests {
  // MARK: R3 — the seller window is [placedAt, placedAt + 30 min)

  @Test("R3: a seller item at 29:59 is cancellable with 1 s left")
  func sellerWindowLastSecond() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)])])
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(29 * 60 + 59))
    #expect(e.count == 1)
    #expect(e[0].cancellable)
    #expect(e[0].sellerWindowRemaining == 1)
    #expect(e[0].alternatives.isEmpty)
  }

  @Test("R3: at exactly 30:00 the seller window is closed (half-open)")
  func sellerWindowClosesAtThirty() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)])])
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(30 * 60))[0]
    #expect(e.refusal == .sellerWindowClosed)
    #expect(e.sellerWindowRemaining == nil)
    // R7: not delivered yet → refuse it, return it, or contact the seller.
    #expect(e.alternatives == [.refuseOnDelivery, .returnAfterDelivery, .contactSeller])
  }

  @Test("R3: at the placement instant the whole 30 minutes are left")
  func sellerWindowAtPlacement() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)])])
    #expect(CancelPolicy.eligibility(of: o, at: Fx.t0)[0].sellerWindowRemaining == 1800)
  }

  @Test("R3: a --now before placement never shows more than 30 minutes left")
  func sellerWindowBeforePlacement() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)])])
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(-3600))[0]
    #expect(e.cancellable)
    #expect(e.sellerWindowRemaining == 1800)
  }

  @Test("R3: the window runs from the order's placement, not the shipment's")
  func sellerWindowFromOrder() {
    var o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)])])
    o.shipments[0].timeline.placedAt = Fx.at(20 * 60)  // a later-split shipment
    #expect(CancelPolicy.eligibility(of: o, at: Fx.at(31 * 60))[0].refusal == .sellerWindowClosed)
  }

  @Test("R1: a seller item whose shipment entered shipping inside the window is refused")
  func sellerShippingInsideWindow() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .seller)], startsAt: 10 * 60)])
    let before = CancelPolicy.eligibility(of: o, at: Fx.at(10 * 60 - 1))[0]
    #expect(before.cancellable)
    #expect(abs((before.sellerWindowRemaining ?? 0) - (20 * 60 + 1)) < 0.000_001)
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(15 * 60))[0]
    #expect(e.refusal == .enteredShipping)
    #expect(e.sellerWindowRemaining == nil)
  }

  // MARK: R1/R2 — store-fulfilled items until shipping starts

  @Test("R2: a store item is cancellable days later, up to the instant before shipping starts")
  func storeItemUntilShipping() {
    let starts: TimeInterval = 3 * 86_400
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store)], startsAt: starts)])
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(starts - 0.001))[0]
    #expect(e.cancellable)
    #expect(e.sellerWindowRemaining == nil)
    let at = CancelPolicy.eligibility(of: o, at: Fx.at(starts))[0]
    #expect(at.refusal == .enteredShipping)
    // R7: store item, not delivered: refuse or return; no seller to contact.
    #expect(at.alternatives == [.refuseOnDelivery, .returnAfterDelivery])
  }

  // MARK: R7 — alternatives

  @Test("R7: once delivered, only returning (and the seller for seller items) is offered")
  func alternativesAfterDelivery() {
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .seller)], startsAt: 60, shippedAt: 3600, deliveredAt: 86_400),
      Fx.shipment(11, [Fx.item(110, .store)], startsAt: 60, shippedAt: 3600, deliveredAt: 86_400),
    ])
    let e = CancelPolicy.eligibility(of: o, at: Fx.at(2 * 86_400))
    #expect(e.map(\.refusal) == [.enteredShipping, .enteredShipping])
    // Delivered: "return it" (within its window), never "return it after delivery".
    #expect(e[0].alternatives == [.returnItem, .contactSeller])
    #expect(e[1].alternatives == [.returnItem])
  }

  @Test("An item cancelled earlier is refused as already cancelled, with no alternatives")
  func alreadyCancelled() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store, cancelled: Fx.at(5))])])
    let r = CancelPolicy.cancel(.items([100]), in: o, reason: .other, at: Fx.at(10))
    let refused = Fx.refused(r)
    #expect(refused?.map(\.refusal) == [.alreadyCancelled])
    #expect(refused?.first?.alternatives == [])
  }

  // MARK: R4 — a shipment is cancelled whole or not at all

  @Test("R4: one uncancellable item refuses the whole shipment and names only that item")
  func shipmentRefusedAsAWhole() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store), Fx.item(101, .seller)])])
    let now = Fx.at(45 * 60)  // seller window closed, nothing shipped
    let r = CancelPolicy.cancel(.shipment(10), in: o, reason: .changedMind, at: now)
    let refused = Fx.refused(r)
    #expect(refused?.map(\.itemID) == [101])
    #expect(refused?.map(\.refusal) == [.sellerWindowClosed])
    // Nothing was half-cancelled: the store item can still be cancelled on its own.
    let alone = Fx.success(CancelPolicy.cancel(.items([100]), in: o, reason: .other, at: now))
    #expect(alone?.cancelledItems.map(\.id) == [100])
    #expect(alone?.order.item(101)?.isCancelled == false)
  }

  @Test("R4: cancelling a shipment whose other items were cancelled earlier cancels the rest")
  func shipmentAfterPartialCancel() {
    let o = Fx.order([
      Fx.shipment(
        10, [Fx.item(100, .store, cancelled: Fx.at(60)), Fx.item(101, .store, price: 5_750)],
        shipping: 1_500)
    ])
    let out = Fx.success(CancelPolicy.cancel(.shipment(10), in: o, reason: .other, at: Fx.at(120)))
    #expect(out?.cancelledItems.map(\.id) == [101])
    #expect(out?.cancelledShipments == [10])
    // R9: shipping comes back now that the shipment ends fully cancelled.
    #expect(out?.refund.items == Fx.sar(5_750))
    #expect(out?.refund.shipping == Fx.sar(1_500))
    #expect(out?.refund.total == Fx.sar(7_250))
    // The earlier cancellation keeps its own instant.
    #expect(out?.order.item(100)?.cancellation?.at == Fx.at(60))
  }

  @Test("R4: cancelling a shipment that is already fully cancelled is refused")
  func shipmentAlreadyCancelled() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store, cancelled: Fx.at(60))])])
    let r = CancelPolicy.cancel(.shipment(10), in: o, reason: .other, at: Fx.at(120))
    #expect(Fx.refused(r)?.map(\.refusal) == [.alreadyCancelled])
  }

  // MARK: Mixed shipments, whole order (R5, R8)

  @Test("Mixed shipments: the pending store shipment cancels, the shipped one is refused")
  func mixedShipments() {
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .store), Fx.item(101, .store)], shipping: 1_500),
      Fx.shipment(11, [Fx.item(110, .seller)], shipping: 2_000, startsAt: 300, shippedAt: 900),
    ])
    let now = Fx.at(3600)
    let whole = CancelPolicy.cancel(.wholeOrder, in: o, reason: .changedMind, at: now)
    #expect(Fx.refused(whole)?.map(\.itemID) == [110])
    let part = Fx.success(CancelPolicy.cancel(.shipment(10), in: o, reason: .changedMind, at: now))
    #expect(part?.cancelledItems.map(\.id) == [100, 101])
    #expect(part?.cancelledShipments == [10])
    #expect(part?.order.statusSummary(at: now).counts == [.cancelled: 2, .shipped: 1])
    #expect(part?.order.status(at: now) == .shipped)
  }

  @Test("R5/R8: the whole order is every live item; earlier cancellations are not repeated")
  func wholeOrderIsLiveItems() {
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .store, cancelled: Fx.at(30)), Fx.item(101, .store)]),
      Fx.shipment(11, [Fx.item(110, .seller)], shipping: 2_500),
    ])
    let out = Fx.success(
      CancelPolicy.cancel(.wholeOrder, in: o, reason: .duplicateOrder, at: Fx.at(60)))
    #expect(out?.cancelledItems.map(\.id) == [101, 110])
    #expect(out?.cancelledShipments == [10, 11])
    #expect(out?.order.isFullyCancelled == true)
    #expect(out?.order.status(at: Fx.at(60)) == .cancelled)
    #expect(out?.cancelledItems.allSatisfy { $0.cancellation?.reason == .duplicateOrder } == true)
  }

  @Test("R5: the whole order of an order already fully cancelled is refused, not empty")
  func wholeOrderAlreadyCancelled() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store, cancelled: Fx.at(30))])])
    let r = CancelPolicy.cancel(.wholeOrder, in: o, reason: .other, at: Fx.at(60))
    #expect(Fx.refused(r)?.map(\.refusal) == [.alreadyCancelled])
  }

  @Test("Selections naming nothing or unknown ids fail clearly")
  func badSelections() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store)])])
    let now = Fx.at(60)
    #expect(
      CancelPolicy.cancel(.items([]), in: o, reason: .other, at: now) == .failure(.emptySelection))
    #expect(
      CancelPolicy.cancel(.items([100, 999]), in: o, reason: .other, at: now)
        == .failure(.unknownItem(999)))
    #expect(
      CancelPolicy.cancel(.shipment(77), in: o, reason: .other, at: now)
        == .failure(.unknownShipment(77)))
    let twice = Fx.success(CancelPolicy.cancel(.items([100, 100]), in: o, reason: .other, at: now))
    #expect(twice?.cancelledItems.map(\.id) == [100])
    #expect(twice?.refund.items == Fx.sar(11_500))
  }

  // MARK: R9 — the refund breakdown

  @Test("R9: items, VAT share, shipping only when the shipment ends cancelled, total, payment")
  func refundBreakdown() {
    let card = PaymentMethod(kind: .card, last4: "1881")
    let o = Fx.order(
      [
        Fx.shipment(
          10,
          [Fx.item(100, .store, price: 11_500), Fx.item(101, .store, price: 5_750, quantity: 2)],
          shipping: 1_500)
      ], payment: card)
    let first = Fx.success(CancelPolicy.cancel(.items([100]), in: o, reason: .other, at: Fx.at(60)))
    #expect(
      first?.refund
        == Refund(
          items: Fx.sar(11_500), itemsVAT: Fx.sar(1_500), shipping: Fx.sar(0),
          paymentMethod: card))
    #expect(first?.refund.total == Fx.sar(11_500))
    #expect(first?.cancelledShipments == [])

    guard let after = first?.order else { return }
    let second = Fx.success(
      CancelPolicy.cancel(.items([101]), in: after, reason: .other, at: Fx.at(90)))
    // 2 × 57.50 = 115.00, VAT 15.00; the shipment is now fully cancelled → 15.00 shipping back.
    #expect(
      second?.refund
        == Refund(
          items: Fx.sar(11_500), itemsVAT: Fx.sar(1_500), shipping: Fx.sar(1_500),
          paymentMethod: card))
    #expect(second?.refund.total == Fx.sar(13_000))
    #expect(second?.cancelledShipments == [10])
  }

  @Test("R9: VAT is rounded per line to the nearest halala")
  func refundVATRounding() {
    // 1.20 → 0.1565… → 0.16; 1.00 → 0.1304… → 0.13.
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .store, price: 120), Fx.item(101, .store, price: 100)])
    ])
    let out = Fx.success(CancelPolicy.cancel(.wholeOrder, in: o, reason: .other, at: Fx.at(1)))
    #expect(out?.refund.items == Fx.sar(220))
    #expect(out?.refund.itemsVAT == Fx.sar(29))
  }
}
