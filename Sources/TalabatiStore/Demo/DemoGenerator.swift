import Foundation
import TalabatiDomain
import TalabatiInterchange

/// Deterministic demo data: one account and as many orders as asked, relative to `now`.
///
/// Order `i` is the `i`-th newest. The first `showcaseCount` are hand-written to show every
/// case of the rules (seller items inside the 30-minute window, R3; store items before
/// shipping, R2; every status; delays; cancelled, partly cancelled and archived orders); the
/// rest are generated, older, spread back over years. Every order depends only on (seed, now,
/// totalOrders, its index), so batches can be generated independently and in any order.
/// Item and shipment ids are `index * 10 + k` (k in 1...9).
public struct DemoGenerator: Sendable {
  /// The seed `talabati demo` uses unless told otherwise.
  public static let defaultSeed: UInt64 = 20_261_127
  /// How many of the newest orders are the hand-written showcase.
  public static let showcaseCount = 40

  public let seed: UInt64
  public let now: Date
  /// How many orders the whole demo will hold: sets how far back in time they spread.
  public let totalOrders: Int
  public let accountID: AccountID

  private let nowMs: Int64
  private let gapMs: Int64
  private let numberOffset: UInt64

  /// A generator for `seed` at `now`; `totalOrders` spreads the generated orders over about
  /// 1.2 days each, at least one year and at most ten.
  public init(seed: UInt64, now: Date, totalOrders: Int = 1_000, accountID: AccountID = 1) {
    self.seed = seed
    self.now = now
    self.totalOrders = max(totalOrders, 0)
    self.accountID = accountID
    nowMs = InterchangeDate.milliseconds(now)
    let generated = Int64(max(1, totalOrders - Self.showcaseCount))
    let spanMs = min(max(generated * 1_200 * 86_400, 365 * Day.ms), 3_650 * Day.ms)
    gapMs = max(1_000, spanMs / generated)
    var s = SplitMix64(seed: seed ^ 0xA5A5_5A5A_0F0F_F0F0)
    numberOffset = s.next() % Self.numberSpace
  }

  /// The demo shopper.
  public func account() -> Account {
    Account(
      id: accountID, name: "نورة العتيبي", email: "noura@example.com", language: .ar,
      timeZone: "Asia/Riyadh")
  }

  /// Orders `startingAt ..< startingAt + count`, newest first.
  public func orders(count: Int, startingAt: Int = 0) -> [Order] {
    guard count > 0 else { return [] }
    let start = max(0, startingAt)
    var out: [Order] = []
    out.reserveCapacity(count)
    for i in start..<(start + count) { out.append(order(at: i)) }
    return out
  }

  /// The `index`-th newest order.
  public func order(at index: Int) -> Order {
    var rng = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
    if index < Self.showcaseCount {
      let spec = Self.showcase[index]
      return build(
        index: index, placedMs: nowMs - spec.ageMin * Minute.ms, payment: spec.payment,
        shipments: spec.shipments, archived: spec.archived, rng: &rng)
    }
    let k = Int64(index - Self.showcaseCount)
    let jitter = Int64(rng.next() % UInt64(max(1, gapMs - 1_000)))
    let placedMs = (nowMs - 90 * Day.ms - k * gapMs - jitter) / 1_000 * 1_000
    return generated(index: index, placedMs: placedMs, rng: &rng)
  }

  /// The Amazon-style order number of order `index`: `402-NNNNNNN-NNNNNNN`, unique per index
  /// (a bijection of the index modulo 10^14, shifted by the seed).
  public func orderNumber(at index: Int) -> OrderID {
    let (hi, lo) = UInt64(truncatingIfNeeded: index).multipliedFullWidth(by: Self.numberStep)
    let r = Self.numberSpace.dividingFullWidth((hi, lo)).remainder
    var n = (r + numberOffset) % Self.numberSpace
    var bytes: [UInt8] = Array("402-0000000-0000000".utf8)
    var pos = bytes.count - 1
    while n > 0 {
      if bytes[pos] == UInt8(ascii: "-") { pos -= 1 }
      bytes[pos] = UInt8(ascii: "0") + UInt8(n % 10)
      n /= 10
      pos -= 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static let numberSpace: UInt64 = 100_000_000_000_000
  /// Coprime with 10, so `index * step mod 10^14` is a bijection.
  static let numberStep: UInt64 = 48_271_914_629_137

  // MARK: - Building one order

  /// How a shipment stands at `now` (the timeline is drawn back from it).
  enum Stage: Sendable {
    /// Not yet shipping; shipping starts `startsInMin` minutes after now (R2).
    case ordered(startsInMin: Int64)
    case preparing, shipped, outForDelivery, delivered
    /// Shipped, expected delivery has passed, not delivered.
    case delayed
    /// Delivered after the expected delivery.
    case deliveredLate
  }

  /// Which items of a shipment were cancelled (shortly after placing, inside every window).
  enum Cut: Sendable {
    case none
    case all(CancelReason)
    case first(CancelReason)
  }

  struct ShipSpec: Sendable {
    var stage: Stage
    /// (product index, quantity)
    var items: [(Int, Int)]
    var shipping: Int64 = 0
    var cut: Cut = .none
  }

  struct OrderSpec: Sendable {
    var ageMin: Int64
    var payment: PaymentKind
    var shipments: [ShipSpec]
    var archived = false
  }

  private func build(
    index: Int, placedMs p: Int64, payment: PaymentKind, shipments specs: [ShipSpec],
    archived: Bool, rng: inout SplitMix64
  ) -> Order {
    let age = max(nowMs - p, Minute.ms)
    var shipments: [Shipment] = []
    shipments.reserveCapacity(specs.count)
    var k: Int64 = 1
    var lastDelivered = p
    for (si, spec) in specs.enumerated() {
      let sid = Int64(index) * 10 + Int64(si + 1)
      var t = Timeline(placedAt: dateAt(p))
      var shipped = false
      let cutAll: Bool
      if case .all = spec.cut { cutAll = true } else { cutAll = false }
      if !cutAll {
        switch spec.stage {
        case .ordered(let startsIn):
          t.shippingStartsAt = dateAt(nowMs + startsIn * Minute.ms)
          t.expectedDeliveryAt = dateAt(max(p + 3 * Day.ms, nowMs + Day.ms))
        case .preparing:
          t.shippingStartsAt = dateAt(p + age / 2)
          t.expectedDeliveryAt = dateAt(nowMs + 2 * Day.ms)
        case .shipped:
          t.shippingStartsAt = dateAt(p + age / 5)
          t.shippedAt = dateAt(p + age / 2)
          t.expectedDeliveryAt = dateAt(nowMs + Day.ms)
          shipped = true
        case .outForDelivery:
          t.shippingStartsAt = dateAt(p + age / 10)
          t.shippedAt = dateAt(p + age * 3 / 10)
          t.outForDeliveryAt = dateAt(p + age * 9 / 10)
          t.expectedDeliveryAt = dateAt(nowMs + 6 * Hour.ms)
          shipped = true
        case .delayed:
          let starts = p + min(age / 10, 5 * Hour.ms)
          t.shippingStartsAt = dateAt(starts)
          t.shippedAt = dateAt(starts + min(age / 5, Day.ms))
          t.expectedDeliveryAt = dateAt(p + age / 2)
          shipped = true
        case .delivered, .deliveredLate:
          let starts = p + min(age / 20, 6 * Hour.ms)
          let sent = starts + min(age / 10, 18 * Hour.ms)
          let out = sent + min(age / 5, 2 * Day.ms)
          let delivered = out + min(age / 20, 5 * Hour.ms)
          t.shippingStartsAt = dateAt(starts)
          t.shippedAt = dateAt(sent)
          t.outForDeliveryAt = dateAt(out)
          t.deliveredAt = dateAt(delivered)
          if case .deliveredLate = spec.stage {
            t.expectedDeliveryAt = dateAt(p + (delivered - p) / 2)
          } else {
            t.expectedDeliveryAt = dateAt(max(delivered, p + 4 * Day.ms))
          }
          lastDelivered = max(lastDelivered, delivered)
          shipped = true
        }
      }
      // Cancelled shortly after placing: inside the seller window (R3) and before shipping
      // starts (R1/R2), and before `now`.
      let cancelAt = dateAt(p + min(age / 40, 10 * Minute.ms))
      var items: [Item] = []
      items.reserveCapacity(spec.items.count)
      for (ii, (pi, qty)) in spec.items.enumerated() {
        let product = DemoCatalog.products[pi]
        var cancellation: Cancellation?
        switch spec.cut {
        case .none: break
        case .all(let r): cancellation = Cancellation(at: cancelAt, reason: r)
        case .first(let r): if ii == 0 { cancellation = Cancellation(at: cancelAt, reason: r) }
        }
        items.append(
          Item(
            id: Int64(index) * 10 + k, title: product.title,
            seller: DemoCatalog.sellers[product.seller],
            fulfilment: product.seller == 0 ? .store : .seller, quantity: qty,
            unitPrice: Money(minor: product.price), vatRateBasisPoints: 1500,
            category: product.category, cancellation: cancellation))
        k += 1
      }
      let sellerIndex = DemoCatalog.products[spec.items.first?.0 ?? 0].seller
      let carrier =
        sellerIndex == 0 && rng.next() % 2 == 0
        ? "Amazon Logistics" : DemoCatalog.carriers[Int(rng.next() % 3)]
      shipments.append(
        Shipment(
          id: sid, timeline: t, shippingCharge: Money(minor: spec.shipping), carrier: carrier,
          trackingNumber: shipped ? Self.tracking(carrier, &rng) : "", items: items))
    }
    var method = PaymentMethod(kind: payment)
    if payment == .mada || payment == .card {
      method.last4 = Self.digits(4, &rng)
    }
    var order = Order(
      id: orderNumber(at: index), accountID: accountID, placedAt: dateAt(p),
      paymentMethod: method, shipments: shipments)
    if archived {
      // Archived a while after the last delivery (or placing), never after now (R17).
      let at = min(
        max(lastDelivered, p) + 2 * Day.ms + Int64(rng.next() % UInt64(5 * Day.ms)),
        nowMs - Minute.ms)
      order.archivedAt = dateAt(max(at, p))
    }
    return order
  }

  /// A generated (non-showcase) order: 1–6 items from the catalogue, grouped into one
  /// shipment per third-party seller and one or two for the store; all delivered, about 4 %
  /// cancelled, 2 % partly cancelled, 3 % archived.
  private func generated(index: Int, placedMs: Int64, rng: inout SplitMix64) -> Order {
    let roll = rng.next() % 100
    let itemCount = roll < 55 ? 1 : roll < 80 ? 2 : roll < 92 ? 3 : 4 + Int(rng.next() % 3)
    // Group by seller, keeping first-seen order; store items may split into two shipments.
    var groups: [(seller: Int, items: [(Int, Int)])] = []
    for _ in 0..<itemCount {
      let pi = Int(rng.next() % UInt64(DemoCatalog.products.count))
      let product = DemoCatalog.products[pi]
      let qty =
        product.category == "grocery" ? 1 + Int(rng.next() % 4) : (rng.next() % 10 == 0 ? 2 : 1)
      if let g = groups.firstIndex(where: { $0.seller == product.seller }) {
        if groups[g].items.contains(where: { $0.0 == pi }) { continue }
        groups[g].items.append((pi, qty))
      } else {
        groups.append((product.seller, [(pi, qty)]))
      }
    }
    if let g = groups.firstIndex(where: { $0.seller == 0 }), groups[g].items.count >= 3,
      rng.next() % 10 < 3
    {
      let later = Array(groups[g].items.suffix(1))
      groups[g].items.removeLast()
      groups.append((0, later))
    }
    let fate = rng.next() % 100
    var specs: [ShipSpec] = []
    for (gi, g) in groups.enumerated() {
      let subtotal = g.items.reduce(Int64(0)) {
        $0 + DemoCatalog.products[$1.0].price * Int64($1.1)
      }
      let shipping: Int64 =
        g.seller == 0
        ? (subtotal >= 100_00 ? 0 : 15_00) : [0, 15_00, 19_00, 25_00][Int(rng.next() % 4)]
      var spec = ShipSpec(
        stage: rng.next() % 100 < 6 ? .deliveredLate : .delivered, items: g.items,
        shipping: shipping)
      if fate < 4 {
        spec.cut = .all(DemoCatalog.reasons[Int(rng.next() % UInt64(DemoCatalog.reasons.count))])
      } else if fate < 6 && gi == 0 {
        let reason = DemoCatalog.reasons[Int(rng.next() % UInt64(DemoCatalog.reasons.count))]
        spec.cut = g.items.count > 1 || groups.count == 1 ? .first(reason) : .all(reason)
      }
      specs.append(spec)
    }
    // A partly cancelled single-item order would be fully cancelled: keep one item live.
    if fate >= 4 && fate < 6 && groups.count == 1 && groups[0].items.count == 1 {
      specs[0].cut = .none
    }
    let payment = DemoCatalog.payments[Int(rng.next() % UInt64(DemoCatalog.payments.count))]
    return build(
      index: index, placedMs: placedMs, payment: payment, shipments: specs,
      archived: rng.next() % 100 < 3, rng: &rng)
  }

  // MARK: - Small helpers

  enum Minute { static let ms: Int64 = 60_000 }
  enum Hour { static let ms: Int64 = 3_600_000 }
  enum Day { static let ms: Int64 = 86_400_000 }

  static func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
    var bytes = [UInt8](repeating: 0, count: n)
    for i in 0..<n { bytes[i] = UInt8(ascii: "0") + UInt8(rng.next() % 10) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A tracking number in the carrier's usual shape.
  static func tracking(_ carrier: String, _ rng: inout SplitMix64) -> String {
    switch carrier {
    case "Aramex": "3" + digits(10, &rng)
    case "SMSA": "29" + digits(10, &rng)
    case "SPL": "RR" + digits(9, &rng) + "SA"
    default: "TBA" + digits(12, &rng)
    }
  }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The instant `ms` milliseconds after 1970 (the store's and the interchange's precision).
@inline(__always) private func dateAt(_ ms: Int64) -> Date {
  InterchangeDate.date(milliseconds: ms)
}
