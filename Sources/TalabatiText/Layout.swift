// MARK: - Fitting text into columns

/// Where a line shorter than its box sits.
public enum Alignment: Sendable, Hashable {
  /// At the start of the reading direction: right in RTL, left in LTR.
  case start
  /// At the end of the reading direction: left in RTL, right in LTR.
  case end
  /// Centred; an odd leftover column goes to the end side.
  case center
}

/// Truncation and padding in terminal columns. Callers never count Characters.
public enum Layout {
  /// The ellipsis put at the logical end of a cut line (1 column).
  public static let ellipsis = "…"

  /// Shapes, reorders, truncates with … at the logical end and pads to exactly `columns`.
  ///
  /// The cut happens in the logical string, so in RTL the ellipsis sits on the left (where the
  /// reader ends) and in LTR on the right. Open isolates and embeddings are closed before the
  /// ellipsis, trailing spaces before it are dropped, and a combining mark is never split
  /// from its base. The result's `width` is exactly `max(columns, 0)`; glyphs added by the
  /// layer (padding, ellipsis) have logical index -1, and cut-off scalars visual index -1.
  public static func fit(
    _ logical: String, columns: Int, base: Direction, align: Alignment = .start,
    mode: BidiMode = .app
  ) -> VisualLine {
    guard columns > 0 else {
      return VisualLine(
        glyphs: [], logicalIndex: [],
        visualIndex: Array(repeating: -1, count: logical.unicodeScalars.count))
    }
    let full = Bidi.visual(logical, base: base, mode: mode)
    if full.width <= columns {
      return pad(full, to: columns, base: base, align: align)
    }
    return pad(
      truncate(logical, full: full, columns: columns, base: base, mode: mode),
      to: columns, base: base, align: align)
  }

  /// Cuts `logical` so that it plus the ellipsis fits in `columns` (≥ 1) columns.
  static func truncate(
    _ logical: String, full: VisualLine, columns: Int, base: Direction, mode: BidiMode
  ) -> VisualLine {
    let scalars = Array(logical.unicodeScalars)
    let n = scalars.count
    // The columns each logical scalar contributes once shaped (a ligature counts on its lam).
    var contribution = [Int](repeating: 0, count: n)
    for (g, li) in full.logicalIndex.enumerated() where li >= 0 {
      contribution[li] += full.glyphs[g].width
    }
    var budget = columns - 1
    while true {
      // Longest prefix within budget that ends on a glyph boundary.
      var used = 0
      var cut = 0
      for i in 0..<n {
        // Here `used` (the width of scalars[0..<i]) is within budget: cutting before i fits.
        if !isAttached(scalars[i]) { cut = i }
        used += contribution[i]
        if used > budget { break }
        if i == n - 1 { cut = n }
      }
      // Drop trailing spaces before the ellipsis.
      while cut > 0, scalars[cut - 1].properties.isWhitespace { cut -= 1 }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars[0..<cut])
      text.append(contentsOf: closers(for: scalars[0..<cut]).unicodeScalars)
      text.append(contentsOf: ellipsis.unicodeScalars)
      var line = Bidi.visual(String(text), base: base, mode: mode)
      if line.width > columns && budget > 0 {
        budget -= 1  // defensive: shaping made the prefix wider than its parts
        continue
      }
      if line.width > columns {
        line = VisualLine(
          glyphs: [Glyph(text: ellipsis, width: 1)], logicalIndex: [-1],
          visualIndex: [])
      }
      // Re-express the maps against the original string.
      for g in line.logicalIndex.indices where line.logicalIndex[g] >= cut {
        line.logicalIndex[g] = -1
      }
      var visualIndex = [Int](repeating: -1, count: n)
      for i in 0..<min(cut, line.visualIndex.count) { visualIndex[i] = line.visualIndex[i] }
      line.visualIndex = visualIndex
      return line
    }
  }

  /// True for a zero-width mark that belongs to the scalar before it.
  private static func isAttached(_ u: Unicode.Scalar) -> Bool {
    if u.value < 0x300 { return false }
    switch u.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark: return true
    default: return false
    }
  }

  /// PDI/PDF scalars that close the isolates and embeddings left open in `prefix`, innermost
  /// first, so that the ellipsis after them takes the paragraph's direction.
  static func closers(for prefix: ArraySlice<Unicode.Scalar>) -> String {
    var stack: [Unicode.Scalar] = []
    for u in prefix {
      switch u.value {
      case 0x2066...0x2068: stack.append("\u{2069}")
      case 0x202A...0x202E: stack.append("\u{202C}")
      case 0x2069:
        // PDI closes the innermost isolate and any embeddings opened inside it (X6a).
        while let last = stack.popLast(), last != "\u{2069}" {}
      case 0x202C:
        if stack.last == "\u{202C}" { stack.removeLast() }
      default: break
      }
    }
    return String(String.UnicodeScalarView(stack.reversed()))
  }

  /// Pads `line` with spaces to exactly `columns` (when narrower) following `align`.
  public static func pad(
    _ line: VisualLine, to columns: Int, base: Direction, align: Alignment = .start
  ) -> VisualLine {
    let extra = columns - line.width
    guard extra > 0 else { return line }
    // Leftover columns to put on the left of the text.
    let startIsLeft = base == .ltr
    let left: Int
    switch align {
    case .start: left = startIsLeft ? 0 : extra
    case .end: left = startIsLeft ? extra : 0
    case .center: left = startIsLeft ? extra / 2 : extra - extra / 2
    }
    let right = extra - left
    var glyphs = [Glyph](repeating: .space, count: left)
    glyphs.reserveCapacity(line.glyphs.count + extra)
    glyphs.append(contentsOf: line.glyphs)
    glyphs.append(contentsOf: repeatElement(.space, count: right))
    var logicalIndex = [Int](repeating: -1, count: left)
    logicalIndex.append(contentsOf: line.logicalIndex)
    logicalIndex.append(contentsOf: repeatElement(-1, count: right))
    let visualIndex = line.visualIndex.map { $0 < 0 ? $0 : $0 + left }
    return VisualLine(glyphs: glyphs, logicalIndex: logicalIndex, visualIndex: visualIndex)
  }
}
