import Foundation
import TalabatiDomain
import TalabatiText

/// Why are you cancelling? The reasons of R5, picked with the arrows and Enter or a digit.
enum ReasonPickerScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("reasonPicker.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard rows.count >= 2 else { return }
    c.text(c.t("reasonPicker.prompt"), row: rows.lowerBound, start: 1, role: .dim)
    let body = (rows.lowerBound + 1)..<rows.upperBound
    let reasons = CancelReason.allCases
    let first = max(0, min(model.cancel.reasonCursor - body.count + 1, reasons.count))
    for (i, row) in body.enumerated() {
      let n = first + i
      guard n < reasons.count else { break }
      let selected = n == model.cancel.reasonCursor
      let text = c.labels.listMarker(n + 1) + c.labels.words.reason(reasons[n])
      c.text(text, row: row, start: 2, role: selected ? .selection : .normal)
      if selected { c.paint(row: row, role: .selection) }
    }
  }
}
