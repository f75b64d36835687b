import PropertyBased
import Testing

@testable import TalabatiText

/// Random text weighted towards what breaks layouts: Arabic letters and harakat, lam-alef,
/// digits, brackets, bidi controls, C0/C1 controls, wide CJK, emoji, and any scalar at all.
let hostileText: Generator<String, _> = Gen.uint32(in: 0...UInt32.max).array(of: 0...40).map {
  codes in
  var s = String.UnicodeScalarView()
  for code in codes {
    let pick = code >> 24
    let r = code & 0xFF_FFFF
    let v: UInt32
    switch pick % 12 {
    case 0, 1, 2: v = 0x0621 + r % 0x2A  // Arabic letters
    case 3: v = [0x0644, 0x0627, 0x0623, 0x0622, 0x0625][Int(r % 5)]  // lam, alefs
    case 4: v = 0x064B + r % 0x15  // harakat
    case 5: v = 0x20 + r % 0x5F  // printable ASCII
    case 6:
      v =
        [
          0x2066, 0x2067, 0x2068, 0x2069, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
          0x200E, 0x200F, 0x061C, 0xFEFF, 0x200D,
        ][Int(r % 14)]
    case 7: v = r % 0xA0  // C0, DEL, C1
    case 8: v = 0x4E00 + r % 0x100  // wide CJK
    case 9: v = 0x1F600 + r % 0x50  // emoji
    case 10: v = 0x0660 + r % 10  // Arabic-Indic digits
    default: v = r % 0x11_0000  // anything (surrogates fall back to U+FFFD below)
    }
    s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
  }
  return String(s)
}

@Suite("Properties of the text layer")
struct PropertyTests {
  @Test("visual width is the sum of glyph widths, no forbidden scalar in any glyph")
  func widthIsSum() async {
    await propertyCheck(count: 300, input: hostileText) { s in
      for base in [Direction.rtl, .ltr] {
        for mode in BidiMode.allCases {
          let line = Bidi.visual(s, base: base, mode: mode)
          #expect(line.width == line.glyphs.reduce(0) { $0 + $1.width })
          #expect(line.glyphs.allSatisfy { (0...2).contains($0.width) })
          #expect(!line.text.unicodeScalars.contains(where: isForbiddenInOutput))
          #expect(line.logicalIndex.count == line.glyphs.count)
          #expect(line.visualIndex.count == s.unicodeScalars.count)
        }
      }
    }
  }

  @Test("fit always yields exactly N columns")
  func fitIsExact() async {
    await propertyCheck(count: 300, input: hostileText, Gen.int(in: 0...30)) { s, n in
      for base in [Direction.rtl, .ltr] {
        for align in [Alignment.start, .end, .center] {
          let line = Layout.fit(s, columns: n, base: base, align: align)
          #expect(line.width == n)
          #expect(line.glyphs.reduce(0) { $0 + $1.width } == n)
          #expect(!line.text.unicodeScalars.contains(where: isForbiddenInOutput))
        }
      }
    }
  }

  /// Reordering moves glyphs, it never loses or invents one: with shaping undone (NFKD turns
  /// presentation forms and the lam-alef ligature back into letters, and marks never fuse)
  /// and mirrored pairs folded onto one scalar, the visual line holds the same multiset of
  /// scalars as the cleaned, unshaped logical string.
  @Test("reorder preserves the multiset of base characters")
  func multiset() async {
    func normalise(_ s: String) -> [String: Int] {
      var counts: [String: Int] = [:]
      for u in s.decomposedStringWithCompatibilityMapping.unicodeScalars {
        let v = min(u.value, Bidi.mirrored(u.value))
        guard let m = Unicode.Scalar(v) else { continue }
        counts[String(m), default: 0] += 1
      }
      return counts
    }
    await propertyCheck(count: 300, input: hostileText) { s in
      let logical = Bidi.visual(s, base: .ltr, mode: .terminal).text  // cleaned, unshaped
      let visual = Bidi.visual(s, base: .rtl).text
      // Only marks capped beyond four per glyph may be lost; compare without marks.
      func noMarks(_ d: [String: Int]) -> [String: Int] {
        d.filter { key, _ in
          !(key.unicodeScalars.first.map { TextWidth.width(of: $0) == 0 } ?? true)
        }
      }
      #expect(noMarks(normalise(visual)) == noMarks(normalise(logical)))
    }
  }

  @Test("the sanitiser's output is stable and free of controls")
  func sanitiser() async {
    await propertyCheck(count: 300, input: hostileText) { s in
      let clean = Sanitizer.clean(s)
      #expect(Sanitizer.clean(clean) == clean)
      #expect(
        !clean.unicodeScalars.contains {
          $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || isForbiddenInOutput($0)
        })
    }
  }

  @Test("search folding is idempotent")
  func folding() async {
    await propertyCheck(count: 300, input: hostileText) { s in
      let once = SearchFolding.fold(s)
      #expect(SearchFolding.fold(once) == once)
    }
  }
}
