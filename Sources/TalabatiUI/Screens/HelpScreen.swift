import Foundation
import TalabatiDomain
import TalabatiText

/// The keys of the screen the help was opened from, generated from the keymap the decoder
/// uses (tig-style): every key with its help text.
enum HelpScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String {
    c.t("helpScreen.title", ["screen": renderer(for: model.helpFor).title(model, c)])
  }

  /// (keys, help key) per distinct help text, in keymap order: the keys that act on the screen
  /// below the help in its state (issue 13, item 12).
  static func entries(_ model: AppModel) -> [(keys: [String], help: String)] {
    var below = model
    if below.route == .help { below.stack.removeLast() }
    var out: [(keys: [String], help: String)] = []
    for (b, help) in Keymap.helpBindings(in: below) {
      if let i = out.firstIndex(where: { $0.help == help }) {
        out[i].keys.append(b.keyLabel)
      } else {
        out.append((keys: [b.keyLabel], help: help))
      }
    }
    return out
  }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    let entries = entries(model)
    let keyWidth = min(24, c.width / 3)
    let first = max(0, min(model.helpScroll, entries.count - rows.count))
    for (i, row) in rows.enumerated() {
      let n = first + i
      guard n < entries.count else { break }
      let e = entries[n]
      c.text(
        Bidi.isolate(e.keys.joined(separator: " ")), row: row, start: 2, width: keyWidth,
        role: .key)
      c.text(c.t(e.help), row: row, start: keyWidth + 3, role: .normal)
    }
  }
}
