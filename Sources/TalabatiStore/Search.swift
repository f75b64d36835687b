import Foundation
import TalabatiDomain
import TalabatiText

/// What goes into the search index and how a typed query becomes an FTS5 expression.
///
/// Both sides go through the same `fold`, so أ/ا, ة/ه, harakat and digit forms match however
/// they were typed. Order numbers are indexed as their digit groups (`402`, `1234567`, …) so a
/// fragment typed from any group matches; every query token is a prefix query (`"سماع"*`).
enum SearchText {
  /// The single folding function used for indexing and querying: `SearchFolding.fold`.
  ///
  /// Changing the folding changes the index's tokens: a store indexed with another folding
  /// needs its `order_search` rebuilt (a new migration).
  static func fold(_ text: String) -> String {
    SearchFolding.fold(text)
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
}
