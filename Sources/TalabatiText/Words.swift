import Foundation
import TalabatiDomain

// MARK: - Words: domain values in the shopper's language

/// The one place that turns domain values into words, for every front end (issue 11 item 3):
/// the command line (`Sources/talabati`) and the full-screen client (`TalabatiUI`) both call
/// these, so the same order reads the same in both — payment, statuses, reasons, what to do
/// instead, refunds, counts, dates and durations. Each front arranges the words into its own
/// lines and colours; no front spells a domain value on its own.
///
/// Every result is logical text ready for either direction: amounts, dates, identifiers and
/// counts are isolated runs, untrusted text is sanitised first. A pipe or JSON strips the
/// isolates and anchors (`Words.plain`).
public struct Words: Sendable {
  public let lang: Language
  /// The account's IANA time zone (R19): dates are the shopper's, not the computer's.
  public let timeZone: String

  public init(_ lang: Language, timeZone: String = Format.defaultTimeZone) {
    self.lang = lang
    self.timeZone = timeZone
  }

  /// A label from the string table in this language.
  public func t(_ key: String, _ args: [String: String] = [:]) -> String { tr(key, lang, args) }

  // MARK: Identifiers, untrusted text, numbers

  /// An identifier (order number, tracking number, RMA) that must read left to right as
  /// written, neutralised.
  public func id(_ raw: String) -> String { Bidi.isolate(Sanitizer.clean(raw)) }

  /// Untrusted text (titles, seller names, imported fields), neutralised, then isolated with
  /// its own direction (FSI): an Arabic title keeps "500g" at its end inside an English line.
  public func untrusted(_ raw: String) -> String { Bidi.firstStrong(Sanitizer.clean(raw)) }

  /// A western-digit number, isolated.
  public func number(_ n: Int) -> String { Bidi.isolate(String(n)) }

  /// Separates the entries of an inline list: the Arabic comma in Arabic, the comma in English.
  public var listSeparator: String { lang == .ar ? "، " : ", " }

  // MARK: Counts (CLDR plural categories, `Strings/Counts.swift`)

  /// `n` of `unit` with the plural form of the language (`1 item`, `سلعتان`, `3 سلع`) as one
  /// isolated run in the language's direction: a wrapped line never parts the number from its
  /// word.
  public func count(_ n: Int, _ unit: String) -> String {
    runOfLanguage(Format.quantity(n, unit: unit, lang: lang))
  }

  /// `n` items.
  public func items(_ n: Int) -> String { count(n, "item") }

  /// `n` items as the object of a verb or verbal noun (`تم إلغاء سلعتين`): the Arabic dual in
  /// its genitive/accusative form.
  public func itemsObject(_ n: Int) -> String { count(n, n == 2 ? "itemObject" : "item") }

  /// `text` as one isolated run in the language's direction.
  public func runOfLanguage(_ text: String) -> String {
    lang == .ar ? Bidi.rtl(text) : Bidi.ltr(text)
  }

  // MARK: Money, dates, durations

  /// An amount: one format per language for every currency (`SAR 1,234.50`, `1,234.50 ر.س.`).
  public func money(_ m: Money) -> String {
    Format.money(minor: m.minor, currency: m.currency, lang: lang)
  }

  /// A date (and time) in the account's time zone, one isolated run. A day (an expected
  /// delivery, a deadline) is `.date`; a moment (placed, a stage passed) is `.dateTime`.
  public func date(_ d: Date, style: DateStyle = .dateTime) -> String {
    Format.date(d, lang: lang, timeZone: timeZone, style: style)
  }

  /// The time left in a seller's window (R3) as a duration, not a clock time: `28 min` /
  /// `28 دقيقة`, seconds in the last minute. Minutes and hours are rounded up: the time left is
  /// never shown as ending sooner than it does.
  public func countdown(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds.rounded(.up)))
    if s < 60 { return count(s, "second") }
    if s < 3600 { return count((s + 59) / 60, "minute") }
    return count((s + 3599) / 3600, "hour")
  }

  // MARK: Orders and items

  /// A status name (R24).
  public func status(_ s: Status) -> String { t("status.\(s.rawValue)") }

  /// The statuses of an order's items: every status with its count (`full`), else the
  /// headline, or "Part cancelled" when some items are cancelled and others are not (R10:
  /// a partly cancelled order says so at any width).
  public func statusSummary(_ s: StatusSummary, full: Bool) -> String {
    let present = Status.allCases.filter { (s.counts[$0] ?? 0) > 0 }
    guard present.count > 1 else { return status(s.headline) }
    guard full else {
      return present.contains(.cancelled) ? t("list.partlyCancelled") : status(s.headline)
    }
    return present.map { status($0) + " " + number(s.counts[$0] ?? 0) }.joined(
      separator: listSeparator)
  }

  /// How an order was paid, the card masked: `mada card •••• 4242`.
  public func payment(_ p: PaymentMethod) -> String {
    let kind = t("payment.\(p.kind.rawValue)")
    let digits = p.last4.filter(\.isASCII).filter(\.isNumber)
    // The LRM anchors the isolate (as in `itemTitle`): FriBidi 1.0.8 resolved this
    // neutral-first run right to left after another isolate on the line (a refund's amount),
    // so Arabic lines showed `4242 ••••` there and `•••• 4242` elsewhere (issue 13).
    return digits.isEmpty ? kind : kind + " " + Bidi.isolate("\u{200E}•••• " + digits)
  }

  /// Who sells and ships an item (R2, R3).
  public func soldBy(_ item: Item) -> String {
    switch item.fulfilment {
    case .store: t("fulfilment.store")
    case .seller: t("detail.soldBySeller", ["seller": untrusted(item.seller.name)])
    }
  }

  /// "Title × 2" with the title neutralised; a single item has no count.
  public func itemTitle(_ item: Item) -> String {
    let title = untrusted(item.title)
    // The LRM anchors the isolate: FriBidi 1.0.8 resolves a neutral-first LRI that follows
    // another isolate right to left ("2 ×"); with a strong L first it reads "× 2".
    return item.quantity > 1 ? title + " " + Bidi.isolate("\u{200E}× \(item.quantity)") : title
  }

  // MARK: Cancelling (R1–R9)

  /// A cancellation reason (R5).
  public func reason(_ r: CancelReason) -> String { t("reason.\(r.rawValue)") }

  /// Why an item cannot be cancelled (R1, R3).
  public func refusal(_ r: CancelRefusal) -> String { t("refusal.\(r.rawValue)") }

  /// One thing to do instead of a refused cancel (R7).
  public func alternative(_ a: Alternative) -> String { t("alternative.\(a.rawValue)") }

  /// Whether an item can be cancelled now: the countdown of a seller's window (R3), or the
  /// reason it cannot (R1, R3).
  public func cancelAnswer(_ e: CancelEligibility) -> String {
    if let r = e.refusal { return t("cancel.no", ["reason": refusal(r)]) }
    if let left = e.sellerWindowRemaining { return t("cancel.window", ["time": countdown(left)]) }
    return t("cancel.yes")
  }

  /// What to do instead when an item cannot be cancelled (R7), in the language's list
  /// punctuation; nil when nothing applies.
  public func instead(_ alternatives: [Alternative]) -> String? {
    guard !alternatives.isEmpty else { return nil }
    return t(
      "cancel.instead", ["list": alternatives.map(alternative).joined(separator: listSeparator)])
  }

  /// Where a refund by `route` of an order paid with `p` goes (R9, R15): the method charged,
  /// the gift-card balance, or (a returned cash-on-delivery order) the account balance.
  public func refundDestination(_ route: RefundRoute, _ p: PaymentMethod) -> String {
    switch route {
    case .giftCardBalance, .accountBalance: t("refund.route.\(route.rawValue)")
    case .originalMethod, .notCharged: payment(p)
    }
  }

  /// One line of a refund's breakdown, with what it is so that each front can lay it out.
  public struct RefundLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
      /// The heading ("Refund", or "Payment" when nothing was paid).
      case title
      case items, vat, shipping, total, destination
      /// Cash on delivery (R9): nothing was paid, and what the courier will not collect.
      case notPaid, notCollected
    }
    public var kind: Kind
    public var text: String
  }

  /// The refund breakdown (R9): items, their VAT, shipping (also when nothing of it comes
  /// back: the lines add up to the total, and the shopper sees whether shipping is refunded),
  /// the total and where it goes; for an unpaid cash-on-delivery order, that nothing is
  /// refunded and what the courier will not collect.
  public func refundLines(_ r: Refund) -> [RefundLine] {
    guard r.refundsMoney else {
      return [
        RefundLine(kind: .title, text: t("refund.titleUnpaid")),
        RefundLine(kind: .notPaid, text: t("refund.notPaid")),
        RefundLine(
          kind: .notCollected, text: t("refund.notCollected", ["amount": money(r.uncollected)])),
      ]
    }
    return [
      RefundLine(kind: .title, text: t("refund.title")),
      RefundLine(kind: .items, text: t("refund.items", ["amount": money(r.items)])),
      RefundLine(kind: .vat, text: t("refund.vat", ["amount": money(r.itemsVAT)])),
      RefundLine(kind: .shipping, text: t("refund.shipping", ["amount": money(r.shipping)])),
      RefundLine(kind: .total, text: t("refund.total", ["amount": money(r.total)])),
      RefundLine(
        kind: .destination,
        text: t("refund.to", ["payment": refundDestination(r.route, r.paymentMethod)])),
    ]
  }

  // MARK: Returns (R11–R16)

  /// A return's stage (R14).
  public func returnStage(_ s: ReturnStage) -> String { t("returnStage.\(s.rawValue)") }

  /// Why an item is returned (R11).
  public func returnReason(_ r: ReturnReason) -> String { t("returnReason.\(r.rawValue)") }

  /// Why an item may not be returned, with the last day of its window (R16); nil when it may.
  public func returnRefusal(_ e: ReturnEligibility) -> String? {
    guard let refusal = e.refusal else { return nil }
    var args: [String: String] = [:]
    if let w = e.window { args["date"] = date(w.lastDay, style: .date) }
    return t("returnRefusal.\(refusal.rawValue)", args)
  }

  /// Where the refund of return `r` is at `now`, in the tense of its stage (R14, R15): it goes
  /// back once the package arrives and is inspected (initiated, dropped off), it goes back once
  /// the inspection ends (received), it went back on a date (refund issued).
  public func returnRefund(_ r: ReturnRecord, now: Date) -> String {
    var args = [
      "amount": money(r.refundAmount),
      "payment": refundDestination(r.refundRoute, r.paymentMethod),
    ]
    switch r.stage(at: now) {
    case .initiated, .droppedOff:
      return t("returns.result.refund", args)
    case .received:
      return t("returns.refund.inspecting", args)
    case .refundIssued, .replacementShipped:
      args["date"] = date(r.timeline.completedAt ?? now, style: .date)
      return t("returns.refund.issued", args)
    }
  }

  // MARK: Tracking (R24–R26)

  /// Where a shipment is now (R24).
  public func location(_ l: TrackingLocation) -> String { t("location.\(l.rawValue)") }

  // MARK: Plain text

  /// Logical text without the isolates and anchors the text layer adds for display: what
  /// pipes, files and JSON get, so that scripts see plain fields. (Untrusted text never
  /// carries these: the sanitiser has replaced them.)
  public static func plain(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.filter {
          !(0x2066...0x2069).contains($0.value) && $0.value != 0x200E && $0.value != 0x200F
        }))
  }
}
