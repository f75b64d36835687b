// MARK: - Arabic keyboard layout

/// Maps characters typed with the standard Arabic (101) layout back to the physical Latin key,
/// so that single-key commands (`q`, `j`, `/` …) work while the keyboard is switched to Arabic.
///
/// Covers the Windows "Arabic (101)" layout and the X11/Wayland `ara` layout (which sends the
/// lam-alef keys as presentation-form ligatures U+FEFB/FEF5/FEF7/FEF9 instead of two letters).
public enum ArabicKeyboard {
  /// Unshifted keys.
  static let base: [Unicode.Scalar: Character] = [
    "ذ": "`",
    "ض": "q", "ص": "w", "ث": "e", "ق": "r", "ف": "t", "غ": "y", "ع": "u", "ه": "i", "خ": "o",
    "ح": "p", "ج": "[", "د": "]",
    "ش": "a", "س": "s", "ي": "d", "ب": "f", "ل": "g", "ا": "h", "ت": "j", "ن": "k", "م": "l",
    "ك": ";", "ط": "'",
    "ئ": "z", "ء": "x", "ؤ": "c", "ر": "v", "\u{FEFB}": "b", "ى": "n", "ة": "m", "و": ",",
    "ز": ".", "ظ": "/",
  ]

  /// Shifted keys (only the characters that differ from the Latin layout's own).
  static let shifted: [Unicode.Scalar: Character] = [
    "\u{0651}": "~",  // shadda
    "\u{064E}": "Q", "\u{064B}": "W", "\u{064F}": "E", "\u{064C}": "R",  // fatha, fathatan, …
    "\u{FEF9}": "T", "إ": "Y", "\u{2018}": "U", "÷": "I", "×": "O", "؛": "P",
    "\u{0650}": "A", "\u{064D}": "S", "\u{FEF7}": "G", "أ": "H", "ـ": "J", "،": "K",
    "\u{0652}": "X",  // sukun
    "\u{FEF5}": "B", "آ": "N", "\u{2019}": "M", "؟": "?",
  ]

  /// Lam-alef pairs sent as two letters by the Windows layout, with their keys.
  static let lamAlef: [(Unicode.Scalar, Character)] = [
    ("ا", "b"), ("آ", "B"), ("أ", "G"), ("إ", "T"),
  ]

  /// The Latin key that produces `c` on the Arabic (101) layout, or nil when `c` is not an
  /// Arabic-layout character. Arabic-Indic and Persian digits map to 0–9.
  public static func latinKey(for c: Character) -> Character? {
    let scalars = c.unicodeScalars
    guard let first = scalars.first else { return nil }
    if scalars.count == 1 {
      switch first.value {
      case 0x0660...0x0669: return Character(Unicode.Scalar(first.value - 0x0660 + 0x30)!)
      case 0x06F0...0x06F9: return Character(Unicode.Scalar(first.value - 0x06F0 + 0x30)!)
      default: return base[first] ?? shifted[first]
      }
    }
    // A letter with a mark typed after it arrives as one Character: the mark was the key.
    if scalars.count == 2, let last = scalars.last, let key = shifted[last],
      base[first] != nil || first == " "
    {
      return key
    }
    return nil
  }

  /// Maps every Arabic-layout character of `typed` to its Latin key, the two-letter lam-alef
  /// sequences (Windows) included; other characters pass through unchanged.
  public static func latinKeys(for typed: String) -> String {
    var out = ""
    let scalars = Array(typed.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let u = scalars[i]
      if u == "ل", i + 1 < scalars.count,
        let pair = lamAlef.first(where: { $0.0 == scalars[i + 1] })
      {
        out.append(pair.1)
        i += 2
        continue
      }
      out.append(latinKey(for: Character(u)) ?? Character(u))
      i += 1
    }
    return out
  }
}
