import Foundation
import TalabatiDomain
import TalabatiText

/// Cancel checked items (R5, R8): a checkbox per item, a header per shipment (Space on it
/// ticks the whole shipment, R4); items that may not be cancelled are disabled with their
/// reason.
enum CancelSelectScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("cancel.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard let order = model.order, rows.count >= 2 else { return }
    c.text(c.t("cancel.instructions"), row: rows.lowerBound, start: 1, role: .dim)
    let body = (rows.lowerBound + 1)..<(rows.upperBound - 1)
    let all = model.cancelRows
    let first = max(0, min(model.cancel.cursor - body.count / 2, all.count - body.count))
    for (i, row) in body.enumerated() {
      let n = first + i
      guard n < all.count else { break }
      let line = self.line(all[n], order: order, model: model, c.labels)
      let role = n == model.cancel.cursor ? StyleRole.selection : line.role
      c.text(line.text, row: row, start: line.indent, role: role)
      if n == model.cancel.cursor { c.paint(row: row, role: .selection) }
    }
    let count = model.cancel.checked.count
    c.text(
      c.t("cancel.selected", ["count": c.labels.number(count)]),
      row: rows.upperBound - 1, start: 1, role: count > 0 ? .accent : .dim)
  }

  private static func line(_ row: CancelRow, order: Order, model: AppModel, _ l: Labels)
    -> BodyLine
  {
    switch row {
    case .shipment(let sid):
      guard let (n, s) = order.shipments.enumerated().first(where: { $0.element.id == sid })
      else { return .blank }
      let live = s.items.filter { !$0.isCancelled }.map(\.id)
      let mark = !live.isEmpty && Set(live).isSubset(of: model.cancel.checked) ? "x" : " "
      let text = l.t(
        "cancel.shipment",
        [
          "n": l.number(n + 1), "count": l.number(s.items.count),
          "status": l.status(s.status(at: model.now)),
        ])
      return BodyLine(text: box(mark) + " " + text, role: .header, indent: 1)
    case .item(let id):
      guard let item = order.item(id), let e = model.eligibility(of: id) else { return .blank }
      let base = l.itemTitle(item) + " — " + l.money(item.lineTotal)
      if let refusal = e.refusal {
        return BodyLine(
          text: box("-") + " " + base + " — " + l.t("refusal.\(refusal.rawValue)"),
          role: .disabled, indent: 4)
      }
      let mark = model.cancel.checked.contains(id) ? "x" : " "
      var text = box(mark) + " " + base
      if let left = e.sellerWindowRemaining {
        text += " — " + l.t("cancel.window", ["time": l.countdown(left)])
      }
      return BodyLine(text: text, role: .checkbox, indent: 4)
    }
  }

  /// A checkbox, isolated so its brackets do not mirror or move.
  static func box(_ mark: String) -> String { Bidi.isolate("[" + mark + "]") }
}
