import Foundation
import TalabatiDomain
import TalabatiInterchange
import TalabatiTerminal
import TalabatiText
import TalabatiUI
import Testing

/// Deterministic random-input loops over the same surfaces as the libFuzzer targets in `Fuzz/`
/// (key decoder, text layer, JSON import, theme loader, string table), with the same
/// invariants. Short by default; `TALABATI_FUZZ_ITERATIONS` multiplies the rounds (long mode)
/// and `TALABATI_SEED` replays a run.
@Suite struct RandomInputTests {
  static let scale = max(1, environmentInt("TALABATI_FUZZ_ITERATIONS", default: 1))

  /// Scalars a hostile or broken input is made of: controls, escape sequences, Arabic and its
  /// presentation forms, harakat, bidi controls, emoji, wide CJK, noncharacters.
  static func randomScalar(_ rng: inout SeededRandom) -> Unicode.Scalar {
    let ranges: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x00...0x1F, 0x7F...0x9F, 0x0600...0x06FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF,
      0x064B...0x065F, 0x0300...0x036F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069,
      0x1F300...0x1FAFF, 0x4E00...0x4E80, 0xFDD0...0xFDEF, 0xFFF0...0xFFFF, 0x10FFF0...0x10FFFF,
      0x1B...0x1B, 0x5B...0x5D,
    ]
    let r = ranges.randomElement(using: &rng) ?? 0x20...0x7E
    return Unicode.Scalar(UInt32.random(in: r, using: &rng)) ?? "?"
  }

  static func randomText(_ rng: inout SeededRandom, maxLength: Int = 60) -> String {
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...maxLength, using: &rng) { s.append(randomScalar(&rng)) }
    return String(s)
  }

  /// What must never reach a terminal from untrusted text (Sanitizer's contract).
  static func isForbidden(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
  }

  /// Invariants of the text layer on one input (shared with Fuzz/text.swift).
  static func checkText(_ text: String, columns: Int, base: Direction) {
    let clean = Sanitizer.clean(text)
    #expect(!clean.unicodeScalars.contains(where: isForbidden), "clean let a control through")
    #expect(Sanitizer.clean(clean) == clean, "clean is not idempotent: \(clean.debugDescription)")
    let visual = Bidi.visual(clean, base: base)
    #expect(visual.width == visual.glyphs.reduce(0) { $0 + $1.width })
    #expect(!visual.glyphs.contains { $0.text.unicodeScalars.contains(where: isForbidden) })
    let fitted = Layout.fit(clean, columns: columns, base: base)
    #expect(fitted.width == columns, "fit \(clean.debugDescription) → \(fitted.width)/\(columns)")
    #expect(fitted.glyphs.reduce(0) { $0 + $1.width } == columns)
    #expect(!fitted.glyphs.contains { $0.text.unicodeScalars.contains(where: isForbidden) })
  }

  @Test func textLayerNeverEmitsControlsAndKeepsWidths() {
    var rng = SeededRandom(seed: SeededRandom.seed(11))
    for _ in 0..<(1500 * Self.scale) {
      Self.checkText(
        Self.randomText(&rng), columns: Int.random(in: 0...90, using: &rng),
        base: Bool.random(using: &rng) ? .rtl : .ltr)
    }
    // The hostile titles of the injection tests, at every width from 0 to 40.
    for title in Documents.hostileTitles {
      for columns in 0...40 { Self.checkText(title, columns: columns, base: .rtl) }
    }
  }

  @Test func keyDecoderNeverTurnsControlsIntoText() {
    func check(_ input: KeyInput) {
      guard case .char(let c)? = KeyDecoder.decode(input, size: (80, 24)) else { return }
      for s in c.unicodeScalars {
        let category = s.properties.generalCategory
        #expect(
          category != .control && category != .format && category != .surrogate,
          "\(input) decoded as text U+\(String(s.value, radix: 16))")
      }
    }
    // Every character value up to the end of the BMP and the planes' edges, every small code.
    for v in UInt32(0)...0xFFFF { check(.character(v)) }
    for v in UInt32(0x10FFF0)...0x110010 { check(.character(v)) }
    for code in Int32(-64)...1024 { check(.keyCode(code)) }
    var rng = SeededRandom(seed: SeededRandom.seed(12))
    for _ in 0..<(20_000 * Self.scale) {
      check(.character(UInt32.random(in: 0...UInt32.max, using: &rng)))
      check(.keyCode(Int32.random(in: Int32.min...Int32.max, using: &rng)))
    }
  }

  /// Byte-level mutations of a valid input: flips, cuts, duplications and JSON/TOML tokens.
  static func mutate(_ data: [UInt8], _ rng: inout SeededRandom, tokens: [String]) -> [UInt8] {
    var d = data
    for _ in 0..<Int.random(in: 1...6, using: &rng) {
      guard !d.isEmpty else { break }
      let i = Int.random(in: 0..<d.count, using: &rng)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: d[i] = UInt8.random(in: 0...255, using: &rng)
      case 1: d.removeSubrange(i..<min(d.count, i + Int.random(in: 1...40, using: &rng)))
      case 2:
        let end = min(d.count, i + Int.random(in: 1...80, using: &rng))
        d.insert(contentsOf: d[i..<end], at: Int.random(in: 0...d.count, using: &rng))
      case 3: d.insert(contentsOf: Array((tokens.randomElement(using: &rng) ?? "").utf8), at: i)
      default: d = Array(d.prefix(i))
      }
    }
    return d
  }

  @Test func interchangeDecodeNeverTrapsAndRoundTrips() throws {
    var rng = SeededRandom(seed: SeededRandom.seed(13))
    let valid = Array(
      try Documents.document(titles: Documents.hostileTitles + ["مُحَمَّد — هدية"]).encoded())
    let tokens = [
      "null", "-1", "1e400", "\"", "{", "}", "[", "]", ",", "9223372036854775808", "\"\\u0000\"",
      "\"\\ud800\"", "\"2026-02-30T25:61:00.000Z\"", "true", "\"SAR\"", "\"\u{202E}\"", "0.5",
      "\"format\":\"talabati-orders\"", "\"version\":2", "[]", "{}", "\"\\u001b[2J\"",
    ]
    func check(_ bytes: [UInt8]) {
      do {
        // Decoding keeps the document's order, encoding canonicalises (found by Fuzz/run.sh:
        // events out of time order). The canonical bytes must be a fixed point.
        var doc = try InterchangeDocument.decode(Data(bytes))
        doc.canonicalise()
        let canonical = try doc.encoded()
        let again = try InterchangeDocument.decode(canonical)
        #expect(again == doc, "encode → decode changed an accepted document")
        #expect(try again.encoded() == canonical, "canonical bytes are not stable")
      } catch {
        let text = String(describing: error)
        #expect(
          !text.unicodeScalars.contains {
            $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B
          },
          "raw control in: \(text.debugDescription)")
      }
    }
    check(valid)
    for _ in 0..<(300 * Self.scale) { check(Self.mutate(valid, &rng, tokens: tokens)) }
    for _ in 0..<(300 * Self.scale) {
      check(
        (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng)
        })
    }
  }

  @Test func themeParserNeverTrapsAndErrorsStayPrintable() {
    var rng = SeededRandom(seed: SeededRandom.seed(14))
    // Seeds: the shipped theme files (themes/, found from this file's path).
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
    let sources = ThemeLoader.builtinNames.compactMap {
      try? String(contentsOf: themes.appendingPathComponent("\($0).toml"), encoding: .utf8)
    }
    #expect(sources.count == ThemeLoader.builtinNames.count)
    let tokens = [
      "[roles.", "]", "=", "\"", "'''", "fg = ", "bg = \"#zzzzzz\"", "\n[[x]]\n", "bold = 2",
      "\u{1B}[2J", "name = \"\u{1B}]0;pwned\u{07}\"", "#", "\"\"\"", "inf", "0x", "\u{0}",
      "[roles.normal]\n[roles.normal]\n", "monochrome = \"yes\"",
    ]
    let log = ProcessInfo.processInfo.environment["TALABATI_FUZZ_LOG"]
    func check(_ text: String) {
      // toml++ aborts on headers like `[.x]`: ThemeLoader must refuse them with a line number.
      if Self.tripsTOMLAssert(text) {
        #expect(throws: ThemeError.self) { try ThemeLoader.parse(text, file: "fuzz.toml") }
        return
      }
      // A trap inside the C++ TOML parser ends the process: the input is left behind.
      if let log { try? Data(text.utf8).write(to: URL(fileURLWithPath: log)) }
      do {
        let theme = try ThemeLoader.parse(text, file: "fuzz.toml")
        #expect(theme.styles[.normal] != nil)
        #expect(!theme.name.unicodeScalars.contains { $0.value == 0x1B }, "raw ESC in a name")
      } catch {
        #expect(
          !String(describing: error).unicodeScalars.contains { $0.value == 0x1B },
          "raw ESC in a theme error")
      }
    }
    for source in sources {
      check(source)
      for _ in 0..<(60 * Self.scale) {
        let bytes = Self.mutate(Array(source.utf8), &rng, tokens: tokens)
        check(String(decoding: bytes, as: UTF8.self))
      }
    }
    for _ in 0..<(100 * Self.scale) { check(Self.randomText(&rng, maxLength: 200)) }
  }

  /// True for a line like `[.x]` or `[[ \u{FFFD}x]]`: a table header whose first key starts
  /// with neither a bare-key character nor a quote, which trips an assertion in toml++
  /// (`parse_key`) and aborts the process.
  static func tripsTOMLAssert(_ text: String) -> Bool {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).contains { line in
      var rest = line.drop { $0 == " " || $0 == "\t" }
      guard rest.first == "[" else { return false }
      rest = rest.dropFirst()
      if rest.first == "[" { rest = rest.dropFirst() }
      guard let c = rest.first(where: { $0 != " " && $0 != "\t" }) else { return true }
      return !((c.isASCII && (c.isLetter || c.isNumber)) || "-_\"']".contains(c))
    }
  }

  @Test func stringTableFillerTakesAnyArguments() {
    var rng = SeededRandom(seed: SeededRandom.seed(15))
    let keys = StringTable.entries.keys.sorted()
    #expect(!keys.isEmpty)
    let names = ["order", "count", "date", "amount", "email", "time", "id", "title", "x", "{", ""]
    for _ in 0..<(2000 * Self.scale) {
      let key =
        Bool.random(using: &rng) ? (keys.randomElement(using: &rng) ?? "") : Self.randomText(&rng)
      let lang: Language = Bool.random(using: &rng) ? .ar : .en
      var args: [String: String] = [:]
      for _ in 0..<Int.random(in: 0...4, using: &rng) {
        let value = Bool.random(using: &rng) ? "{order}{{x}}" : Self.randomText(&rng)
        args[names.randomElement(using: &rng) ?? "x"] = value
      }
      let text = tr(key, lang, args)
      #expect(text == tr(key, lang, args), "tr is not deterministic")
      if StringTable.entries[key] == nil { #expect(text == key, "a missing key must come back") }
    }
  }
}
