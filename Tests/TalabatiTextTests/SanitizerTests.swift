import Testing

@testable import TalabatiText

/// Untrusted text (titles, seller names, imported fields) must not drive the terminal.
@Suite("Sanitiser")
struct SanitizerTests {
  @Test("CSI sequences are dropped whole, not just the ESC")
  func csi() {
    #expect(Sanitizer.clean("red\u{1B}[31;1mALERT\u{1B}[0m") == "redALERT")
    #expect(Sanitizer.clean("a\u{1B}[2Jb") == "ab")
    #expect(Sanitizer.clean("a\u{9B}31mb") == "ab")  // 8-bit CSI
  }

  @Test("OSC ends at BEL or ST; the payload (title, hyperlink target) disappears")
  func osc() {
    #expect(Sanitizer.clean("x\u{1B}]0;pwned\u{07}y") == "xy")
    #expect(Sanitizer.clean("x\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "xlinky")
    #expect(Sanitizer.clean("x\u{9D}0;t\u{9C}y") == "xy")
    #expect(Sanitizer.clean("x\u{1B}]0;never ends") == "x")
    #expect(Sanitizer.clean("x\u{1B}P1$r\u{1B}\\y") == "xy")  // DCS
  }

  @Test("other escapes: ESC + final, ESC + intermediate + final")
  func shortEscapes() {
    #expect(Sanitizer.clean("a\u{1B}cb") == "ab")
    #expect(Sanitizer.clean("a\u{1B}(Bb") == "ab")
    #expect(Sanitizer.clean("a\u{1B}") == "a")
    #expect(Sanitizer.clean("a\u{1B}طb") == "aطb")  // a lone ESC never eats a letter
    #expect(Sanitizer.clean("a\u{1B}[31طb") == "aطb")  // nor does a broken CSI
  }

  @Test("C0 and C1 controls become visible placeholders; whitespace becomes spaces")
  func controls() {
    #expect(Sanitizer.clean("a\u{07}b\u{00}c\u{85}d\u{8D}e") == "a\u{FFFD}b\u{FFFD}c d\u{FFFD}e")
    #expect(Sanitizer.clean("line1\nline2\tend\r") == "line1 line2 end ")
    #expect(Sanitizer.clean("a\u{7F}b") == "a\u{FFFD}b")
  }

  @Test("bidi embeddings and overrides are shown as placeholders (spoofing)")
  func bidiControls() {
    // A seller name that would display as "Amazon" reversed trickery: U+202E RLO.
    #expect(Sanitizer.clean("\u{202E}nozamA") == "\u{FFFD}nozamA")
    for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E] {
      let s = "x" + String(Unicode.Scalar(v)!) + "y"
      #expect(Sanitizer.clean(s) == "x\u{FFFD}y", "U+\(String(v, radix: 16))")
    }
  }

  /// Isolates and marks cannot reorder text outside their own run, and the text layer isolates
  /// every untrusted run itself: they are dropped, not shown as `�` (issue 11: a seller name
  /// written with them showed a `�` for each).
  @Test("bidi isolates and marks are harmless: dropped, no placeholder")
  func harmlessBidiControls() {
    for v: UInt32 in [0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
      let s = "x" + String(Unicode.Scalar(v)!) + "y"
      #expect(Sanitizer.clean(s) == "xy", "U+\(String(v, radix: 16))")
    }
    #expect(
      Sanitizer.clean("\u{2067}متجر النور\u{2069} \u{200F}Electronics") == "متجر النور Electronics")
  }

  @Test("invalid UTF-8, unpaired surrogates and noncharacters become U+FFFD")
  func invalid() {
    #expect(Sanitizer.clean(bytes: [0x61, 0xFF, 0xC3, 0x62]) == "a\u{FFFD}\u{FFFD}b")
    let unpaired = String(decoding: [0x0061, 0xD800, 0x0062] as [UInt16], as: UTF16.self)
    #expect(Sanitizer.clean(unpaired) == "a\u{FFFD}b")
    // Noncharacters cannot be written as literals: build them from scalar values.
    let nonchars =
      "a" + String(Unicode.Scalar(0xFFFE as UInt32)!) + "b"
      + String(Unicode.Scalar(0xFDD0 as UInt32)!)
    #expect(Sanitizer.clean(nonchars) == "a\u{FFFD}b\u{FFFD}")
  }

  @Test("invisible format characters are removed; Arabic, emoji and ZWNJ stay")
  func invisible() {
    #expect(Sanitizer.clean("so\u{200B}ny\u{FEFF}") == "sony")
    let keep = "سماعات 👨\u{200D}👩 می\u{200C}خواهم"
    #expect(Sanitizer.clean(keep) == keep)
    #expect(Sanitizer.isClean("إلغاء الطلب"))
  }
}
