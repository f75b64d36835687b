import CNcursesw
import TalabatiUI

/// What `wget_wch` hands back: either a curses key code (`KEY_CODE_YES`) or a character.
public enum KeyInput: Hashable, Sendable {
  /// A curses key code such as `KEY_UP` or `KEY_F(5)`.
  case keyCode(Int32)
  /// A wide character (a Unicode scalar value, or a C0 control for Ctrl-letters).
  case character(UInt32)
}

/// The pure part of key decoding: curses key codes and characters to `Key` values.
///
/// It needs no terminal, so tests (and fuzzers) call it directly. Unknown codes, mouse events,
/// invalid scalars and C1 controls decode to nil: they never reach the UI as text.
public enum KeyDecoder {
  /// Decodes one `wget_wch` result; `size` fills in the dimensions of a `KEY_RESIZE`.
  public static func decode(_ input: KeyInput, size: (width: Int, height: Int) = (0, 0)) -> Key? {
    switch input {
    case .keyCode(let code): return decodeKeyCode(code, size: size)
    case .character(let value): return decodeCharacter(value)
    }
  }

  /// Decodes a curses key code (the `KEY_CODE_YES` case of `wget_wch`).
  public static func decodeKeyCode(_ code: Int32, size: (width: Int, height: Int)) -> Key? {
    switch code {
    case KEY_UP, KEY_SR: return .up
    case KEY_DOWN, KEY_SF: return .down
    case KEY_LEFT, KEY_SLEFT: return .left
    case KEY_RIGHT, KEY_SRIGHT: return .right
    case KEY_PPAGE, KEY_A3, KEY_SPREVIOUS: return .pageUp
    case KEY_NPAGE, KEY_C3, KEY_SNEXT: return .pageDown
    case KEY_HOME, KEY_A1, KEY_SHOME: return .home
    case KEY_END, KEY_C1, KEY_LL, KEY_SEND: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC, KEY_SDC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize(width: size.width, height: size.height)
    default:
      let f0 = tl_key_f(0)
      if code > f0 && code <= f0 + 63 { return .function(Int(code - f0)) }
      return nil
    }
  }

  /// Decodes a character: controls become named keys or `.ctrl`, printable scalars (Arabic
  /// letters typed on the Arabic layout included) become `.char`.
  public static func decodeCharacter(_ value: UInt32) -> Key? {
    switch value {
    case 0: return .ctrl(" ")  // Ctrl-Space / Ctrl-@
    case 8, 127: return .backspace  // ^H and DEL: what Backspace sends on various terminals
    case 9: return .tab
    case 10, 13: return .enter  // raw() + nonl(): Enter arrives as \r
    case 27: return .escape
    case 1...26:
      // Ctrl-A … Ctrl-Z (minus the ones above): 1 → "a".
      guard let s = Unicode.Scalar(value + 0x60) else { return nil }
      return .ctrl(Character(s))
    case 28...31:
      // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
      guard let s = Unicode.Scalar(value + 0x40) else { return nil }
      return .ctrl(Character(s))
    case 0x80...0x9F: return nil  // C1 controls never reach the UI
    default:
      guard let s = Unicode.Scalar(value) else { return nil }  // surrogates, > U+10FFFF
      // Lone zero-width scalars (combining marks, bidi controls) are not keys the UI can use.
      if s.properties.generalCategory == .format || s.properties.generalCategory == .control
        || s.properties.generalCategory == .surrogate || s.properties.generalCategory == .unassigned
      {
        return nil
      }
      return .char(Character(s))
    }
  }
}
