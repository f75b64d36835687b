import Foundation
import TalabatiDomain
import TalabatiText
import TalabatiUI

/// Hand-built orders at a fixed instant, for state and snapshot tests.
public enum Fixtures {
  /// 27 Nov 2026 09:00 UTC (12:00 in Riyadh).
  public static let now = Date(timeIntervalSince1970: 1_795_770_000)
  public static let account = Account(
    id: 1, name: "سارة", email: "sara@example.com", language: .ar)
  public static let amazon = Seller(id: "amazon", name: "Amazon")
  public static let nour = Seller(id: "nour", name: "متجر النور Electronics")

  static func minutes(_ m: Double) -> Date { now.addingTimeInterval(m * 60) }
  static func days(_ d: Double) -> Date { now.addingTimeInterval(d * 86_400) }
  static func sar(_ riyals: Int64) -> Money { Money(minor: riyals * 100) }

  /// Placed 10 minutes ago: a third-party seller's item inside its 30-minute window (R3,
  /// 20:00 left) and a store item in the same shipment (R2).
  public static let fresh = Order(
    id: "402-1234567-1234567", accountID: 1, placedAt: minutes(-10),
    paymentMethod: PaymentMethod(kind: .mada, last4: "4242"),
    shipments: [
      Shipment(
        id: 11, timeline: Timeline(placedAt: minutes(-10), expectedDeliveryAt: days(3)),
        shippingCharge: sar(15), carrier: "SMSA", trackingNumber: "SMSA123456789",
        items: [
          Item(
            id: 111, title: "Sony WH-1000XM5 سماعات لاسلكية", seller: nour, fulfilment: .seller,
            unitPrice: Money(minor: 129_900)),
          Item(
            id: 112, title: "كتاب: تعلّم Swift 6", seller: amazon, fulfilment: .store, quantity: 2,
            unitPrice: Money(minor: 8_950)),
        ])
    ])

  /// Placed two days ago: one shipment preparing for shipment (R1: cannot be cancelled), one
  /// still ordered (store-fulfilled: can be cancelled, R2).
  public static let preparing = Order(
    id: "402-2222222-0000002", accountID: 1, placedAt: days(-2),
    paymentMethod: PaymentMethod(kind: .card, last4: "1881"),
    shipments: [
      Shipment(
        id: 21,
        timeline: Timeline(
          placedAt: days(-2), shippingStartsAt: minutes(-60), expectedDeliveryAt: days(1)),
        shippingCharge: sar(0), carrier: "Aramex", trackingNumber: "AX998877",
        items: [
          Item(
            id: 211, title: "قهوة عربية فاخرة 500g", seller: amazon, fulfilment: .store,
            unitPrice: Money(minor: 6_500))
        ]),
      Shipment(
        id: 22, timeline: Timeline(placedAt: days(-2), expectedDeliveryAt: days(4)),
        shippingCharge: sar(10),
        items: [
          Item(
            id: 221, title: "Kindle Paperwhite", seller: amazon, fulfilment: .store,
            unitPrice: Money(minor: 59_900))
        ]),
    ])

  /// Delivered last week; one of its items was cancelled before shipping (R10).
  public static let partlyCancelled = Order(
    id: "402-3333333-0000003", accountID: 1, placedAt: days(-9),
    paymentMethod: PaymentMethod(kind: .applePay),
    shipments: [
      Shipment(
        id: 31,
        timeline: Timeline(
          placedAt: days(-9), shippingStartsAt: days(-8), shippedAt: days(-7),
          outForDeliveryAt: days(-6), deliveredAt: days(-6), expectedDeliveryAt: days(-6)),
        shippingCharge: sar(0),
        items: [
          Item(
            id: 311, title: "شاحن Anker 65W", seller: amazon, fulfilment: .store,
            unitPrice: Money(minor: 14_900)),
          Item(
            id: 312, title: "كابل USB-C (2m)", seller: amazon, fulfilment: .store,
            unitPrice: Money(minor: 3_900),
            cancellation: Cancellation(at: days(-9), reason: .foundCheaper)),
        ])
    ])

  /// Archived a month ago (R18).
  public static let archived = Order(
    id: "402-4444444-0000004", accountID: 1, placedAt: days(-40),
    paymentMethod: PaymentMethod(kind: .cashOnDelivery),
    shipments: [
      Shipment(
        id: 41,
        timeline: Timeline(
          placedAt: days(-40), shippingStartsAt: days(-39), shippedAt: days(-38),
          deliveredAt: days(-36), expectedDeliveryAt: days(-36)),
        shippingCharge: sar(0),
        items: [
          Item(
            id: 411, title: "مُحَمَّد — هدية", seller: amazon, fulfilment: .store,
            unitPrice: Money(minor: 4_500))
        ])
    ], archivedAt: days(-30))

  public static let orders = [fresh, preparing, partlyCancelled, archived]

  /// `count` simple orders one hour apart, newest first, for paging tests.
  public static func many(_ count: Int) -> [Order] {
    (0..<count).map { n in
      let placed = now.addingTimeInterval(-3600 * Double(n + 1))
      let id = "402-\(String(1_000_000 + n))-\(String(9_000_000 - n))"
      return Order(
        id: id, accountID: 1, placedAt: placed, paymentMethod: PaymentMethod(kind: .card),
        shipments: [
          Shipment(
            id: Int64(10_000 + n), timeline: Timeline(placedAt: placed), shippingCharge: sar(0),
            items: [
              Item(
                id: Int64(100_000 + n), title: "Item \(n)", seller: amazon, fulfilment: .store,
                unitPrice: sar(Int64(10 + n % 90)))
            ])
        ])
    }
  }

  /// A fresh model at `now` on the order list.
  public static func model(lang: Language = .ar, width: Int = 80, height: Int = 24) -> AppModel {
    AppModel(
      lang: lang, themeNames: ["default", "mono"], email: account.email, now: now, width: width,
      height: height)
  }
}

/// Drives the pure core the way the program does: `update`, then each effect through
/// `perform` against a service, feeding the result back, until nothing is left to do.
public struct TestDriver {
  public var model: AppModel
  public let service: any OrderService
  /// Every effect `update` returned, in order.
  public private(set) var effects: [Effect] = []

  public init(model: AppModel, service: any OrderService) {
    self.model = model
    self.service = service
  }

  /// Sends one action and runs the effects it leads to.
  public mutating func send(_ action: Action) {
    var queue = [action]
    var steps = 0
    while !queue.isEmpty, steps < 1_000 {
      steps += 1
      let next = queue.removeFirst()
      let produced = update(&model, next)
      effects += produced
      for e in produced {
        if let result = perform(e, service: service, now: model.now) { queue.append(result) }
      }
    }
  }

  /// Presses a key: decodes it with the keymap, then sends the action (if any).
  public mutating func press(_ key: Key) {
    if let action = Keymap.action(for: key, in: model) { send(action) }
  }

  /// Loads the first page of the list, as the program does at start.
  public mutating func start() {
    send(.resized(width: model.width, height: model.height))
    let effects = launch(&model)
    self.effects += effects
    for e in effects {
      if let result = perform(e, service: service, now: model.now) { send(result) }
    }
  }

  /// The screen at the model's size.
  public var screen: Screen { view(model, width: model.width, height: model.height) }
}
