/// Small string helpers on UTF-8 bytes: Foundation's `trimmingCharacters` and `contains` cost
/// microseconds per call on Linux, and the import calls them for every cell of a million rows.
extension String {
  /// Without leading and trailing spaces, tabs and no-break spaces.
  var trimmed: String {
    let u = utf8
    guard let f = u.first, let l = u.last else { return self }
    // Fast path: nothing to trim (space 0x20, tab 0x09, NBSP starts with 0xC2).
    if f != 0x20 && f != 0x09 && f != 0xC2 && l != 0x20 && l != 0x09 && l != 0xA0 { return self }
    let scalars = unicodeScalars
    func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{A0}" }
    guard let start = scalars.firstIndex(where: { !blank($0) }) else { return "" }
    guard let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
    return String(scalars[start...last])
  }

  /// True when the UTF-8 bytes of `needle` occur in the string (byte-wise, case-sensitive).
  func has(_ needle: String) -> Bool { byteRange(of: needle) != nil }

  /// The byte offsets of the first occurrence of `needle`.
  func byteRange(of needle: String) -> Range<Int>? {
    var copy = self
    var pattern = needle
    return copy.withUTF8 { h in
      pattern.withUTF8 { n -> Range<Int>? in
        guard !n.isEmpty, h.count >= n.count else { return nil }
        var i = 0
        while i + n.count <= h.count {
          if h[i] == n[0] {
            var k = 1
            while k < n.count && h[i + k] == n[k] { k += 1 }
            if k == n.count { return i..<i + n.count }
          }
          i += 1
        }
        return nil
      }
    }
  }

  /// Lower-cased ASCII letters; other characters as they are.
  var asciiLowercased: String {
    guard utf8.contains(where: { (65...90).contains($0) }) else { return self }
    return String(decoding: utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
  }
}
