import Foundation
import TalabatiDomain
import TalabatiText

/// Restore this order? (R18) It goes back to Your Orders; asked as archiving is (R17).
enum ConfirmRestoreScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String { c.t("restore.title") }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard let id = model.restoring else { return }
    let lines = [
      BodyLine(text: c.t("restore.question", ["order": c.id(id)]), role: .header),
      .blank,
      BodyLine(text: c.t("restore.explain"), indent: 2),
      .blank,
      BodyLine(text: c.t("restore.action"), role: .warning),
    ]
    drawBody(lines, &c, rows: rows, scroll: 0)
  }
}
