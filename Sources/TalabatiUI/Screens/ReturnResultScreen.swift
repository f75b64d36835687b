import Foundation
import TalabatiDomain
import TalabatiText

/// The outcome of a return request: the RMA, the refund to the original payment method (R15)
/// or the replacement order, the confirmation e-mail, the packing instructions (R12) and the
/// label with its QR code (R13); or why nothing was requested (R16).
enum ReturnResultScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.result.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    drawBody(lines(model, c.labels), &c, rows: rows, scroll: model.returns.flow?.scroll ?? 0)
  }

  static func lines(_ model: AppModel, _ l: Labels) -> [BodyLine] {
    guard let flow = model.returns.flow else { return [] }
    if let error = flow.refusal { return refusalLines(error, model: model, l) }
    guard let receipt = flow.receipt else { return [] }
    let r = receipt.record
    var lines = [
      BodyLine(
        text: l.t("returns.result.done", ["rma": l.id(r.rma), "order": l.id(r.orderID)]),
        role: .success)
    ]
    let mail = model.email.isEmpty ? l.t("result.mailAccount") : l.id(model.email)
    lines.append(BodyLine(text: l.t("returns.result.mail", ["email": mail]), role: .accent))
    if let rid = r.replacementOrderID {
      lines.append(BodyLine(text: l.t("returns.result.replacementOrder", ["order": l.id(rid)])))
    } else {
      lines.append(BodyLine(text: l.refundLine(r, now: model.now)))
    }
    lines.append(
      BodyLine(
        text: l.t("returns.result.dropOff", ["date": l.date(r.timeline.dropOffBy, style: .date)]),
        role: .warning))
    lines.append(.blank)
    lines += l.packingLines()
    lines.append(.blank)
    lines += l.labelLines(receipt)
    return lines
  }

  /// Why nothing was returned, per item (R16).
  static func refusalLines(_ error: ReturnError, model: AppModel, _ l: Labels) -> [BodyLine] {
    var lines = [BodyLine(text: l.t("returns.refused.title"), role: .error)]
    switch error {
    case .emptySelection:
      lines.append(BodyLine(text: l.t("refused.empty"), indent: 2))
    case .unknownItem:
      lines.append(BodyLine(text: l.t("refused.unknown"), indent: 2))
    case .refused(let list):
      for e in list {
        let title = model.order?.item(e.itemID).map { l.itemTitle($0) } ?? l.number(Int(e.itemID))
        lines.append(BodyLine(text: "• " + title, indent: 2))
        var why = l.returnLine(e)
        why.indent = 4
        lines.append(why)
      }
    }
    return lines
  }
}
