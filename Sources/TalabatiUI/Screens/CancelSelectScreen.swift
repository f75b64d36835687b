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
    // The instructions and every entry wrap rather than lose their end (issue 13): an
    // item's amount and the reason it cannot be cancelled are shown whole.
    let intro = WrapCache.wrap(c.t("cancel.instructions"), columns: c.width - 1, mode: c.mode)
    let introRows = min(intro.count, max(1, rows.count - 4))
    for (k, text) in intro.prefix(introRows).enumerated() {
      c.text(text, row: rows.lowerBound + k, start: 1, role: .dim)
    }
    let body = (rows.lowerBound + introRows)..<(rows.upperBound - 1)
    let all = model.cancelRows
    let lines = all.map { self.line($0, order: order, model: model, c.labels) }
    let wrapped = wrapBody(lines, width: c.width, mode: c.mode)
    let cursor = min(max(0, model.cancel.cursor), max(0, all.count - 1))
    let top = wrapped.firstRow.isEmpty ? 0 : wrapped.firstRow[cursor]
    let end =
      cursor + 1 < wrapped.firstRow.count ? wrapped.firstRow[cursor + 1] : wrapped.rows.count
    var first = max(0, min(top - body.count / 2, wrapped.rows.count - body.count))
    if end > first + body.count { first = end - body.count }
    if top < first { first = top }
    for (i, row) in body.enumerated() {
      let n = first + i
      guard n < wrapped.rows.count else { break }
      let line = wrapped.rows[n]
      let selected = !all.isEmpty && (top..<end).contains(n)
      c.text(line.text, row: row, start: line.indent, role: selected ? .selection : line.role)
      if selected { c.paint(row: row, role: .selection) }
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
          "n": l.number(n + 1), "items": l.items(s.items.count),
          "status": l.status(s.status(at: model.now)),
        ])
      return BodyLine(text: box(mark) + " " + text, role: .header, indent: 1, hang: 4)
    case .item(let id):
      guard let item = order.item(id), let e = model.eligibility(of: id) else { return .blank }
      let base = l.itemTitle(item) + " — " + l.money(item.lineTotal)
      if let refusal = e.refusal {
        return BodyLine(
          text: box("-") + " " + base + " — " + l.words.refusal(refusal),
          role: .disabled, indent: 4, hang: 4)
      }
      let mark = model.cancel.checked.contains(id) ? "x" : " "
      var text = box(mark) + " " + base
      if let left = e.sellerWindowRemaining {
        text += " — " + l.t("cancel.window", ["time": l.countdown(left)])
      }
      return BodyLine(text: text, role: .checkbox, indent: 4, hang: 4)
    }
  }

  /// A checkbox, isolated so its brackets do not mirror or move.
  static func box(_ mark: String) -> String { Bidi.isolate("[" + mark + "]") }
}
