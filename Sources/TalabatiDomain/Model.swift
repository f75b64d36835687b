import Foundation

// MARK: - Money

/// An amount in integer minor units (halalas for SAR) with its ISO 4217 currency code.
/// Prices are VAT-inclusive (Saudi VAT, 15 %).
public struct Money: Hashable, Codable, Sendable, Comparable {
  public var minor: Int64
  public var currency: String

  public init(minor: Int64, currency: String = "SAR") {
    self.minor = minor
    self.currency = currency
  }

  public static func zero(_ currency: String = "SAR") -> Money {
    Money(minor: 0, currency: currency)
  }

  public static func + (lhs: Money, rhs: Money) -> Money {
    precondition(lhs.currency == rhs.currency, "currency mismatch")
    return Money(minor: lhs.minor + rhs.minor, currency: lhs.currency)
  }

  public static func * (lhs: Money, rhs: Int) -> Money {
    Money(minor: lhs.minor * Int64(rhs), currency: lhs.currency)
  }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minor < rhs.minor }

  /// The VAT contained in this VAT-inclusive amount, rounded half-up to the minor unit.
  /// `rateBasisPoints` is 1500 for 15 %.
  public func vatShare(rateBasisPoints: Int) -> Money {
    let r = Int64(rateBasisPoints)
    // vat = gross * r / (10000 + r), rounded half up
    let num = minor * r * 2 + (10_000 + r)
    let vat = num / ((10_000 + r) * 2)
    return Money(minor: vat, currency: currency)
  }
}

// MARK: - Identifiers

public typealias OrderID = String  // Amazon-style order number, e.g. 402-1234567-1234567
public typealias ShipmentID = Int64
public typealias ItemID = Int64
public typealias AccountID = Int64

// MARK: - Account

public enum Language: String, Codable, Sendable, CaseIterable {
  case ar, en
}

public struct Account: Hashable, Codable, Sendable {
  public var id: AccountID
  public var name: String
  public var email: String
  public var language: Language
  /// IANA time zone identifier; Asia/Riyadh by default.
  public var timeZone: String

  public init(
    id: AccountID, name: String, email: String, language: Language = .ar,
    timeZone: String = "Asia/Riyadh"
  ) {
    self.id = id
    self.name = name
    self.email = email
    self.language = language
    self.timeZone = timeZone
  }
}

// MARK: - Payment

public enum PaymentKind: String, Codable, Sendable, CaseIterable {
  case card, mada, applePay = "apple-pay", cashOnDelivery = "cod", giftCard = "gift-card"
}

public struct PaymentMethod: Hashable, Codable, Sendable {
  public var kind: PaymentKind
  /// Last four digits of a card, or empty.
  public var last4: String

  public init(kind: PaymentKind, last4: String = "") {
    self.kind = kind
    self.last4 = last4
  }
}

// MARK: - Sellers and fulfilment

/// Who sells and ships an item (R2, R3).
public enum Fulfilment: String, Codable, Sendable, CaseIterable {
  /// Sold and/or shipped by the store itself (Amazon): cancellable until shipping starts (R2).
  case store
  /// Sold and shipped by a third-party seller: cancellable only within 30 minutes (R3).
  case seller
}

public struct Seller: Hashable, Codable, Sendable {
  public var id: String
  public var name: String

  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

// MARK: - Timeline

/// The moments a shipment passes. A nil moment has not been scheduled or has not happened.
/// Status at an instant is derived from these (see `ShipmentStatus`).
public struct Timeline: Hashable, Codable, Sendable {
  public var placedAt: Date
  /// The moment the shipment enters the shipping process ("Preparing for shipment", R1).
  public var shippingStartsAt: Date?
  public var shippedAt: Date?
  public var outForDeliveryAt: Date?
  public var deliveredAt: Date?
  public var expectedDeliveryAt: Date?

  public init(
    placedAt: Date, shippingStartsAt: Date? = nil, shippedAt: Date? = nil,
    outForDeliveryAt: Date? = nil, deliveredAt: Date? = nil, expectedDeliveryAt: Date? = nil
  ) {
    self.placedAt = placedAt
    self.shippingStartsAt = shippingStartsAt
    self.shippedAt = shippedAt
    self.outForDeliveryAt = outForDeliveryAt
    self.deliveredAt = deliveredAt
    self.expectedDeliveryAt = expectedDeliveryAt
  }
}

// MARK: - Items, shipments, orders

/// A recorded cancellation of one item.
public struct Cancellation: Hashable, Codable, Sendable {
  public var at: Date
  public var reason: CancelReason

  public init(at: Date, reason: CancelReason) {
    self.at = at
    self.reason = reason
  }
}

public struct Item: Hashable, Codable, Sendable, Identifiable {
  public var id: ItemID
  public var title: String
  public var seller: Seller
  public var fulfilment: Fulfilment
  public var quantity: Int
  /// VAT-inclusive price of one unit.
  public var unitPrice: Money
  /// VAT rate in basis points (1500 = 15 %).
  public var vatRateBasisPoints: Int
  /// Product category code (drives the return window, R16).
  public var category: String
  public var cancellation: Cancellation?

  public init(
    id: ItemID, title: String, seller: Seller, fulfilment: Fulfilment, quantity: Int = 1,
    unitPrice: Money, vatRateBasisPoints: Int = 1500, category: String = "general",
    cancellation: Cancellation? = nil
  ) {
    self.id = id
    self.title = title
    self.seller = seller
    self.fulfilment = fulfilment
    self.quantity = quantity
    self.unitPrice = unitPrice
    self.vatRateBasisPoints = vatRateBasisPoints
    self.category = category
    self.cancellation = cancellation
  }

  /// VAT-inclusive line total.
  public var lineTotal: Money { unitPrice * quantity }
  public var isCancelled: Bool { cancellation != nil }
}

public struct Shipment: Hashable, Codable, Sendable, Identifiable {
  public var id: ShipmentID
  public var timeline: Timeline
  /// VAT-inclusive shipping charge, refunded only when the whole shipment ends cancelled (R9).
  public var shippingCharge: Money
  public var carrier: String
  public var trackingNumber: String
  public var items: [Item]

  public init(
    id: ShipmentID, timeline: Timeline, shippingCharge: Money, carrier: String = "",
    trackingNumber: String = "", items: [Item]
  ) {
    self.id = id
    self.timeline = timeline
    self.shippingCharge = shippingCharge
    self.carrier = carrier
    self.trackingNumber = trackingNumber
    self.items = items
  }

  public var isFullyCancelled: Bool { !items.isEmpty && items.allSatisfy(\.isCancelled) }
}

public struct Order: Hashable, Codable, Sendable, Identifiable {
  public var id: OrderID
  public var accountID: AccountID
  public var placedAt: Date
  public var paymentMethod: PaymentMethod
  public var shipments: [Shipment]
  /// Set while the order is archived (R17, R18). Archiving never deletes.
  public var archivedAt: Date?
  /// True for orders brought in from an Amazon export (historic).
  public var imported: Bool
  /// Set when this order is the free replacement a return asked for (R11): the return and the
  /// order it came from. Filled by the store from the return; not part of the interchange
  /// document (the return there names its replacement order already).
  public var replacementOf: ReplacementSource?

  /// Where a replacement order came from: the return (RMA) and the returned order.
  public struct ReplacementSource: Hashable, Codable, Sendable {
    public var rma: String
    public var orderID: OrderID

    public init(rma: String, orderID: OrderID) {
      self.rma = rma
      self.orderID = orderID
    }
  }

  enum CodingKeys: String, CodingKey {
    case id, accountID, placedAt, paymentMethod, shipments, archivedAt, imported
  }

  public init(
    id: OrderID, accountID: AccountID, placedAt: Date, paymentMethod: PaymentMethod,
    shipments: [Shipment], archivedAt: Date? = nil, imported: Bool = false,
    replacementOf: ReplacementSource? = nil
  ) {
    self.id = id
    self.accountID = accountID
    self.placedAt = placedAt
    self.paymentMethod = paymentMethod
    self.shipments = shipments
    self.archivedAt = archivedAt
    self.imported = imported
    self.replacementOf = replacementOf
  }

  public var isArchived: Bool { archivedAt != nil }
  public var items: [Item] { shipments.flatMap(\.items) }
  public var currency: String { shipments.first?.items.first?.unitPrice.currency ?? "SAR" }

  /// VAT-inclusive total as charged: every line plus every shipping charge.
  public var total: Money {
    var sum = Money.zero(currency)
    for s in shipments {
      sum = sum + s.shippingCharge
      for i in s.items { sum = sum + i.lineTotal }
    }
    return sum
  }

  public var isFullyCancelled: Bool { !items.isEmpty && items.allSatisfy(\.isCancelled) }

  public func shipment(containing item: ItemID) -> Shipment? {
    shipments.first { $0.items.contains { $0.id == item } }
  }

  public func item(_ id: ItemID) -> Item? { items.first { $0.id == id } }
}

// MARK: - Cancellation reasons

/// The reasons a shopper can give when cancelling (R5). Labels live in the Text string table
/// under `reason.<code>`.
public enum CancelReason: String, Codable, Sendable, CaseIterable {
  case changedMind = "changed-mind"
  case foundCheaper = "found-cheaper"
  case orderedByMistake = "ordered-by-mistake"
  case deliveryTooLong = "delivery-too-long"
  case wrongAddress = "wrong-address"
  case wrongPayment = "wrong-payment"
  case duplicateOrder = "duplicate-order"
  case other
}

// MARK: - Events

/// An append-only record of something that happened to an account's orders (who / what / when).
public struct Event: Hashable, Codable, Sendable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case orderPlaced = "order-placed"
    case itemsCancelled = "items-cancelled"
    case orderArchived = "order-archived"
    case orderUnarchived = "order-unarchived"
    case orderImported = "order-imported"
    case messageSent = "message-sent"
    // Returns (R11–R15), support (R21–R23) and account closure (R27–R29). Builds before
    // these cases wrote such events as `message-sent` rows whose detail named the kind
    // (`{"kind": "return-requested", …}`); `meaning` reads both.
    /// R11: a return for a refund was requested.
    case returnRequested = "return-requested"
    /// R11: a replacement was requested (its replacement order has an `order-placed` event).
    case replacementRequested = "replacement-requested"
    /// R21: a call-back was booked.
    case callbackRequested = "callback-requested"
    /// R21: a call-back was cancelled.
    case callbackCancelled = "callback-cancelled"
    /// R22: a suspicious message or site was reported (its e-mail is a `message-sent`).
    case fraudReported = "fraud-reported"
    /// R7, R23: a message was written to the seller of an item.
    case sellerContacted = "seller-contacted"
    /// R27: closing the account was requested.
    case closureRequested = "closure-requested"
    /// R29: a pending closure was withdrawn.
    case closureWithdrawn = "closure-withdrawn"
  }

  public var kind: Kind
  public var at: Date
  /// Who did it: "shopper", "cli", "tui", "import", "system".
  public var actor: String
  public var orderID: OrderID?
  /// A short machine-readable detail (JSON text), e.g. the item ids and reason.
  public var detail: String

  public init(kind: Kind, at: Date, actor: String, orderID: OrderID?, detail: String) {
    self.kind = kind
    self.at = at
    self.actor = actor
    self.orderID = orderID
    self.detail = detail
  }

  /// What the event stands for, old rows included.
  ///
  /// A `message-sent` row written before returns and support had kinds of their own names its
  /// real kind in its detail: `return-requested` (with `resolution`), `seller-message`,
  /// `callback-requested`, `callback-cancelled`, `fraud-reported`, `closure-requested`,
  /// `closure-withdrawn`. Such a row means that kind; every other row means its own `kind`
  /// (a legacy `return-confirmation` row was the return's e-mail: `message-sent`).
  public var meaning: Kind {
    guard kind == .messageSent, let legacy = Self.detailField("kind", of: detail) else {
      return kind
    }
    switch legacy {
    case "return-requested":
      return Self.detailField("resolution", of: detail) == "replacement"
        ? .replacementRequested : .returnRequested
    case "seller-message": return .sellerContacted
    case "callback-requested": return .callbackRequested
    case "callback-cancelled": return .callbackCancelled
    case "fraud-reported": return .fraudReported
    case "closure-requested": return .closureRequested
    case "closure-withdrawn": return .closureWithdrawn
    default: return kind
    }
  }

  /// The text value of `key` in a detail that is a flat JSON object; nil otherwise.
  public static func detailField(_ key: String, of detail: String) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(detail.utf8)),
      let fields = object as? [String: Any]
    else { return nil }
    return fields[key] as? String
  }
}

// MARK: - Clock

/// The only way the domain learns the time: injected, so `--now` and tests fix it.
public protocol Clock: Sendable {
  func now() -> Date
}

public struct SystemClock: Clock {
  public init() {}
  public func now() -> Date { Date() }
}

public struct FixedClock: Clock {
  public var instant: Date
  public init(_ instant: Date) { self.instant = instant }
  public func now() -> Date { instant }
}

// MARK: - List rows

/// One row of the order list: what the list shows without loading the whole order.
public struct OrderSummary: Hashable, Codable, Sendable, Identifiable {
  public var id: OrderID
  public var placedAt: Date
  public var total: Money
  public var itemCount: Int
  /// Title of the first item, for the list.
  public var firstTitle: String
  /// In search results, the title of the item the search matched (issue 13: the list showed
  /// the first item's title, so `sony` listed `SanDisk …`); nil outside a search or when the
  /// order number matched.
  public var matchedTitle: String?
  /// True for a return's free replacement order (issue 13: it looked like any SAR 0.00 order).
  public var isReplacement = false
  public var archived: Bool
  public var imported: Bool
  /// Items per status at the instant the summary was read.
  public var status: StatusSummary

  public init(
    id: OrderID, placedAt: Date, total: Money, itemCount: Int, firstTitle: String,
    archived: Bool, imported: Bool, status: StatusSummary, matchedTitle: String? = nil,
    isReplacement: Bool = false
  ) {
    self.id = id
    self.placedAt = placedAt
    self.total = total
    self.itemCount = itemCount
    self.firstTitle = firstTitle
    self.matchedTitle = matchedTitle
    self.isReplacement = isReplacement
    self.archived = archived
    self.imported = imported
    self.status = status
  }
}

/// Which orders a list shows (R10, R18).
public enum OrderListView: String, Codable, Sendable, CaseIterable {
  /// Orders not archived (the default history, R18), cancelled ones included.
  case orders
  /// Orders with at least one cancelled item (R10).
  case cancelled
  /// Archived orders (R18).
  case archived
  /// Everything.
  case all
}

/// A position in a newest-first order list (keyset pagination: no OFFSET scans).
/// Its text form `<placedAt epoch ms>:<order id>` is what `talabati orders --after` takes.
public struct ListCursor: Hashable, Codable, Sendable {
  public var placedAt: Date
  public var orderID: OrderID

  /// A cursor at `placedAt` rounded to the millisecond: the precision of its text form, so a
  /// cursor equals the one parsed back from its `text`.
  public init(placedAt: Date, orderID: OrderID) {
    let ms = (placedAt.timeIntervalSince1970 * 1000).rounded()
    self.placedAt = Date(timeIntervalSince1970: ms / 1000)
    self.orderID = orderID
  }

  /// Milliseconds since 1970 of `placedAt`.
  public var placedAtMilliseconds: Int64 {
    Int64((placedAt.timeIntervalSince1970 * 1000).rounded())
  }

  public var text: String { "\(placedAtMilliseconds):\(orderID)" }

  public init?(text: String) {
    guard let colon = text.firstIndex(of: ":"),
      let ms = Int64(text[..<colon]),
      !text[text.index(after: colon)...].isEmpty
    else { return nil }
    self.placedAt = Date(timeIntervalSince1970: Double(ms) / 1000)
    self.orderID = String(text[text.index(after: colon)...])
  }
}

/// One page of a newest-first list, and where the next page starts (nil at the end).
public struct OrderPage: Hashable, Sendable {
  public var rows: [OrderSummary]
  public var next: ListCursor?

  public init(rows: [OrderSummary], next: ListCursor?) {
    self.rows = rows
    self.next = next
  }
}
