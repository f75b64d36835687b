/// One terminal cell: a grapheme in visual order (a base scalar plus any zero-width combining
/// marks), its column width, and the role that styles it. A wide (2-column) glyph occupies its
/// cell and a continuation cell whose `text` is empty and `width` 0.
public struct Cell: Hashable, Sendable {
  public var text: String
  public var width: Int
  public var role: StyleRole

  public init(text: String = " ", width: Int = 1, role: StyleRole = .normal) {
    self.text = text
    self.width = width
    self.role = role
  }

  public static let blank = Cell()
  public var isContinuation: Bool { width == 0 && text.isEmpty }
}

/// A whole frame in memory: what the terminal driver paints and what snapshot tests compare.
public struct Screen: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the terminal cursor should rest (row, column), if visible.
  public var cursor: (row: Int, col: Int)? {
    get { cursorRow.map { ($0, cursorCol) } }
    set {
      cursorRow = newValue?.row
      cursorCol = newValue?.col ?? 0
    }
  }
  private var cursorRow: Int?
  private var cursorCol = 0

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: fill, count: self.width * self.height)
  }

  public subscript(row: Int, col: Int) -> Cell {
    get { cells[row * width + col] }
    set {
      guard row >= 0, row < height, col >= 0, col < width else { return }
      cells[row * width + col] = newValue
    }
  }

  /// Writes `glyphs` (already in visual order, each with its width) starting at column `col`,
  /// clipping at the right edge; a wide glyph that would not fit whole is replaced by spaces.
  /// Returns the column after the last written cell.
  @discardableResult
  public mutating func put(
    _ glyphs: [(text: String, width: Int)], row: Int, col: Int, role: StyleRole
  ) -> Int {
    guard row >= 0, row < height else { return col }
    var c = col
    for g in glyphs {
      if g.width <= 0 {
        // A stray zero-width glyph: attach it to the previous cell if any.
        if c > 0, c - 1 < width, c - 1 >= 0 { self[row, c - 1].text += g.text }
        continue
      }
      if c + g.width > width {
        while c < width {
          self[row, c] = Cell(text: " ", width: 1, role: role)
          c += 1
        }
        break
      }
      if c >= 0 {
        self[row, c] = Cell(text: g.text, width: g.width, role: role)
        for k in 1..<g.width { self[row, c + k] = Cell(text: "", width: 0, role: role) }
      }
      c += g.width
    }
    return c
  }

  /// Sets the role of columns `cols` on `row` without changing their text.
  public mutating func paint(row: Int, cols: Range<Int>, role: StyleRole) {
    guard row >= 0, row < height else { return }
    for c in cols where c >= 0 && c < width { self[row, c].role = role }
  }

  /// Rows as plain text (continuation cells skipped, trailing spaces trimmed): the form
  /// snapshot tests and the tmux test compare.
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for r in 0..<height {
      var line = ""
      for c in 0..<width {
        let cell = cells[r * width + c]
        if !cell.isContinuation { line += cell.text }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  public static func == (lhs: Screen, rhs: Screen) -> Bool {
    lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
      && lhs.cursorRow == rhs.cursorRow && lhs.cursorCol == rhs.cursorCol
  }

  public func hash(into h: inout Hasher) {
    h.combine(width)
    h.combine(height)
    h.combine(cells)
  }
}

/// A key as the terminal driver decodes it. Letters typed on the Arabic (101) layout arrive
/// as Arabic letters; the keymap maps them back to their physical keys.
public enum Key: Hashable, Sendable {
  case char(Character)
  case ctrl(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, tab, backTab, delete
  case function(Int)
  /// The terminal changed size.
  case resize(width: Int, height: Int)
}
