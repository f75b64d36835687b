import Foundation
import TalabatiDomain
import TalabatiText

/// Support (R19–R21): the number, the hours, whether the line is open now in Riyadh time and
/// in the shopper's time zone (the account's), what to have ready, and the call-backs.
enum SupportScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("support.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    var all = lines(model, c.labels)
    let state = model.support ?? SupportState()
    let listStart = all.count
    if state.callbacks.isEmpty {
      all.append(BodyLine(text: c.t("support.callbacks.empty"), role: .dim, indent: 2))
    }
    for (i, cb) in state.callbacks.enumerated() {
      all.append(
        BodyLine(
          text: c.t(
            "support.callback.row",
            [
              "id": Bidi.isolate("#\(cb.id)"),
              "time": Format.date(
                cb.at, lang: c.lang, timeZone: model.timeZone, style: .numericDateTime),
              "phone": c.id(cb.phone),
              "state": c.t("support.callback.state.\(cb.state(at: model.now).rawValue)"),
            ]), role: i == state.cursor ? .selection : .normal, indent: 2))
    }
    // Keep the highlighted call-back on screen (lines wrap: `keep` finds its rows).
    drawBody(all, &c, rows: rows, scroll: 0, keep: listStart + state.cursor)
  }

  /// Everything above the call-back rows.
  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    let riyadh = SupportPolicy.lineTimeZone
    let status = SupportPolicy.lineStatus(at: model.now)
    let time = { (d: Date, zone: String) in
      Format.date(d, lang: l.lang, timeZone: zone, style: .time)
    }
    var lines = [
      BodyLine(
        text: l.t("support.phone", ["phone": l.id(SupportPolicy.phoneNumber)]), role: .accent),
      BodyLine(
        text: l.t("support.hours", ["opens": l.id("08:00"), "closes": l.id("24:00")])),
      BodyLine(
        text: l.t(
          status.isOpen ? "support.open" : "support.closed",
          // Open: it closes at midnight, said as 24:00 like the stated hours (R19).
          ["time": status.isOpen ? l.id("24:00") : time(status.nextChange, riyadh)]),
        role: status.isOpen ? .success : .warning),
      BodyLine(text: l.t("support.nowRiyadh", ["time": time(model.now, riyadh)]), indent: 2),
      BodyLine(
        text: l.t(
          "support.nowLocal",
          ["zone": l.id(model.timeZone), "time": time(model.now, model.timeZone)]), indent: 2),
      BodyLine(text: l.t("support.ready"), role: .accent),
    ]
    if let order = model.support?.orderID {
      lines.append(
        BodyLine(text: l.t("support.readyOrder", ["order": l.id(order)]), indent: 2))
    }
    lines.append(
      BodyLine(
        text: l.t(
          "support.readyAccount",
          ["name": l.untrusted(model.accountName), "email": l.id(model.email)]), indent: 2))
    lines.append(BodyLine(text: l.t("support.callbacks"), role: .accent))
    return lines
  }
}
