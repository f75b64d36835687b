import Foundation
import Testing

@testable import TalabatiDomain

/// Where the money of a cancellation goes, by how the order was paid (R9, issue 13 item 2).
/// Every front (client, CLI, JSON, e-mail) prints this answer; it is decided here once.
@Suite("Refund by payment kind (R9)")
struct RefundRouteTests {
  /// One seller item of SAR 1,149.00 with SAR 15.00 shipping, cancelled inside its window.
  func cancelWhole(_ payment: PaymentMethod) throws -> Refund {
    let o = Fx.order(
      [Fx.shipment(10, [Fx.item(100, .store, price: 114_900)], shipping: 1_500)],
      payment: payment)
    let outcome = try #require(
      Fx.success(CancelPolicy.cancel(.wholeOrder, in: o, reason: .changedMind, at: Fx.at(60))))
    return outcome.refund
  }

  @Test("R9: cash on delivery was never paid, so nothing is refunded and nothing is collected")
  func cashOnDeliveryRefundsNothing() throws {
    let r = try cancelWhole(PaymentMethod(kind: .cashOnDelivery))
    #expect(r.route == .notCharged)
    #expect(r.total == Fx.sar(0))
    #expect(r.items == Fx.sar(0))
    #expect(r.shipping == Fx.sar(0))
    // What the courier will no longer collect: the cancelled lines and their shipping.
    #expect(r.uncollected == Fx.sar(116_400))
  }

  @Test("R9: a gift card is refunded to the gift-card balance")
  func giftCardRefundsToBalance() throws {
    let r = try cancelWhole(PaymentMethod(kind: .giftCard))
    #expect(r.route == .giftCardBalance)
    #expect(r.total == Fx.sar(116_400))
    #expect(r.uncollected == Fx.sar(0))
  }

  @Test(
    "R9: card, mada and Apple Pay are refunded to the method that was charged",
    arguments: [PaymentKind.card, .mada, .applePay])
  func paidMethodsRefundToTheMethod(kind: PaymentKind) throws {
    let r = try cancelWhole(PaymentMethod(kind: kind, last4: kind == .applePay ? "" : "8516"))
    #expect(r.route == .originalMethod)
    #expect(r.total == Fx.sar(116_400))
    #expect(r.items == Fx.sar(114_900))
    #expect(r.uncollected == Fx.sar(0))
  }

  @Test("Every payment kind has a route")
  func everyKindHasARoute() {
    for kind in PaymentKind.allCases {
      let route = RefundRoute.forCancellation(paidWith: kind)
      #expect((kind == .cashOnDelivery) == (route == .notCharged))
      #expect((kind == .giftCard) == (route == .giftCardBalance))
    }
  }
}
