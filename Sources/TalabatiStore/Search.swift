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

  /// Folded text indexed for an order: every item title, then the order number.
  static func indexBody(titles: [String], orderID: OrderID) -> String {
    var cache: [String: String] = [:]
    return indexBody(titles: titles, orderID: orderID, cache: &cache)
  }

  /// The same, folding titles through `cache`.
  ///
  /// Titles are folded one by one through `cache` (folding is the costly part of a bulk
  /// insert and catalogue titles repeat); the tokens are the same as folding the joined text.
  /// The order number is validated ASCII (letters, digits, `-_.`), whose folding is lowercasing.
  static func indexBody(titles: [String], orderID: OrderID, cache: inout [String: String])
    -> String
  {
    indexBody(titles: titles, orderID: orderID, cache: &cache, key: { $0 })
  }

  /// The indexed text of `order`, folding titles through a cache keyed by their UTF-8 bytes
  /// (`TitleKey`: no Unicode normalisation per lookup). The bulk insert path uses it.
  static func indexBody(of order: Order, cache: inout [TitleKey: String]) -> String {
    indexBody(
      titles: order.shipments.lazy.flatMap { $0.items.lazy.map(\.title) }, orderID: order.id,
      cache: &cache, key: TitleKey.init)
  }

  private static func indexBody<Key: Hashable>(
    titles: some Sequence<String>, orderID: OrderID, cache: inout [Key: String],
    key: (String) -> Key
  ) -> String {
    var body = ""
    for title in titles {
      let k = key(title)
      if let hit = cache[k] {
        body += hit
      } else {
        let value = fold(title)
        if cache.count < 100_000 { cache[k] = value }
        body += value
      }
      body += " "
    }
    body += orderID.lowercased()
    return body
  }

  /// The FTS5 MATCH expression for `query`: every folded word required; the last one (the
  /// word being typed) as a prefix query `"سماع"*`, the others as whole words (which FTS5
  /// walks lazily; prefix queries merge every matching term). Nil when the query has no
  /// word characters.
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
    let words = tokens.suffix(8)
    return words.enumerated().map { (i, word) in
      "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\"" + (i == words.count - 1 ? "*" : "")
    }.joined(separator: " ")
  }
}
