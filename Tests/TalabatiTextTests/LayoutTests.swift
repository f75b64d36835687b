import Testing

@testable import TalabatiText

@Suite("Widths, truncation and padding")
struct LayoutTests {
  @Test("widths after shaping: ligature 1, harakat 0, wide 2, isolates 0")
  func widths() {
    #expect(TextWidth.columns("لا") == 1)
    #expect(TextWidth.unshapedColumns("لا") == 2)
    #expect(TextWidth.columns("مُحَمَّد") == 4)
    #expect(TextWidth.columns(Bidi.isolate("402")) == 3)
    #expect(TextWidth.columns("日本") == 4)
    #expect(TextWidth.columns("") == 0)
    #expect(TextWidth.width(of: "\u{064E}") == 0)
    #expect(TextWidth.width(of: "\u{FEFB}") == 1)
    #expect(TextWidth.width(of: "\u{1B}") == -1)
  }

  @Test("RTL truncation puts … on the left, where the Arabic reader ends")
  func truncateRTL() {
    let line = Layout.fit("إلغاء السلع المحددة في هذا الطلب", columns: 12, base: .rtl)
    #expect(line.width == 12)
    #expect(line.glyphs.first?.text == "…")
    // The kept text is the logical start, shaped as a line of its own: "إلغاء السلع" is 11
    // columns, and its last letter ع takes its final form before the cut.
    #expect(hex(line.text) == "2026 FECA FEE0 FEB4 FEDF FE8D 0020 0621 FE8E FED0 FEDF FE87")
    #expect(line.logicalIndex.first == -1)
    // Cut-off scalars show nowhere.
    #expect(line.visualIndex.last == -1)
  }

  @Test("LTR truncation puts … on the right")
  func truncateLTR() {
    let line = Layout.fit("Sony WH-1000XM5 headphones", columns: 10, base: .ltr)
    #expect(line.text == "Sony WH-1…")
    #expect(line.width == 10)
  }

  @Test("truncating inside an isolated order number closes the isolate first")
  func truncateIsolate() {
    let logical = "طلب رقم \(Bidi.isolate("402-1234567-1234567"))"
    let line = Layout.fit(logical, columns: 14, base: .rtl)
    #expect(line.width == 14)
    // The number keeps its order and the ellipsis goes to the paragraph's logical end (left).
    #expect(line.text.hasPrefix("…402-"))
  }

  @Test("a wide glyph that does not fit is replaced by padding, never split")
  func wideAtEdge() {
    let line = Layout.fit("ab日本", columns: 4, base: .ltr)
    #expect(line.text == "ab… ")
    #expect(line.width == 4)
  }

  @Test("harakat are never separated from their letter by the cut")
  func marksStay() {
    let line = Layout.fit("مُحَمَّد مُحَمَّد", columns: 3, base: .rtl)
    #expect(line.width == 3)
    for g in line.glyphs where g.text.unicodeScalars.count > 1 {
      #expect(g.width == 1)
    }
  }

  @Test("alignment: start is right in RTL, left in LTR")
  func alignment() {
    #expect(Layout.fit("ab", columns: 5, base: .ltr).text == "ab   ")
    #expect(Layout.fit("ab", columns: 5, base: .ltr, align: .end).text == "   ab")
    #expect(Layout.fit("ab", columns: 5, base: .ltr, align: .center).text == " ab  ")
    let rtl = Layout.fit("طلب", columns: 5, base: .rtl)
    #expect(rtl.text.hasPrefix("  ") && !rtl.text.hasSuffix(" "))
    #expect(rtl.visualIndex[0] == 4)  // ط is the rightmost glyph
    let rtlEnd = Layout.fit("طلب", columns: 5, base: .rtl, align: .end)
    #expect(rtlEnd.text.hasSuffix("  "))
  }

  @Test("tiny boxes: 0 columns is empty, 1 column is just the ellipsis")
  func tiny() {
    #expect(Layout.fit("طلباتك", columns: 0, base: .rtl).glyphs.isEmpty)
    #expect(Layout.fit("طلباتك", columns: 1, base: .rtl).text == "…")
    #expect(Layout.fit("日本", columns: 1, base: .ltr).text == "…")
    #expect(Layout.fit("", columns: 3, base: .rtl).text == "   ")
  }
}
