import Foundation

/// Where a shipment is now (R24), derived from the stage it has reached: the carrier's own scan
/// locations are not part of the data, so the place is named by stage.
public enum TrackingLocation: String, Codable, Sendable, CaseIterable {
  /// Ordered: still with the seller (or the store's warehouse).
  case atSeller = "at-seller"
  /// Preparing for shipment: at the fulfilment centre.
  case fulfilmentCentre = "fulfilment-centre"
  /// Shipped: in transit with the carrier.
  case inTransit = "in-transit"
  /// Out for delivery: with the courier in the shopper's city.
  case withCourier = "with-courier"
  /// Delivered to the address.
  case delivered
  /// Cancelled before it shipped.
  case cancelled
}

/// One stage of the tracking history (R24): passed with its time, or still ahead.
public struct TrackingStep: Hashable, Codable, Sendable {
  public var stage: Status
  /// When it was passed; nil while ahead (or when the carrier never scanned it).
  public var at: Date?
  public var passed: Bool

  public init(stage: Status, at: Date?, passed: Bool) {
    self.stage = stage
    self.at = at
    self.passed = passed
  }
}

/// Help the shopper can follow when tracking does not answer (R25, R26).
public enum TrackingGuidance: String, Codable, Sendable, CaseIterable {
  /// R25: no tracking information.
  case missingInfo = "missing-info"
  /// R26: marked delivered but not received.
  case notReceived = "not-received"

  /// The steps, in order; each is a string-table key suffix `guidance.<case>.<step>`. Both
  /// end by contacting support (`SupportPolicy.phoneNumber`) with the order number ready (R20).
  public var steps: [String] {
    switch self {
    case .missingInfo: ["check-email", "wait", "contact-support"]
    case .notReceived: ["look-around", "ask-household", "wait", "contact-support"]
    }
  }
}

/// The tracking view of one shipment at an instant (R24–R26).
public struct ShipmentTracking: Hashable, Codable, Sendable {
  public var shipmentID: ShipmentID
  public var carrier: String
  public var trackingNumber: String
  public var status: Status
  public var location: TrackingLocation
  /// Ordered → delivered; every stage with its time when passed.
  public var steps: [TrackingStep]
  public var expectedDeliveryAt: Date?
  public var deliveredAt: Date?
  /// "Delayed in transit": the expected delivery has passed and it is not delivered.
  public var delayed: Bool
  /// The guidance that applies now (R25 when information is missing, R26 once delivered).
  public var guidance: [TrackingGuidance]

  public init(
    shipmentID: ShipmentID, carrier: String, trackingNumber: String, status: Status,
    location: TrackingLocation, steps: [TrackingStep], expectedDeliveryAt: Date?,
    deliveredAt: Date?, delayed: Bool, guidance: [TrackingGuidance]
  ) {
    self.shipmentID = shipmentID
    self.carrier = carrier
    self.trackingNumber = trackingNumber
    self.status = status
    self.location = location
    self.steps = steps
    self.expectedDeliveryAt = expectedDeliveryAt
    self.deliveredAt = deliveredAt
    self.delayed = delayed
    self.guidance = guidance
  }

  /// True when the shipment has no tracking number although it is on its way (R25).
  public var missingInfo: Bool { guidance.contains(.missingInfo) }
}

/// Builds tracking views (R24–R26).
public enum Tracking {
  /// The stages a shipment passes, in order.
  public static let stages: [Status] = [
    .ordered, .preparing, .shipped, .outForDelivery, .delivered,
  ]

  /// The tracking view of `shipment` at `now`.
  ///
  /// R25 applies when the shipment has shipped (or is late) and no tracking number is known,
  /// or when it is delayed in transit; R26 applies once it is delivered.
  public static func view(of shipment: Shipment, at now: Date) -> ShipmentTracking {
    let t = shipment.timeline
    let status = shipment.status(at: now)
    let reached = t.stage(at: now)
    let moments: [Status: Date?] = [
      .ordered: t.placedAt, .preparing: t.shippingStartsAt, .shipped: t.shippedAt,
      .outForDelivery: t.outForDeliveryAt, .delivered: t.deliveredAt,
    ]
    var steps = stages.map { stage -> TrackingStep in
      let at = moments[stage] ?? nil
      let passed = status != .cancelled && stage <= reached && (at.map { $0 <= now } ?? false)
      return TrackingStep(stage: stage, at: passed ? at : nil, passed: passed)
    }
    if status == .cancelled {
      // It was ordered, then cancelled (before shipping, R1): both passed, with their times;
      // the stages it will never reach are not listed (issue 13: "○ Ordered" read as if the
      // order had never been placed).
      let cancelledAt = shipment.items.compactMap(\.cancellation?.at).max()
      steps = [
        TrackingStep(stage: .ordered, at: t.placedAt, passed: true),
        TrackingStep(stage: .cancelled, at: cancelledAt, passed: true),
      ]
    }
    let location: TrackingLocation
    switch status {
    case .ordered: location = .atSeller
    case .preparing: location = .fulfilmentCentre
    case .shipped: location = .inTransit
    case .outForDelivery: location = .withCourier
    case .delivered: location = .delivered
    case .cancelled: location = .cancelled
    }
    let delayed = status != .cancelled && t.isDelayed(at: now)
    var guidance: [TrackingGuidance] = []
    let onItsWay = status == .shipped || status == .outForDelivery
    let noNumber = shipment.trackingNumber.trimmingCharacters(in: .whitespaces).isEmpty
    if (onItsWay && noNumber) || delayed { guidance.append(.missingInfo) }
    if status == .delivered { guidance.append(.notReceived) }
    return ShipmentTracking(
      shipmentID: shipment.id, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber,
      status: status, location: location, steps: steps,
      expectedDeliveryAt: status == .delivered || status == .cancelled
        ? nil : t.expectedDeliveryAt,
      deliveredAt: status == .delivered ? t.deliveredAt : nil, delayed: delayed,
      guidance: guidance)
  }

  /// Tracking of every shipment of `order`, in order.
  public static func view(of order: Order, at now: Date) -> [ShipmentTracking] {
    order.shipments.map { view(of: $0, at: now) }
  }
}
