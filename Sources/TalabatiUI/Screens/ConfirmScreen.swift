import Foundation
import TalabatiDomain
import TalabatiText

/// The confirmation before cancelling: exactly what will be cancelled and the refund it
/// brings (R9), computed by the domain policy on the loaded order at `now`.
enum ConfirmScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("confirm.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    // Too short for everything: the breakdown gives way, and the end (the refund's total,
    // where it goes, Enter) stays in view.
    let all = fitting(lines(model, c.labels), rows: rows.count, c)
    let tall = wrapBody(all, width: c.width, mode: c.mode).rows.count > rows.count
    drawBody(all, &c, rows: rows, scroll: 0, keep: tall ? all.count - 1 : nil)
  }

  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    guard let preview = model.cancelPreview else { return [] }
    switch preview {
    case .failure(let error):
      return l.refusalLines(error, order: model.order)
    case .success(let outcome):
      var lines = [
        BodyLine(
          text: l.t("confirm.intro", ["order": l.id(outcome.order.id)]), role: .header)
      ]
      for item in outcome.cancelledItems {
        lines.append(
          BodyLine(
            text: "• " + l.itemTitle(item) + " — " + l.money(item.lineTotal),
            indent: 2))
      }
      if let reason = model.cancel.reason {
        lines.append(
          BodyLine(
            text: l.t("confirm.reason", ["reason": l.words.reason(reason)]),
            indent: 2))
      }
      lines.append(.blank)
      lines += l.refundLines(outcome.refund)
      lines.append(.blank)
      lines.append(BodyLine(text: l.t("confirm.action"), role: .warning))
      return lines
    }
  }
}

/// Archive this order? (R17) It leaves Your Orders and stays in the Archive (R18).
enum ConfirmArchiveScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("archive.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard let order = model.order else { return }
    let lines = [
      BodyLine(text: c.t("archive.question", ["order": c.id(order.id)]), role: .header),
      .blank,
      BodyLine(text: c.t("archive.explain"), indent: 2),
      .blank,
      BodyLine(text: c.t("archive.action"), role: .warning),
    ]
    drawBody(lines, &c, rows: rows, scroll: 0)
  }
}
