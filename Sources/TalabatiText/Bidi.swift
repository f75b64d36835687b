import CFriBidi

// MARK: - Visual text

/// One visual cell-group: a base scalar plus the combining marks drawn on it (at most
/// `Bidi.maxMarksPerGlyph`), already shaped and in visual order. Width 1 or 2; 0 only for a
/// combining mark with no base before it.
public struct Glyph: Hashable, Sendable {
  public var text: String
  public var width: Int

  public init(text: String, width: Int) {
    self.text = text
    self.width = width
  }

  /// One blank column.
  public static let space = Glyph(text: " ", width: 1)
}

/// A line in visual (left-to-right screen) order, ready to be put into cells.
///
/// Positions in the logical string are counted in Unicode scalars
/// (`logical.unicodeScalars`), never in Characters.
public struct VisualLine: Hashable, Sendable {
  /// The glyphs from the leftmost column to the rightmost.
  public var glyphs: [Glyph]
  /// The sum of the glyph widths: the number of terminal columns the line covers.
  public var width: Int
  /// For each glyph, the logical scalar offset of its base scalar; -1 for glyphs the layer
  /// added (padding, the truncation ellipsis).
  public var logicalIndex: [Int]
  /// For each logical scalar, the index of the glyph that shows it; -1 when it shows nowhere
  /// (a bidi control, a dropped format character, or text cut off by truncation).
  public var visualIndex: [Int]

  public init(glyphs: [Glyph], logicalIndex: [Int], visualIndex: [Int]) {
    self.glyphs = glyphs
    self.width = glyphs.reduce(0) { $0 + $1.width }
    self.logicalIndex = logicalIndex
    self.visualIndex = visualIndex
  }

  /// An empty line.
  public static let empty = VisualLine(glyphs: [], logicalIndex: [], visualIndex: [])

  /// The glyphs' text concatenated, left to right (what a terminal that does no bidi shows).
  public var text: String {
    var s = ""
    for g in glyphs { s += g.text }
    return s
  }

  /// The glyphs as the `(text, width)` pairs `Screen.put` takes.
  public var cells: [(text: String, width: Int)] { glyphs.map { ($0.text, $0.width) } }

  /// The screen column (0 = leftmost) where glyph `index` starts.
  public func column(ofGlyph index: Int) -> Int {
    var c = 0
    for i in 0..<min(index, glyphs.count) { c += glyphs[i].width }
    return c
  }

  /// The screen column where the logical scalar at `offset` is drawn, or nil if it is not drawn.
  public func column(forLogicalScalar offset: Int) -> Int? {
    guard offset >= 0, offset < visualIndex.count, visualIndex[offset] >= 0 else { return nil }
    return column(ofGlyph: visualIndex[offset])
  }
}

// MARK: - Terminal bidi modes

/// Who reorders right-to-left text: this layer (`app`) or the terminal (`terminal`).
///
/// | terminal                                  | its own bidi                | talabati            |
/// |-------------------------------------------|-----------------------------|---------------------|
/// | xterm, tmux, Alacritty, kitty, Windows T. | none (no reorder, no shape) | `app`               |
/// | GNOME Terminal / VTE, mintty              | yes, honours BDSM           | `app` + `CSI 8 l`   |
/// | Konsole, mlterm                           | always reorders and shapes  | `terminal`          |
///
/// `detect` picks `terminal` when `KONSOLE_VERSION` or `MLTERM` is set (they would reverse
/// pre-ordered text a second time); `TALABATI_BIDI=app|terminal` overrides it. In `app` mode
/// send `bdsmExplicit` at start-up and `bdsmImplicit` on exit (harmless where unknown; tmux does
/// not pass it through). In `terminal` mode the layer still strips bidi controls, so isolated
/// runs (order numbers) are left to the terminal's own algorithm.
public enum BidiMode: String, Sendable, CaseIterable {
  /// The layer reorders and shapes; the terminal must show cells as given.
  case app
  /// The layer emits logical order unshaped; the terminal reorders and shapes.
  case terminal

  /// BDSM explicit (`CSI 8 l`): asks a BDSM-aware terminal (VTE, mintty) not to reorder, because
  /// the application does. Send it at start-up in `app` mode.
  public static let bdsmExplicit = "\u{1B}[8l"
  /// BDSM implicit (`CSI 8 h`): the terminal's default; send it on exit to restore.
  public static let bdsmImplicit = "\u{1B}[8h"

  /// Picks the mode from the process environment: `TALABATI_BIDI` wins when it is `app` or
  /// `terminal`; otherwise `terminal` under Konsole (`KONSOLE_VERSION`) or mlterm (`MLTERM`),
  /// `app` everywhere else.
  public static func detect(environment: [String: String]) -> BidiMode {
    if let forced = environment["TALABATI_BIDI"]?.lowercased(),
      let mode = BidiMode(rawValue: forced)
    {
      return mode
    }
    if environment["KONSOLE_VERSION"] != nil || environment["MLTERM"] != nil { return .terminal }
    return .app
  }
}

// MARK: - Bidi

/// The Unicode Bidirectional Algorithm and Arabic shaping, through GNU FriBidi.
public enum Bidi {
  /// LEFT-TO-RIGHT ISOLATE.
  public static let lri: Unicode.Scalar = "\u{2066}"
  /// RIGHT-TO-LEFT ISOLATE.
  public static let rli: Unicode.Scalar = "\u{2067}"
  /// FIRST STRONG ISOLATE.
  public static let fsi: Unicode.Scalar = "\u{2068}"
  /// POP DIRECTIONAL ISOLATE.
  public static let pdi: Unicode.Scalar = "\u{2069}"
  /// Combining marks kept on one glyph (ncurses' `CCHARW_MAX` is 5 including the base).
  public static let maxMarksPerGlyph = 4

  /// Wraps an identifier, number, price, date or Latin fragment in LRI…PDI so that it reads
  /// left to right as written inside Arabic text: `402-1234567-1234567` never becomes
  /// `1234567-1234567-402`. Use it when building the logical string.
  public static func isolate(_ s: String) -> String { "\u{2066}\(s)\u{2069}" }

  /// Same as `isolate(_:)`: an explicit left-to-right run.
  public static func ltr(_ s: String) -> String { isolate(s) }

  /// Wraps an Arabic fragment in RLI…PDI (a right-to-left run inside left-to-right text).
  public static func rtl(_ s: String) -> String { "\u{2067}\(s)\u{2069}" }

  /// Wraps text of unknown direction (user input, a product title) in FSI…PDI: its direction
  /// comes from its first strong letter and it cannot disturb the text around it.
  public static func firstStrong(_ s: String) -> String { "\u{2068}\(s)\u{2069}" }

  /// The direction of the first strong letter of `s` (rules P2–P3, isolates skipped), or nil.
  public static func paragraphDirection(of s: String) -> Direction? {
    var depth = 0
    for u in s.unicodeScalars {
      let v = u.value
      switch v {
      case 0x2066...0x2068: depth += 1
      case 0x2069: depth = max(0, depth - 1)
      default:
        guard depth == 0 else { continue }
        let t = fribidi_get_bidi_type(v)
        if tl_fribidi_is_strong_ltr(t) != 0 { return .ltr }
        if tl_fribidi_is_strong_rtl(t) != 0 { return .rtl }
      }
    }
    return nil
  }

  /// Lays out one line: sanitises controls (defence in depth), resolves bidi levels with `base`
  /// as the paragraph direction, shapes Arabic (joining forms, lam-alef ligatures), mirrors
  /// brackets, reorders to visual order and groups combining marks with their base.
  ///
  /// The glyphs never contain a control character, a bidi control (marks, embeddings, isolates),
  /// U+FEFF, ZWJ/ZWNJ or a variation selector. Scalars the terminal cannot print become U+FFFD.
  /// In `terminal` mode the glyphs are in logical order and unshaped (the terminal does both);
  /// the widths are still exact.
  public static func visual(_ logical: String, base: Direction, mode: BidiMode = .app)
    -> VisualLine
  {
    let n = logical.unicodeScalars.count
    if n == 0 { return .empty }
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n * 5) { buf in
      let str = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
      let orig = UnsafeMutableBufferPointer(rebasing: buf[n..<2 * n])
      var i = 0
      var simple = true
      for u in logical.unicodeScalars {
        let v = cleanedScalar(u.value)
        str[i] = v
        orig[i] = v
        if v >= 0x0590 { simple = false }
        i += 1
      }
      if mode == .terminal || (simple && base == .ltr) {
        // Logical order is visual order: no RTL letters, no controls that could change it.
        let map = UnsafeMutableBufferPointer(rebasing: buf[2 * n..<3 * n])
        for k in 0..<n { map[k] = UInt32(k) }
        return assemble(visual: str, map: map, original: orig)
      }
      let brackets = UnsafeMutableBufferPointer(rebasing: buf[3 * n..<4 * n])
      let map = UnsafeMutableBufferPointer(rebasing: buf[4 * n..<5 * n])
      return withUnsafeTemporaryAllocation(of: Int8.self, capacity: n) { levels in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { props in
          withUnsafeTemporaryAllocation(of: FriBidiCharType.self, capacity: n) { types in
            let len = FriBidiStrIndex(n)
            let sp = str.baseAddress!
            let tp = types.baseAddress!
            fribidi_get_bidi_types(sp, len, tp)
            fribidi_get_bracket_types(sp, len, tp, brackets.baseAddress!)
            var par: FriBidiParType = base == .rtl ? tl_fribidi_par_rtl() : tl_fribidi_par_ltr()
            let maxLevel = fribidi_get_par_embedding_levels_ex(
              tp, brackets.baseAddress!, len, &par, levels.baseAddress!)
            for k in 0..<n { map[k] = UInt32(k) }
            guard maxLevel > 0 else {
              // FriBidi failed (out of memory): show logical order rather than nothing.
              return assemble(visual: str, map: map, original: orig)
            }
            fribidi_get_joining_types(sp, len, props.baseAddress!)
            fribidi_join_arabic(tp, len, levels.baseAddress!, props.baseAddress!)
            let shapeFlags = FriBidiFlags(
              FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAG_SHAPE_ARAB_PRES
                | FRIBIDI_FLAG_SHAPE_ARAB_LIGA)
            fribidi_shape(shapeFlags, levels.baseAddress!, len, props.baseAddress!, sp)
            map.withMemoryRebound(to: FriBidiStrIndex.self) { m in
              _ = fribidi_reorder_line(
                FriBidiFlags(FRIBIDI_FLAG_REORDER_NSM), tp, len, 0, par, levels.baseAddress!, sp,
                m.baseAddress!)
            }
            return assemble(visual: str, map: map, original: orig)
          }
        }
      }
    }
  }

  /// The mirrored counterpart of a bracket-like scalar (`(` ↔ `)`, `⦃` ↔ `⦄`), or `v` itself.
  static func mirrored(_ v: UInt32) -> UInt32 {
    var m: FriBidiChar = 0
    return fribidi_get_mirror_char(v, &m) != 0 ? m : v
  }

  /// Replaces what must never reach FriBidi or a cell: line breaks and tabs become spaces
  /// (a paragraph separator would restart the algorithm), other C0/C1 controls become U+FFFD.
  @inline(__always)
  static func cleanedScalar(_ v: UInt32) -> UInt32 {
    if v >= 0x20 && v < 0x7F { return v }
    switch v {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C...0x1F, 0x85, 0x2028, 0x2029: return 0x20
    case 0x00...0x1F, 0x7F...0x9F: return 0xFFFD
    default: return v
    }
  }

  /// What happens to a scalar when glyphs are built.
  enum Role { case base(Int), mark, drop }

  @inline(__always)
  static func role(of v: UInt32) -> Role {
    if v >= 0x20 && v < 0x7F { return .base(1) }
    switch v {
    // Bidi controls, ALM, BOM/lam-alef filler, ZWJ/ZWNJ, VS15/VS16, other invisible format.
    case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0xFE0E, 0xFE0F:
      return .drop
    default: break
    }
    let w = TextWidth.width(of: v)
    if w > 0 { return .base(w) }
    if w < 0 { return .base(-1) }
    guard let u = Unicode.Scalar(v) else { return .drop }
    switch u.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark: return .mark
    default: return .drop
    }
  }

  /// Groups visual-order scalars into glyphs and builds both position maps.
  static func assemble(
    visual str: UnsafeMutableBufferPointer<UInt32>, map: UnsafeMutableBufferPointer<UInt32>,
    original: UnsafeMutableBufferPointer<UInt32>
  ) -> VisualLine {
    let n = str.count
    var glyphs: [Glyph] = []
    glyphs.reserveCapacity(n)
    var logicalIndex: [Int] = []
    logicalIndex.reserveCapacity(n)
    var visualIndex = [Int](repeating: -1, count: n)
    var marks = 0
    var fillers = false
    for v in 0..<n {
      let c = str[v]
      let li = Int(map[v])
      switch role(of: c) {
      case .base(let w):
        let scalar = w < 0 ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(c) ?? "\u{FFFD}"
        glyphs.append(Glyph(text: String(scalar), width: w < 0 ? 1 : w))
        logicalIndex.append(li)
        visualIndex[li] = glyphs.count - 1
        marks = 0
      case .mark:
        let scalar = Unicode.Scalar(c) ?? "\u{FFFD}"
        if let last = glyphs.indices.last, glyphs[last].width > 0 {
          if marks < maxMarksPerGlyph {
            glyphs[last].text.unicodeScalars.append(scalar)
            marks += 1
          }
          visualIndex[li] = last
        } else {
          glyphs.append(Glyph(text: String(scalar), width: 0))
          logicalIndex.append(li)
          visualIndex[li] = glyphs.count - 1
          marks = 0
        }
      case .drop:
        if c == 0xFEFF && original[li] != 0xFEFF { fillers = true }
      }
    }
    if fillers {
      // A lam-alef ligature leaves U+FEFF in place of one of its two letters: that letter
      // shows in the ligature, which FriBidi puts on the neighbouring position.
      for li in 0..<n where visualIndex[li] < 0 && original[li] != 0xFEFF {
        if case .drop = role(of: original[li]) { continue }
        func isLigature(_ k: Int) -> Bool {
          guard k >= 0, k < n, visualIndex[k] >= 0,
            let u = glyphs[visualIndex[k]].text.unicodeScalars.first
          else { return false }
          return (0xFEF5...0xFEFC).contains(u.value)
        }
        if isLigature(li + 1) {
          visualIndex[li] = visualIndex[li + 1]
        } else if isLigature(li - 1) {
          visualIndex[li] = visualIndex[li - 1]
        }
      }
    }
    return VisualLine(glyphs: glyphs, logicalIndex: logicalIndex, visualIndex: visualIndex)
  }
}

// MARK: - Raw bidi resolution (conformance)

/// Embedding levels and visual order of a paragraph, without shaping or mirroring.
public struct BidiResolution: Hashable, Sendable {
  /// The resolved embedding level of every logical scalar.
  public var levels: [Int]
  /// The logical index shown at each visual position, left to right (all scalars, controls
  /// included).
  public var visualToLogical: [Int]
  /// The resolved paragraph direction.
  public var base: Direction
}

extension Bidi {
  /// Runs the UBA (rules P2–L2) on `scalars` with FriBidi's `get_bidi_types` →
  /// `get_bracket_types` → `get_par_embedding_levels_ex` → `reorder_line` (flags 0).
  /// `base` nil means auto (first strong, P2–P3, LTR when none). Returns nil if FriBidi fails.
  public static func resolve(_ scalars: [UInt32], base: Direction?) -> BidiResolution? {
    let n = scalars.count
    var str = scalars
    var types = [FriBidiCharType](repeating: FriBidiCharType(0), count: n)
    var brackets = [FriBidiBracketType](repeating: 0, count: n)
    var levels = [FriBidiLevel](repeating: 0, count: n)
    var map = (0..<n).map { FriBidiStrIndex($0) }
    var par: FriBidiParType
    switch base {
    case .ltr?: par = tl_fribidi_par_ltr()
    case .rtl?: par = tl_fribidi_par_rtl()
    case nil: par = tl_fribidi_par_on()
    }
    let len = FriBidiStrIndex(n)
    fribidi_get_bidi_types(str, len, &types)
    fribidi_get_bracket_types(str, len, types, &brackets)
    guard fribidi_get_par_embedding_levels_ex(types, brackets, len, &par, &levels) > 0 || n == 0
    else { return nil }
    let logicalLevels = levels.map { Int($0) }
    _ = fribidi_reorder_line(0, types, len, 0, par, &levels, &str, &map)
    return BidiResolution(
      levels: logicalLevels, visualToLogical: map.map { Int($0) },
      base: tl_fribidi_par_is_rtl(par) != 0 ? .rtl : .ltr)
  }
}
