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

// MARK: - Wrapping explanations

extension Layout {
  /// `logical` broken into lines of at most `columns` columns, for text that explains a
  /// decision (a warning, a refusal, a refund) and must never lose its end: only list cells
  /// truncate (issue 13).
  ///
  /// Lines break at spaces outside isolates, or inside an untrusted run (FSI…PDI: a title, a
  /// seller's name), never inside an amount, a date, a number or an identifier the text layer
  /// isolated, so `1,149.00 ر.س.` is never split. A piece wider than `columns` that has no
  /// such space is broken at any space inside it, and left whole when it has none (the caller's
  /// `fit` then cuts it with an ellipsis). Isolates left open at the end of a line are closed
  /// there and opened again at the start of the next, so each line keeps its runs' directions
  /// when UAX #9 orders it on its own. Widths are measured after shaping in `mode`, as `fit`
  /// measures them.
  /// Lines after the first are `hang` columns narrower (they are drawn further in).
  public static func wrap(
    _ logical: String, columns: Int, hang: Int = 0, mode: BidiMode = .app
  ) -> [String] {
    guard columns > 0, !logical.isEmpty else { return [logical] }
    let full = Bidi.visual(logical, base: .ltr, mode: mode)
    if full.width <= columns { return [logical] }
    let scalars = Array(logical.unicodeScalars)
    let n = scalars.count
    var contribution = [Int](repeating: 0, count: n)
    for (g, li) in full.logicalIndex.enumerated() where li >= 0 && li < n {
      contribution[li] += full.glyphs[g].width
    }
    // Break opportunities: spaces at depth 0 or directly inside FSI (preferred), and spaces
    // anywhere (used only for a piece that cannot fit otherwise).
    var preferred = [Bool](repeating: false, count: n)
    var anySpace = [Bool](repeating: false, count: n)
    var stack: [UInt32] = []
    for (i, u) in scalars.enumerated() {
      switch u.value {
      case 0x2066...0x2068: stack.append(u.value)
      case 0x2069: if !stack.isEmpty { stack.removeLast() }
      case 0x20:
        anySpace[i] = true
        preferred[i] = stack.isEmpty || stack.last == 0x2068
      default: break
      }
    }
    // Greedy: take the longest run from `start` whose width fits, ending before a preferred
    // space; failing that before any space; failing that the whole unbreakable piece.
    var lines: [Range<Int>] = []
    var start = 0
    while start < n {
      // Skip the spaces a break leaves at the start of a line.
      while start < n, scalars[start] == " " { start += 1 }
      if start >= n { break }
      let limit = lines.isEmpty ? columns : max(1, columns - hang)
      var used = 0
      var lastPreferred: Int? = nil
      var lastAny: Int? = nil
      var i = start
      var fitsToEnd = true
      while i < n {
        if i > start, preferred[i] { lastPreferred = i }
        if i > start, anySpace[i] { lastAny = i }
        used += contribution[i]
        if used > limit && !anySpace[i] {
          fitsToEnd = false
          break
        }
        i += 1
      }
      if fitsToEnd {
        lines.append(start..<n)
        break
      }
      let end: Int
      if let p = lastPreferred {
        end = p
      } else if let a = lastAny {
        end = a
      } else {
        // No space before the edge: the piece runs to the next space (or the end) whole.
        var j = i
        while j < n, !preferred[j] { j += 1 }
        end = j
      }
      lines.append(start..<end)
      start = end
    }
    guard lines.count > 1 else { return [logical] }
    // Close the isolates open at each line's end and reopen them on the next.
    var out: [String] = []
    var open: [Unicode.Scalar] = []
    for r in lines {
      var text = String.UnicodeScalarView()
      text.append(contentsOf: open)
      var end = r.upperBound
      while end > r.lowerBound, scalars[end - 1] == " " { end -= 1 }
      for u in scalars[r.lowerBound..<end] { text.append(u) }
      for u in scalars[r] {
        switch u.value {
        case 0x2066...0x2068: open.append(u)
        case 0x2069: if !open.isEmpty { open.removeLast() }
        default: break
        }
      }
      text.append(contentsOf: repeatElement("\u{2069}", count: open.count))
      out.append(String(text))
    }
    return out
  }
}
