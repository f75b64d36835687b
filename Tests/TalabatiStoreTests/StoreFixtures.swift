import Foundation
import TalabatiDomain

@testable import TalabatiStore

/// Shared givens for the store tests: accounts, orders with predictable ids, temp folders.
enum Fixture {
  /// A fixed instant: 2025-10-09 08:53:20 UTC.
  static let t0 = Date(timeIntervalSince1970: 1_760_000_000)
  static let shopper = Account(id: 1, name: "سارة", email: "sara@example.com", language: .ar)
  static let other = Account(id: 2, name: "Omar", email: "omar@example.com", language: .en)
  static let store = Seller(id: "amazon", name: "Amazon.sa")
  static let thirdParty = Seller(id: "s-17", name: "متجر النور")

  /// An order number in the Amazon shape for `n`: 402-NNNNNNN-NNNNNNN.
  static func number(_ n: Int) -> OrderID {
    let a = String(format: "%07d", (n * 7919) % 10_000_000)
    let b = String(format: "%07d", n % 10_000_000)
    return "402-\(a)-\(b)"
  }

  /// Order `n` of `account` placed at `placedAt`: one shipment per entry of `shipments`, each
  /// a list of (title, fulfilment). Shipment ids are n*10+s, item ids n*100+s*10+i.
  static func order(
    _ n: Int, account: AccountID = 1, placedAt: Date,
    shipments: [[(String, Fulfilment)]] = [[("سماعة سوني", .store)]],
    shippingStartsAt: Date? = nil, price: Int64 = 10_000, shipping: Int64 = 1_500,
    id: OrderID? = nil
  ) -> Order {
    let sid = Int64(n) * 10
    let ships = shipments.enumerated().map { (s, lines) in
      Shipment(
        id: sid + Int64(s),
        timeline: Timeline(
          placedAt: placedAt, shippingStartsAt: shippingStartsAt,
          expectedDeliveryAt: placedAt.addingTimeInterval(3 * 86_400)),
        shippingCharge: Money(minor: shipping),
        carrier: "SMSA", trackingNumber: "TRK\(n)",
        items: lines.enumerated().map { (i, line) in
          Item(
            id: Int64(n) * 100 + Int64(s) * 10 + Int64(i), title: line.0,
            seller: line.1 == .store ? store : thirdParty, fulfilment: line.1,
            unitPrice: Money(minor: price))
        })
    }
    return Order(
      id: id ?? number(n), accountID: account, placedAt: placedAt,
      paymentMethod: PaymentMethod(kind: .card, last4: "4242"), shipments: ships)
  }

  /// An in-memory store with the two accounts; `fault` is armed once they are written.
  static func memoryStore(maildir: String? = nil, fault: AppDatabase.FaultPoint? = nil) throws
    -> AppDatabase
  {
    let db = try AppDatabase.inMemory(maildir: maildir, fault: nil)
    try db.createAccount(shopper, at: t0)
    try db.createAccount(other, at: t0)
    db.arm(fault)
    return db
  }

  /// A fresh, empty temporary directory.
  static func tempDir() throws -> String {
    let path = NSTemporaryDirectory() + "talabati-store-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
  }

  static func files(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
  }
}
