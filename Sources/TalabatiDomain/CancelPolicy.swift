import Foundation

/// Why an item may not be cancelled at an instant.
public enum CancelRefusal: String, Codable, Sendable, CaseIterable {
  /// Already cancelled earlier.
  case alreadyCancelled = "already-cancelled"
  /// R1: the item's shipment has entered the shipping process (preparing, shipped, out for
  /// delivery or delivered).
  case enteredShipping = "entered-shipping"
  /// R3: sold and shipped by a third-party seller and the 30-minute window has closed.
  case sellerWindowClosed = "seller-window-closed"
  /// The order is the free replacement of a return (R11). Decision (issue 13): it cannot be
  /// cancelled, at any stage. Nothing was paid for it, so a cancel would refund nothing, and
  /// it is the return's outcome, not a purchase: cancelling it alone would leave the return
  /// with neither a refund nor a replacement. The shopper can refuse the package on delivery
  /// (the store then refunds the return instead) or return it after delivery.
  case replacementOrder = "replacement-order"
}

/// What the shopper can do instead when cancelling is refused (R7).
public enum Alternative: String, Codable, Sendable, CaseIterable {
  /// Refuse the package when it is delivered.
  case refuseOnDelivery = "refuse-on-delivery"
  /// Return it after delivery (it is still on its way).
  case returnAfterDelivery = "return-after-delivery"
  /// Return it: it has been delivered (within its return window, R11–R16). Offering "return
  /// it after delivery" for a delivered item told the shopper to wait for what had happened.
  case returnItem = "return"
  /// Contact the third-party seller who ships it.
  case contactSeller = "contact-seller"
}

/// The policy's answer for one item at one instant.
public struct CancelEligibility: Hashable, Codable, Sendable {
  public var itemID: ItemID
  public var refusal: CancelRefusal?
  public var alternatives: [Alternative]
  /// For seller-fulfilled items still in the window: the seconds left (R3). Nil otherwise.
  public var sellerWindowRemaining: TimeInterval?

  public var cancellable: Bool { refusal == nil }
}

/// The rules of cancelling, R1–R4 and R7, at an instant given by the caller.
public enum CancelPolicy {
  /// R3: a third-party seller's item can be cancelled only in [placedAt, placedAt + 30 min).
  public static let sellerWindow: TimeInterval = 30 * 60

  /// May `item` of `shipment` in `order` be cancelled at `now`? If not, why, and what instead.
  public static func eligibility(
    of item: Item, in shipment: Shipment, of order: Order, at now: Date
  ) -> CancelEligibility {
    var refusal: CancelRefusal?
    var remaining: TimeInterval?
    let stage = shipment.timeline.stage(at: now)

    if item.isCancelled {
      refusal = .alreadyCancelled
    } else if order.replacementOf != nil {
      refusal = .replacementOrder  // a return's replacement is never cancelled (issue 13)
    } else if stage != .ordered {
      refusal = .enteredShipping  // R1 (and R2 for store-fulfilled items)
    } else if item.fulfilment == .seller {
      // R3: the window runs from placing the ORDER. An instant before placement (a `--now` in
      // the past) counts as the placement instant, so at most 30 minutes are ever shown left.
      let closes = order.placedAt.addingTimeInterval(sellerWindow)
      if now < closes {
        remaining = closes.timeIntervalSince(max(now, order.placedAt))  // R3: half-open window
      } else {
        refusal = .sellerWindowClosed
      }
    }

    var alternatives: [Alternative] = []
    if let refusal, refusal != .alreadyCancelled {
      // R7: refuse on delivery while it is still on its way, return once delivered,
      // and contact the seller when a third-party seller ships it.
      if stage != .delivered { alternatives.append(.refuseOnDelivery) }
      alternatives.append(stage == .delivered ? .returnItem : .returnAfterDelivery)
      if item.fulfilment == .seller, refusal != .replacementOrder {
        alternatives.append(.contactSeller)
      }
    }
    return CancelEligibility(
      itemID: item.id, refusal: refusal, alternatives: alternatives,
      sellerWindowRemaining: remaining)
  }

  /// Eligibility of every item of `order`, in order.
  public static func eligibility(of order: Order, at now: Date) -> [CancelEligibility] {
    order.shipments.flatMap { s in s.items.map { eligibility(of: $0, in: s, of: order, at: now) } }
  }
}

// MARK: - Cancelling

/// Which items a cancel request names (R4, R5, R8).
public enum CancelSelection: Hashable, Sendable {
  /// The checked items (R5, R8).
  case items([ItemID])
  /// Every item of one shipment (R4): refused as a whole if any may not be cancelled.
  case shipment(ShipmentID)
  /// Every item of the order still live (R5: all boxes = the whole order).
  case wholeOrder
}

/// Why a cancel request as a whole cannot proceed.
public enum CancelError: Error, Hashable, Sendable {
  /// Nothing was selected.
  case emptySelection
  /// An item id that is not part of this order.
  case unknownItem(ItemID)
  /// A shipment id that is not part of this order.
  case unknownShipment(ShipmentID)
  /// The policy refuses some of the items; nothing is cancelled (R4: all or nothing).
  case refused([CancelEligibility])
}

/// Where the money of a cancellation goes, by how the order was paid (R9). One answer for
/// every front: the client, the CLI and its JSON, and the confirmation e-mail print it.
public enum RefundRoute: String, Codable, Sendable, CaseIterable {
  /// Card, mada, Apple Pay: back to the method that was charged.
  case originalMethod = "original-method"
  /// A gift card: back to the gift-card balance.
  case giftCardBalance = "gift-card-balance"
  /// Cash on delivery: nothing was paid before delivery, and an item can only be cancelled
  /// before it ships (R1), so nothing is refunded; the courier does not collect it.
  case notCharged = "not-charged"
  /// A return of an order paid on delivery (R15): the courier collected cash, which cannot be
  /// sent back to "cash on delivery", so the refund is credited to the shopper's talabati
  /// account balance (issue 13; README "Refunds"). Never the route of a cancellation.
  case accountBalance = "account-balance"

  /// The route of a cancellation's refund for an order paid with `kind`.
  public static func forCancellation(paidWith kind: PaymentKind) -> RefundRoute {
    switch kind {
    case .card, .mada, .applePay: .originalMethod
    case .giftCard: .giftCardBalance
    case .cashOnDelivery: .notCharged
    }
  }

  /// The route of a return's refund for an order paid with `kind` (R15: "the original payment
  /// method"): the method charged, the gift-card balance, or, for cash collected on delivery,
  /// the account balance.
  public static func forReturn(paidWith kind: PaymentKind) -> RefundRoute {
    switch kind {
    case .card, .mada, .applePay: .originalMethod
    case .giftCard: .giftCardBalance
    case .cashOnDelivery: .accountBalance
    }
  }
}

/// The refund a cancellation returns (R9).
///
/// For an order paid on delivery (`route == .notCharged`) nothing was paid, so the amounts
/// refunded are zero and `uncollected` says what the courier will no longer collect.
public struct Refund: Hashable, Codable, Sendable {
  /// VAT-inclusive sum of the cancelled lines refunded.
  public var items: Money
  /// The VAT contained in `items`.
  public var itemsVAT: Money
  /// Shipping charges refunded, of shipments that end fully cancelled.
  public var shipping: Money
  public var total: Money
  public var paymentMethod: PaymentMethod
  /// Where the money goes (R9): the method charged, the gift-card balance, or nowhere.
  public var route: RefundRoute
  /// Cash on delivery: the cancelled lines and shipping the courier will not collect. Zero
  /// for an order paid in advance.
  public var uncollected: Money

  /// The refund of `items` (of which `itemsVAT`) and `shipping` cancelled from an order paid
  /// with `paymentMethod`: all of it to the method or the gift-card balance, or, for cash on
  /// delivery, nothing refunded and all of it no longer collected.
  public init(items: Money, itemsVAT: Money, shipping: Money, paymentMethod: PaymentMethod) {
    let route = RefundRoute.forCancellation(paidWith: paymentMethod.kind)
    let zero = Money.zero(items.currency)
    self.paymentMethod = paymentMethod
    self.route = route
    if route == .notCharged {
      self.items = zero
      self.itemsVAT = zero
      self.shipping = zero
      self.total = zero
      self.uncollected = items + shipping
    } else {
      self.items = items
      self.itemsVAT = itemsVAT
      self.shipping = shipping
      self.total = items + shipping
      self.uncollected = zero
    }
  }

  /// True when money goes back to the shopper (false for an unpaid cash-on-delivery order).
  public var refundsMoney: Bool { route != .notCharged }
}

/// The outcome of a successful cancel: the new order and what it refunds.
public struct CancelOutcome: Hashable, Sendable {
  public var order: Order
  public var cancelledItems: [Item]
  /// Shipments that this cancel left fully cancelled (their shipping is refunded).
  public var cancelledShipments: [ShipmentID]
  public var refund: Refund
}

extension CancelPolicy {
  /// Applies a cancel request to `order` at `now`, all or nothing.
  public static func cancel(
    _ selection: CancelSelection, in order: Order, reason: CancelReason, at now: Date
  ) -> Result<CancelOutcome, CancelError> {
    // Resolve the selection to item ids, rejecting unknown ids first.
    var ids: [ItemID]
    switch selection {
    case .items(let requested):
      var seen = Set<ItemID>()
      ids = requested.filter { seen.insert($0).inserted }
      for id in ids where order.item(id) == nil { return .failure(.unknownItem(id)) }
    case .shipment(let sid):
      guard let s = order.shipments.first(where: { $0.id == sid }) else {
        return .failure(.unknownShipment(sid))
      }
      // R4: every item of the shipment that is still live; items cancelled earlier stay as
      // they were (they do not make the rest of the shipment uncancellable).
      ids = s.items.filter { !$0.isCancelled }.map(\.id)
      if ids.isEmpty && !s.items.isEmpty {
        return .failure(.refused(s.items.map { eligibility(of: $0, in: s, of: order, at: now) }))
      }
    case .wholeOrder:
      // R5/R8: all boxes = every live item of the order.
      ids = order.items.filter { !$0.isCancelled }.map(\.id)
      if ids.isEmpty && !order.items.isEmpty {
        return .failure(.refused(eligibility(of: order, at: now)))
      }
    }
    guard !ids.isEmpty else { return .failure(.emptySelection) }

    // Every named item must be cancellable, or nothing happens (R4).
    let wanted = Set(ids)
    var refused: [CancelEligibility] = []
    for s in order.shipments {
      for i in s.items where wanted.contains(i.id) {
        let e = eligibility(of: i, in: s, of: order, at: now)
        if !e.cancellable { refused.append(e) }
      }
    }
    if !refused.isEmpty { return .failure(.refused(refused)) }

    var updated = order
    var cancelled: [Item] = []
    var fullyCancelled: [ShipmentID] = []
    let currency = order.currency
    var itemsSum = Money.zero(currency)
    var vatSum = Money.zero(currency)
    var shippingSum = Money.zero(currency)
    for si in updated.shipments.indices {
      let wasFullyCancelled = updated.shipments[si].isFullyCancelled
      for ii in updated.shipments[si].items.indices
      where wanted.contains(updated.shipments[si].items[ii].id) {
        updated.shipments[si].items[ii].cancellation = Cancellation(at: now, reason: reason)
        let item = updated.shipments[si].items[ii]
        cancelled.append(item)
        itemsSum = itemsSum + item.lineTotal
        vatSum = vatSum + item.lineTotal.vatShare(rateBasisPoints: item.vatRateBasisPoints)
      }
      if !wasFullyCancelled && updated.shipments[si].isFullyCancelled {
        fullyCancelled.append(updated.shipments[si].id)
        shippingSum = shippingSum + updated.shipments[si].shippingCharge
      }
    }
    let refund = Refund(
      items: itemsSum, itemsVAT: vatSum, shipping: shippingSum, paymentMethod: order.paymentMethod)
    return .success(
      CancelOutcome(
        order: updated, cancelledItems: cancelled, cancelledShipments: fullyCancelled,
        refund: refund))
  }
}

// MARK: - Archiving

public enum ArchiveError: Error, Hashable, Sendable {
  case alreadyArchived
  case notArchived
}

/// R17, R18: archiving hides an order from the default list; it never deletes anything.
public enum ArchivePolicy {
  public static func archive(_ order: Order, at now: Date) -> Result<Order, ArchiveError> {
    guard !order.isArchived else { return .failure(.alreadyArchived) }
    var o = order
    o.archivedAt = now
    return .success(o)
  }

  public static func unarchive(_ order: Order) -> Result<Order, ArchiveError> {
    guard order.isArchived else { return .failure(.notArchived) }
    var o = order
    o.archivedAt = nil
    return .success(o)
  }
}
