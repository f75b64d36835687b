import Foundation
import TalabatiDomain
import TalabatiText

/// Order details (عرض تفاصيل الطلب): the shipments with their items, who sells and ships
/// each, its price and status, expected delivery (R24), and whether it can be cancelled now —
/// with the live countdown of a seller's window (R3) or the reason and the alternatives (R7).
enum OrderDetailScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("detail.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    drawBody(DetailScreen.lines(model), &c, rows: rows, scroll: model.detail?.scroll ?? 0)
  }
}

/// The lines of the details, shared by the view and by `update` (to bound scrolling).
enum DetailScreen {
  static func lines(_ model: AppModel) -> [BodyLine] {
    let l = Labels(lang: model.lang, timeZone: model.timeZone)
    guard let detail = model.detail else { return [] }
    guard let order = detail.order else {
      return [BodyLine(text: l.t("detail.loading", ["order": l.id(detail.orderID)]), role: .dim)]
    }
    var lines: [BodyLine] = []
    var head = l.t("detail.order", ["order": l.id(order.id)])
    if order.isArchived { head += " · " + l.t("detail.archivedTag") }
    lines.append(BodyLine(text: head, role: .header))
    lines.append(BodyLine(text: l.t("detail.placed", ["date": l.date(order.placedAt)]), indent: 2))
    if let source = order.replacementOf {
      // Issue 13: what this order is and where it came from; it is never cancelled.
      lines.append(
        BodyLine(
          text: l.t(
            "detail.replacementOf", ["rma": l.id(source.rma), "order": l.id(source.orderID)]),
          role: .accent, indent: 2))
      lines.append(
        BodyLine(
          text: l.t("detail.replacementTotal", ["amount": l.money(order.total)]), indent: 2))
    } else {
      lines.append(
        BodyLine(text: l.t("detail.total", ["amount": l.money(order.total)]), indent: 2))
    }
    lines.append(
      BodyLine(
        text: l.t("detail.payment", ["payment": l.payment(order.paymentMethod)]),
        indent: 2))
    for r in detail.refunds {
      lines.append(
        BodyLine(
          text: l.t(
            "detail.importedRefund",
            ["amount": l.money(r.amount), "date": l.date(r.refundedAt, style: .date)]),
          indent: 2))
    }
    // Returns of this order's items (R14), shown under each item while the details are open.
    let returns = (model.returns.list ?? []).filter { $0.orderID == order.id }
    for (n, s) in order.shipments.enumerated() {
      lines.append(.blank)
      var header = l.t(
        "detail.shipment",
        [
          "n": l.number(n + 1), "count": l.number(order.shipments.count),
          "status": l.status(s.status(at: model.now)),
        ])
      if let expected = s.timeline.expectedDeliveryAt, s.status(at: model.now) != .delivered,
        s.status(at: model.now) != .cancelled
      {
        header += " · " + l.t("detail.expected", ["date": l.date(expected, style: .date)])
      }
      lines.append(BodyLine(text: header, role: .header))
      // What tracking shows, the details show too (R24; issue 13): a delay.
      if Tracking.view(of: s, at: model.now).delayed {
        lines.append(BodyLine(text: l.t("track.delayed"), role: .warning, indent: 2))
      }
      if !s.trackingNumber.isEmpty {
        lines.append(
          BodyLine(
            text: l.t(
              "detail.tracking",
              [
                "carrier": l.untrusted(s.carrier), "number": l.id(s.trackingNumber),
              ]), role: .dim, indent: 2))
      }
      for item in s.items {
        lines.append(
          BodyLine(
            text: "• " + l.itemTitle(item) + " — " + l.money(item.lineTotal), indent: 2))
        lines.append(
          BodyLine(
            text: l.soldBy(item) + " · " + l.status(item.status(in: s, at: model.now)),
            role: .dim, indent: 4))
        if let r = returns.first(where: { $0.lines.contains { $0.itemID == item.id } }) {
          // A return in progress (R14, R15): its stage, and the refund or the replacement.
          lines.append(
            BodyLine(
              text: l.t(
                "detail.return",
                [
                  "rma": l.id(r.rma),
                  "stage": l.words.returnStage(r.stage(at: model.now)),
                ]), role: .accent, indent: 4))
          if let rid = r.replacementOrderID {
            lines.append(
              BodyLine(
                text: l.t("returns.result.replacementOrder", ["order": l.id(rid)]), indent: 4))
          } else {
            lines.append(BodyLine(text: l.refundLine(r, now: model.now), indent: 4))
          }
          continue
        }
        let e = CancelPolicy.eligibility(of: item, in: s, of: order, at: model.now)
        if e.refusal == .alreadyCancelled { continue }
        var line = l.eligibilityLine(e)
        line.indent = 4
        lines.append(line)
        if var alt = l.alternativesLine(e) {
          alt.indent = 4
          lines.append(alt)
        }
      }
    }
    return lines
  }
}
