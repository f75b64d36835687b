import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

// MARK: - Shared

/// Opens the store; `Context.open` has already carried out the closures that are due (R29).
func openApplyingClosures(_ global: GlobalOptions) throws -> Context {
  try Context.open(global)
}

/// Runs `body`, turning a support refusal into exit 3 with its label (R21, R23, R28, R29),
/// in `lang` (`Diagnostics.refusalFailure`).
func refusingWithExit3<T>(_ lang: Language, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let refusal as Refusal {
    throw Diagnostics.refusalFailure(refusal, lang: lang)
  }
}

/// `HH:mm` of `date` in `zone`, isolated.
func clockTime(_ date: Date, zone: String, lang: Language) -> String {
  Format.date(date, lang: lang, timeZone: zone, style: .time)
}

/// The day and time of `date` in `zone`, isolated.
func dayTime(_ date: Date, zone: String, lang: Language) -> String {
  Bidi.isolate(Format.date(date, lang: lang, timeZone: zone, style: .numericDateTime))
}

struct CallbackJSON: Encodable {
  var id: Int64
  var at: Date
  var atRiyadh: String
  var atLocal: String
  var phone: String
  var order: String?
  var state: String
  var requestedAt: Date

  init(_ c: CallbackRequest, now: Date, timeZone: String) {
    id = c.id
    at = c.at
    atRiyadh = plain(
      Format.date(c.at, lang: .en, timeZone: SupportPolicy.lineTimeZone, style: .numericDateTime))
    atLocal = plain(Format.date(c.at, lang: .en, timeZone: timeZone, style: .numericDateTime))
    phone = c.phone
    order = c.orderID
    state = c.state(at: now).rawValue
    requestedAt = c.requestedAt
  }
}

// MARK: - support

/// `talabati support`: the support line, call-backs and fraud reports (R19–R22).
struct SupportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "support",
    abstract: "Phone support (open now?), call-back requests and fraud reports.",
    discussion: """
      Plain 'talabati support' shows the number 8008500931, the hours 08:00–24:00 Asia/Riyadh \
      and whether the line is open now, in Riyadh time and in your account's time zone, with \
      the account details (and --order's number) to have ready.
      --callback TIME books a call-back: TIME is 13:30 (today, or tomorrow once past), \
      2026-11-28 09:15 (both in your account's time zone) or an ISO-8601 instant with an \
      offset; it must be inside open hours, not past, at most 14 days ahead (else exit 3).
      Fraud reports are e-mailed to fraud@talabati.invalid (the store's Maildir).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp("Book a call-back at TIME (needs --phone).", valueName: "time"))
  var callback: String?

  @Option(help: ArgumentHelp("The number to call back.", valueName: "number"))
  var phone: String?

  @Option(help: ArgumentHelp("The order the call is about.", valueName: "order"))
  var order: String?

  @Flag(help: "List your call-back requests.")
  var callbacks = false

  @Option(help: ArgumentHelp("Cancel a pending call-back.", valueName: "id"))
  var cancelCallback: Int64?

  @Option(
    help: ArgumentHelp(
      "Report a suspicious message or site claiming to be the store.", valueName: "text"))
  var reportFraud: String?

  @Option(
    help: ArgumentHelp("The suspicious site's address (with --report-fraud).", valueName: "url"))
  var url: String?

  func validate() throws {
    let actions = [callback != nil, callbacks, cancelCallback != nil, reportFraud != nil]
    if actions.filter({ $0 }).count > 1 {
      throw ValidationError(
        "use only one of --callback, --callbacks, --cancel-callback, --report-fraud")
    }
    if callback != nil && phone == nil {
      throw ValidationError("--callback needs --phone NUMBER (the number to call)")
    }
    if phone != nil && callback == nil { throw ValidationError("--phone goes with --callback") }
    if url != nil && reportFraud == nil { throw ValidationError("--url goes with --report-fraud") }
  }

  func run() throws {
    let ctx = try openApplyingClosures(global)
    let account = try ctx.requireAccount()
    let lang = ctx.lang
    let now = ctx.now
    let zone = account.timeZone
    let out = Output(lang: lang)

    if let text = callback, let phone {
      guard let at = SupportPolicy.parseCallbackTime(text, now: now, timeZone: zone) else {
        throw CLIFailure.usage(
          "--callback: '\(Sanitizer.clean(text))' is not a time such as 13:30, "
            + "2026-11-28 09:15 or 2026-11-28T09:15:00+03:00")
      }
      let booked = try refusingWithExit3(lang) {
        try ctx.shopper.requestCallback(at: at, phone: phone, order: order)
      }
      if ctx.json {
        try printJSON(["callback": CallbackJSON(booked, now: now, timeZone: zone)])
      } else {
        out.line(
          tr(
            "support.callback.done", lang,
            [
              "time": dayTime(booked.at, zone: zone, lang: lang),
              "phone": Bidi.isolate(booked.phone),
            ]
          ))
      }
      return
    }
    if callbacks {
      let list = try ctx.shopper.callbacks()
      if ctx.json {
        try printJSON(["callbacks": list.map { CallbackJSON($0, now: now, timeZone: zone) }])
        return
      }
      out.line(tr("support.callbacks", lang))
      if list.isEmpty { out.line(tr("support.callbacks.empty", lang)) }
      for c in list {
        out.line(
          tr(
            "support.callback.row", lang,
            [
              "id": Bidi.isolate("#\(c.id)"), "time": dayTime(c.at, zone: zone, lang: lang),
              "phone": Bidi.isolate(c.phone),
              "state": tr("support.callback.state.\(c.state(at: now).rawValue)", lang),
            ]))
      }
      return
    }
    if let id = cancelCallback {
      let c = try refusingWithExit3(lang) {
        try ctx.shopper.cancelCallback(id)
      }
      if ctx.json {
        try printJSON(["callback": CallbackJSON(c, now: now, timeZone: zone)])
      } else {
        out.line(tr("support.callback.cancelled", lang, ["id": Bidi.isolate("#\(c.id)")]))
      }
      return
    }
    if let text = reportFraud {
      let report = try ctx.shopper.reportFraud(text, url: url)
      if ctx.json {
        try printJSON(FraudJSON(report))
      } else {
        out.line(tr("support.fraud.done", lang, ["address": Bidi.isolate(report.recipient)]))
      }
      return
    }
    try showLine(ctx: ctx, account: account, out: out)
  }

  /// R19, R20: the number, the hours, open now in both zones, what to have ready.
  func showLine(ctx: Context, account: Account, out: Output) throws {
    let lang = ctx.lang
    let now = ctx.now
    let zone = account.timeZone
    if let order { _ = try ctx.shopper.order(order) }  // exit 4 if unknown
    let status = SupportPolicy.lineStatus(at: now)
    let riyadh = SupportPolicy.lineTimeZone
    if ctx.json {
      try printJSON(
        LineJSON(
          phone: SupportPolicy.phoneNumber, opens: "08:00", closes: "24:00", timeZone: riyadh,
          open: status.isOpen, nextChange: status.nextChange,
          nowRiyadh: plain(clockTime(now, zone: riyadh, lang: .en)),
          nowLocal: plain(clockTime(now, zone: zone, lang: .en)), localTimeZone: zone,
          localTimeZoneSource: "account",
          ready: .init(order: order, name: account.name, email: account.email)))
      return
    }
    out.line(tr("support.title", lang))
    out.line(tr("support.phone", lang, ["phone": Bidi.isolate(SupportPolicy.phoneNumber)]))
    out.line(
      tr(
        "support.hours", lang, ["opens": Bidi.isolate("08:00"), "closes": Bidi.isolate("24:00")]))
    // Open: it closes at midnight, said as 24:00 like the stated hours (R19).
    let next =
      status.isOpen ? Bidi.isolate("24:00") : dayTime(status.nextChange, zone: riyadh, lang: lang)
    out.line(tr(status.isOpen ? "support.open" : "support.closed", lang, ["time": next]))
    out.line(tr("support.nowRiyadh", lang, ["time": clockTime(now, zone: riyadh, lang: lang)]))
    out.line(
      tr(
        "support.nowLocal", lang,
        [
          "zone": Bidi.isolate(Sanitizer.clean(zone)),
          "time": clockTime(now, zone: zone, lang: lang),
        ]
      ))
    // Issue 13 item 18: the account's time zone wins over the environment's TZ (a session over
    // SSH carries the server's; call-backs are booked and e-mailed in the account's). Say so
    // when the two differ.
    if let env = environmentTimeZone(), env != zone {
      out.line(
        "  "
          + tr(
            "cli.support.tzIgnored", lang,
            [
              "env": Bidi.isolate(Sanitizer.clean(env)),
              "zone": Bidi.isolate(Sanitizer.clean(zone)),
            ]
          ))
    }
    out.line()
    out.line(tr("support.ready", lang))
    if let order { out.line("  " + tr("support.readyOrder", lang, ["order": orderNumber(order)])) }
    out.line(
      "  "
        + tr(
          "support.readyAccount", lang,
          [
            "name": Bidi.firstStrong(Sanitizer.clean(account.name)),
            "email": Bidi.isolate(Sanitizer.clean(account.email)),
          ]))
  }

  struct LineJSON: Encodable {
    struct Ready: Encodable {
      var order: String?
      var name: String
      var email: String
    }
    var phone: String
    var opens: String
    var closes: String
    var timeZone: String
    var open: Bool
    var nextChange: Date
    var nowRiyadh: String
    var nowLocal: String
    var localTimeZone: String
    /// Where `localTimeZone` comes from: always the account, never the environment's TZ.
    var localTimeZoneSource: String
    var ready: Ready
  }

  struct FraudJSON: Encodable {
    var id: Int64
    var recipient: String
    var createdAt: Date
    var maildirFile: String?
    var text: String
    var url: String?

    init(_ r: FraudReport) {
      id = r.id
      recipient = r.recipient
      createdAt = r.createdAt
      maildirFile = r.maildirFile
      text = r.text
      url = r.url
    }
  }
}

// MARK: - contact-seller

/// `talabati contact-seller ORDER --item ID --message TEXT` (R7, R23).
struct ContactSeller: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact-seller",
    abstract: "Write to the third-party seller of an item; recorded in the order's history.",
    discussion: "Refused (exit 3) for items sold and shipped by the store itself.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String
  @Option(help: ArgumentHelp("The item's id (see 'talabati show').", valueName: "id"))
  var item: Int64
  @Option(help: ArgumentHelp("What to write to the seller.", valueName: "text"))
  var message: String

  func run() throws {
    let ctx = try openApplyingClosures(global)
    _ = try ctx.requireAccount()
    let lang = ctx.lang
    let sent = try refusingWithExit3(lang) {
      try ctx.shopper.contactSeller(order: order, item: item, message: message)
    }
    if ctx.json {
      try printJSON(sent)
      return
    }
    Output(lang: lang).line(
      tr(
        "support.seller.done", lang,
        [
          "seller": Bidi.firstStrong(Sanitizer.clean(sent.sellerName)),
          "order": orderNumber(sent.orderID),
        ]))
  }
}

/// The time zone the environment names in `TZ` (`:Area/City`, `/usr/share/zoneinfo/Area/City`
/// or `Area/City`), if any.
func environmentTimeZone(_ environment: [String: String] = ProcessInfo.processInfo.environment)
  -> String?
{
  guard var tz = environment["TZ"], !tz.isEmpty else { return nil }
  if tz.hasPrefix(":") { tz.removeFirst() }
  if let range = tz.range(of: "zoneinfo/") { tz = String(tz[range.upperBound...]) }
  return tz.isEmpty ? nil : tz
}
