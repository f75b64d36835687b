import Foundation
import TalabatiDomain
import TalabatiText

/// Return status (حالة الإرجاع, R14): every return with its stages and their times, the refund
/// and where it goes (R15), the policy (R16); Enter shows the highlighted return's label (R13).
enum ReturnStatusScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.status.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    let (lines, cursorLine) = self.lines(model, c.labels)
    // Keep the highlighted return's first line in view.
    drawBody(lines, &c, rows: rows, scroll: 0, keep: cursorLine)
  }

  /// The lines, and the index of the highlighted return's first line.
  static func lines(_ model: AppModel, _ l: Labels) -> ([BodyLine], Int) {
    guard let list = model.returns.list else {
      return ([BodyLine(text: l.t("ui.working"), role: .dim)], 0)
    }
    var lines: [BodyLine] = []
    var cursorLine = 0
    if list.isEmpty { lines.append(BodyLine(text: l.t("returns.status.empty"), role: .dim)) }
    for (n, r) in list.enumerated() {
      let selected = n == model.returns.listCursor
      if selected { cursorLine = lines.count }
      let stage = r.stage(at: model.now)
      let amount = r.resolution == .refund ? r.refundAmount : r.itemsValue
      lines.append(
        BodyLine(
          text: l.t(
            "returns.status.row",
            [
              "rma": l.id(r.rma), "order": l.id(r.orderID),
              "stage": l.words.returnStage(stage),
            ]) + " · " + l.money(amount), role: selected ? .selection : .header))
      for line in r.lines {
        lines.append(BodyLine(text: "• " + l.untrusted(line.title), role: .dim, indent: 2))
      }
      if r.resolution == .refund {
        lines.append(BodyLine(text: l.refundLine(r, now: model.now), indent: 2))
      } else if let rid = r.replacementOrderID {
        lines.append(
          BodyLine(text: l.t("returns.result.replacementOrder", ["order": l.id(rid)]), indent: 2))
      }
      lines += l.returnStageLines(r, now: model.now)
      if r.isDropOffOverdue(at: model.now) {
        lines.append(
          BodyLine(
            text: l.t(
              "returns.status.overdue", ["date": l.date(r.timeline.dropOffBy, style: .date)]),
            role: .warning, indent: 2))
      }
      if selected, let label = model.returns.label, label.record.rma == r.rma {
        lines += l.labelLines(label).map {
          var line = $0
          line.indent += 2
          return line
        }
      }
      lines.append(.blank)
    }
    return (lines, cursorLine)
  }
}

extension Labels {
  /// Where the refund of return `r` is at `now`, in the tense of its stage (R14, R15): it
  /// goes back once the package arrives and is inspected (initiated, dropped off), it goes
  /// back once the inspection ends (received), it went back on a date (refund issued).
  func refundLine(_ r: ReturnRecord, now: Date) -> String { words.returnRefund(r, now: now) }
}
