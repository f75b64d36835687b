import PropertyBased
import Testing

@testable import TalabatiText

/// `Layout.wrap`: explanations break into lines instead of losing their end (issue 13).
@Suite struct WrapTests {
  let price = Format.money(minor: 114_900, currency: "SAR", lang: .ar)
  let date = Format.date(
    .init(timeIntervalSince1970: 1_795_770_000), lang: .ar, timeZone: "Asia/Riyadh")

  /// Each line fits, nothing is lost, and the words come back in order.
  @Test func linesFitAndKeepEveryWord() {
    let text =
      "It leaves Your Orders and stays in Archived orders; nothing is deleted. Restore it any time."
    for columns in 10...60 {
      let lines = Layout.wrap(text, columns: columns)
      #expect(lines.allSatisfy { TextWidth.columns($0) <= columns }, "\(columns)")
      #expect(lines.joined(separator: " ") == text)
    }
  }

  /// An amount and a date (isolated runs) are never split across lines, in any width they fit.
  @Test func isolatedRunsStayWhole() async {
    let line = "استرداد " + price + " إلى بطاقة مدى " + Bidi.isolate("•••• 8516") + " في " + date
    await propertyCheck(count: 100, input: Gen.int(in: 22...80)) { columns in
      let lines = Layout.wrap(line, columns: columns)
      let priceVisual = Bidi.visual(price, base: .rtl).text
      let dateVisual = Bidi.visual(date, base: .rtl).text
      let drawn = lines.map { Bidi.visual($0, base: .rtl).text }
      #expect(drawn.contains { $0.contains(priceVisual) }, "\(columns): \(drawn)")
      #expect(drawn.contains { $0.contains(dateVisual) }, "\(columns): \(drawn)")
      #expect(lines.allSatisfy { TextWidth.columns($0) <= columns })
    }
  }

  /// Isolates open at a line's end are closed there and reopened on the next line.
  @Test func isolatesAreBalancedOnEveryLine() {
    let title = Bidi.firstStrong("Philips Air Fryer XXL HD9650 قلاية هوائية كبيرة")
    for columns in 8...40 {
      for l in Layout.wrap("• " + title + " — " + price, columns: columns) {
        var depth = 0
        for u in l.unicodeScalars {
          if (0x2066...0x2068).contains(u.value) { depth += 1 }
          if u.value == 0x2069 { depth -= 1 }
          #expect(depth >= 0)
        }
        #expect(depth == 0, "\(columns): \(l.debugDescription)")
      }
    }
  }

  /// A line that fits is returned as it is.
  @Test func aLineThatFitsIsUntouched() {
    #expect(Layout.wrap("short", columns: 5) == ["short"])
    #expect(Layout.wrap("", columns: 5) == [""])
  }
}
