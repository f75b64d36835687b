import Foundation
import Testing

@testable import TalabatiDomain

@Suite("Money")
struct MoneyTests {
  /// (gross, VAT) in halalas, worked by hand: VAT = gross × 15 / 115.
  static let cases: [(Int64, Int64)] = [
    (11_500, 1_500),  // 115.00 → 15.00
    (100, 13),  // 1.00 → 0.1304
    (120, 16),  // 1.20 → 0.1565
    (0, 0),
    (1, 0),
    (4, 1),  // 0.04 → 0.0052 → 0.01
    (199_999, 26_087),  // 1,999.99 → 260.868
  ]

  @Test(
    "Money.vatShare at 15 %: the VAT inside a VAT-inclusive price, nearest halala",
    arguments: Self.cases)
  func vat15(gross: Int64, vat: Int64) {
    #expect(Money(minor: gross).vatShare(rateBasisPoints: 1500) == Money(minor: vat))
  }

  @Test("Money.vatShare rounds an exact half up (15 % never gives one; 100 % does)")
  func halfUp() {
    // At a 100 % rate the VAT is half the gross: 0.01 → 0.005 → 0.01, 0.03 → 0.015 → 0.02.
    #expect(Money(minor: 1).vatShare(rateBasisPoints: 10_000).minor == 1)
    #expect(Money(minor: 3).vatShare(rateBasisPoints: 10_000).minor == 2)
    #expect(Money(minor: 4).vatShare(rateBasisPoints: 10_000).minor == 2)
    #expect(Money(minor: 1_000).vatShare(rateBasisPoints: 0).minor == 0)
  }

  @Test("Order total is every line plus every shipping charge")
  func orderTotal() {
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .store, price: 2_599, quantity: 3)], shipping: 1_500),
      Fx.shipment(11, [Fx.item(110, .seller, price: 10_000)], shipping: 0),
    ])
    #expect(o.total == Fx.sar(2_599 * 3 + 1_500 + 10_000))
  }
}

@Suite("Archive")
struct ArchiveTests {
  @Test("R17/R18: archive then unarchive brings the order back unchanged; nothing deleted")
  func roundTrip() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store)])])
    guard case .success(let archived) = ArchivePolicy.archive(o, at: Fx.at(60)) else {
      Issue.record("archive failed")
      return
    }
    #expect(archived.archivedAt == Fx.at(60))
    #expect(archived.shipments == o.shipments)  // R18: never deletes
    #expect(ArchivePolicy.unarchive(archived) == .success(o))
  }

  @Test("R17/R18: archiving twice or unarchiving a live order is an error, not a no-op")
  func idempotenceErrors() {
    let o = Fx.order([Fx.shipment(10, [Fx.item(100, .store)])])
    var archived = o
    archived.archivedAt = Fx.at(5)
    #expect(ArchivePolicy.archive(archived, at: Fx.at(60)) == .failure(.alreadyArchived))
    #expect(ArchivePolicy.unarchive(o) == .failure(.notArchived))
  }
}

@Suite("List cursor")
struct ListCursorTests {
  @Test("A cursor survives its text form (`--after`) to the millisecond")
  func roundTrip() {
    let c = ListCursor(placedAt: Fx.at(0.123), orderID: "402-1234567-1234567")
    #expect(c.text == "1795765500123:402-1234567-1234567")
    #expect(ListCursor(text: c.text) == c)
    #expect(ListCursor(text: c.text)?.text == c.text)
    // Sub-millisecond precision is not kept: the cursor is what its text says.
    let fine = ListCursor(placedAt: Fx.at(0.1234), orderID: "x")
    #expect(fine.placedAtMilliseconds == 1_795_765_500_123)
    #expect(ListCursor(text: fine.text) == fine)
  }

  @Test("An order id with a colon is kept whole; before 1970 works too")
  func colonsAndNegative() {
    #expect(ListCursor(text: "1000:a:b")?.orderID == "a:b")
    #expect(ListCursor(text: "-1500:x")?.placedAt == Date(timeIntervalSince1970: -1.5))
  }

  @Test(
    "Malformed cursor text is rejected", arguments: ["", "abc", "123", "123:", ":402", "1.5:x"])
  func malformed(text: String) {
    #expect(ListCursor(text: text) == nil)
  }
}
