import TalabatiDomain

extension DemoGenerator {
  /// The 40 newest demo orders, written by hand so that the default demo shows every case at
  /// its `now`: seller items 2, 10 and 25 minutes into their 30-minute window and one just past
  /// it (R3); store items before shipping (R2) and after (R1); every status; delays; mixed and
  /// multi-shipment orders; full, partial and whole-shipment cancellations (R4, R8, R10);
  /// archived orders (R18); every payment kind; titles in Arabic, English, mixed, with harakat.
  ///
  /// Product numbers index `DemoCatalog.products` (see the comments there).
  static let showcase: [OrderSpec] = {
    typealias S = ShipSpec
    let min: Int64 = 1
    let hour: Int64 = 60
    let day: Int64 = 24 * 60
    return [
      // 0: 2 min ago — a seller item (28 min left, R3) and a store item in another shipment.
      OrderSpec(
        ageMin: 2 * min, payment: .applePay,
        shipments: [
          S(stage: .ordered(startsInMin: 90), items: [(0, 1)]),
          S(stage: .ordered(startsInMin: 120), items: [(1, 2)]),
        ]),
      // 1: 10 min ago — two seller books in one shipment (20 min left).
      OrderSpec(
        ageMin: 10 * min, payment: .mada,
        shipments: [
          S(stage: .ordered(startsInMin: 120), items: [(10, 1), (12, 1)], shipping: 19_00)
        ]),
      // 2: 25 min ago — store book + a seller's coffee shipment with 5 min left.
      OrderSpec(
        ageMin: 25 * min, payment: .card,
        shipments: [
          S(stage: .ordered(startsInMin: 200), items: [(13, 1)], shipping: 15_00),
          S(stage: .ordered(startsInMin: 240), items: [(18, 2), (22, 1)], shipping: 15_00),
        ]),
      // 3: 31 min ago — the seller window has just closed (R3), not yet shipping.
      OrderSpec(
        ageMin: 31 * min, payment: .mada,
        shipments: [S(stage: .ordered(startsInMin: 300), items: [(25, 1)], shipping: 25_00)]),
      // 4: 45 min ago — store item, shipping starts in 20 minutes (R2), cash on delivery.
      OrderSpec(
        ageMin: 45 * min, payment: .cashOnDelivery,
        shipments: [S(stage: .ordered(startsInMin: 20), items: [(32, 1)])]),
      // 5: 3 h ago — preparing for shipment: refused (R1).
      OrderSpec(
        ageMin: 3 * hour, payment: .mada, shipments: [S(stage: .preparing, items: [(2, 1)])]),
      // 6: 5 h ago — one shipment preparing, the other still cancellable.
      OrderSpec(
        ageMin: 5 * hour, payment: .applePay,
        shipments: [
          S(stage: .preparing, items: [(20, 2), (21, 1)]),
          S(stage: .ordered(startsInMin: 10 * hour), items: [(43, 1)]),
        ]),
      // 7: 8 h ago — two store items, not yet shipping.
      OrderSpec(
        ageMin: 8 * hour, payment: .cashOnDelivery,
        shipments: [S(stage: .ordered(startsInMin: 4 * hour), items: [(47, 1), (16, 1)])]),
      // 8: 26 h ago — shipped.
      OrderSpec(
        ageMin: 26 * hour, payment: .card, shipments: [S(stage: .shipped, items: [(4, 1)])]),
      // 9: 28 h ago — out for delivery.
      OrderSpec(
        ageMin: 28 * hour, payment: .mada, shipments: [S(stage: .outForDelivery, items: [(34, 1)])]),
      // 10: 2 days — one shipment delivered, the seller's one shipped.
      OrderSpec(
        ageMin: 2 * day, payment: .applePay,
        shipments: [
          S(stage: .delivered, items: [(23, 3)], shipping: 15_00),
          S(stage: .shipped, items: [(38, 1), (40, 1)], shipping: 15_00),
        ]),
      // 11: 3 days — a seller's shipment delayed past its expected delivery.
      OrderSpec(
        ageMin: 3 * day, payment: .mada,
        shipments: [S(stage: .delayed, items: [(8, 1)], shipping: 19_00)]),
      // 12: 4 days — a store shipment delayed.
      OrderSpec(ageMin: 4 * day, payment: .card, shipments: [S(stage: .delayed, items: [(5, 1)])]),
      // 13: 5 days — delivered by a seller (R7: return, or contact the seller).
      OrderSpec(
        ageMin: 5 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(29, 1)], shipping: 25_00)]),
      // 14: 6 days — a seller order cancelled whole inside the window.
      OrderSpec(
        ageMin: 6 * day, payment: .applePay,
        shipments: [
          S(stage: .delivered, items: [(26, 2)], shipping: 25_00, cut: .all(.changedMind))
        ]),
      // 15: 7 days — one of two items cancelled, the other delivered.
      OrderSpec(
        ageMin: 7 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(9, 1), (6, 1)], cut: .first(.foundCheaper))]),
      // 16: 9 days — a whole store shipment cancelled, the seller's delivered.
      OrderSpec(
        ageMin: 9 * day, payment: .card,
        shipments: [
          S(stage: .delivered, items: [(14, 1)], shipping: 15_00),
          S(stage: .delivered, items: [(27, 1)], cut: .all(.orderedByMistake)),
        ]),
      // 17: 12 days — delivered and archived (R18).
      OrderSpec(
        ageMin: 12 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(19, 2)], shipping: 15_00)], archived: true),
      // 18: 15 days — cancelled and archived.
      OrderSpec(
        ageMin: 15 * day, payment: .applePay,
        shipments: [
          S(stage: .delivered, items: [(33, 1)], shipping: 19_00, cut: .all(.duplicateOrder))
        ], archived: true),
      // 19: 20 days — titles with harakat.
      OrderSpec(
        ageMin: 20 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(11, 1), (17, 1)], shipping: 19_00)]),
      // 20: 23 days — three toys from one seller, paid by gift card.
      OrderSpec(
        ageMin: 23 * day, payment: .giftCard,
        shipments: [S(stage: .delivered, items: [(44, 1), (45, 1), (46, 2)], shipping: 19_00)]),
      // 21: 26 days — delivered late.
      OrderSpec(
        ageMin: 26 * day, payment: .card,
        shipments: [S(stage: .deliveredLate, items: [(31, 1)], shipping: 15_00)]),
      // 22: 30 days
      OrderSpec(
        ageMin: 30 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(41, 1), (39, 2)])]),
      // 23: 33 days
      OrderSpec(
        ageMin: 33 * day, payment: .cashOnDelivery,
        shipments: [S(stage: .delivered, items: [(28, 1)], shipping: 25_00)]),
      // 24: 37 days — a seller shipment and a small store shipment that paid shipping.
      OrderSpec(
        ageMin: 37 * day, payment: .mada,
        shipments: [
          S(stage: .delivered, items: [(3, 1)], shipping: 19_00),
          S(stage: .delivered, items: [(24, 2)], shipping: 15_00),
        ]),
      // 25: 41 days — cancelled: delivery too long.
      OrderSpec(
        ageMin: 41 * day, payment: .applePay,
        shipments: [
          S(stage: .delivered, items: [(36, 1)], shipping: 25_00, cut: .all(.deliveryTooLong))
        ]),
      // 26: 45 days — archived.
      OrderSpec(
        ageMin: 45 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(15, 1)], shipping: 19_00)], archived: true),
      // 27: 49 days
      OrderSpec(
        ageMin: 49 * day, payment: .card,
        shipments: [S(stage: .delivered, items: [(7, 2)], shipping: 15_00)]),
      // 28: 52 days
      OrderSpec(
        ageMin: 52 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(42, 3), (37, 1)], shipping: 19_00)]),
      // 29: 56 days — three shipments: store, seller, store.
      OrderSpec(
        ageMin: 56 * day, payment: .applePay,
        shipments: [
          S(stage: .delivered, items: [(2, 1)]),
          S(stage: .delivered, items: [(30, 1)], shipping: 15_00),
          S(stage: .delivered, items: [(39, 1)], shipping: 15_00),
        ]),
      // 30: 60 days — delivered late.
      OrderSpec(
        ageMin: 60 * day, payment: .mada,
        shipments: [S(stage: .deliveredLate, items: [(35, 1)], shipping: 15_00)]),
      // 31: 63 days
      OrderSpec(
        ageMin: 63 * day, payment: .card,
        shipments: [S(stage: .delivered, items: [(16, 1), (13, 1)])]),
      // 32: 66 days — one of a seller's two items cancelled.
      OrderSpec(
        ageMin: 66 * day, payment: .mada,
        shipments: [
          S(
            stage: .delivered, items: [(18, 1), (19, 1)], shipping: 15_00,
            cut: .first(.wrongAddress))
        ]),
      // 33: 70 days
      OrderSpec(
        ageMin: 70 * day, payment: .cashOnDelivery,
        shipments: [S(stage: .delivered, items: [(27, 1)])]),
      // 34: 73 days
      OrderSpec(
        ageMin: 73 * day, payment: .mada, shipments: [S(stage: .delivered, items: [(1, 1)])]),
      // 35: 77 days
      OrderSpec(
        ageMin: 77 * day, payment: .giftCard, shipments: [S(stage: .delivered, items: [(43, 1)])]),
      // 36: 80 days — archived.
      OrderSpec(
        ageMin: 80 * day, payment: .mada, shipments: [S(stage: .delivered, items: [(0, 1)])],
        archived: true),
      // 37: 83 days
      OrderSpec(
        ageMin: 83 * day, payment: .applePay,
        shipments: [S(stage: .delivered, items: [(12, 1)], shipping: 19_00)]),
      // 38: 86 days — a store order cancelled whole.
      OrderSpec(
        ageMin: 86 * day, payment: .card,
        shipments: [S(stage: .delivered, items: [(32, 1)], cut: .all(.changedMind))]),
      // 39: 89 days
      OrderSpec(
        ageMin: 89 * day, payment: .mada,
        shipments: [S(stage: .delivered, items: [(20, 4), (23, 2)])]),
    ]
  }()
}
