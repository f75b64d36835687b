import TalabatiDomain
import Testing

@testable import TalabatiText

@Suite("Arabic keyboard, search folding, bidi modes")
struct KeyboardSearchModeTests {
  /// The Arabic (101) layout, row by row, as printed on Saudi keyboards.
  @Test("unshifted keys of the Arabic (101) layout")
  func unshifted() {
    let rows: [(String, String)] = [
      ("ذ", "`"), ("ضصثقفغعهخحجد", "qwertyuiop[]"), ("شسيبلاتنمكط", "asdfghjkl;'"),
      ("ئءؤرىةوزظ", "zxcvnm,./"),
    ]
    for (arabic, latin) in rows {
      for (a, l) in zip(arabic, latin) {
        #expect(ArabicKeyboard.latinKey(for: a) == l, "\(a)")
      }
    }
  }

  @Test("shifted keys: harakat, hamza forms, ؟ ، ؛ and the lam-alef ligatures")
  func shifted() {
    let pairs: [(Character, Character)] = [
      ("\u{064E}", "Q"), ("\u{064B}", "W"), ("\u{064F}", "E"), ("\u{064C}", "R"), ("إ", "Y"),
      ("÷", "I"), ("×", "O"), ("؛", "P"), ("\u{0650}", "A"), ("\u{064D}", "S"), ("أ", "H"),
      ("ـ", "J"), ("،", "K"), ("\u{0652}", "X"), ("آ", "N"), ("؟", "?"), ("\u{0651}", "~"),
      ("\u{FEFB}", "b"), ("\u{FEF5}", "B"), ("\u{FEF7}", "G"), ("\u{FEF9}", "T"),
    ]
    for (a, l) in pairs {
      #expect(
        ArabicKeyboard.latinKey(for: a) == l,
        "U+\(String(a.unicodeScalars.first!.value, radix: 16))")
    }
    #expect(ArabicKeyboard.latinKey(for: "٣") == "3")
    #expect(ArabicKeyboard.latinKey(for: "x") == nil)
    // Windows sends lam-alef as two letters.
    #expect(ArabicKeyboard.latinKeys(for: "لا") == "b")
    #expect(ArabicKeyboard.latinKeys(for: "لآ") == "B")
    #expect(ArabicKeyboard.latinKeys(for: "ل") == "g")
    #expect(ArabicKeyboard.latinKeys(for: "ضj") == "qj")
  }

  @Test("search folding")
  func folding() {
    #expect(SearchFolding.fold("أسود") == SearchFolding.fold("اسود"))
    #expect(SearchFolding.fold("إلغاء آمن ٱلطلب") == "الغاء امن الطلب")
    #expect(SearchFolding.fold("مُحَمَّد") == "محمد")
    #expect(SearchFolding.fold("هديـــة") == "هديه")
    #expect(SearchFolding.fold("مستشفى") == "مستشفي")
    #expect(SearchFolding.fold("  Sony   WH-1000XM5\n") == "sony wh-1000xm5")
    #expect(SearchFolding.fold("٤٠٢-١٢٣") == "402-123")
    #expect(SearchFolding.fold("\u{FEFB}") == "لا")  // presentation form ligature
    #expect(SearchFolding.fold("ＳＯＮＹ") == "sony")
  }

  @Test("bidi mode detection and BDSM sequences")
  func modes() {
    #expect(BidiMode.detect(environment: [:]) == .app)
    #expect(BidiMode.detect(environment: ["KONSOLE_VERSION": "230805"]) == .terminal)
    #expect(BidiMode.detect(environment: ["MLTERM": "3.9.3"]) == .terminal)
    #expect(BidiMode.detect(environment: ["VTE_VERSION": "7006"]) == .app)
    #expect(BidiMode.detect(environment: ["KONSOLE_VERSION": "1", "TALABATI_BIDI": "app"]) == .app)
    #expect(BidiMode.detect(environment: ["TALABATI_BIDI": "terminal"]) == .terminal)
    #expect(BidiMode.detect(environment: ["TALABATI_BIDI": "bogus"]) == .app)
    #expect(BidiMode.bdsmExplicit == "\u{1B}[8l")
    #expect(BidiMode.bdsmImplicit == "\u{1B}[8h")
  }

  @Test("Language direction")
  func lang() {
    #expect(Language.ar.direction == .rtl)
    #expect(Language.en.direction == .ltr)
  }
}
