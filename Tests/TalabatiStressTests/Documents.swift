import Foundation
import TalabatiDomain
import TalabatiInterchange

/// Interchange documents (docs/interchange.md) written for the tests, hostile ones included.
enum Documents {
  /// Titles an attacker would put in a product listing: a window-title OSC, a screen clear,
  /// a right-to-left override, 8-bit C1 controls (CSI, OSC, NEL) and a cursor move.
  static let hostileTitles = [
    "Evil \u{1B}]0;pwned\u{07} headphones",
    "Clear \u{1B}[2J\u{1B}[H screen",
    "Invoice \u{202E}fdp.exe",
    "C1 \u{9B}31m red \u{9D}0;pwned\u{9C} \u{85}next",
    "Move \u{1B}[10;10H\u{1B}[?1049l cursor \u{2066}isolate\u{200F}",
  ]

  /// Scalars that must never reach a terminal from untrusted text.
  static func isDangerous(_ s: Unicode.Scalar) -> Bool {
    s.value == 0x1B || (0x80...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
      || s.value == 0x07
  }

  /// One account with one order per title (store-fulfilled items, placed an hour before
  /// `Talabati.now`).
  static func document(
    accountID: AccountID = 1, email: String = "noura@example.com", name: String = "Noura",
    orderPrefix: String = "402-7000000-", firstItem: Int64 = 1, titles: [String],
    sellerName: String = "Seller"
  ) -> InterchangeDocument {
    let placed = Talabati.nowDate.addingTimeInterval(-3600)
    var orders: [Order] = []
    var nextID = firstItem
    for (n, title) in titles.enumerated() {
      let item = Item(
        id: nextID, title: title, seller: Seller(id: "s-\(n)", name: sellerName),
        fulfilment: .store, unitPrice: Money(minor: 1000 + Int64(n)))
      let shipment = Shipment(
        id: nextID, timeline: Timeline(placedAt: placed), shippingCharge: Money(minor: 0),
        carrier: "Aramex", trackingNumber: "TRK\(nextID)", items: [item])
      nextID += 1
      orders.append(
        Order(
          id: orderPrefix + "\(1_000_000 + n)", accountID: accountID,
          placedAt: placed.addingTimeInterval(Double(n)),
          paymentMethod: PaymentMethod(kind: .card, last4: "4242"), shipments: [shipment]))
    }
    return InterchangeDocument(
      account: Account(id: accountID, name: name, email: email, language: .en),
      orders: orders, events: [])
  }

  /// Writes `doc` as a file in `dir` and returns its path.
  static func write(_ doc: InterchangeDocument, in dir: String, name: String = "doc.json") throws
    -> String
  {
    let path = dir + "/" + name
    try doc.encoded().write(to: URL(fileURLWithPath: path))
    return path
  }
}
