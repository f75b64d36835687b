import CSystemShims
import Foundation
import Testing

@testable import TalabatiText

/// The width table must equal glibc's `wcwidth` in a UTF-8 locale, yet not need one.
@Suite("Width table vs glibc")
struct WidthTableTests {
  /// Uses a thread-local locale (`uselocale`) so the process locale other tests see is untouched.
  @Test("widthTableMatchesGlibc: every scalar U+0000…U+10FFFF")
  func widthTableMatchesGlibc() throws {
    let mask = Int32(1) << LC_CTYPE
    guard let utf8 = newlocale(mask, "C.UTF-8", nil) else {
      print("width table: skipped, no C.UTF-8 locale")
      return
    }
    defer { freelocale(utf8) }
    let previous = uselocale(utf8)
    defer { uselocale(previous) }
    var mismatches: [String] = []
    for v in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
      let glibc = Int(wcwidth(wchar_t(bitPattern: v)))
      if glibc != TextWidth.width(of: v) && mismatches.count < 10 {
        mismatches.append(
          "U+\(String(v, radix: 16)): glibc \(glibc), table \(TextWidth.width(of: v))")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// TERMINAL-NOTES.md: without setlocale, glibc cannot measure Arabic; the table can.
  @Test("widths do not depend on the process locale")
  func noLocaleNeeded() throws {
    let mask = Int32(1) << LC_CTYPE
    guard let c = newlocale(mask, "C", nil) else { return }
    defer { freelocale(c) }
    let previous = uselocale(c)
    defer { uselocale(previous) }
    #expect(wcwidth(wchar_t(0x0644)) == -1)  // glibc in the C locale: "not printable"
    #expect(TextWidth.columns("لا توجد طلبات مؤرشفة") == 19)
  }

  /// "A few µs for a 60-char line": measured here, with a generous bound for debug builds.
  @Test("Bidi.visual is fast enough for every line of every frame")
  func speed() {
    let line = "إلغاء الطلب رقم \(Bidi.isolate("402-1234567-1234567")) (Sony WH-1000XM5) أسود"
    let runs = 2000
    let clock = ContinuousClock()
    var total = 0
    let elapsed = clock.measure {
      for _ in 0..<runs { total &+= Bidi.visual(line, base: .rtl).width }
    }
    let micros =
      Double(elapsed.components.attoseconds) / 1e12 / Double(runs)
      + Double(elapsed.components.seconds) * 1e6 / Double(runs)
    print(
      "Bidi.visual: \(line.unicodeScalars.count) scalars, \(String(format: "%.1f", micros)) µs/line"
    )
    #expect(total == runs * TextWidth.columns(line))
    #expect(micros < 500)
  }
}
