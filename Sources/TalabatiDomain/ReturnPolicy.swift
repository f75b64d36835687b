import Foundation

// MARK: - Reasons and resolutions (R11)

/// Why a delivered item goes back (R11). Labels live in the string table under
/// `returnReason.<code>`.
public enum ReturnReason: String, Codable, Sendable, CaseIterable {
  case damaged
  case defective
  case notAsDescribed = "not-as-described"
  case noLongerNeeded = "no-longer-needed"
  case boughtByMistake = "bought-by-mistake"
  case wrongItem = "wrong-item"
  case other
}

/// What the shopper wants instead of the item: the money back (R15) or the same item again.
public enum ReturnResolution: String, Codable, Sendable, CaseIterable {
  case refund
  case replacement
}

// MARK: - The policy table (R16)

/// One row of the return-policy table: a product category and its window in days; `days` nil
/// means the category cannot be returned (digital goods, gift cards).
public struct ReturnWindowRule: Hashable, Codable, Sendable {
  /// A category code, or `ReturnPolicyTable.otherCategories` for every category not listed.
  public var category: String
  public var days: Int?

  public init(category: String, days: Int?) {
    self.category = category
    self.days = days
  }

  public var returnable: Bool { days != nil }
}

/// The return windows by product category (R16). The store keeps it in a table seeded by its
/// migration; `standard` holds the same rows for tests and previews.
public struct ReturnPolicyTable: Hashable, Codable, Sendable {
  /// The category code of the row that applies to every category not listed.
  public static let otherCategories = "*"

  /// Rows in display order; the `*` row is the fallback.
  public var rules: [ReturnWindowRule]

  public init(rules: [ReturnWindowRule]) { self.rules = rules }

  /// The rule for `category`: its own row, else the `*` row, else 30 days.
  public func rule(for category: String) -> ReturnWindowRule {
    if let r = rules.first(where: { $0.category == category }) { return r }
    let fallback = rules.first { $0.category == Self.otherCategories }
    return ReturnWindowRule(category: category, days: fallback.map { $0.days } ?? 30)
  }

  /// The table the store's migration seeds (R16): most items 30 days after delivery,
  /// electronics 15, perishable and personal-care items 7, digital goods and gift cards not
  /// returnable.
  public static let standard = ReturnPolicyTable(rules: [
    ReturnWindowRule(category: otherCategories, days: 30),
    ReturnWindowRule(category: "books", days: 30),
    ReturnWindowRule(category: "fashion", days: 30),
    ReturnWindowRule(category: "home", days: 30),
    ReturnWindowRule(category: "toys", days: 30),
    ReturnWindowRule(category: "electronics", days: 15),
    ReturnWindowRule(category: "grocery", days: 7),
    ReturnWindowRule(category: "beauty", days: 7),
    ReturnWindowRule(category: "digital", days: nil),
    ReturnWindowRule(category: "gift-card", days: nil),
  ])
}

/// The window in which a delivered item may be returned (R16).
///
/// Decision: the window counts whole days of the account's time zone. Its last day is the
/// local calendar day `days` days after the delivery day; it is half-open,
/// [deliveredAt, start of the day after the last day). Delivered 1 Nov 18:00 Riyadh with 30
/// days: the last day is 1 Dec; a request at 1 Dec 23:59:59 is accepted, at 2 Dec 00:00 it is
/// refused "closed on 1 Dec".
public struct ReturnWindow: Hashable, Codable, Sendable {
  public var days: Int
  /// Start (local midnight) of the last day on which a return may be requested.
  public var lastDay: Date
  /// The first instant at which it is refused (local midnight after the last day).
  public var closesAt: Date

  public init(days: Int, lastDay: Date, closesAt: Date) {
    self.days = days
    self.lastDay = lastDay
    self.closesAt = closesAt
  }

  /// The window of an item delivered at `deliveredAt` with a `days`-day rule, in `timeZone`.
  public init(deliveredAt: Date, days: Int, timeZone: TimeZone) {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = timeZone
    let deliveryDay = cal.startOfDay(for: deliveredAt)
    let last = cal.date(byAdding: .day, value: max(0, days), to: deliveryDay) ?? deliveryDay
    let closes = cal.date(byAdding: .day, value: 1, to: last) ?? last
    self.init(days: days, lastDay: last, closesAt: closes)
  }

  /// True while a request at `now` is inside the window.
  public func isOpen(at now: Date) -> Bool { now < closesAt }
}

// MARK: - Eligibility

/// Why an item may not be returned at an instant.
public enum ReturnRefusal: String, Codable, Sendable, CaseIterable {
  /// Cancelled before it shipped: there is nothing to send back.
  case cancelled
  /// Not delivered yet (R11 starts from a delivered item; R7: refuse it on delivery instead).
  case notDelivered = "not-delivered"
  /// Its category cannot be returned (R16).
  case notReturnable = "not-returnable"
  /// The return window closed (R16); `ReturnEligibility.window` says when.
  case windowClosed = "window-closed"
  /// Already part of a return or replacement.
  case alreadyReturned = "already-returned"
}

/// The policy's answer for one item at one instant.
public struct ReturnEligibility: Hashable, Codable, Sendable {
  public var itemID: ItemID
  public var refusal: ReturnRefusal?
  /// The window, once delivered and returnable (also when it has closed: its date is shown).
  public var window: ReturnWindow?
  /// The rule that applied (R16: the policy is visible).
  public var rule: ReturnWindowRule

  public init(
    itemID: ItemID, refusal: ReturnRefusal?, window: ReturnWindow?, rule: ReturnWindowRule
  ) {
    self.itemID = itemID
    self.refusal = refusal
    self.window = window
    self.rule = rule
  }

  public var returnable: Bool { refusal == nil }
}

/// Why a return request as a whole cannot proceed.
public enum ReturnError: Error, Hashable, Sendable {
  case emptySelection
  case unknownItem(ItemID)
  /// Some items may not be returned; nothing happens (all or nothing, like R4).
  case refused([ReturnEligibility])
}

// MARK: - Returns

/// One returned line: an item, its quantity and its VAT-inclusive value.
public struct ReturnLine: Hashable, Codable, Sendable {
  public var itemID: ItemID
  public var title: String
  public var quantity: Int
  public var amount: Money

  public init(itemID: ItemID, title: String, quantity: Int, amount: Money) {
    self.itemID = itemID
    self.title = title
    self.quantity = quantity
    self.amount = amount
  }
}

/// The stages of a return (R14), in order. A refund ends with `refundIssued` (R15), a
/// replacement with `replacementShipped`.
public enum ReturnStage: String, Codable, Sendable, CaseIterable, Comparable {
  case initiated
  case droppedOff = "dropped-off"
  case received
  case refundIssued = "refund-issued"
  case replacementShipped = "replacement-shipped"

  private var rank: Int {
    switch self {
    case .initiated: 0
    case .droppedOff: 1
    case .received: 2
    case .refundIssued, .replacementShipped: 3
    }
  }

  public static func < (lhs: ReturnStage, rhs: ReturnStage) -> Bool { lhs.rank < rhs.rank }

  /// The four stages a return of `resolution` passes.
  public static func stages(for resolution: ReturnResolution) -> [ReturnStage] {
    [
      .initiated, .droppedOff, .received,
      resolution == .refund ? .refundIssued : .replacementShipped,
    ]
  }
}

/// The moments of a return. Like a shipment's `Timeline`, the carrier's scans are simulated:
/// a new return gets a planned timeline (`planned(from:)`) and its stage at an instant is the
/// last one whose moment has passed (R14).
public struct ReturnTimeline: Hashable, Codable, Sendable {
  public var initiatedAt: Date
  /// The shopper should hand the package to the carrier by then.
  public var dropOffBy: Date
  public var droppedOffAt: Date?
  public var receivedAt: Date?
  /// The refund was issued (R15) or the replacement shipped.
  public var completedAt: Date?

  public init(
    initiatedAt: Date, dropOffBy: Date, droppedOffAt: Date? = nil, receivedAt: Date? = nil,
    completedAt: Date? = nil
  ) {
    self.initiatedAt = initiatedAt
    self.dropOffBy = dropOffBy
    self.droppedOffAt = droppedOffAt
    self.receivedAt = receivedAt
    self.completedAt = completedAt
  }

  /// Days the shopper has to drop the package off.
  public static let dropOffDays = 14

  /// The simulated plan of a return requested at `start`: dropped off a day later, received
  /// three days after that, inspected and refunded (or the replacement shipped) two days later.
  public static func planned(from start: Date) -> ReturnTimeline {
    let day: TimeInterval = 86_400
    return ReturnTimeline(
      initiatedAt: start, dropOffBy: start.addingTimeInterval(Double(dropOffDays) * day),
      droppedOffAt: start.addingTimeInterval(day), receivedAt: start.addingTimeInterval(4 * day),
      completedAt: start.addingTimeInterval(6 * day))
  }

  /// The moment a stage was (or is planned to be) reached.
  public func moment(of stage: ReturnStage) -> Date? {
    switch stage {
    case .initiated: initiatedAt
    case .droppedOff: droppedOffAt
    case .received: receivedAt
    case .refundIssued, .replacementShipped: completedAt
    }
  }

  /// The stage reached at `now` (R14): every stage up to it has its moment at or before `now`.
  public func stage(at now: Date, resolution: ReturnResolution) -> ReturnStage {
    var reached = ReturnStage.initiated
    for s in ReturnStage.stages(for: resolution).dropFirst() {
      guard let at = moment(of: s), at <= now else { break }
      reached = s
    }
    return reached
  }
}

/// A return or replacement request as stored (R11–R15).
public struct ReturnRecord: Hashable, Codable, Sendable, Identifiable {
  /// The return authorisation number printed on the label (R13).
  public var rma: String
  public var orderID: OrderID
  public var accountID: AccountID
  public var reason: ReturnReason
  public var resolution: ReturnResolution
  public var lines: [ReturnLine]
  /// VAT-inclusive value of the returned lines: refunded to `paymentMethod` for a refund
  /// (R15); nothing is refunded for a replacement.
  public var itemsValue: Money
  public var paymentMethod: PaymentMethod
  public var timeline: ReturnTimeline
  /// The order that ships the replacement (replacements only).
  public var replacementOrderID: OrderID?

  public init(
    rma: String, orderID: OrderID, accountID: AccountID, reason: ReturnReason,
    resolution: ReturnResolution, lines: [ReturnLine], itemsValue: Money,
    paymentMethod: PaymentMethod, timeline: ReturnTimeline, replacementOrderID: OrderID? = nil
  ) {
    self.rma = rma
    self.orderID = orderID
    self.accountID = accountID
    self.reason = reason
    self.resolution = resolution
    self.lines = lines
    self.itemsValue = itemsValue
    self.paymentMethod = paymentMethod
    self.timeline = timeline
    self.replacementOrderID = replacementOrderID
  }

  public var id: String { rma }

  /// The amount refunded to the original payment method (R15): the items' value for a
  /// refund, zero for a replacement.
  public var refundAmount: Money {
    resolution == .refund ? itemsValue : Money.zero(itemsValue.currency)
  }

  /// Where `refundAmount` goes (R15): see `RefundRoute.forReturn(paidWith:)`.
  public var refundRoute: RefundRoute { RefundRoute.forReturn(paidWith: paymentMethod.kind) }

  public func stage(at now: Date) -> ReturnStage {
    timeline.stage(at: now, resolution: resolution)
  }

  /// Not dropped off and past the drop-off date.
  public func isDropOffOverdue(at now: Date) -> Bool {
    stage(at: now) == .initiated && now >= timeline.dropOffBy
  }
}

/// Where return packages go (R13): printed on the label.
public enum ReturnAddress {
  public static let lines = [
    "Amazon.sa Returns Centre",
    "Riyadh South Logistics Park, Gate 4",
    "Riyadh 14332",
    "Saudi Arabia",
  ]
}

/// The rules of returning, R11 and R16, at an instant given by the caller.
public enum ReturnPolicy {
  /// May `item` of `shipment` be returned at `now`, under `policy`, in the account's time
  /// zone? `returned` holds the items already part of a return.
  public static func eligibility(
    of item: Item, in shipment: Shipment, policy: ReturnPolicyTable, timeZone: TimeZone,
    returned: Set<ItemID> = [], at now: Date
  ) -> ReturnEligibility {
    let rule = policy.rule(for: item.category)
    var window: ReturnWindow?
    if let days = rule.days, let delivered = shipment.timeline.deliveredAt, now >= delivered {
      window = ReturnWindow(deliveredAt: delivered, days: days, timeZone: timeZone)
    }
    let refusal: ReturnRefusal?
    if item.isCancelled {
      refusal = .cancelled
    } else if returned.contains(item.id) {
      refusal = .alreadyReturned
    } else if shipment.timeline.stage(at: now) != .delivered {
      refusal = .notDelivered
    } else if rule.days == nil {
      refusal = .notReturnable
    } else if let window, !window.isOpen(at: now) {
      refusal = .windowClosed  // R16: outside the window
    } else {
      refusal = nil
    }
    return ReturnEligibility(itemID: item.id, refusal: refusal, window: window, rule: rule)
  }

  /// Eligibility of every item of `order`, in order.
  public static func eligibility(
    of order: Order, policy: ReturnPolicyTable, timeZone: TimeZone, returned: Set<ItemID> = [],
    at now: Date
  ) -> [ReturnEligibility] {
    order.shipments.flatMap { s in
      s.items.map {
        eligibility(
          of: $0, in: s, policy: policy, timeZone: timeZone, returned: returned, at: now)
      }
    }
  }

  /// Builds a return of `items` of `order` at `now`, all or nothing. `rma` is the number the
  /// caller allocated; the timeline is the simulated plan.
  public static func request(
    items: [ItemID], in order: Order, reason: ReturnReason, resolution: ReturnResolution,
    policy: ReturnPolicyTable, timeZone: TimeZone, returned: Set<ItemID> = [], rma: String,
    at now: Date
  ) -> Result<ReturnRecord, ReturnError> {
    var seen = Set<ItemID>()
    let ids = items.filter { seen.insert($0).inserted }
    guard !ids.isEmpty else { return .failure(.emptySelection) }
    for id in ids where order.item(id) == nil { return .failure(.unknownItem(id)) }
    var refused: [ReturnEligibility] = []
    var lines: [ReturnLine] = []
    var value = Money.zero(order.currency)
    for s in order.shipments {
      for i in s.items where seen.contains(i.id) {
        let e = eligibility(
          of: i, in: s, policy: policy, timeZone: timeZone, returned: returned, at: now)
        if !e.returnable { refused.append(e) }
        lines.append(
          ReturnLine(itemID: i.id, title: i.title, quantity: i.quantity, amount: i.lineTotal))
        value = value + i.lineTotal
      }
    }
    if !refused.isEmpty { return .failure(.refused(refused)) }
    return .success(
      ReturnRecord(
        rma: rma, orderID: order.id, accountID: order.accountID, reason: reason,
        resolution: resolution, lines: lines, itemsValue: value,
        paymentMethod: order.paymentMethod, timeline: .planned(from: now)))
  }
}
