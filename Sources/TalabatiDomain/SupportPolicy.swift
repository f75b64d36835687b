import Foundation

// MARK: - Support line (R19–R23)

/// The rules of phone support, call-back requests, fraud reports and seller contact.
///
/// Decisions (see RULES.md R19–R23):
/// - The line is open 08:00 ≤ t < 24:00 Asia/Riyadh (UTC+3 all year), every day (R19).
/// - "The shopper's own time zone" is the account's `timeZone`, not the process `TZ`: the
///   account's zone is what every date of the product is shown in, and it does not change
///   with the machine the command runs on (a server, a CI box).
/// - A call-back time must lie inside open hours, not in the past, and at most
///   `callbackHorizon` ahead (R21). Times typed without an offset are in the shopper's zone.
/// - Fraud reports are e-mailed to `fraudAddress` (R22); seller contact applies to items sold
///   and shipped by a third-party seller only (R7, R23).
public enum SupportPolicy {
  /// R19: the support phone number.
  public static let phoneNumber = "8008500931"
  /// R19: the zone the opening hours are stated in.
  public static let lineTimeZone = "Asia/Riyadh"
  /// R19: opening minute of the day (08:00), inclusive.
  public static let opensAtMinute = 8 * 60
  /// R19: closing minute of the day (24:00 = midnight), exclusive.
  public static let closesAtMinute = 24 * 60
  /// R21: how far ahead a call-back may be asked for (14 days).
  public static let callbackHorizon: TimeInterval = 14 * 86_400
  /// R22: where fraud reports are sent (a reserved domain: this product sends nothing out).
  public static let fraudAddress = "fraud@talabati.invalid"
  /// Longest fraud-report text or seller message kept, in characters.
  public static let maxTextLength = 2_000
  /// Longest URL kept with a fraud report, in characters.
  public static let maxURLLength = 2_000

  /// The line's calendar (Gregorian, Asia/Riyadh; UTC+3 if the zone database lacks it).
  static var lineCalendar: Calendar {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: lineTimeZone) ?? TimeZone(secondsFromGMT: 3 * 3600)!
    return c
  }

  /// Minute of the day (0…1439) of `instant` in Riyadh.
  static func riyadhMinute(_ instant: Date) -> Int {
    let c = lineCalendar.dateComponents([.hour, .minute], from: instant)
    return (c.hour ?? 0) * 60 + (c.minute ?? 0)
  }

  /// R19: is the line open at `instant`? 08:00 ≤ t < 24:00 Riyadh time.
  public static func isOpen(at instant: Date) -> Bool {
    let m = riyadhMinute(instant)
    return m >= opensAtMinute && m < closesAtMinute
  }

  /// R19: the line's state at `now`, with the next change (opening or closing).
  public static func lineStatus(at now: Date) -> SupportLineStatus {
    let cal = lineCalendar
    let startOfDay = cal.startOfDay(for: now)
    let opens = startOfDay.addingTimeInterval(TimeInterval(opensAtMinute * 60))
    let closes = startOfDay.addingTimeInterval(TimeInterval(closesAtMinute * 60))
    if isOpen(at: now) {
      return SupportLineStatus(isOpen: true, nextChange: closes)
    }
    // Closed: before 08:00 today, the line opens today; there is no "after 24:00".
    return SupportLineStatus(isOpen: false, nextChange: now < opens ? opens : opens + 86_400)
  }

  /// R21: may a call-back be booked at `time`, asked at `now`?
  public static func checkCallback(at time: Date, now: Date) -> SupportRefusal? {
    if time < now { return .callbackInPast }
    if !isOpen(at: time) { return .callbackOutsideHours }
    if time.timeIntervalSince(now) > callbackHorizon { return .callbackTooFarAhead }
    return nil
  }

  /// R21: parses a call-back time typed by the shopper.
  ///
  /// Accepted: an ISO-8601 instant with an offset (`2026-11-27T10:00:00Z`,
  /// `2026-11-27T13:00+03:00`); a local date and time `2026-11-27 13:00` or
  /// `2026-11-27T13:00`; a time of day `13:00` (today, or tomorrow once that time has passed).
  /// Local forms are in `timeZone` (the shopper's). Arabic-Indic digits are accepted.
  public static func parseCallbackTime(_ text: String, now: Date, timeZone: String) -> Date? {
    let t = westernDigits(text.trimmingCharacters(in: .whitespaces))
    guard !t.isEmpty, t.count <= 40 else { return nil }
    let iso = ISO8601DateFormatter()
    for options: ISO8601DateFormatter.Options in [
      [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
    ] {
      iso.formatOptions = options
      if let d = iso.date(from: t) { return d }
    }
    // With an offset but no seconds: 2026-11-27T13:00+03:00 / …Z.
    if t.count > 16, t.dropFirst(16).first.map({ "+-Z".contains($0) }) == true {
      iso.formatOptions = [.withInternetDateTime]
      let withSeconds = String(t.prefix(16)) + ":00" + String(t.dropFirst(16))
      if let d = iso.date(from: withSeconds) { return d }
    }
    var cal = Calendar(identifier: .gregorian)
    guard let zone = TimeZone(identifier: timeZone) else { return nil }
    cal.timeZone = zone
    let numbers = t.split(whereSeparator: { !$0.isNumber }).map { Int($0) }
    guard numbers.allSatisfy({ $0 != nil }) else { return nil }
    let n = numbers.compactMap { $0 }
    let separators = t.filter { !$0.isNumber }
    switch (n.count, separators) {
    case (2, ":"):
      guard (0...23).contains(n[0]), (0...59).contains(n[1]) else { return nil }
      let day = cal.dateComponents([.year, .month, .day], from: now)
      var c = day
      c.hour = n[0]
      c.minute = n[1]
      guard let today = cal.date(from: c) else { return nil }
      if today >= now { return today }
      return cal.date(byAdding: .day, value: 1, to: today)
    case (5, "-- :"), (5, "--T:"):
      guard (1...12).contains(n[1]), (1...31).contains(n[2]), (0...23).contains(n[3]),
        (0...59).contains(n[4]), (1970...9999).contains(n[0])
      else { return nil }
      let c = DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4])
      guard let d = cal.date(from: c) else { return nil }
      // Reject 2026-02-31 (which Calendar would roll into March).
      let back = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
      guard back.month == n[1], back.day == n[2], back.hour == n[3] else { return nil }
      return d
    default:
      return nil
    }
  }

  /// R21: may `request` be cancelled at `now`? Only while it is pending.
  public static func checkCancel(_ request: CallbackRequest, now: Date) -> SupportRefusal? {
    switch request.state(at: now) {
    case .pending: nil
    case .cancelled: .callbackNotPending
    case .due: .callbackNotPending
    }
  }

  /// R7, R23: may the shopper write to the seller of `item`? Only a third-party seller's.
  public static func checkSellerContact(_ item: Item) -> SupportRefusal? {
    item.fulfilment == .seller ? nil : .storeFulfilled
  }

  /// R22: a URL made harmless for an e-mail: `https://evil.example/x` →
  /// `hxxps://evil[.]example/x`, so nobody follows it by accident.
  public static func defang(_ url: String) -> String {
    var s = url
    if s.lowercased().hasPrefix("http") { s = "hxxp" + s.dropFirst(4) }
    return s.replacingOccurrences(of: ".", with: "[.]")
  }

  /// `١٢:٣٠` → `12:30` (Arabic-Indic and Eastern Arabic-Indic digits to ASCII).
  static func westernDigits(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { s -> Unicode.Scalar in
          switch s.value {
          case 0x0660...0x0669: Unicode.Scalar(s.value - 0x0660 + 0x30)!
          case 0x06F0...0x06F9: Unicode.Scalar(s.value - 0x06F0 + 0x30)!
          default: s
          }
        }))
  }
}

/// R19: whether the line is open, and when that changes next.
public struct SupportLineStatus: Hashable, Sendable {
  public var isOpen: Bool
  /// When open: the closing instant (24:00 Riyadh); when closed: the next opening (08:00).
  public var nextChange: Date

  public init(isOpen: Bool, nextChange: Date) {
    self.isOpen = isOpen
    self.nextChange = nextChange
  }
}

/// Why a support, seller-contact or account-closure request is refused (exit 3 in the CLI).
public enum SupportRefusal: String, Error, Hashable, Sendable, CaseIterable,
  CustomStringConvertible
{
  /// R21: the call-back time is outside 08:00–24:00 Riyadh.
  case callbackOutsideHours = "callback-outside-hours"
  /// R21: the call-back time has already passed.
  case callbackInPast = "callback-in-past"
  /// R21: the call-back time is more than 14 days ahead.
  case callbackTooFarAhead = "callback-too-far-ahead"
  /// R21: the call-back was cancelled already or its time has come.
  case callbackNotPending = "callback-not-pending"
  /// R7, R23: the item is fulfilled by the store: there is no seller to write to.
  case storeFulfilled = "store-fulfilled"
  /// R29: a closure is already pending for this account.
  case closureAlreadyPending = "closure-already-pending"
  /// R29: there is no pending closure to withdraw.
  case closureNotPending = "closure-not-pending"
  /// R27, R28: the typed confirmation does not match.
  case confirmationMismatch = "confirmation-mismatch"

  /// A one-line English explanation (the TUI uses the string table `support.refusal.<code>`).
  public var description: String {
    switch self {
    case .callbackOutsideHours:
      "A call-back can only be booked between 08:00 and 24:00 Saudi time (R21)."
    case .callbackInPast: "That call-back time has already passed (R21)."
    case .callbackTooFarAhead: "A call-back can be booked at most 14 days ahead (R21)."
    case .callbackNotPending: "That call-back is no longer pending (cancelled or its time came)."
    case .storeFulfilled:
      "This item is sold and shipped by the store, not a seller: contact support instead (R23)."
    case .closureAlreadyPending: "A closure of this account is already pending (R29)."
    case .closureNotPending: "There is no pending account closure to withdraw (R29)."
    case .confirmationMismatch: "The confirmation typed does not match; nothing was done (R28)."
    }
  }
}

// MARK: - Call-backs (R21)

/// A call-back the shopper asked for.
public struct CallbackRequest: Hashable, Codable, Sendable, Identifiable {
  /// Where a call-back stands at an instant.
  public enum State: String, Codable, Sendable, CaseIterable {
    /// Booked, its time still ahead.
    case pending
    /// Cancelled by the shopper.
    case cancelled
    /// Its time has come (the call is the support team's to make).
    case due
  }

  public var id: Int64
  public var accountID: AccountID
  /// The order the call is about (R20), if any.
  public var orderID: OrderID?
  /// The number to call (digits, an optional leading +).
  public var phone: String
  public var at: Date
  public var requestedAt: Date
  public var cancelledAt: Date?

  public init(
    id: Int64, accountID: AccountID, orderID: OrderID?, phone: String, at: Date,
    requestedAt: Date, cancelledAt: Date? = nil
  ) {
    self.id = id
    self.accountID = accountID
    self.orderID = orderID
    self.phone = phone
    self.at = at
    self.requestedAt = requestedAt
    self.cancelledAt = cancelledAt
  }

  /// Its state at `now`.
  public func state(at now: Date) -> State {
    if cancelledAt != nil { return .cancelled }
    return now < at ? .pending : .due
  }

  /// A phone number as typed, normalised (spaces, dashes and brackets dropped, Arabic-Indic
  /// digits made ASCII); nil unless it is 7–15 digits with an optional leading `+`.
  public static func normalisePhone(_ text: String) -> String? {
    let t = SupportPolicy.westernDigits(text).filter { !" -()".contains($0) }
    let digits = t.hasPrefix("+") ? t.dropFirst() : t[...]
    guard (7...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    return t
  }
}

// MARK: - Fraud reports (R22)

/// A report of a suspicious message or site claiming to be the store. The text and URL are
/// untrusted: kept as typed, sanitised wherever they are displayed or mailed.
public struct FraudReport: Hashable, Codable, Sendable, Identifiable {
  public var id: Int64
  public var accountID: AccountID
  public var text: String
  public var url: String?
  public var createdAt: Date
  /// The address the report was e-mailed to (`SupportPolicy.fraudAddress`).
  public var recipient: String
  /// The Maildir file the e-mail was delivered as (nil for stores without a Maildir).
  public var maildirFile: String?

  public init(
    id: Int64, accountID: AccountID, text: String, url: String?, createdAt: Date,
    recipient: String, maildirFile: String?
  ) {
    self.id = id
    self.accountID = accountID
    self.text = text
    self.url = url
    self.createdAt = createdAt
    self.recipient = recipient
    self.maildirFile = maildirFile
  }
}

// MARK: - Seller contact (R7, R23)

/// A message the shopper wrote to the seller of an item (recorded in the order's history).
public struct SellerMessage: Hashable, Codable, Sendable {
  public var orderID: OrderID
  public var itemID: ItemID
  public var sellerID: String
  public var sellerName: String
  public var message: String
  public var at: Date

  public init(
    orderID: OrderID, itemID: ItemID, sellerID: String, sellerName: String, message: String,
    at: Date
  ) {
    self.orderID = orderID
    self.itemID = itemID
    self.sellerID = sellerID
    self.sellerName = sellerName
    self.message = message
    self.at = at
  }
}
