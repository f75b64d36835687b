import Foundation
import TalabatiDomain
import TalabatiText

/// Track package (تتبع الشحنة, R24): per shipment the carrier and tracking number, where it is
/// now, the expected delivery or "Delayed in transit", every stage passed with its time; then
/// the steps of R25 (missing information) or R26 (delivered, not received), ending with
/// support and the order number ready (R20: `s` opens the support screen).
enum TrackingScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("track.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    drawBody(lines(model, c.labels), &c, rows: rows, scroll: model.returns.trackingScroll)
  }

  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    guard let order = model.order else { return [] }
    let views = Tracking.view(of: order, at: model.now)
    var lines = [BodyLine(text: l.t("detail.order", ["order": l.id(order.id)]), role: .header)]
    for (n, v) in views.enumerated() {
      lines.append(.blank)
      lines.append(
        BodyLine(
          text: l.t(
            "track.shipment",
            [
              "n": l.number(n + 1), "count": l.number(views.count),
              "status": l.status(v.status),
            ]), role: .header))
      if v.trackingNumber.trimmingCharacters(in: .whitespaces).isEmpty {
        lines.append(BodyLine(text: l.t("track.noNumber"), role: .dim, indent: 2))
      } else {
        lines.append(
          BodyLine(
            text: l.t(
              "track.carrier",
              ["carrier": l.untrusted(v.carrier), "number": l.id(v.trackingNumber)]),
            indent: 2))
      }
      lines.append(
        BodyLine(
          text: l.t("track.now", ["location": l.words.location(v.location)]),
          role: .accent, indent: 2))
      if v.delayed { lines.append(BodyLine(text: l.t("track.delayed"), role: .warning, indent: 2)) }
      if let e = v.expectedDeliveryAt {
        // A day, not a moment: written like every expected delivery and deadline.
        lines.append(
          BodyLine(text: l.t("track.expected", ["date": l.date(e, style: .date)]), indent: 2))
      }
      if let d = v.deliveredAt {
        lines.append(BodyLine(text: l.t("track.deliveredAt", ["date": l.date(d)]), indent: 2))
      }
      for s in v.steps {
        if s.passed, let at = s.at {
          lines.append(
            BodyLine(
              text: l.t("track.stagePassed", ["stage": l.status(s.stage), "date": l.date(at)]),
              indent: 4))
        } else if s.passed {
          lines.append(
            BodyLine(text: l.t("track.stagePassedUndated", ["stage": l.status(s.stage)]), indent: 4)
          )
        } else {
          lines.append(
            BodyLine(
              text: l.t("track.stageAhead", ["stage": l.status(s.stage)]), role: .dim, indent: 4))
        }
      }
      for g in v.guidance {
        lines.append(BodyLine(text: l.t("guidance.\(g.rawValue).title"), role: .warning, indent: 2))
        for (k, step) in g.steps.enumerated() {
          let text = l.t(
            "guidance.\(g.rawValue).\(step)",
            ["phone": l.id(SupportPolicy.phoneNumber), "order": l.id(order.id)])
          lines.append(BodyLine(text: l.listMarker(k + 1) + text, indent: 4))
        }
      }
    }
    return lines
  }
}
