// MARK: - Terminal column widths

/// Terminal column widths of text, measured after shaping.
///
/// The per-scalar widths come from a table generated from glibc's `wcwidth` in the `C.UTF-8`
/// locale (`WidthTable.swift`), so they do not depend on the process locale: without
/// `setlocale`, glibc's `wcswidth` returns -1 on Arabic (TERMINAL-NOTES.md). Presentation forms
/// and the lam-alef ligatures are 1 column, harakat and bidi controls 0, East Asian wide 2.
public enum TextWidth {
  /// The column width of `logical` as the terminal will show it: shaped (a lam-alef pair is one
  /// column), controls and bidi marks removed, non-printable scalars shown as one-column U+FFFD.
  public static func columns(_ logical: String) -> Int {
    Bidi.visual(logical, base: .rtl).width
  }

  /// The column width of `logical` as a terminal that shapes nothing would show it, i.e. the
  /// width in `terminal` bidi mode.
  public static func unshapedColumns(_ logical: String) -> Int {
    Bidi.visual(logical, base: .ltr, mode: .terminal).width
  }

  /// The width of one scalar: 0, 1, 2, or -1 when it is not printable (controls, unassigned,
  /// surrogates, line/paragraph separators).
  @inlinable
  public static func width(of scalar: Unicode.Scalar) -> Int { width(of: scalar.value) }

  /// The width of the scalar with value `v` (see `width(of:)`).
  public static func width(of v: UInt32) -> Int {
    if v >= 0x20 && v < 0x7F { return 1 }
    if v >= 0xA0 && v < 0x300 { return 1 }  // Latin-1 and Latin Extended: all 1 column
    let t = table
    var lo = 0
    var hi = t.count / 3 - 1
    let x = Int32(bitPattern: v)
    while lo <= hi {
      let mid = (lo &+ hi) >> 1
      let first = t[mid * 3]
      if x < first {
        hi = mid - 1
      } else if x > t[mid * 3 + 1] {
        lo = mid + 1
      } else {
        return Int(t[mid * 3 + 2])
      }
    }
    return 1
  }
}
