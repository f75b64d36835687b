import Foundation

// MARK: - Search normalisation

/// Folds text for search so that a shopper finds `أسود` by typing `اسود`, `مُحَمَّد` by `محمد`,
/// `Sony` by `sony` and `٤٠٢` by `402`. The store builds its search index with it.
public enum SearchFolding {
  /// Returns the search key of `s`:
  /// - compatibility-normalised (NFKC: presentation forms and lam-alef ligatures become letters,
  ///   full-width Latin becomes ASCII);
  /// - alef variants أ إ آ ٱ → ا, ta marbuta ة → ه, alef maqsura ى → ي, Persian ی ک → ي ك;
  /// - harakat (U+064B–065F, U+0670), Quranic marks (U+06D6–06ED) and tatweel ـ removed;
  /// - Latin case-folded; Arabic-Indic and Persian digits → 0–9 (٫ → `.`, ٬ → `,`);
  /// - controls and invisible format characters removed; runs of whitespace → one space,
  ///   trimmed at both ends.
  public static func fold(_ s: String) -> String {
    let normalised = s.precomposedStringWithCompatibilityMapping.lowercased()
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in normalised.unicodeScalars {
      let v = u.value
      var mapped: Unicode.Scalar? = u
      switch v {
      case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: mapped = "\u{0627}"
      case 0x0629: mapped = "\u{0647}"
      case 0x0649, 0x06CC: mapped = "\u{064A}"
      case 0x06A9: mapped = "\u{0643}"
      case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: mapped = nil
      case 0x0660...0x0669: mapped = Unicode.Scalar(v - 0x0660 + 0x30)
      case 0x06F0...0x06F9: mapped = Unicode.Scalar(v - 0x06F0 + 0x30)
      case 0x066B: mapped = "."
      case 0x066C: mapped = ","
      default:
        if u.properties.isWhitespace || v < 0x20 || (0x7F...0x9F).contains(v) {
          pendingSpace = !out.isEmpty
          mapped = nil
        } else if u.properties.generalCategory == .format {
          mapped = nil
        }
      }
      guard let m = mapped else { continue }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(m)
    }
    return String(out)
  }
}
