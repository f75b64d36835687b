import Foundation
import TalabatiDomain
import TalabatiText

/// The outcome of a cancel: what was cancelled, the refund, and the confirmation e-mail
/// (R6, R8, R9); or why nothing was cancelled and what to do instead (R4, R7).
enum ResultScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("result.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    // Too short for everything: the refund's breakdown gives way to its total.
    drawBody(fitting(lines(model, c.labels), rows: rows.count, c), &c, rows: rows, scroll: 0)
  }

  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    switch model.result {
    case nil:
      return []
    case .refused(let error)?:
      return l.refusalLines(error, order: model.order)
    case .cancelled(let outcome)?:
      var lines = [
        BodyLine(
          text: l.t(
            "result.done",
            [
              "items": l.itemsObject(outcome.cancelledItems.count), "order": l.id(outcome.order.id),
            ]), role: .success)
      ]
      // R6: the confirmation e-mail first, so it shows even on a small screen.
      let mail = model.email.isEmpty ? l.t("result.mailAccount") : l.id(model.email)
      // An unpaid cash-on-delivery cancel refunds nothing: the e-mail promises no refund.
      let mailKey = outcome.refund.refundsMoney ? "result.mail" : "result.mailUnpaid"
      lines.append(BodyLine(text: l.t(mailKey, ["email": mail]), role: .accent))
      // On a short screen the items give way to the refund (the first line counts them,
      // the e-mail lists them).
      for item in outcome.cancelledItems {
        lines.append(
          BodyLine(
            text: "• " + l.itemTitle(item) + " — " + l.money(item.lineTotal),
            indent: 2, optional: true))
      }
      lines.append(.blank)
      lines += l.refundLines(outcome.refund)
      return lines
    }
  }
}
