import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText
import TalabatiUI

// MARK: - JSON shapes

struct ReturnLineJSON: Encodable {
  var item: Int64
  var title: String
  var quantity: Int
  var amount: MoneyJSON
}

struct ReturnStageJSON: Encodable {
  var stage: String
  var text: String
  var at: Date?
  var reached: Bool
}

struct ReturnJSON: Encodable {
  var rma: String
  var order: String
  var createdAt: Date
  var reason: String
  var resolution: String
  var stage: String
  var stageText: String
  var stages: [ReturnStageJSON]
  var items: [ReturnLineJSON]
  var itemsValue: MoneyJSON
  /// R15: what goes back to the original payment method (zero for a replacement).
  var refund: MoneyJSON
  var paymentMethod: String
  /// Where `refund` goes (R15): `original-method`, `gift-card-balance`, or `account-balance`
  /// for cash collected on delivery; `refundText` says it in the client's words, in the
  /// tense of the stage (absent for a replacement).
  var refundRoute: String?
  var refundText: String?
  var replacementOrder: String?
  var dropOffBy: Date
  var dropOffOverdue: Bool

  init(_ r: ReturnRecord, now: Date, lang: Language, timeZone: String = "Asia/Riyadh") {
    rma = r.rma
    order = r.orderID
    createdAt = r.timeline.initiatedAt
    reason = r.reason.rawValue
    resolution = r.resolution.rawValue
    let current = r.stage(at: now)
    stage = current.rawValue
    stageText = label(current, lang)
    stages = ReturnStage.stages(for: r.resolution).map { s in
      let reached = s <= current
      return ReturnStageJSON(
        stage: s.rawValue, text: label(s, lang),
        at: reached ? r.timeline.moment(of: s) : nil, reached: reached)
    }
    items = r.lines.map {
      ReturnLineJSON(
        item: $0.itemID, title: $0.title, quantity: $0.quantity, amount: MoneyJSON($0.amount, lang))
    }
    itemsValue = MoneyJSON(r.itemsValue, lang)
    refund = MoneyJSON(r.refundAmount, lang)
    paymentMethod = plain(label(r.paymentMethod, lang))
    if r.resolution == .refund {
      refundRoute = r.refundRoute.rawValue
      refundText = plain(returnRefundLine(r, now: now, lang: lang, timeZone: timeZone))
    }
    replacementOrder = r.replacementOrderID
    dropOffBy = r.timeline.dropOffBy
    dropOffOverdue = r.isDropOffOverdue(at: now)
  }
}

/// Where the refund of return `r` is at `now`, in the tense of its stage (R14, R15): the same
/// keys and words as the client's `Labels.refundLine` (issue 13: `show` and `return` say what
/// the order details say).
func returnRefundLine(_ r: ReturnRecord, now: Date, lang: Language, timeZone: String) -> String {
  Words(lang, timeZone: timeZone).returnRefund(r, now: now)
}

struct PolicyRuleJSON: Encodable {
  var category: String
  var days: Int?
  var returnable: Bool
}

/// The packing instructions of R12, in order.
let packingKeys = [
  "returns.pack.safely", "returns.pack.accessories", "returns.pack.personalData",
  "returns.pack.label",
]

// MARK: - Labels

func label(_ reason: ReturnReason, _ lang: Language) -> String { Words(lang).returnReason(reason) }

func label(_ stage: ReturnStage, _ lang: Language) -> String { Words(lang).returnStage(stage) }

/// Why an item may not be returned, with the last day of its window (R16).
func label(_ e: ReturnEligibility, _ lang: Language, timeZone: String) -> String {
  Words(lang, timeZone: timeZone).returnRefusal(e) ?? ""
}

/// A category's name, or its code when the table does not know it.
func categoryLabel(_ code: String, _ lang: Language) -> String {
  if code == ReturnPolicyTable.otherCategories { return tr("returns.policy.other", lang) }
  let key = "category.\(code)"
  let text = tr(key, lang)
  return text == key ? Sanitizer.clean(code) : text
}

// MARK: - return

struct ReturnItems: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "return",
    abstract: "Return or replace delivered items.",
    discussion: """
      Exit 0 prints the return authorisation (RMA), the packing instructions and the \
      refund to the original payment method, and saves the printable label as \
      labels/RMA.svg beside the store. Exit 3 when the policy refuses (outside the return \
      window, not returnable, not delivered …): the reason per item is printed and nothing is \
      changed.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String
  @Option(help: "Comma-separated item ids to return.") var items: String
  @Option(help: "Reason code: \(ReturnReason.allCases.map(\.rawValue).joined(separator: ", ")).")
  var reason: String
  @Flag(help: "Ask for the same item again instead of a refund.") var replace = false

  struct RefusalJSON: Encodable {
    struct Entry: Encodable {
      var item: Int64
      var reason: String
      var reasonText: String
      var lastDay: Date?
    }
    var order: String
    var refused: [Entry]
  }

  struct ResultJSON: Encodable {
    var `return`: ReturnJSON
    var packingInstructions: [String]
    var returnAddress: [String]
    var labelFile: String?
    var confirmationSent: Bool
  }

  func run() throws {
    guard let code = ReturnReason(rawValue: reason) else {
      throw CLIFailure.usage(
        "--reason: '\(Sanitizer.clean(reason))' is not a return reason; one of: "
          + ReturnReason.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let ids = try parseItemIDs(items)
    let ctx = try Context.open(global)
    let account = try ctx.requireAccount()
    let lang = ctx.lang
    let requested: RequestedReturn
    do {
      requested = try ctx.shopper.requestReturn(
        items: ids, in: order, reason: code, resolution: replace ? .replacement : .refund)
    } catch Refusal.returns(let error) {
      throw refusal(error, ctx: ctx, timeZone: account.timeZone)
    }
    // The label beside the store (R13); a failure to write it does not undo the return.
    let record = requested.record
    let labelFile = requested.labelFile
    let labelError = requested.labelError
    if ctx.json {
      try printJSON(
        ResultJSON(
          return: ReturnJSON(record, now: ctx.now, lang: lang, timeZone: account.timeZone),
          packingInstructions: packingKeys.map { tr($0, lang) },
          returnAddress: ReturnAddress.lines, labelFile: labelFile, confirmationSent: true))
      return
    }
    let out = Output(lang: lang)
    let tz = account.timeZone
    let doneKey = record.resolution == .refund ? "cli.return.done" : "cli.return.replacementDone"
    out.line(tr(doneKey, lang, ["rma": Bidi.isolate(record.rma), "order": orderNumber(order)]))
    for l in record.lines {
      out.line(
        "  [\(l.itemID)] \(Sanitizer.clean(l.title)) ×\(l.quantity) · \(money(l.amount, lang))")
    }
    out.line(tr("returns.confirm.reason", lang, ["reason": label(code, lang)]))
    if let rid = record.replacementOrderID {
      out.line(tr("returns.result.replacementOrder", lang, ["order": orderNumber(rid)]))
    } else {
      out.line(returnRefundLine(record, now: ctx.now, lang: lang, timeZone: tz))
    }
    out.line()
    out.line(tr("returns.pack.title", lang))
    for (n, key) in packingKeys.enumerated() { out.line("  \(n + 1). " + tr(key, lang)) }
    out.line()
    out.line(
      tr(
        "returns.result.dropOff", lang,
        ["date": Bidi.isolate(Format.date(record.timeline.dropOffBy, lang: lang, timeZone: tz))]))
    if let labelFile {
      out.line(tr("returns.label.saved", lang, ["path": Bidi.isolate(labelFile)]))
    } else if let labelError {
      out.line("talabati: " + Sanitizer.clean(labelError))
    }
    // The command keeps this command line's --store/--now/--lang (it acts on the same store).
    out.line(
      tr(
        "returns.label.print", lang,
        ["command": Bidi.isolate(global.commandLine(["label", record.rma]))]))
    out.line(
      tr("returns.result.mail", lang, ["email": Bidi.isolate(Sanitizer.clean(account.email))]))
  }

  /// A policy refusal as exit 3 (unknown items exit 4, an empty selection 2).
  func refusal(_ error: ReturnError, ctx: Context, timeZone: String) -> Error {
    let lang = ctx.lang
    switch error {
    case .emptySelection:
      return noItemFailure()
    case .unknownItem(let id):
      return CLIFailure.notFound(
        tr("cli.error.notFound.itemInOrder", lang, ["id": "\(id)", "order": orderNumber(order)]))
    case .refused(let list):
      if ctx.json {
        try? printJSON(
          RefusalJSON(
            order: order,
            refused: list.map {
              RefusalJSON.Entry(
                item: $0.itemID, reason: $0.refusal?.rawValue ?? "",
                reasonText: plain(label($0, lang, timeZone: timeZone)), lastDay: $0.window?.lastDay)
            }))
        return ExitCode(3)
      }
      return CLIFailure(
        code: 3, message: tr("cli.return.refused", lang, ["order": Sanitizer.clean(order)]),
        details: list.map { "[\($0.itemID)] " + plain(label($0, lang, timeZone: timeZone)) })
    }
  }
}

/// Parses `1,2,3` into item ids (usage error on anything else).
func parseItemIDs(_ text: String) throws -> [ItemID] {
  var ids: [ItemID] = []
  for part in text.split(separator: ",", omittingEmptySubsequences: false) {
    let p = part.trimmingCharacters(in: .whitespaces)
    guard let id = ItemID(p) else { throw itemIDFailure(p) }
    ids.append(id)
  }
  if ids.isEmpty { throw noItemFailure() }
  return ids
}

/// `--items: 'x' is not an item id`, in the shopper's language (exit 2).
func itemIDFailure(_ text: String) -> CLIFailure {
  CLIFailure.usage(
    tr(
      "cli.error.notItemID", Diagnostics.lang,
      ["option": "--items", "value": Bidi.isolate("'\(Sanitizer.clean(text))'")]))
}

/// `--items: no item selected`, in the shopper's language (exit 2).
func noItemFailure() -> CLIFailure {
  CLIFailure.usage(tr("cli.error.noItem", Diagnostics.lang, ["option": "--items"]))
}

// MARK: - returns

struct Returns: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List your returns with their status and the return policy.")

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Also print the return window of every product category.") var policy = false
  @Option(help: "How many returns to show (1–1000).") var limit = 30

  struct ListJSON: Encodable {
    var returns: [ReturnJSON]
    var policy: [PolicyRuleJSON]
  }

  func validate() throws {
    if !(1...1000).contains(limit) {
      throw ValidationError(tr("cli.error.limit", Diagnostics.lang))
    }
  }

  func run() throws {
    let ctx = try Context.open(global)
    let account = try ctx.requireAccount()
    let lang = ctx.lang
    let now = ctx.now
    let list = try ctx.shopper.returns(limit: limit)
    let table = try ctx.shopper.returnPolicy()
    if ctx.json {
      try printJSON(
        ListJSON(
          returns: list.map { ReturnJSON($0, now: now, lang: lang, timeZone: account.timeZone) },
          policy: table.rules.map {
            PolicyRuleJSON(category: $0.category, days: $0.days, returnable: $0.returnable)
          }))
      return
    }
    let out = Output(lang: lang)
    let tz = account.timeZone
    out.line(tr("returns.status.title", lang))
    if list.isEmpty { out.line("  " + tr("returns.status.empty", lang)) }
    for r in list {
      let stage = r.stage(at: now)
      out.line(
        tr(
          "returns.status.row", lang,
          [
            "rma": Bidi.isolate(r.rma), "order": orderNumber(r.orderID),
            "stage": label(stage, lang),
          ]) + " · " + money(r.resolution == .refund ? r.refundAmount : r.itemsValue, lang))
      // What is returned and where the money goes or what replaces it, as the client's
      // return status shows them (issue 11: the same words for the same return).
      let w = Words(lang, timeZone: tz)
      for line in r.lines { out.line("  • " + w.untrusted(line.title)) }
      if r.resolution == .refund {
        out.line("  " + w.returnRefund(r, now: now))
      } else if let rid = r.replacementOrderID {
        out.line("  " + tr("returns.result.replacementOrder", lang, ["order": w.id(rid)]))
      }
      for s in ReturnStage.stages(for: r.resolution) {
        if s <= stage, let at = r.timeline.moment(of: s) {
          out.line(
            "    "
              + tr(
                "returns.status.stagePassed", lang,
                [
                  "stage": label(s, lang),
                  "date": Bidi.isolate(
                    Format.date(at, lang: lang, timeZone: tz, style: .dateTime)),
                ]))
        } else {
          out.line("    " + tr("returns.status.stageAhead", lang, ["stage": label(s, lang)]))
        }
      }
      if r.isDropOffOverdue(at: now) {
        out.line(
          "    "
            + tr(
              "returns.status.overdue", lang,
              ["date": Bidi.isolate(Format.date(r.timeline.dropOffBy, lang: lang, timeZone: tz))]))
      }
    }
    if policy {
      out.line()
      printPolicy(table, out: out, lang: lang)
    }
  }
}

/// Prints the return-policy table (R16).
func printPolicy(_ table: ReturnPolicyTable, out: Output, lang: Language) {
  out.line(tr("returns.policy.title", lang))
  // The named categories first, "everything else" last (it reads as the rest of the list).
  let rows =
    table.rules.filter { $0.category != ReturnPolicyTable.otherCategories }
    + table.rules.filter { $0.category == ReturnPolicyTable.otherCategories }
  let w = Words(lang)
  for rule in rows {
    let name = categoryLabel(rule.category, lang)
    if let days = rule.days {
      // "7 أيام", "30 يومًا": the day count takes its CLDR plural form (Strings/Counts.swift).
      out.line(
        "  " + tr("returns.policy.days", lang, ["category": name, "days": w.count(days, "day")]))
    } else {
      out.line("  " + tr("returns.policy.none", lang, ["category": name]))
    }
  }
  out.line("  " + tr("returns.policy.note", lang))
}

// MARK: - label

struct Label: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a return label with its QR code and save it as a printable SVG.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The return authorisation number, e.g. RMA-0000001.") var rma: String
  @Option(help: "Write the SVG here (default: labels/RMA.svg beside the store).") var svg: String?
  @Flag(help: "Draw the QR code for a terminal with a light background.") var lightBackground =
    false

  struct LabelJSON: Encodable {
    var rma: String
    var order: String
    var address: [String]
    var svgFile: String
    var qrVersion: Int
    var qrLines: [String]
  }

  func run() throws {
    let ctx = try Context.open(global)
    _ = try ctx.requireAccount()
    // On a dark terminal the glyphs are light: draw the light modules (R13, see QRMatrix).
    let label = try ctx.shopper.returnLabel(
      rma: rma, svgPath: svg, lightBackground: lightBackground)
    let record = label.record
    let file = label.svgFile
    let lines = label.qrLines
    if ctx.json {
      try printJSON(
        LabelJSON(
          rma: record.rma, order: record.orderID, address: ReturnAddress.lines, svgFile: file,
          qrVersion: label.qrVersion, qrLines: lines))
      return
    }
    let lang = ctx.lang
    let out = Output(lang: lang)
    out.line(tr("returns.label.title", lang))
    out.line(tr("returns.label.rma", lang, ["rma": Bidi.isolate(record.rma)]))
    out.line(
      tr(
        "returns.result.done", lang,
        ["rma": Bidi.isolate(record.rma), "order": orderNumber(record.orderID)]))
    out.line(tr("returns.label.address", lang))
    for l in ReturnAddress.lines { out.line("  " + Bidi.isolate(l)) }
    // The code itself is printed as it is: left to right, never reordered or right-aligned.
    for l in lines { print(l) }
    out.line(tr("returns.label.saved", lang, ["path": Bidi.isolate(file)]))
  }
}
