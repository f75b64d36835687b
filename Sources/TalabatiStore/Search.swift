import Foundation
import TalabatiDomain

/// What goes into the search index and how a typed query becomes an FTS5 expression.
///
/// Both sides go through the same `fold`, so أ/ا, ة/ه, harakat and digit forms match however
/// they were typed. Order numbers are indexed as their digit groups (`402`, `1234567`, …) so a
/// fragment typed from any group matches; every query token is a prefix query (`"سماع"*`).
enum SearchText {
  /// The single folding function used for indexing and querying.
  ///
  /// Placeholder until `TalabatiText.SearchFolding.fold(_:)` lands: switch this body to
  /// `SearchFolding.fold(text)` then (and rebuild the index if the folding differs).
  static func fold(_ text: String) -> String {
    placeholderFold(text)
  }

  /// Folded text indexed for `order`: every item title, then the order number.
  static func indexBody(titles: [String], orderID: OrderID) -> String {
    fold(titles.joined(separator: " ") + " " + orderID)
  }

  /// The FTS5 MATCH expression for `query`: every folded word as a quoted prefix query,
  /// all required. Nil when the query has no word characters.
  static func matchExpression(_ query: String) -> String? {
    let folded = fold(String(query.prefix(256)))
    var tokens: [String] = []
    var current = ""
    for ch in folded {
      if ch.isLetter || ch.isNumber {
        current.append(ch)
      } else if !current.isEmpty {
        tokens.append(current)
        current = ""
      }
    }
    if !current.isEmpty { tokens.append(current) }
    guard !tokens.isEmpty else { return nil }
    return tokens.prefix(8).map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }
      .joined(separator: " ")
  }

  /// Lower-cases, NFKC-normalises (presentation forms → letters), removes harakat, Quranic
  /// marks and tatweel, unifies alef forms (أ إ آ ٱ → ا), ة → ه, ى → ي, ؤ → و, ئ → ي, and
  /// Arabic-Indic digits → ASCII digits.
  private static func placeholderFold(_ text: String) -> String {
    let normalized = text.precomposedStringWithCompatibilityMapping.lowercased()
    var out = String.UnicodeScalarView()
    for s in normalized.unicodeScalars {
      switch s.value {
      case 0x064B...0x065F, 0x0670, 0x0640, 0x0610...0x061A, 0x06D6...0x06ED: continue
      case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")
      case 0x0629: out.append("\u{0647}")
      case 0x0649, 0x0626: out.append("\u{064A}")
      case 0x0624: out.append("\u{0648}")
      case 0x0660...0x0669: out.append(Unicode.Scalar(s.value - 0x0660 + 0x30)!)
      case 0x06F0...0x06F9: out.append(Unicode.Scalar(s.value - 0x06F0 + 0x30)!)
      default: out.append(s)
      }
    }
    return String(out)
  }
}
