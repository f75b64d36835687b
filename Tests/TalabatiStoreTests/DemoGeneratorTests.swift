import Foundation
import TalabatiDomain
import TalabatiInterchange
import Testing

@testable import TalabatiStore

/// The demo data: deterministic, relative to `now`, and covering every case of the rules.
@Suite("Demo generator")
struct DemoGeneratorTests {
  /// The demo's reference instant in these tests: 2026-11-27T07:45:00Z.
  static let now = Date(timeIntervalSince1970: 1_795_765_500)
  static let gen = DemoGenerator(seed: DemoGenerator.defaultSeed, now: now)
  static let showcase = gen.orders(count: DemoGenerator.showcaseCount)

  // MARK: Determinism

  @Test("Same seed and now → the same orders; batches are independent of each other")
  func deterministic() {
    let again = DemoGenerator(seed: DemoGenerator.defaultSeed, now: Self.now)
    #expect(again.orders(count: 300) == Self.gen.orders(count: 300))
    let whole = Self.gen.orders(count: 120)
    #expect(Self.gen.orders(count: 30, startingAt: 90) == Array(whole[90...]))
    #expect(Self.gen.order(at: 77) == whole[77])
  }

  @Test("Different seeds give different orders")
  func seedsDiffer() {
    let other = DemoGenerator(seed: 7, now: Self.now).orders(count: 200)
    let mine = Self.gen.orders(count: 200)
    #expect(Set(other.map(\.id)).isDisjoint(with: mine.map(\.id)))
    // Beyond the showcase the content itself differs, not only the numbers.
    let titles = { (os: [Order]) in os[40...].flatMap { $0.items.map(\.title) } }
    #expect(titles(other) != titles(mine))
  }

  @Test("Everything is relative to now: a later now moves every date by the same amount")
  func relativeToNow() {
    let later = DemoGenerator(seed: DemoGenerator.defaultSeed, now: Self.now + 86_400)
    for i in [0, 3, 17, 39, 40, 41, 500] {
      let a = Self.gen.order(at: i)
      let b = later.order(at: i)
      #expect(b.placedAt.timeIntervalSince(a.placedAt) == 86_400, "order \(i)")
      #expect(b.id == a.id)
    }
    #expect(Self.showcase[0].placedAt == Self.now - 120)
    #expect(Self.showcase[1].placedAt == Self.now - 600)
    #expect(Self.showcase[2].placedAt == Self.now - 1500)
  }

  // MARK: Shape of the data

  @Test("Order numbers are 402-NNNNNNN-NNNNNNN and unique; item and shipment ids unique")
  func identifiers() {
    let orders = Self.gen.orders(count: 20_000)
    let pattern = #/^402-[0-9]{7}-[0-9]{7}$/#
    #expect(orders.allSatisfy { $0.id.wholeMatch(of: pattern) != nil })
    #expect(Set(orders.map(\.id)).count == orders.count)
    let items = orders.flatMap { $0.items.map(\.id) }
    #expect(Set(items).count == items.count)
    let shipments = orders.flatMap { $0.shipments.map(\.id) }
    #expect(Set(shipments).count == shipments.count)
    // Ids derive from the order index: order 1234's ids are 12341...12349.
    #expect(Self.gen.order(at: 1234).items.allSatisfy { (12_341...12_349).contains($0.id) })
  }

  @Test("Newest first, strictly; a large demo spreads back over years")
  func spread() {
    let orders = Self.gen.orders(count: 3_000)
    #expect(zip(orders, orders.dropFirst()).allSatisfy { $0.placedAt > $1.placedAt })
    let big = DemoGenerator(seed: 1, now: Self.now, totalOrders: 1_000_000)
    let oldest = big.order(at: 999_999)
    let years = Self.now.timeIntervalSince(oldest.placedAt) / (365.25 * 86_400)
    #expect(years > 5 && years < 11)
    let small = Self.gen.order(at: 999)
    #expect(Self.now.timeIntervalSince(small.placedAt) > 365 * 86_400)
  }

  @Test("Every order is consistent: stages in order, cancels inside R1/R3, nothing after now")
  func consistency() throws {
    let orders = Self.gen.orders(count: 3_000)
    for o in orders {
      #expect(o.placedAt <= Self.now)
      if let a = o.archivedAt { #expect(a <= Self.now && a >= o.placedAt, "\(o.id)") }
      for s in o.shipments {
        let t = s.timeline
        let stages = [
          t.placedAt, t.shippingStartsAt, t.shippedAt, t.outForDeliveryAt, t.deliveredAt,
        ]
        .compactMap { $0 }
        #expect(stages == stages.sorted(), "\(o.id) shipment \(s.id)")
        for moment in [t.shippedAt, t.outForDeliveryAt, t.deliveredAt].compactMap({ $0 }) {
          #expect(moment <= Self.now, "\(o.id): a past stage in the future")
        }
        for i in s.items {
          guard let c = i.cancellation else { continue }
          #expect(c.at <= Self.now && c.at >= o.placedAt)
          if let starts = t.shippingStartsAt { #expect(c.at < starts, "R1: \(o.id)") }
          if i.fulfilment == .seller {
            #expect(c.at < o.placedAt + CancelPolicy.sellerWindow, "R3: \(o.id)")
          }
        }
        #expect(!s.items.isEmpty)
        #expect(Set(s.items.map(\.fulfilment)).count == 1, "one seller per shipment")
      }
    }
    // And the whole lot is a valid interchange document.
    try InterchangeDocument(account: Self.gen.account(), orders: orders, events: []).validate()
  }

  // MARK: Coverage of the showcase

  @Test("The showcase has every status at the demo's now, and delays")
  func everyStatus() {
    let statuses = Set(
      Self.showcase.flatMap { o in o.shipments.map { $0.status(at: Self.now) } }
        + Self.showcase.map { $0.status(at: Self.now) })
    #expect(statuses == Set(Status.allCases))
    let delayed = Self.showcase.filter { o in
      o.shipments.contains { !$0.isFullyCancelled && $0.timeline.isDelayed(at: Self.now) }
    }
    #expect(delayed.count >= 2)
    let deliveredLate = Self.showcase.filter { o in
      o.shipments.contains { s in
        guard let d = s.timeline.deliveredAt, let e = s.timeline.expectedDeliveryAt else {
          return false
        }
        return d > e
      }
    }
    #expect(!deliveredLate.isEmpty)
  }

  @Test("R3: the 3 newest orders hold seller items 2, 10 and 25 minutes into their window")
  func sellerWindow() {
    func remaining(_ o: Order) -> [TimeInterval] {
      CancelPolicy.eligibility(of: o, at: Self.now).compactMap(\.sellerWindowRemaining)
    }
    #expect(remaining(Self.showcase[0]) == [28 * 60])
    #expect(remaining(Self.showcase[1]) == [20 * 60, 20 * 60])
    #expect(remaining(Self.showcase[2]) == [5 * 60, 5 * 60])
    // Just past the window: refused, with the R7 alternatives.
    let closed = CancelPolicy.eligibility(of: Self.showcase[3], at: Self.now)
    #expect(closed.map(\.refusal) == [.sellerWindowClosed])
    #expect(closed[0].alternatives.contains(.contactSeller))
  }

  @Test("R1/R2: store items still cancellable, and some refused because shipping started")
  func storeItems() {
    let e = Self.showcase.prefix(10).flatMap { o in CancelPolicy.eligibility(of: o, at: Self.now) }
    let storeIDs = Set(Self.showcase.flatMap(\.items).filter { $0.fulfilment == .store }.map(\.id))
    #expect(e.contains { storeIDs.contains($0.itemID) && $0.cancellable })
    #expect(e.contains { storeIDs.contains($0.itemID) && $0.refusal == .enteredShipping })
    // Order 4: its store item enters shipping 20 minutes after now.
    let starts = Self.showcase[4].shipments[0].timeline.shippingStartsAt
    #expect(starts == Self.now + 20 * 60)
  }

  @Test("Cancelled (whole, partial, whole shipment), archived, multi-shipment, all payments")
  func cases() {
    let s = Self.showcase
    #expect(s.contains { $0.isFullyCancelled })
    #expect(s.contains { o in !o.isFullyCancelled && o.items.contains(where: \.isCancelled) })
    #expect(
      s.contains { o in
        o.shipments.count > 1 && o.shipments.contains(where: \.isFullyCancelled)
          && !o.isFullyCancelled
      })
    #expect(s.filter(\.isArchived).count >= 3)
    #expect(s.contains { $0.isArchived && $0.isFullyCancelled })
    #expect(s.contains { $0.shipments.count >= 3 })
    #expect(s.contains { o in Set(o.items.map(\.fulfilment)).count == 2 })
    #expect(Set(s.map(\.paymentMethod.kind)) == Set(PaymentKind.allCases))
    #expect(
      s.filter { $0.paymentMethod.kind == .mada }.allSatisfy { $0.paymentMethod.last4.count == 4 })
    #expect(Set(s.flatMap(\.items).compactMap(\.cancellation?.reason)).count >= 4)
    let carriers = Set(Self.gen.orders(count: 200).flatMap { $0.shipments.map(\.carrier) })
    #expect(carriers == ["Aramex", "SMSA", "SPL", "Amazon Logistics"])
    #expect(s.flatMap(\.shipments).contains { $0.shippingCharge.minor == 0 })
    #expect(s.flatMap(\.shipments).contains { (15_00...25_00).contains($0.shippingCharge.minor) })
  }

  @Test("Titles: Arabic, Latin, mixed with digits, with harakat; several categories; sellers")
  func titles() {
    let items = Self.showcase.flatMap(\.items)
    func has(_ test: @escaping (Unicode.Scalar) -> Bool) -> (String) -> Bool {
      { $0.unicodeScalars.contains(where: test) }
    }
    let arabic = has { (0x0621...0x064A).contains($0.value) }
    let latin = has { ("A"..."z").contains($0) }
    let harakat = has { (0x064B...0x0652).contains($0.value) }
    #expect(
      items.contains {
        arabic($0.title) && latin($0.title) && has({ ("0"..."9").contains($0) })($0.title)
      })
    #expect(items.contains { latin($0.title) && !arabic($0.title) })
    #expect(items.contains { harakat($0.title) })
    #expect(
      Set(items.map(\.category)).isSuperset(of: [
        "electronics", "books", "grocery", "fashion", "home", "beauty", "toys",
      ]))
    #expect(items.contains { $0.fulfilment == .seller && arabic($0.seller.name) })
    #expect(items.contains { $0.fulfilment == .seller && !arabic($0.seller.name) })
    #expect(items.contains { $0.quantity > 1 })
  }

  @Test("The demo account is Noura, in Arabic, in Riyadh")
  func account() {
    #expect(
      Self.gen.account()
        == Account(
          id: 1, name: "نورة العتيبي", email: "noura@example.com", language: .ar,
          timeZone: "Asia/Riyadh"))
  }

  // MARK: Populating a store

  @Test("populate stores the account and every order in batches; running it again adds none")
  func populate() throws {
    let db = try AppDatabase.inMemory()
    var seen: [Int] = []
    let account = try DemoGenerator.populate(
      db, orders: 25_000, seed: 3, now: Self.now, progress: { seen.append($0) })
    #expect(seen == [10_000, 20_000, 25_000])
    #expect(try db.orderCount(account: account.id, view: .all) == 25_000)
    #expect(try db.orderCount(account: account.id, view: .archived) > 0)
    #expect(try db.orderCount(account: account.id, view: .cancelled) > 0)
    let expected = DemoGenerator(seed: 3, now: Self.now, totalOrders: 25_000).order(at: 12_345)
    #expect(try db.order(expected.id, account: account.id) == expected)

    try DemoGenerator.populate(db, orders: 25_000, seed: 3, now: Self.now)
    #expect(try db.orderCount(account: account.id, view: .all) == 25_000)
    #expect(try db.defaultAccount() == account)
  }
}
