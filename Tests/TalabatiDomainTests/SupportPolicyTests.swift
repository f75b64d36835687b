import Foundation
import TalabatiDomain
import Testing

/// R19, R21: opening hours at their boundaries; R27–R29: the closure period.
@Suite struct SupportPolicyTests {
  /// An instant given as Riyadh wall-clock time (UTC+3, no daylight saving).
  static func riyadh(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Date {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "Asia/Riyadh")!
    return c.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi))!
  }

  @Test(arguments: [
    (7, 59, false), (8, 0, true), (12, 0, true), (23, 59, true), (0, 0, false), (3, 30, false),
  ])
  func lineIsOpenFromEightToMidnightRiyadh(hour: Int, minute: Int, open: Bool) {
    let t = Self.riyadh(2026, 11, 27, hour, minute)
    #expect(SupportPolicy.isOpen(at: t) == open, "R19 at \(hour):\(minute) Riyadh")
  }

  @Test func lineStatusNamesTheNextChange() {
    let morning = Self.riyadh(2026, 11, 27, 7, 59)
    #expect(
      SupportPolicy.lineStatus(at: morning)
        == SupportLineStatus(isOpen: false, nextChange: Self.riyadh(2026, 11, 27, 8, 0)))
    let noon = Self.riyadh(2026, 11, 27, 12, 0)
    #expect(
      SupportPolicy.lineStatus(at: noon)
        == SupportLineStatus(isOpen: true, nextChange: Self.riyadh(2026, 11, 28, 0, 0)))
  }

  @Test(arguments: [
    (7, 59, SupportRefusal?.some(.callbackOutsideHours)), (8, 0, nil), (23, 59, nil),
    (0, 0, .callbackOutsideHours),
  ])
  func callbackBoundaries(hour: Int, minute: Int, refusal: SupportRefusal?) {
    // Asked the evening before; 00:00 is the start of the 28th (closed), not the 27th's end.
    let now = Self.riyadh(2026, 11, 26, 20, 0)
    let day = hour == 0 ? 28 : 27
    let t = Self.riyadh(2026, 11, day, hour, minute)
    #expect(SupportPolicy.checkCallback(at: t, now: now) == refusal)
  }

  @Test func callbackInThePastOrTooFarAheadIsRefused() {
    let now = Self.riyadh(2026, 11, 27, 12, 0)
    #expect(SupportPolicy.checkCallback(at: now, now: now) == nil, "now itself is not past")
    #expect(
      SupportPolicy.checkCallback(at: now.addingTimeInterval(-60), now: now) == .callbackInPast)
    #expect(
      SupportPolicy.checkCallback(at: Self.riyadh(2026, 12, 12, 12, 0), now: now)
        == .callbackTooFarAhead)
  }

  @Test func callbackTimesParseInTheShoppersZone() {
    let now = Self.riyadh(2026, 11, 27, 12, 0)
    let riyadh = "Asia/Riyadh"
    #expect(
      SupportPolicy.parseCallbackTime("13:30", now: now, timeZone: riyadh)
        == Self.riyadh(2026, 11, 27, 13, 30))
    // A time of day already past today means tomorrow.
    #expect(
      SupportPolicy.parseCallbackTime("١١:٠٠", now: now, timeZone: riyadh)
        == Self.riyadh(2026, 11, 28, 11, 0))
    #expect(
      SupportPolicy.parseCallbackTime("2026-11-28 09:15", now: now, timeZone: riyadh)
        == Self.riyadh(2026, 11, 28, 9, 15))
    // In London (UTC+0 in November) 09:00 is 12:00 in Riyadh.
    #expect(
      SupportPolicy.parseCallbackTime("2026-11-28T09:00", now: now, timeZone: "Europe/London")
        == Self.riyadh(2026, 11, 28, 12, 0))
    #expect(
      SupportPolicy.parseCallbackTime("2026-11-28T09:00Z", now: now, timeZone: riyadh)
        == Self.riyadh(2026, 11, 28, 12, 0))
    for bad in ["", "25:00", "2026-02-31 10:00", "tomorrow", "12", "10:00:00:00"] {
      #expect(SupportPolicy.parseCallbackTime(bad, now: now, timeZone: riyadh) == nil, "\(bad)")
    }
  }

  @Test func phoneNumbersAreNormalised() {
    #expect(CallbackRequest.normalisePhone("+966 (50) 123-4567") == "+966501234567")
    #expect(CallbackRequest.normalisePhone("٠٥٠١٢٣٤٥٦٧") == "0501234567")
    #expect(CallbackRequest.normalisePhone("123") == nil)
    #expect(CallbackRequest.normalisePhone("050abc4567") == nil)
  }

  @Test func defangedURLCannotBeFollowed() {
    #expect(SupportPolicy.defang("https://amaz0n.example/x") == "hxxps://amaz0n[.]example/x")
  }

  @Test func sellerContactOnlyForSellerItems() {
    let seller = Item(
      id: 1, title: "t", seller: Seller(id: "s", name: "S"), fulfilment: .seller,
      unitPrice: Money(minor: 100))
    var store = seller
    store.fulfilment = .store
    #expect(SupportPolicy.checkSellerContact(seller) == nil)
    #expect(SupportPolicy.checkSellerContact(store) == .storeFulfilled)
  }

  // MARK: Closure (R27–R29)

  @Test func closureIsPendingForSevenDaysHalfOpen() throws {
    let t = Self.riyadh(2026, 11, 27, 12, 0)
    let c = try ClosurePolicy.request(account: 1, reason: .privacy, at: t, current: nil).get()
    let end = t.addingTimeInterval(7 * 86_400)
    #expect(c.effectiveAt == end)
    #expect(c.state(at: end.addingTimeInterval(-1)) == .pending)
    #expect(c.state(at: end) == .due)
    #expect(!ClosurePolicy.isDue(c, at: end.addingTimeInterval(-1)))
    #expect(ClosurePolicy.isDue(c, at: end))
    #expect(c.remaining(at: t) == 7 * 86_400)
    // Withdrawal: allowed one second before the end, refused at the end.
    #expect(
      try ClosurePolicy.withdraw(c, at: end.addingTimeInterval(-1)).get().state(at: end)
        == .withdrawn)
    #expect(ClosurePolicy.withdraw(c, at: end) == .failure(.closureNotPending))
    #expect(
      ClosurePolicy.request(account: 1, reason: .other, at: t, current: c)
        == .failure(.closureAlreadyPending))
    #expect(ClosurePolicy.withdraw(nil, at: t) == .failure(.closureNotPending))
  }

  @Test func typedConfirmation() {
    let a = Account(id: 1, name: "n", email: "Sara@Example.com")
    #expect(ClosurePolicy.isConfirmation(" sara@example.com ", for: a))
    #expect(ClosurePolicy.isConfirmation("إغلاق", for: a))
    #expect(ClosurePolicy.isConfirmation("close", for: a))
    #expect(!ClosurePolicy.isConfirmation("", for: a))
    #expect(!ClosurePolicy.isConfirmation("yes", for: a))
  }
}
