import Foundation
import TalabatiDomain
import TalabatiText

/// Account settings (R27–R29): the account, the closure state, and the closure flow —
/// reason → a plain warning of what is lost → typed confirmation (the form screen).
enum AccountScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("account.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    let state = model.accountScreen ?? AccountScreenState()
    let all = lines(model, state, c.labels)
    // The highlighted reason stays in view (line 0 is the question).
    drawBody(
      all, &c, rows: rows, scroll: 0, keep: state.step == .reason ? state.reasonCursor + 1 : nil)
  }

  static func lines(_ model: AppModel, _ state: AccountScreenState, _ l: Labels) -> [BodyLine] {
    switch state.step {
    case .overview:
      var lines = [
        BodyLine(text: l.t("account.name", ["name": l.untrusted(model.accountName)])),
        BodyLine(text: l.t("account.email", ["email": l.id(model.email)])),
        BodyLine(text: l.t("account.timeZone", ["zone": l.id(model.timeZone)])),
        .blank,
      ]
      let closure = state.closure
      switch closure?.state(at: model.now) {
      case nil, .withdrawn?, .erased?:
        lines.append(BodyLine(text: l.t("closure.none"), role: .dim))
      case .pending?:
        // A moment in a sentence: date and time, as on every other screen.
        let date = l.date(closure?.effectiveAt ?? model.now, style: .dateTime)
        lines.append(BodyLine(text: l.t("closure.pending", ["date": date]), role: .warning))
      case .due?:
        lines.append(BodyLine(text: l.t("closure.due"), role: .warning))
      }
      return lines
    case .reason:
      var lines = [BodyLine(text: l.t("closure.whyTitle"), role: .accent)]
      for (i, r) in ClosureReason.allCases.enumerated() {
        lines.append(
          BodyLine(
            text: l.listMarker(i + 1) + l.t("closure.reason.\(r.rawValue)"),
            role: i == state.reasonCursor ? .selection : .normal, indent: 2))
      }
      return lines
    case .warning:
      // R28: plainly, before anything is confirmed.
      var lines = [BodyLine(text: l.t("closure.warning"), role: .warning)]
      for loss in ClosureLoss.allCases {
        lines.append(BodyLine(text: "• " + l.t("closure.loss.\(loss.rawValue)"), indent: 2))
      }
      lines.append(
        BodyLine(
          text: l.t(
            "closure.period",
            [
              // "14 يومًا", "1 day": the plural form of the string table (issue 13).
              "period": l.words.count(Int(ClosurePolicy.pendingPeriod / 86_400), "day")
            ]),
          role: .dim))
      return lines
    }
  }
}
