import Foundation
import Synchronization
import TalabatiDomain
import TalabatiText

/// A `Screen` being drawn in one language: positions are given from the START edge (the
/// right in Arabic, the left in English) so every screen mirrors by itself, and every string
/// is laid out by the text layer (`Layout.fit`), never by counting characters.
struct Canvas {
  var screen: Screen
  let lang: Language
  let mode: BidiMode
  let timeZone: String

  init(width: Int, height: Int, lang: Language, mode: BidiMode, timeZone: String) {
    screen = Screen(width: width, height: height)
    self.lang = lang
    self.mode = mode
    self.timeZone = timeZone
  }

  var width: Int { screen.width }
  var height: Int { screen.height }
  var direction: Direction { lang.direction }

  /// The visual left column of a span `width` wide that starts `start` columns from the
  /// start edge.
  func left(start: Int, width: Int) -> Int {
    direction == .rtl ? screen.width - start - width : start
  }

  /// Lays `logical` out in `width` columns at `start` from the start edge of `row`.
  mutating func text(
    _ logical: String, row: Int, start: Int = 0, width: Int? = nil,
    align: Alignment = .start, role: StyleRole = .normal
  ) {
    guard row >= 0, row < height, start < self.width else { return }
    let w = min(width ?? (self.width - start), self.width - start)
    guard w > 0 else { return }
    let key = LayoutCache.Key(
      text: logical, columns: w, direction: direction, align: align, mode: mode)
    let glyphs = LayoutCache.glyphs(for: key) {
      // A cell that is one untrusted run (`untrusted` wraps it in FSI…PDI) is laid out in
      // that run's own direction, so truncation cuts the run's logical end (a Latin title in
      // the Arabic layout ends in "…" on the right, an Arabic title in English on the left),
      // and it still sits on the layout's start side.
      var base = direction
      var alignment = align
      if Self.isOneUntrustedRun(logical),
        let own = Bidi.paragraphDirection(of: String(logical.unicodeScalars.dropFirst())),
        own != direction
      {
        base = own
        alignment = align == .start ? .end : align == .end ? .start : .center
      }
      let line = Layout.fit(logical, columns: w, base: base, align: alignment, mode: mode)
      return line.glyphs.map { ($0.text, $0.width) }
    }
    screen.put(glyphs, row: row, col: left(start: start, width: w), role: role)
  }

  /// True when `logical` is one FSI…PDI run from its first scalar to its last (a list cell's
  /// title), not a line that merely starts with one (a wrapped title's second row, followed by
  /// its price, is laid out in the screen's direction).
  static func isOneUntrustedRun(_ logical: String) -> Bool {
    let scalars = logical.unicodeScalars
    guard scalars.first == "\u{2068}" else { return false }
    var depth = 0
    var index = scalars.startIndex
    while index != scalars.endIndex {
      switch scalars[index].value {
      case 0x2066...0x2068: depth += 1
      case 0x2069:
        depth -= 1
        if depth == 0 { return scalars.index(after: index) == scalars.endIndex }
      default: break
      }
      index = scalars.index(after: index)
    }
    return true  // never closed: the run reaches the end
  }

  /// Sets the role of a whole row (selection bars, the status line).
  mutating func paint(row: Int, role: StyleRole) {
    screen.paint(row: row, cols: 0..<width, role: role)
  }

  /// Lays out cells side by side from the start edge: `(width, text, align)` in logical
  /// order, one column of gap between them. The first cell is on the right in Arabic.
  mutating func columns(
    _ cells: [(width: Int, text: String, align: Alignment)], row: Int, role: StyleRole
  ) {
    var start = 0
    for cell in cells where cell.width > 0 {
      text(cell.text, row: row, start: start, width: cell.width, align: cell.align, role: role)
      start += cell.width + 1
      if start >= width { break }
    }
  }

  // MARK: Text helpers (forwarded to `Labels`)

  var labels: Labels { Labels(lang: lang, timeZone: timeZone) }
  func t(_ key: String, _ args: [String: String] = [:]) -> String { labels.t(key, args) }
  func id(_ raw: String) -> String { labels.id(raw) }
  func untrusted(_ raw: String) -> String { labels.untrusted(raw) }
  func money(_ m: Money) -> String { labels.money(m) }
  func date(_ d: Date, style: DateStyle = .dateTime) -> String { labels.date(d, style: style) }
}

/// Turns values into display strings in one language: the client's handle on the shared
/// words (`Words`, the text layer), which the command line prints too (issue 11). Nothing here
/// spells a value on its own.
struct Labels {
  let lang: Language
  let timeZone: String

  /// The shared words in this language and time zone.
  var words: Words { Words(lang, timeZone: timeZone) }

  /// A label from the string table.
  func t(_ key: String, _ args: [String: String] = [:]) -> String { tr(key, lang, args) }

  /// An identifier (order number, tracking number) that must read left to right as written.
  func id(_ raw: String) -> String { words.id(raw) }

  /// Untrusted text (titles, seller names, imported fields), neutralised and isolated.
  func untrusted(_ raw: String) -> String { words.untrusted(raw) }

  /// An amount in the shopper's language, isolated so it keeps its own order.
  func money(_ m: Money) -> String { words.money(m) }

  /// A date (and time) in the shopper's language and time zone, one isolated run.
  func date(_ d: Date, style: DateStyle = .dateTime) -> String { words.date(d, style: style) }

  /// A western-digit number, isolated.
  func number(_ n: Int) -> String { words.number(n) }

  /// The marker of entry `n` of a numbered list, the same on every screen: the dot follows
  /// the number in reading order (`1. ` in English; in Arabic the dot is on the number's
  /// left, as the line reads from the right).
  func listMarker(_ n: Int) -> String { number(n) + ". " }

  /// `n` items with the plural form of the language (`1 item`, `سلعتان`, `3 سلع`).
  func items(_ n: Int) -> String { words.items(n) }

  /// `n` items as the object of a verb or verbal noun (`تم إلغاء سلعتين`).
  func itemsObject(_ n: Int) -> String { words.itemsObject(n) }

  /// The time left in a seller's window (R3) as a duration (`Words.countdown`).
  func countdown(_ seconds: TimeInterval) -> String { words.countdown(seconds) }
}

/// Laid-out text remembered across frames: a key press redraws the whole screen in memory,
/// but nearly every cell holds the same text as in the frame before, and shaping, reordering
/// and fitting it again (FriBidi, widths, truncation) was a quarter of the time from key to
/// frame (perf on a 10k-order store: docs/performance.md). `Layout.fit` is a pure function of
/// the key, so a hit gives the same glyphs; the table is emptied when it reaches `capacity`.
enum LayoutCache {
  /// Everything `Canvas.text` lays a string out by.
  ///
  /// Hashed and compared on the UTF-8 bytes: `String`'s own hashing normalises non-ASCII
  /// text first (Arabic titles), which cost more than the lookup saved. Two spellings of the
  /// same text are then two entries with the same glyphs, which is harmless.
  struct Key: Hashable, Sendable {
    var text: String
    var columns: Int
    var direction: Direction
    var align: Alignment
    var mode: BidiMode

    static func == (a: Key, b: Key) -> Bool {
      a.columns == b.columns && a.direction == b.direction && a.align == b.align
        && a.mode == b.mode && a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(columns)
      hasher.combine(direction)
      hasher.combine(align)
      hasher.combine(mode)
      var text = text
      text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  typealias Glyphs = [(text: String, width: Int)]

  /// A few screens' worth of cells (about 150 per 80x24 list screen).
  static let capacity = 4096

  private static let table = Mutex<[Key: Glyphs]>([:])

  /// The glyphs of `key`, computed by `make` on a miss.
  static func glyphs(for key: Key, make: () -> Glyphs) -> Glyphs {
    if let hit = table.withLock({ $0[key] }) { return hit }
    let glyphs = make()
    table.withLock { t in
      if t.count >= capacity { t.removeAll(keepingCapacity: true) }
      t[key] = glyphs
    }
    return glyphs
  }
}
