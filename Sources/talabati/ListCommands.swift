import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

// MARK: - JSON shapes

struct MoneyJSON: Encodable {
  var minor: Int64
  var currency: String
  var text: String
  init(_ m: Money, _ lang: Language) {
    minor = m.minor
    currency = m.currency
    text = plain(Words(lang).money(m))
  }
}

struct OrderRowJSON: Encodable {
  var id: String
  var placedAt: Date
  var total: MoneyJSON
  var itemCount: Int
  var firstTitle: String
  /// A search result's item that matched the query (the title the text output prints).
  var matchedTitle: String?
  var archived: Bool
  var imported: Bool
  var status: String
  var statusCounts: [String: Int]

  init(_ s: OrderSummary, _ lang: Language) {
    id = s.id
    placedAt = s.placedAt
    total = MoneyJSON(s.total, lang)
    itemCount = s.itemCount
    firstTitle = s.firstTitle
    matchedTitle = s.matchedTitle
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
    abstract: "List orders, newest first.")

  @OptionGroup var global: GlobalOptions

  @Flag(help: "Show archived orders only.") var archived = false
  @Flag(help: "Show orders with cancelled items.") var cancelled = false
  @Flag(help: "Show every order, archived ones included.") var all = false
  @Option(help: "How many orders to show (1–1000).") var limit = 30
  @Option(help: "Continue after this cursor (printed at the end of a page).") var after: String?
  @Option(help: "Search titles and order numbers (Arabic-normalised).") var search: String?

  func validate() throws {
    if [archived, cancelled, all].filter({ $0 }).count > 1 {
      throw ValidationError(
        tr("cli.error.atMostOne", Diagnostics.lang, ["list": "--archived, --cancelled, --all"]))
    }
    if !(1...1000).contains(limit) {
      throw ValidationError(tr("cli.error.limit", Diagnostics.lang))
    }
  }

  func run() throws {
    let ctx = try Context.open(global, readOnly: true)
    let view: OrderListView = archived ? .archived : cancelled ? .cancelled : all ? .all : .orders
    var cursor: ListCursor?
    if let after {
      guard let c = ListCursor(text: after) else {
        throw CLIFailure.usage(
          tr(
            "cli.error.notCursor", ctx.lang,
            ["value": Bidi.isolate("'\(Sanitizer.clean(after))'")]))
      }
      cursor = c
    }
    guard ctx.account != nil else {
      if ctx.json {
        try printJSON(OrderPageJSON(view: view.rawValue, query: search, orders: [], next: nil))
      } else {
        Output(lang: ctx.lang).line(tr("cli.orders.empty", ctx.lang))
      }
      return
    }
    let page = try ctx.shopper.list(view, search: search, after: cursor, limit: limit)
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
    let w = Words(lang, timeZone: tz)
    for row in page.rows {
      let date = Format.date(row.placedAt, lang: lang, timeZone: tz, style: .date)
      // Every status with its count, as the client's list shows it when it has the room: a
      // partly cancelled order says so (R10).
      let status = w.statusSummary(row.status, full: true)
      let archivedMark = row.archived ? " · " + tr("cli.orders.archived", lang) : ""
      out.line(
        tr(
          "cli.orders.row", lang,
          [
            "order": orderNumber(row.id), "date": Bidi.isolate(date),
            "total": money(row.total, lang),
            "count": w.items(row.itemCount),
            "status": status,
          ]) + archivedMark)
      // A search result shows the item that matched, as the client does (issue 13 item 5).
      out.line("    " + Sanitizer.clean(row.matchedTitle ?? row.firstTitle))
    }
    if let next = page.next {
      out.line(
        tr("cli.orders.next", lang, ["command": Bidi.isolate(nextPageCommand(after: next.text))]))
    }
  }

  /// The command that prints the next page of this same list: the view, the search, the page
  /// size and the global options given on this command line, then the cursor (issue 13: the
  /// printed command dropped `--search` and the view). Values are quoted for a POSIX shell.
  func nextPageCommand(after cursor: String) -> String {
    var words = ["orders"]
    if archived { words.append("--archived") }
    if cancelled { words.append("--cancelled") }
    if all { words.append("--all") }
    if let search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
      words += ["--search", shellQuoted(Sanitizer.clean(search))]
    }
    if limit != 30 { words += ["--limit", "\(limit)"] }
    return global.commandLine(words, then: ["--after", shellQuoted(cursor)])
  }
}

/// `word` as one word for a POSIX shell: as it is when it holds only characters no shell
/// treats specially, else in single quotes (a `'` inside written as `'\''`).
func shellQuoted(_ word: String) -> String {
  let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
  if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
  return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

// MARK: - reasons

struct Reasons: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the cancellation reason codes with their Arabic and English labels.")

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
    let lang = try global.requestedLanguage() ?? .ar
    let out = Output(lang: lang)
    // Two columns: the code padded to the widest code's display width, so every label starts
    // at the same column (at the same distance from the right edge in Arabic).
    let width = reasons.map { TextWidth.columns($0.code) }.max() ?? 0
    for r in reasons {
      let pad = String(repeating: " ", count: width - TextWidth.columns(r.code) + 2)
      out.line(Bidi.isolate(r.code) + pad + (lang == .ar ? r.ar : r.en))
    }
  }
}

// MARK: - outbox

struct Outbox: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the confirmation messages sent and where they are stored.")

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
    let messages = try ctx.shopper.outbox(limit: max(1, min(limit, 1000)))
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
