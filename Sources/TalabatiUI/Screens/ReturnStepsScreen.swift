import Foundation
import TalabatiDomain
import TalabatiText

/// Why is it going back? The reasons of R11, picked with the arrows and Enter or a digit.
enum ReturnReasonScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.reason.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    let labels = ReturnReason.allCases.map(c.labels.words.returnReason)
    drawChoices(labels, cursor: model.returns.flow?.reasonCursor ?? 0, &c, rows: rows)
  }
}

/// Refund to the original payment method (R15) or the same item again.
enum ReturnResolutionScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.resolution.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    let value: Money
    if case .success(let r)? = preview(model) {
      value = r.itemsValue
    } else {
      value = .zero(model.order?.currency ?? "SAR")
    }
    let payment =
      model.order.map {
        c.labels.refundDestination(
          RefundRoute.forReturn(paidWith: $0.paymentMethod.kind), $0.paymentMethod)
      } ?? ""
    let labels = [
      c.t("returns.resolution.refund", ["amount": c.money(value), "payment": payment]),
      c.t("returns.resolution.replacement"),
    ]
    drawChoices(labels, cursor: model.returns.flow?.resolutionCursor ?? 0, &c, rows: rows)
  }

  /// The request as it would be made with a refund (the amount shown before choosing).
  static func preview(_ model: AppModel) -> Result<ReturnRecord, ReturnError>? {
    var m = model
    guard var flow = m.returns.flow else { return nil }
    flow.reason = flow.reason ?? .other
    flow.resolution = .refund
    m.returns.flow = flow
    return m.returnPreview
  }
}

/// What will be requested, before it is (R11): items, reason, resolution and amount.
enum ReturnConfirmScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.confirm.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    drawBody(lines(model, c.labels), &c, rows: rows, scroll: 0)
  }

  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    guard let flow = model.returns.flow, let preview = model.returnPreview else { return [] }
    switch preview {
    case .failure(let error):
      return ReturnResultScreen.refusalLines(error, model: model, l)
    case .success(let r):
      var lines = [
        BodyLine(text: l.t("returns.confirm.prompt"), role: .accent),
        BodyLine(text: l.t("detail.order", ["order": l.id(r.orderID)]), role: .header),
      ]
      for line in r.lines {
        let title =
          model.order?.item(line.itemID).map { l.itemTitle($0) } ?? l.untrusted(line.title)
        lines.append(BodyLine(text: "• " + title + " — " + l.money(line.amount), indent: 2))
      }
      if let reason = flow.reason {
        lines.append(
          BodyLine(
            text: l.t("returns.confirm.reason", ["reason": l.words.returnReason(reason)]),
            indent: 2))
      }
      let what =
        r.resolution == .refund
        ? l.t(
          "returns.resolution.refund",
          [
            "amount": l.money(r.refundAmount),
            "payment": l.refundDestination(r.refundRoute, r.paymentMethod),
          ])
        : l.t("returns.resolution.replacement")
      lines.append(
        BodyLine(text: l.t("returns.confirm.resolution", ["resolution": what]), indent: 2))
      return lines
    }
  }
}

/// A numbered list of choices with a highlighted cursor (digits pick directly). A choice
/// that does not fit wraps under its text (issue 13: it states an amount and where it goes).
func drawChoices(_ labels: [String], cursor: Int, _ c: inout Canvas, rows: Range<Int>) {
  let lines = labels.enumerated().map {
    BodyLine(text: c.labels.listMarker($0.offset + 1) + $0.element, indent: 2, hang: 3)
  }
  let wrapped = wrapBody(lines, width: c.width, mode: c.mode)
  guard !labels.isEmpty else { return }
  let cursor = min(max(0, cursor), labels.count - 1)
  let top = wrapped.firstRow[cursor]
  let end = cursor + 1 < labels.count ? wrapped.firstRow[cursor + 1] : wrapped.rows.count
  let first = max(0, min(top, end - rows.count))
  for (i, row) in rows.enumerated() {
    let n = first + i
    guard n < wrapped.rows.count else { break }
    let selected = (top..<end).contains(n)
    let line = wrapped.rows[n]
    c.text(line.text, row: row, start: line.indent, role: selected ? .selection : .normal)
    if selected { c.paint(row: row, role: .selection) }
  }
}
