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

// MARK: - Escape sequences curses does not know (issue 13, item 10)

extension KeyDecoder {
  /// What the characters read after an Esc amount to.
  public enum EscapeParse: Hashable, Sendable {
    /// A complete sequence naming this key.
    case key(Key)
    /// A complete sequence of no key the client uses (or Alt-x): dropped, never "back".
    case ignore
    /// The sequence is not complete yet: read one more character.
    case needMore
  }

  /// The longest sequence read after an Esc before it is dropped as unknown.
  public static let maxEscapeLength = 16

  /// Decodes the characters that followed an Esc which curses returned on its own: its
  /// terminfo entry did not know the sequence (tmux sends Home as `ESC [ 1 ~` whatever TERM
  /// says; `TERM=xterm-256color` expects `ESC O H`). Home is `[1~ [7~ [H OH`, End is
  /// `[4~ [8~ [F OF`, modifiers (`[1;5H`) included. Anything else — an unknown sequence, or
  /// Esc followed by a key (Alt-x) — is `.ignore`: it must never act as Esc/back.
  public static func decodeEscape(_ tail: [Character]) -> EscapeParse {
    guard let first = tail.first else { return .needMore }
    guard tail.allSatisfy({ $0.isASCII }) else { return .ignore }
    switch first {
    case "O":  // SS3: one final character
      guard tail.count >= 2 else { return .needMore }
      guard tail.count == 2 else { return .ignore }
      switch tail[1] {
      case "H": return .key(.home)
      case "F": return .key(.end)
      case "A": return .key(.up)
      case "B": return .key(.down)
      case "C": return .key(.right)
      case "D": return .key(.left)
      case "M": return .key(.enter)
      default: return .ignore
      }
    case "[":  // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final 0x40–0x7E
      let body = tail.dropFirst()
      guard let last = body.last else { return .needMore }
      let v = last.asciiValue ?? 0
      guard (0x40...0x7E).contains(v) else {
        guard (0x20...0x3F).contains(v), tail.count < maxEscapeLength else { return .ignore }
        return .needMore
      }
      guard body.dropLast().allSatisfy({ (0x20...0x3F).contains($0.asciiValue ?? 0) }) else {
        return .ignore
      }
      // The first parameter names the key; a second (`;5`) only adds modifiers.
      let params = String(body.dropLast()).split(separator: ";", omittingEmptySubsequences: false)
      let p = params.first.map(String.init) ?? ""
      switch (last, p) {
      case ("~", "1"), ("~", "7"), ("H", ""), ("H", "1"): return .key(.home)
      case ("~", "4"), ("~", "8"), ("F", ""), ("F", "1"): return .key(.end)
      case ("~", "3"): return .key(.delete)
      case ("~", "5"): return .key(.pageUp)
      case ("~", "6"): return .key(.pageDown)
      case ("A", ""), ("A", "1"): return .key(.up)
      case ("B", ""), ("B", "1"): return .key(.down)
      case ("C", ""), ("C", "1"): return .key(.right)
      case ("D", ""), ("D", "1"): return .key(.left)
      case ("Z", ""): return .key(.backTab)
      default: return .ignore
      }
    default:
      return .ignore  // Alt-x: Esc followed by a key
    }
  }

  /// Reads what follows an Esc through `next` (nil when nothing more arrives in time) and
  /// returns the key the whole amounts to (`.escape` when nothing followed, nil when it is to
  /// be ignored), and a key read past the sequence that must be handled next.
  public static func assembleEscape(next: () -> Key?) -> (key: Key?, leftover: Key?) {
    var tail: [Character] = []
    while true {
      guard let k = next() else {
        return (tail.isEmpty ? .escape : nil, nil)  // a lone Esc, or a cut sequence: dropped
      }
      guard case .char(let c) = k else {
        // Esc then a named key (Alt-Up, Alt-Esc) is one press of no meaning: both dropped.
        // A named key cutting a sequence short is a press of its own: kept.
        return (nil, tail.isEmpty ? nil : k)
      }
      tail.append(c)
      switch decodeEscape(tail) {
      case .key(let key): return (key, nil)
      case .ignore: return (nil, nil)
      case .needMore: continue
      }
    }
  }
}
