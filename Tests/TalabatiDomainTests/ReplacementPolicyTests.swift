import Foundation
import Testing

@testable import TalabatiDomain

/// Issue 13's decision: a return's replacement order is never cancelled by the shopper.
@Suite struct ReplacementPolicyTests {
  /// A fresh replacement: a store item and a seller's item (copied from the returned order),
  /// both still "ordered", the seller's 30 minutes not over. Neither may be cancelled; the
  /// shopper is offered to refuse the package or return it, never the seller (the store ships
  /// a replacement). Every selection is refused and nothing is cancelled.
  @Test func aReplacementOrderIsNeverCancelled() {
    var order = Fx.order([Fx.shipment(1, [Fx.item(11, .store), Fx.item(12, .seller)])])
    order.replacementOf = Order.ReplacementSource(
      rma: "RMA-0000001", orderID: "402-0000001-0000001")
    let now = Fx.at(60)
    for e in CancelPolicy.eligibility(of: order, at: now) {
      #expect(e.refusal == .replacementOrder)
      #expect(e.alternatives == [.refuseOnDelivery, .returnAfterDelivery])
      #expect(e.sellerWindowRemaining == nil)
    }
    for selection in [CancelSelection.wholeOrder, .shipment(1), .items([11])] {
      let r = CancelPolicy.cancel(selection, in: order, reason: .changedMind, at: now)
      #expect(Fx.refused(r)?.allSatisfy { $0.refusal == .replacementOrder } == true)
    }
    // The same order without the link is an ordinary order: both can be cancelled.
    order.replacementOf = nil
    #expect(CancelPolicy.eligibility(of: order, at: now).allSatisfy { $0.cancellable })
  }
}
