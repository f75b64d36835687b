import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

// MARK: - JSON shapes

struct ItemJSON: Encodable {
  var id: Int64
  var title: String
  var seller: String
  var fulfilment: String
  var quantity: Int
  var unitPrice: MoneyJSON
  var status: String
  var cancellable: Bool
  var reason: String?
  var reasonText: String?
  var alternatives: [String]
  var sellerWindowSecondsLeft: Int?
  /// R11, R16: whether the item can be returned now, why not (`returnReason`, the codes of
  /// `return`'s refusals, and `returnReasonText`), and the last day of its return window.
  /// Only `show` fills them.
  var returnable: Bool?
  var returnReason: String?
  var returnReasonText: String?
  var returnLastDay: Date?
}

struct ShipmentJSON: Encodable {
  var id: Int64
  var status: String
  var carrier: String
  var trackingNumber: String
  var expectedDeliveryAt: Date?
  var delayed: Bool
  var shippingCharge: MoneyJSON
  var items: [ItemJSON]
}

struct OrderJSON: Encodable {
  var id: String
  var placedAt: Date
  var status: String
  var archived: Bool
  var paymentMethod: String
  var total: MoneyJSON
  var shipments: [ShipmentJSON]
  /// Refunds Amazon already paid for an imported order (issue 6); only `show` fills it.
  var importedRefunds: [ImportedRefundJSON]?
  /// Returns of this order's items (R14); only `show` fills it.
  var returns: [ReturnJSON]?

  struct ImportedRefundJSON: Encodable {
    var amount: MoneyJSON
    var refundedAt: Date
  }

  /// The order with the service's answers per item (`Shopper.detail`).
  init(_ detail: OrderDetail, lang: Language, timeZone: String) {
    let order = detail.order
    let now = detail.at
    id = order.id
    placedAt = order.placedAt
    status = order.status(at: now).rawValue
    archived = order.isArchived
    paymentMethod = plain(label(order.paymentMethod, lang))
    total = MoneyJSON(order.total, lang)
    shipments = order.shipments.map { s in
      ShipmentJSON(
        id: s.id, status: s.status(at: now).rawValue, carrier: s.carrier,
        trackingNumber: s.trackingNumber, expectedDeliveryAt: s.timeline.expectedDeliveryAt,
        delayed: s.timeline.isDelayed(at: now), shippingCharge: MoneyJSON(s.shippingCharge, lang),
        items: s.items.map { i in
          let e =
            detail.cancelAnswer(i.id) ?? CancelPolicy.eligibility(of: i, in: s, of: order, at: now)
          let r = detail.returnAnswer(i.id)
          return ItemJSON(
            id: i.id, title: i.title, seller: i.seller.name, fulfilment: i.fulfilment.rawValue,
            quantity: i.quantity, unitPrice: MoneyJSON(i.unitPrice, lang),
            status: i.status(in: s, at: now).rawValue, cancellable: e.cancellable,
            reason: e.refusal?.rawValue, reasonText: e.refusal.map { label($0, lang) },
            alternatives: e.alternatives.map(\.rawValue),
            sellerWindowSecondsLeft: e.sellerWindowRemaining.map { Int($0.rounded(.up)) },
            returnable: r?.returnable, returnReason: r?.refusal?.rawValue,
            returnReasonText: r.flatMap { $0.refusal == nil ? nil : $0 }.map {
              plain(label($0, lang, timeZone: timeZone))
            }, returnLastDay: r?.window?.lastDay)
        })
    }
  }
}

/// The refund of a cancel (R9). `route` says where the money goes (`original-method`,
/// `gift-card-balance`, or `not-charged` for an unpaid cash-on-delivery order, whose amounts
/// are zero and whose `uncollected` is what the courier will not collect); `routeText` says it
/// in words.
struct RefundJSON: Encodable {
  var items: MoneyJSON
  var itemsVAT: MoneyJSON
  var shipping: MoneyJSON
  var total: MoneyJSON
  var paymentMethod: String
  var route: String
  var routeText: String
  var uncollected: MoneyJSON

  init(_ r: Refund, _ lang: Language) {
    items = MoneyJSON(r.items, lang)
    itemsVAT = MoneyJSON(r.itemsVAT, lang)
    shipping = MoneyJSON(r.shipping, lang)
    total = MoneyJSON(r.total, lang)
    paymentMethod = plain(label(r.paymentMethod, lang))
    route = r.route.rawValue
    routeText = plain(
      Words(lang).refundLines(r).first { $0.kind == .destination || $0.kind == .notCollected }?
        .text ?? "")
    uncollected = MoneyJSON(r.uncollected, lang)
  }
}

// MARK: - show

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show an order: every item with its status, whether it can be cancelled and why not.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number, e.g. 402-1234567-1234567.") var order: String

  func run() throws {
    let ctx = try Context.open(global, readOnly: true)
    let account = try ctx.requireAccount()
    let detail = try ctx.shopper.detail(order)
    let o = detail.order
    let now = detail.at
    let refunds = detail.importedRefunds
    let returns = detail.returnRecords
    if ctx.json {
      var json = OrderJSON(detail, lang: ctx.lang, timeZone: account.timeZone)
      json.importedRefunds = refunds.map {
        .init(amount: MoneyJSON($0.amount, ctx.lang), refundedAt: $0.refundedAt)
      }
      json.returns = returns.map {
        ReturnJSON($0, now: now, lang: ctx.lang, timeZone: account.timeZone)
      }
      try printJSON(json)
      return
    }
    let lang = ctx.lang
    let out = Output(lang: lang)
    let tz = account.timeZone
    let w = Words(lang, timeZone: tz)
    out.line(
      tr(
        "cli.show.header", lang,
        [
          "order": orderNumber(o.id),
          "date": w.date(o.placedAt),
          // Every status with its count, as `orders` and the client's list say it (R10).
          "status": w.statusSummary(o.statusSummary(at: now), full: true),
        ]) + (o.isArchived ? " · " + tr("cli.orders.archived", lang) : ""))
    out.line(
      tr(
        "cli.show.total", lang,
        ["total": money(o.total, lang), "payment": label(o.paymentMethod, lang)]))
    for r in refunds {
      out.line(
        tr(
          "detail.importedRefund", lang,
          [
            "amount": money(r.amount, lang),
            "date": w.date(r.refundedAt, style: .date),
          ]))
    }
    for s in o.shipments {
      out.line()
      var head = tr(
        "cli.show.shipment", lang,
        ["id": "\(s.id)", "status": label(s.status(at: now), lang)])
      // A delivered or cancelled shipment has no delivery ahead (the client's details).
      if let eta = s.timeline.expectedDeliveryAt,
        ![.delivered, .cancelled].contains(s.status(at: now))
      {
        head += " · " + w.t("detail.expected", ["date": w.date(eta, style: .date)])
      }
      out.line(head)
      // What the client's details show under a shipment (R24): a delay, the carrier and the
      // tracking number.
      if Tracking.view(of: s, at: now).delayed { out.line("  " + w.t("track.delayed")) }
      if !s.trackingNumber.isEmpty {
        out.line(
          "  "
            + w.t(
              "detail.tracking",
              ["carrier": w.untrusted(s.carrier), "number": w.id(s.trackingNumber)]))
      }
      for i in s.items {
        guard let e = detail.cancelAnswer(i.id) else { continue }
        out.line("  [\(i.id)] " + w.itemTitle(i) + " · " + w.money(i.lineTotal))
        out.line("      " + w.soldBy(i) + " · " + w.status(i.status(in: s, at: now)))
        if let r = detail.returnRecord(of: i.id) {
          // A return in progress (R14, R15), in the order details' words (issue 13).
          out.line(
            "      "
              + tr(
                "detail.return", lang,
                [
                  "rma": Bidi.isolate(r.rma),
                  "stage": w.returnStage(r.stage(at: now)),
                ]))
          if let rid = r.replacementOrderID {
            out.line(
              "      " + tr("returns.result.replacementOrder", lang, ["order": orderNumber(rid)]))
          } else {
            out.line("      " + returnRefundLine(r, now: now, lang: lang, timeZone: tz))
          }
          continue
        }
        // A cancelled item's status says it all (the client's details).
        if e.refusal == .alreadyCancelled { continue }
        out.line("      " + w.cancelAnswer(e))
        if let instead = w.instead(e.alternatives) { out.line("      " + instead) }
      }
    }
  }
}

// MARK: - cancel

struct Cancel: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Cancel checked items, a whole shipment or the whole order.",
    discussion: """
      Exit 0 prints the refund breakdown; exit 3 when the policy refuses (the reason per item and \
      the alternatives are printed and nothing is changed). Also reachable as 'delete-items'.
      """,
    aliases: ["delete-items"])

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String
  @Option(help: "Comma-separated item ids to cancel.") var items: String?
  @Option(help: "Cancel every item of this shipment.") var shipment: Int64?
  @Flag(help: "Cancel every remaining item of the order.") var all = false
  @Option(help: "Reason code (see 'talabati reasons').") var reason: String

  func validate() throws {
    if [items != nil, shipment != nil, all].filter({ $0 }).count != 1 {
      throw ValidationError(
        tr("cli.error.oneOf", Diagnostics.lang, ["list": "--items, --shipment, --all"]))
    }
  }

  func selection() throws -> CancelSelection {
    if let items {
      let parts = items.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      var ids: [ItemID] = []
      for p in parts {
        guard let id = ItemID(p) else { throw itemIDFailure(p) }
        ids.append(id)
      }
      if ids.isEmpty { throw noItemFailure() }
      return .items(ids)
    }
    if let shipment { return .shipment(shipment) }
    return .wholeOrder
  }

  struct ResultJSON: Encodable {
    var order: String
    var cancelledItems: [Int64]
    var cancelledShipments: [Int64]
    var reason: String
    var refund: RefundJSON
    var confirmationSent: Bool
  }

  struct RefusalJSON: Encodable {
    struct Entry: Encodable {
      var item: Int64
      var reason: String
      var reasonText: String
      var alternatives: [String]
    }
    var order: String
    var refused: [Entry]
  }

  func run() throws {
    guard let code = CancelReason(rawValue: reason) else {
      throw CLIFailure.usage(
        "--reason: "
          + tr(
            "cli.error.notReason", Diagnostics.lang,
            [
              "value": Bidi.isolate("'\(Sanitizer.clean(reason))'"),
              "list": Bidi.isolate(CancelReason.allCases.map(\.rawValue).joined(separator: ", ")),
            ]))
    }
    let sel = try selection()
    let ctx = try Context.open(global)
    let account = try ctx.requireAccount()
    let lang = ctx.lang
    do {
      let outcome = try ctx.shopper.cancel(sel, in: order, reason: code)
      if ctx.json {
        try printJSON(
          ResultJSON(
            order: outcome.order.id, cancelledItems: outcome.cancelledItems.map(\.id),
            cancelledShipments: outcome.cancelledShipments, reason: code.rawValue,
            refund: RefundJSON(outcome.refund, lang), confirmationSent: true))
        return
      }
      let out = Output(lang: lang)
      out.line(tr("cli.cancel.done", lang, ["order": orderNumber(outcome.order.id)]))
      for i in outcome.cancelledItems {
        out.line("  [\(i.id)] " + Words(lang).itemTitle(i) + " · " + money(i.lineTotal, lang))
      }
      printRefund(outcome.refund, out: out, lang: lang)
      out.line(
        tr("cli.cancel.mailSent", lang, ["email": Bidi.isolate(Sanitizer.clean(account.email))]))
    } catch Refusal.cancel(let err) {
      throw refusal(err, ctx: ctx)
    }
  }

  /// Turns a policy refusal into exit code 3 (or 4/2 for unknown ids and empty selections).
  func refusal(_ err: CancelError, ctx: Context) -> Error {
    let lang = ctx.lang
    switch err {
    case .emptySelection:
      return CLIFailure(code: 3, message: tr("cli.cancel.nothingLeft", lang))
    case .unknownItem(let id):
      return CLIFailure.notFound(
        tr("cli.error.notFound.itemInOrder", lang, ["id": "\(id)", "order": orderNumber(order)]))
    case .unknownShipment(let id):
      return CLIFailure.notFound(
        tr(
          "cli.error.notFound.shipmentInOrder", lang, ["id": "\(id)", "order": orderNumber(order)]))
    case .refused(let list):
      if ctx.json {
        let entries = list.map {
          RefusalJSON.Entry(
            item: $0.itemID, reason: $0.refusal?.rawValue ?? "",
            reasonText: $0.refusal.map { label($0, lang) } ?? "",
            alternatives: $0.alternatives.map(\.rawValue))
        }
        try? printJSON(RefusalJSON(order: order, refused: entries))
        return ExitCode(3)
      }
      let details = list.map { e -> String in
        var line = "[\(e.itemID)] " + (e.refusal.map { label($0, lang) } ?? "")
        if let instead = Words(lang).instead(e.alternatives) { line += " — " + instead }
        return line
      }
      return CLIFailure(
        code: 3, message: tr("cli.cancel.refused", lang, ["order": Sanitizer.clean(order)]),
        details: details)
    }
  }
}

/// The refund breakdown of R9 in the shared words (`Words.refundLines`) without its heading:
/// items, VAT, shipping, the total and where it goes; for an unpaid cash-on-delivery order,
/// that nothing is refunded and what the courier will not collect.
func refundLines(_ r: Refund, lang: Language) -> [String] {
  Words(lang).refundLines(r).filter { $0.kind != .title }.map(\.text)
}

/// Prints the refund breakdown of R9.
func printRefund(_ r: Refund, out: Output, lang: Language) {
  for line in refundLines(r, lang: lang) { out.line(line) }
}

// MARK: - archive / unarchive

struct Archive: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Archive an order: it leaves the default list and is kept in the archive.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String

  func run() throws {
    try archiveCommand(global: global, order: order, archive: true)
  }
}

struct Unarchive: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Bring an archived order back into the default list.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String

  func run() throws {
    try archiveCommand(global: global, order: order, archive: false)
  }
}

struct ArchiveResultJSON: Encodable {
  var order: String
  var archived: Bool
  var archivedAt: Date?
}

func archiveCommand(global: GlobalOptions, order: String, archive: Bool) throws {
  let ctx = try Context.open(global)
  _ = try ctx.requireAccount()
  let lang = ctx.lang
  let result: Order
  do {
    result = archive ? try ctx.shopper.archive(order) : try ctx.shopper.unarchive(order)
  } catch Refusal.archive(let e) {
    let key = e == .alreadyArchived ? "cli.archive.already" : "cli.unarchive.notArchived"
    throw CLIFailure(code: 3, message: tr(key, lang, ["order": Sanitizer.clean(order)]))
  }
  if ctx.json {
    try printJSON(
      ArchiveResultJSON(
        order: result.id, archived: result.isArchived, archivedAt: result.archivedAt))
    return
  }
  Output(lang: lang).line(
    tr(archive ? "cli.archive.done" : "cli.unarchive.done", lang, ["order": orderNumber(result.id)])
  )
}
