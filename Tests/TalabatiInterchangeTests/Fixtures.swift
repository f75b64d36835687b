import Foundation
import TalabatiDomain

/// Small builders for orders at fixed instants; every test states its own numbers (the
/// domain tests' `Fx`, without the cancel helpers).
enum Fx {
  /// 2026-11-27T07:45:00Z, a fixed "placed at".
  static let t0 = Date(timeIntervalSince1970: 1_795_765_500)

  static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }
  static func sar(_ minor: Int64) -> Money { Money(minor: minor, currency: "SAR") }

  static let amazon = Seller(id: "amazon", name: "Amazon.sa")
  static let jarir = Seller(id: "s-jarir", name: "مكتبة جرير")

  static func item(
    _ id: ItemID, _ fulfilment: Fulfilment, price: Int64 = 11_500, quantity: Int = 1,
    cancelled: Date? = nil
  ) -> Item {
    Item(
      id: id, title: "سلعة \(id)", seller: fulfilment == .store ? amazon : jarir,
      fulfilment: fulfilment, quantity: quantity, unitPrice: sar(price),
      cancellation: cancelled.map { Cancellation(at: $0, reason: .changedMind) })
  }

  static func shipment(
    _ id: ShipmentID, _ items: [Item], shipping: Int64 = 0, startsAt: TimeInterval? = nil,
    shippedAt: TimeInterval? = nil, outAt: TimeInterval? = nil, deliveredAt: TimeInterval? = nil,
    expectedAt: TimeInterval? = nil
  ) -> Shipment {
    Shipment(
      id: id,
      timeline: Timeline(
        placedAt: t0, shippingStartsAt: startsAt.map(at), shippedAt: shippedAt.map(at),
        outForDeliveryAt: outAt.map(at), deliveredAt: deliveredAt.map(at),
        expectedDeliveryAt: expectedAt.map(at)),
      shippingCharge: sar(shipping), carrier: "SMSA", trackingNumber: "SMSA\(id)", items: items)
  }

  static func order(
    _ shipments: [Shipment], payment: PaymentMethod = PaymentMethod(kind: .mada, last4: "4242")
  ) -> Order {
    Order(
      id: "402-1234567-1234567", accountID: 1, placedAt: t0, paymentMethod: payment,
      shipments: shipments)
  }
}
