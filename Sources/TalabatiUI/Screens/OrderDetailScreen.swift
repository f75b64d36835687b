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
    lines.append(BodyLine(text: l.t("detail.total", ["amount": l.money(order.total)]), indent: 2))
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
