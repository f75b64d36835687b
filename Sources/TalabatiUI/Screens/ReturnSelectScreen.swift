import Foundation
import TalabatiDomain
import TalabatiText

/// Return or replace items (R11): a checkbox per item of the order; items that may not go back
/// (not delivered, outside their window, not returnable, R16) are disabled with the reason, and
/// returnable ones show the last day of their window.
enum ReturnSelectScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("returns.select.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard let flow = model.returns.flow, rows.count >= 2 else { return }
    guard flow.info != nil, model.order != nil else {
      c.text(c.t("detail.loading", ["order": c.id(flow.orderID)]), row: rows.lowerBound, role: .dim)
      return
    }
    c.text(c.t("returns.select.instructions"), row: rows.lowerBound, start: 1, role: .dim)
    let body = (rows.lowerBound + 1)..<(rows.upperBound - 1)
    // Two lines per item: the checkbox line and its window (or why it cannot go back).
    var lines: [(BodyLine, selected: Bool)] = []
    let l = c.labels
    for (n, item) in model.returnItems.enumerated() {
      guard let e = model.returnEligibility(of: item.id) else { continue }
      let mark = e.returnable ? (flow.checked.contains(item.id) ? "x" : " ") : "-"
      let text =
        CancelSelectScreen.box(mark) + " " + l.itemTitle(item) + " — " + l.money(item.lineTotal)
      lines.append(
        (
          BodyLine(text: text, role: e.returnable ? .checkbox : .disabled, indent: 1),
          n == flow.cursor
        ))
      var why = l.returnLine(e)
      why.indent = 6
      lines.append((why, false))
    }
    let cursorLine = lines.firstIndex { $0.selected } ?? 0
    let first = max(0, min(cursorLine - body.count / 2, lines.count - body.count))
    for (i, row) in body.enumerated() {
      let n = first + i
      guard n < lines.count else { break }
      let (line, selected) = lines[n]
      c.text(line.text, row: row, start: line.indent, role: selected ? .selection : line.role)
      if selected { c.paint(row: row, role: .selection) }
    }
    let count = flow.checked.count
    c.text(
      c.t("returns.select.count", ["count": l.number(count)]), row: rows.upperBound - 1, start: 1,
      role: count > 0 ? .accent : .dim)
  }
}
