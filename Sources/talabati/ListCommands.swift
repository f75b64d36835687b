import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiText

// MARK: - JSON shapes

struct MoneyJSON: Encodable {
  var minor: Int64
  var currency: String
  var text: String
  init(_ m: Money, _ lang: Lang) {
    minor = m.minor
    currency = m.currency
    text = plain(Format.money(minor: m.minor, currency: m.currency, lang: lang))
  }
}

struct OrderRowJSON: Encodable {
  var id: String
  var placedAt: Date
  var total: MoneyJSON
  var itemCount: Int
  var firstTitle: String
  var archived: Bool
  var imported: Bool
  var status: String
  var statusCounts: [String: Int]

  init(_ s: OrderSummary, _ lang: Lang) {
    id = s.id
    placedAt = s.placedAt
    total = MoneyJSON(s.total, lang)
    itemCount = s.itemCount
    firstTitle = s.firstTitle
    archived = s.archived
    imported = s.imported
    status = s.status.headline.rawValue
    statusCounts = Dictionary(
      uniqueKeysWithValues: s.status.counts.map { ($0.key.rawValue, $0.value) })
  }
}

struct OrderPageJSON: Encodable {
  var view: String
  var query: String?
  var orders: [OrderRowJSON]
  var next: String?
}

// MARK: - orders

struct Orders: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List orders, newest first (R10 cancelled view, R18 archive).")

  @OptionGroup var global: GlobalOptions

  @Flag(help: "Show archived orders only (R18).") var archived = false
  @Flag(help: "Show orders with cancelled items (R10).") var cancelled = false
  @Flag(help: "Show every order, archived ones included.") var all = false
  @Option(help: "How many orders to show (1–1000).") var limit = 30
  @Option(help: "Continue after this cursor (printed at the end of a page).") var after: String?
  @Option(help: "Search titles and order numbers (Arabic-normalised).") var search: String?

  func validate() throws {
    if [archived, cancelled, all].filter({ $0 }).count > 1 {
      throw ValidationError("choose at most one of --archived, --cancelled, --all")
    }
    if !(1...1000).contains(limit) { throw ValidationError("--limit must be between 1 and 1000") }
  }

  func run() throws {
    let ctx = try Context.open(global, readOnly: true)
    let view: OrderListView = archived ? .archived : cancelled ? .cancelled : all ? .all : .orders
    var cursor: ListCursor?
    if let after {
      guard let c = ListCursor(text: after) else {
        throw CLIFailure.usage(
          "--after: '\(Sanitizer.clean(after))' is not a cursor printed by talabati")
      }
      cursor = c
    }
    guard let account = ctx.account else {
      if ctx.json {
        try printJSON(OrderPageJSON(view: view.rawValue, query: search, orders: [], next: nil))
      } else {
        Output(lang: ctx.lang).line(tr("cli.orders.empty", ctx.lang))
      }
      return
    }
    let page: OrderPage
    if let q = search, !q.trimmingCharacters(in: .whitespaces).isEmpty {
      page = try ctx.db.search(
        account: account.id, query: q, view: view, limit: limit, after: cursor, now: ctx.now)
    } else {
      page = try ctx.db.orders(
        account: account.id, view: view, limit: limit, after: cursor, now: ctx.now)
    }
    if ctx.json {
      try printJSON(
        OrderPageJSON(
          view: view.rawValue, query: search, orders: page.rows.map { OrderRowJSON($0, ctx.lang) },
          next: page.next?.text))
      return
    }
    printPage(page, ctx: ctx)
  }

  func printPage(_ page: OrderPage, ctx: Context) {
    let out = Output(lang: ctx.lang)
    let lang = ctx.lang
    let tz = ctx.account?.timeZone ?? "Asia/Riyadh"
    if page.rows.isEmpty {
      out.line(tr("cli.orders.empty", lang))
      return
    }
    for row in page.rows {
      let date = Format.date(row.placedAt, lang: lang, timeZone: tz, style: .date)
      let status = label(row.status.headline, lang)
      let archivedMark = row.archived ? " · " + tr("cli.orders.archived", lang) : ""
      out.line(
        tr(
          "cli.orders.row", lang,
          [
            "order": orderNumber(row.id), "date": Bidi.isolate(date),
            "total": money(row.total, lang), "count": "\(row.itemCount)", "status": status,
          ]) + archivedMark)
      out.line("    " + Sanitizer.clean(row.firstTitle))
    }
    if let next = page.next {
      out.line(tr("cli.orders.next", lang, ["cursor": Bidi.isolate(next.text)]))
    }
  }
}

// MARK: - reasons

struct Reasons: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the cancellation reason codes with their Arabic and English labels (R5).")

  @OptionGroup var global: GlobalOptions

  struct ReasonJSON: Encodable {
    var code: String
    var ar: String
    var en: String
  }

  func run() throws {
    let reasons = CancelReason.allCases.map {
      ReasonJSON(code: $0.rawValue, ar: label($0, .ar), en: label($0, .en))
    }
    if global.json {
      try printJSON(reasons)
      return
    }
    let lang = try global.requestedLanguage().map(Lang.init) ?? .ar
    let out = Output(lang: lang)
    for r in reasons {
      out.line("\(Bidi.isolate(r.code))  \(lang == .ar ? r.ar : r.en)")
    }
  }
}

// MARK: - outbox

struct Outbox: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the confirmation messages sent (R6, R9, R17) and where they are stored.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "How many messages to show, newest first.") var limit = 20

  struct MessageJSON: Encodable {
    var id: Int64
    var kind: String
    var orderId: String?
    var createdAt: Date
    var subject: String
    var recipient: String
    var file: String?
  }

  func run() throws {
    let ctx = try Context.open(global)
    let account = try ctx.requireAccount()
    let messages = try ctx.db.outbox(account: account.id, limit: max(1, min(limit, 1000)))
    let rows = messages.map {
      MessageJSON(
        id: $0.id, kind: $0.kind.rawValue, orderId: $0.orderID, createdAt: $0.createdAt,
        subject: $0.subject, recipient: $0.recipient, file: $0.maildirFile)
    }
    if ctx.json {
      try printJSON(rows)
      return
    }
    let out = Output(lang: ctx.lang)
    if rows.isEmpty {
      out.line(tr("cli.outbox.empty", ctx.lang))
      return
    }
    for m in rows {
      let date = Format.date(m.createdAt, lang: ctx.lang, timeZone: account.timeZone, style: .date)
      let kind = tr("cli.outbox.kind.\(m.kind)", ctx.lang)
      out.line("\(Bidi.isolate(date))  \(kind) · \(Sanitizer.clean(m.subject))")
      if let f = m.file { out.line("    " + Bidi.isolate(Sanitizer.clean(f))) }
    }
  }
}
