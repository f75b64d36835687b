import Foundation

/// Amazon's status names, derived from a shipment's timeline at an instant (R24).
public enum Status: String, Codable, Sendable, CaseIterable, Comparable {
  case ordered = "ordered"
  case preparing = "preparing-for-shipment"
  case shipped = "shipped"
  case outForDelivery = "out-for-delivery"
  case delivered = "delivered"
  case cancelled = "cancelled"

  private var rank: Int {
    switch self {
    case .ordered: 0
    case .preparing: 1
    case .shipped: 2
    case .outForDelivery: 3
    case .delivered: 4
    case .cancelled: 5
    }
  }

  public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}

extension Timeline {
  /// The stage the timeline has reached at `now`, ignoring cancellations.
  public func stage(at now: Date) -> Status {
    if let d = deliveredAt, now >= d { return .delivered }
    if let d = outForDeliveryAt, now >= d { return .outForDelivery }
    if let d = shippedAt, now >= d { return .shipped }
    if let d = shippingStartsAt, now >= d { return .preparing }
    return .ordered
  }

  /// True once the shipment has entered the shipping process (R1).
  public func hasEnteredShipping(at now: Date) -> Bool { stage(at: now) != .ordered }

  /// Expected delivery has passed and the shipment is not delivered ("Delayed in transit").
  public func isDelayed(at now: Date) -> Bool {
    guard let expected = expectedDeliveryAt else { return false }
    return stage(at: now) != .delivered && now > expected
  }
}

extension Item {
  /// The item's status at `now`: cancelled when a cancellation is recorded, otherwise its
  /// shipment's stage.
  public func status(in shipment: Shipment, at now: Date) -> Status {
    isCancelled ? .cancelled : shipment.timeline.stage(at: now)
  }
}

extension Shipment {
  public func status(at now: Date) -> Status {
    isFullyCancelled ? .cancelled : timeline.stage(at: now)
  }
}

/// A one-line summary of an order's state for the list: the count of items at each status.
public struct StatusSummary: Hashable, Codable, Sendable {
  public init(counts: [Status: Int]) { self.counts = counts }

  public var counts: [Status: Int]

  /// The status that best describes the order as a whole: cancelled when all items are,
  /// else the least advanced status among live items (what the shopper still waits for).
  public var headline: Status {
    let live = counts.filter { $0.key != .cancelled && $0.value > 0 }.map(\.key)
    return live.min() ?? .cancelled
  }

  public var itemCount: Int { counts.values.reduce(0, +) }
}

extension Order {
  public func statusSummary(at now: Date) -> StatusSummary {
    var counts: [Status: Int] = [:]
    for s in shipments {
      for i in s.items { counts[i.status(in: s, at: now), default: 0] += 1 }
    }
    return StatusSummary(counts: counts)
  }

  public func status(at now: Date) -> Status { statusSummary(at: now).headline }
}
