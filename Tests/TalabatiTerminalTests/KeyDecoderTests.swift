import CNcursesw
import TalabatiUI
import Testing

@testable import TalabatiTerminal

/// The pure key table: what the user pressed → the `Key` the UI sees. No terminal needed.
@Suite("Key decoding")
struct KeyDecoderTests {
  @Test(
    "curses key codes map to named keys",
    arguments: [
      (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
      (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
      (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_BTAB, .backTab),
      // Keypad corners (application keypad mode) behave like the keys printed on them.
      (KEY_A1, .home), (KEY_C1, .end), (KEY_A3, .pageUp), (KEY_C3, .pageDown),
    ] as [(Int32, Key)])
  func keyCodes(code: Int32, expected: Key) {
    #expect(KeyDecoder.decode(.keyCode(code)) == expected)
  }

  @Test("function keys F1–F12 (and shifted F13+) carry their number")
  func functionKeys() {
    for n in 1...24 {
      #expect(KeyDecoder.decode(.keyCode(tl_key_f(Int32(n)))) == .function(n))
    }
    // KEY_F0 is not a key anyone can press on a PC keyboard.
    #expect(KeyDecoder.decode(.keyCode(tl_key_f(0))) == nil)
  }

  @Test("KEY_RESIZE reports the new size")
  func resize() {
    #expect(
      KeyDecoder.decode(.keyCode(KEY_RESIZE), size: (100, 30)) == .resize(width: 100, height: 30))
  }

  @Test("mouse events and unknown codes are dropped, not turned into text")
  func unknownCodes() {
    #expect(KeyDecoder.decode(.keyCode(KEY_MOUSE)) == nil)
    #expect(KeyDecoder.decode(.keyCode(0o777)) == nil)
    #expect(KeyDecoder.decode(.keyCode(-1)) == nil)
  }

  @Test(
    "control characters: Enter, Tab, Esc, Backspace variants",
    arguments: [
      (13, Key.enter), (10, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
    ] as [(UInt32, Key)])
  func controls(value: UInt32, expected: Key) {
    #expect(KeyDecoder.decode(.character(value)) == expected)
  }

  @Test("Ctrl-letters arrive as .ctrl in raw mode (Ctrl-C does not kill the app)")
  func ctrlLetters() {
    #expect(KeyDecoder.decode(.character(3)) == .ctrl("c"))
    #expect(KeyDecoder.decode(.character(12)) == .ctrl("l"))
    #expect(KeyDecoder.decode(.character(26)) == .ctrl("z"))
    #expect(KeyDecoder.decode(.character(1)) == .ctrl("a"))
    #expect(KeyDecoder.decode(.character(0)) == .ctrl(" "))
    #expect(KeyDecoder.decode(.character(0x1F)) == .ctrl("_"))
    // Every C0 code decodes to something except none: no control byte becomes .char.
    for v: UInt32 in 0..<0x20 {
      let key = KeyDecoder.decode(.character(v))
      if case .char = key { Issue.record("control \(v) decoded as text") }
    }
  }

  @Test(
    "printable ASCII, Arabic letters (Arabic 101 layout), harakat and Arabic digits pass through")
  func printable() {
    for scalar in "aZ0~ طلباتكإلغاءًٌٍَُِّ٠١٩؟،".unicodeScalars {
      #expect(KeyDecoder.decode(.character(scalar.value)) == .char(Character(scalar)))
    }
  }

  @Test("C1 controls, bidi overrides, surrogates and out-of-range values never become text")
  func hostileInput() {
    for v: UInt32 in [
      0x80, 0x9B, 0x9F, 0x202E, 0x2066, 0xFEFF, 0xD800, 0xDFFF, 0x110000, 0xFFFF_FFFF,
    ] {
      #expect(KeyDecoder.decode(.character(v)) == nil, "U+\(String(v, radix: 16))")
    }
  }

  @Test("decoding any 32-bit input never traps (fuzz)")
  func fuzz() {
    var rng = SystemRandomNumberGenerator()
    var decodedText = 0
    for _ in 0..<20_000 {
      let v =
        UInt32.random(in: 0...UInt32.max, using: &rng) >> UInt32.random(in: 0...31, using: &rng)
      if case .char(let c) = KeyDecoder.decode(.character(v)) {
        decodedText += 1
        // Whatever becomes text is one valid scalar and not a control.
        #expect(c.unicodeScalars.count == 1)
        #expect(c.unicodeScalars.first.map { $0.properties.generalCategory != .control } == true)
      }
      _ = KeyDecoder.decode(.keyCode(Int32(bitPattern: v)))
    }
    #expect(decodedText > 0)
  }
}

/// Escape sequences curses' terminfo entry does not know arrive as Esc followed by their
/// characters: they decode to their key or to nothing, never to Esc/back (issue 13, item 10).
@Suite("Escape sequences after a lone Esc")
struct EscapeSequenceTests {
  /// Feeds `text` (what followed the Esc) through the assembler, one key per character.
  func assemble(_ text: String) -> (key: Key?, leftover: Key?) {
    var keys = text.map { KeyDecoder.decodeCharacter($0.unicodeScalars.first!.value) }
    return KeyDecoder.assembleEscape { keys.isEmpty ? nil : keys.removeFirst() }
  }

  @Test(
    "Home and End in every common spelling",
    arguments: [
      ("[1~", Key.home), ("[7~", .home), ("[H", .home), ("OH", .home), ("[1;5H", .home),
      ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end), ("[1;2F", .end),
    ] as [(String, Key)])
  func homeEnd(tail: String, expected: Key) {
    #expect(KeyDecoder.decodeEscape(Array(tail)) == .key(expected))
    #expect(assemble(tail).key == expected)
  }

  @Test("arrows, paging and Delete in their other spellings")
  func otherKeys() {
    #expect(assemble("[A").key == .up)
    #expect(assemble("OB").key == .down)
    #expect(assemble("[5~").key == .pageUp)
    #expect(assemble("[6~").key == .pageDown)
    #expect(assemble("[3~").key == .delete)
    #expect(assemble("[Z").key == .backTab)
  }

  @Test(
    "unknown sequences and Alt-x are dropped, not taken as Esc",
    arguments: ["x", "q", "[2~", "[15~", "[200~", "OP", "[?1;2c", "[M", "]", "ب"])
  func unknown(tail: String) {
    let (key, leftover) = assemble(tail)
    #expect(key == nil)
    #expect(leftover == nil)
  }

  @Test("a lone Esc is still Esc; a cut sequence is dropped")
  func loneEsc() {
    #expect(assemble("").key == .escape)
    #expect(assemble("[1").key == nil)
    #expect(KeyDecoder.decodeEscape(Array("[1")) == .needMore)
    #expect(KeyDecoder.decodeEscape([]) == .needMore)
  }

  @Test("an over-long sequence ends as nothing")
  func overLong() {
    #expect(assemble("[" + String(repeating: "1", count: 40)).key == nil)
  }

  @Test("a named key that cuts a sequence short is kept; Alt-Up is dropped")
  func leftovers() {
    var keys: [Key?] = [.char("["), .enter]
    let cut = KeyDecoder.assembleEscape { keys.isEmpty ? nil : keys.removeFirst() }
    #expect(cut.key == nil && cut.leftover == .enter)
    var alt: [Key?] = [.up]
    let altUp = KeyDecoder.assembleEscape { alt.isEmpty ? nil : alt.removeFirst() }
    #expect(altUp.key == nil && altUp.leftover == nil)
  }
}
