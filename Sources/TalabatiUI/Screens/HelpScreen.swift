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
    // What a key does wraps under itself instead of being cut (issue 13 review: at 40
    // columns `Cancel checked items in…`, `Go to the last loaded r…`): one entry's rows.
    let textWidth = max(1, c.width - keyWidth - 3)
    var lines: [(keys: String?, text: String)] = []
    var firstRow: [Int] = []
    for e in entries {
      firstRow.append(lines.count)
      let pieces = WrapCache.wrap(c.t(e.help), columns: textWidth, mode: c.mode)
      for (k, piece) in pieces.enumerated() {
        lines.append((k == 0 ? Bidi.isolate(e.keys.joined(separator: " ")) : nil, piece))
      }
    }
    // The scroll counts entries; the first row shown is an entry's first row.
    let wanted = firstRow.isEmpty ? 0 : firstRow[min(model.helpScroll, firstRow.count - 1)]
    let clamped = max(0, min(wanted, lines.count - rows.count))
    let first = firstRow.first { $0 >= clamped } ?? clamped  // never start mid-entry
    for (i, row) in rows.enumerated() {
      let n = first + i
      guard n < lines.count else { break }
      if let keys = lines[n].keys {
        c.text(keys, row: row, start: 2, width: keyWidth, role: .key)
      }
      c.text(lines[n].text, row: row, start: keyWidth + 3, role: .normal)
    }
  }
}
