import Foundation
import TalabatiDomain
import TalabatiText

/// One line of a scrolling body: logical text, its role, and its indent from the start edge.
struct BodyLine: Hashable {
  var text: String
  var role: StyleRole = .normal
  var indent = 0

  static let blank = BodyLine(text: "")
}

/// Draws `lines` into `rows` from `scroll`, clamped so the last line can reach the bottom.
func drawBody(_ lines: [BodyLine], _ c: inout Canvas, rows: Range<Int>, scroll: Int) {
  let first = max(0, min(scroll, lines.count - rows.count))
  for (i, row) in rows.enumerated() {
    let n = first + i
    guard n < lines.count else { break }
    let line = lines[n]
    c.text(line.text, row: row, start: min(line.indent, c.width), role: line.role)
  }
}

extension Labels {
  /// Separates the entries of an inline list.
  var listSeparator: String { lang == .ar ? "، " : ", " }

  /// The status name (R24).
  func status(_ s: Status) -> String { t("status.\(s.rawValue)") }

  /// The statuses of an order's items: the headline only, or every status with its count.
  func statusSummary(_ s: StatusSummary, full: Bool) -> String {
    let present = Status.allCases.filter { (s.counts[$0] ?? 0) > 0 }
    guard full, present.count > 1 else { return status(s.headline) }
    return present.map { status($0) + " " + number(s.counts[$0] ?? 0) }.joined(
      separator: listSeparator)
  }

  /// How the order was paid.
  func payment(_ p: PaymentMethod) -> String {
    let kind = t("payment.\(p.kind.rawValue)")
    let digits = p.last4.filter(\.isASCII).filter(\.isNumber)
    return digits.isEmpty ? kind : kind + " " + Bidi.isolate("•••• " + digits)
  }

  /// Who sells and ships an item (R2, R3).
  func soldBy(_ item: Item) -> String {
    switch item.fulfilment {
    case .store: t("fulfilment.store")
    case .seller: t("detail.soldBySeller", ["seller": untrusted(item.seller.name)])
    }
  }

  /// "Title × 2" with the title neutralised.
  func itemTitle(_ item: Item) -> String {
    let title = untrusted(item.title)
    // The LRM anchors the isolate: FriBidi 1.0.8 resolves a neutral-first LRI that follows
    // another isolate right to left ("2 ×"); with a strong L first it reads "× 2".
    return item.quantity > 1 ? title + " " + Bidi.isolate("\u{200E}× \(item.quantity)") : title
  }

  /// Whether an item can be cancelled now: the live countdown of a seller's window (R3), or
  /// the reason it cannot (R1, R3).
  func eligibilityLine(_ e: CancelEligibility) -> BodyLine {
    if let refusal = e.refusal {
      return BodyLine(
        text: t("cancel.no", ["reason": t("refusal.\(refusal.rawValue)")]),
        role: .disabled)
    }
    if let left = e.sellerWindowRemaining {
      return BodyLine(text: t("cancel.window", ["time": countdown(left)]), role: .warning)
    }
    return BodyLine(text: t("cancel.yes"), role: .success)
  }

  /// What to do instead when an item cannot be cancelled (R7); nil when nothing applies.
  func alternativesLine(_ e: CancelEligibility) -> BodyLine? {
    guard !e.alternatives.isEmpty else { return nil }
    let list = e.alternatives.map { t("alternative.\($0.rawValue)") }.joined(
      separator: listSeparator)
    return BodyLine(text: t("cancel.instead", ["list": list]), role: .dim)
  }

  /// The refund breakdown (R9): items, their VAT, shipping when a shipment ends fully
  /// cancelled, the total, and where it goes.
  func refundLines(_ r: Refund) -> [BodyLine] {
    // R9: an unpaid cash-on-delivery order refunds nothing; say what is no longer collected.
    guard r.refundsMoney else {
      return [
        BodyLine(text: t("refund.titleUnpaid"), role: .header),
        BodyLine(text: t("refund.notPaid"), indent: 2),
        BodyLine(
          text: t("refund.notCollected", ["amount": money(r.uncollected)]), role: .accent,
          indent: 2),
      ]
    }
    var lines = [
      BodyLine(text: t("refund.title"), role: .header),
      BodyLine(text: t("refund.items", ["amount": money(r.items)]), indent: 2),
      BodyLine(text: t("refund.vat", ["amount": money(r.itemsVAT)]), role: .dim, indent: 4),
    ]
    if r.shipping.minor > 0 {
      lines.append(BodyLine(text: t("refund.shipping", ["amount": money(r.shipping)]), indent: 2))
    }
    lines.append(
      BodyLine(
        text: t("refund.total", ["amount": money(r.total)]), role: .accent,
        indent: 2))
    let to =
      r.route == .giftCardBalance
      ? t("refund.route.gift-card-balance") : payment(r.paymentMethod)
    lines.append(BodyLine(text: t("refund.to", ["payment": to]), indent: 2))
    return lines
  }

  /// Why a cancel was refused, per item, and what to do instead (R4, R7).
  func refusalLines(_ error: CancelError, order: Order?) -> [BodyLine] {
    var lines = [BodyLine(text: t("refused.title"), role: .error)]
    switch error {
    case .emptySelection:
      lines.append(BodyLine(text: t("refused.empty"), indent: 2))
    case .unknownItem, .unknownShipment:
      lines.append(BodyLine(text: t("refused.unknown"), indent: 2))
    case .refused(let list):
      lines.append(BodyLine(text: t("refused.allOrNothing"), role: .dim, indent: 2))
      for e in list {
        let title = order?.item(e.itemID).map { itemTitle($0) } ?? Bidi.isolate("#\(e.itemID)")
        lines.append(BodyLine(text: "• " + title, indent: 2))
        var reason = eligibilityLine(e)
        reason.indent = 4
        lines.append(reason)
        if var alt = alternativesLine(e) {
          alt.indent = 4
          lines.append(alt)
        }
      }
    }
    return lines
  }
}
