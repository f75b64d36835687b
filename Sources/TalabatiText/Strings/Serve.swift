// Labels of `talabati serve` and the presenter's clock (issue 10).
extension StringTable {
  static let serveEntries: [String: Entry] = [
    // The status line of a demo store whose session clock was moved forward (`+`, `*`).
    "presenter.offset": .init(ar: "+{minutes} د", en: "+{minutes} min"),
  ]
}
