import Testing

@testable import TalabatiText

/// Golden bidi + shaping cases. Every expected visual string below was computed independently
/// with Debian's `fribidi --rtl --nopad --charset UTF-8` (libfribidi-bin 1.0.8) on the logical
/// line, then printed as hex with Python; the only edit is removing the U+FEFF lam-alef filler
/// and LRI/PDI that the command leaves in (TERMINAL-NOTES.md), which `Bidi.visual` strips.
@Suite("Bidi golden strings (TERMINAL-NOTES.md)")
struct BidiGoldenTests {
  @Test("1. طلباتك: joined forms, reversed")
  func yourOrders() {
    let line = Bidi.visual("طلباتك", base: .rtl)
    #expect(hex(line.text) == "FEDA FE97 FE8E FE92 FEE0 FEC3")
    #expect(line.width == 6)
  }

  @Test("2. R5 button label in the article's words")
  func cancelCheckedItems() {
    let line = Bidi.visual("إلغاء السلع المحددة في هذا الطلب", base: .rtl)
    #expect(
      hex(line.text)
        == "FE90 FEE0 FEC4 FEDF FE8D 0020 FE8D FEAC FEEB 0020 FEF2 FED3 0020 FE93 FEA9 FEAA "
        + "FEA4 FEE4 FEDF FE8D 0020 FECA FEE0 FEB4 FEDF FE8D 0020 0621 FE8E FED0 FEDF FE87")
    #expect(line.width == 32)
  }

  /// Without isolation the order number is Unicode-correct but wrong for the shopper.
  @Test("3. order number reads as written only when isolated (R20, R24)")
  func orderNumber() {
    let raw = Bidi.visual("إلغاء الطلب رقم 402-1234567-1234567 (Sony WH-1000XM5)", base: .rtl)
    #expect(raw.text.contains("1234567-1234567-402"))

    let logical = "إلغاء الطلب رقم \(Bidi.isolate("402-1234567-1234567")) (Sony WH-1000XM5)"
    let line = Bidi.visual(logical, base: .rtl)
    #expect(line.text.hasPrefix("(Sony WH-1000XM5) 402-1234567-1234567 "))
    #expect(
      hex(line.text)
        == hex("(Sony WH-1000XM5) 402-1234567-1234567 ")
        + " FEE2 FED7 FEAD 0020 FE90 FEE0 FEC4 FEDF FE8D 0020 0621 FE8E FED0 FEDF FE87")
    // The isolates are consumed: no glyph carries them, and they take no column.
    #expect(!line.text.unicodeScalars.contains(where: isForbiddenInOutput))
    #expect(line.width == 53)
  }

  @Test("4. لا توجد طلبات مؤرشفة: one lam-alef ligature, 19 columns")
  func lamAlef() {
    let logical = "لا توجد طلبات مؤرشفة"
    #expect(logical.unicodeScalars.count == 20)
    let line = Bidi.visual(logical, base: .rtl)
    #expect(
      hex(line.text)
        == "FE94 FED4 FEB7 FEAD FE86 FEE3 0020 FE95 FE8E FE92 FEE0 FEC3 0020 FEAA FE9F FEEE FE97 "
        + "0020 FEFB")
    #expect(line.width == 19)
    #expect(TextWidth.columns(logical) == 19)
    // Both the lam and the alef map to the ligature glyph (the rightmost one).
    #expect(line.visualIndex[0] == line.glyphs.count - 1)
    #expect(line.visualIndex[1] == line.glyphs.count - 1)
  }

  @Test("5. harakat stay on their letters with zero width")
  func harakat() {
    let logical = "مُحَمَّد — هدية"
    let line = Bidi.visual(logical, base: .rtl)
    #expect(
      hex(line.text) == "FE94 FEF3 FEAA FEEB 0020 2014 0020 FEAA FEE4 064E 0651 FEA4 064E FEE3 064F"
    )
    #expect(line.width == 11)
    // Each mark is in the same glyph as its letter: م+ُ is the rightmost glyph.
    #expect(line.glyphs.last == Glyph(text: "\u{FEE3}\u{064F}", width: 1))
    #expect(line.glyphs.contains(Glyph(text: "\u{FEE4}\u{064E}\u{0651}", width: 1)))
  }

  @Test("mixed product title: Latin run kept, brackets mirrored around Arabic")
  func mixedTitle() {
    let line = Bidi.visual("سماعات Sony WH-1000XM5 (أسود)", base: .rtl)
    #expect(
      hex(line.text)
        == "0028 FEA9 FEEE FEB3 FE83 0029 0020 " + hex("Sony WH-1000XM5")
        + " 0020 FE95 FE8E FECB FE8E FEE4 FEB3")
  }

  @Test("a price stays whole and after its label in Arabic")
  func priceInLabel() {
    let price = Format.money(minor: 123_450, currency: "SAR", lang: .ar)
    let line = Bidi.visual("الإجمالي: \(price)", base: .rtl)
    // Visual left to right: currency (reversed, RTL), space, number as written, then label.
    #expect(line.text.hasPrefix(".\u{FEB1}.\u{FEAD} 1,234.50 :"))
  }

  @Test("LTR base: English label with an Arabic product name")
  func ltrBase() {
    let line = Bidi.visual("Order: \(Bidi.firstStrong("سماعات")) x2", base: .ltr)
    // Isolated teh after alef: FE95 (same scalars as in the title case, from `fribidi`).
    #expect(hex(line.text) == hex("Order: ") + " FE95 FE8E FECB FE8E FEE4 FEB3 " + hex(" x2"))
  }

  @Test("pure ASCII in LTR takes the fast path unchanged")
  func asciiFastPath() {
    let line = Bidi.visual("Track order 402-1234567-1234567", base: .ltr)
    #expect(line.text == "Track order 402-1234567-1234567")
    #expect(line.logicalIndex == Array(0..<31))
  }

  @Test("terminal mode: logical order, unshaped, controls still stripped")
  func terminalMode() {
    let logical = "لا \(Bidi.isolate("402")) طلب"
    let line = Bidi.visual(logical, base: .rtl, mode: .terminal)
    #expect(line.text == "لا 402 طلب")
    #expect(line.width == 10)  // lam and alef unshaped: 2 columns
    #expect(Bidi.visual(logical, base: .rtl).width == 9)  // shaped: the ligature is 1
  }

  @Test("wide CJK glyphs are 2 columns; emoji ZWJ and VS16 dropped")
  func wide() {
    let line = Bidi.visual("日本❤\u{FE0F}", base: .ltr)
    #expect(line.glyphs.map(\.width) == [2, 2, 1])
    #expect(line.width == 5)
  }

  @Test("controls inside visual become visible or spaces, never raw")
  func defenceInDepth() {
    let line = Bidi.visual("a\u{1B}[31mb\tc\u{202E}d\u{0085}", base: .rtl)
    #expect(!line.text.unicodeScalars.contains(where: isForbiddenInOutput))
    #expect(line.text.contains("\u{FFFD}"))
  }

  @Test("position map: every glyph maps back, every visible scalar forward")
  func positionMap() {
    let logical = "رقم \(Bidi.isolate("402")) مؤكد"
    let line = Bidi.visual(logical, base: .rtl)
    let scalars = Array(logical.unicodeScalars)
    for (g, li) in line.logicalIndex.enumerated() {
      #expect(line.visualIndex[li] == g)
    }
    for (i, u) in scalars.enumerated() where u.value == 0x2066 || u.value == 0x2069 {
      #expect(line.visualIndex[i] == -1)
    }
    // "ر" (logical 0) is the rightmost glyph in RTL.
    #expect(line.column(forLogicalScalar: 0) == line.width - 1)
    #expect(Bidi.paragraphDirection(of: logical) == .rtl)
    #expect(Bidi.paragraphDirection(of: "\(Bidi.isolate("رقم")) Order") == .ltr)
  }
}
