// MARK: - Sanitiser for untrusted text

/// Cleans untrusted text (product titles, seller names, imported fields) before it is laid out.
///
/// What it does, in one pass over the Unicode scalars:
/// - Terminal escape sequences are dropped whole: `ESC [` … final byte (CSI), `ESC ]` … BEL or
///   ST (OSC), `ESC P`/`X`/`^`/`_` … ST (DCS, SOS, PM, APC), `ESC` + intermediates + final
///   (e.g. `ESC ( B`), and their 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, …).
///   An unterminated string sequence swallows the rest of the input (nothing of it is safe).
/// - Tab, newline, CR, VT, FF, NEL (U+0085), U+2028 and U+2029 become one space each.
/// - Any other C0/C1 control and DEL becomes the visible placeholder U+FFFD.
/// - Bidi embeddings and overrides U+202A–202E, which reorder text beyond their own run,
///   become U+FFFD (a spoofing attempt stays visible).
/// - Bidi isolates U+2066–2069 and marks U+200E, U+200F, U+061C, which cannot reorder text
///   outside their run, are removed: the text layer isolates every untrusted run itself, and a
///   seller name written with them must not show `�` (issue 11).
/// - Noncharacters (U+FDD0–FDEF, U+xxFFFE/FFFF) become U+FFFD. Invalid UTF-8 or unpaired UTF-16
///   surrogates are already U+FFFD once decoded (see `clean(bytes:)`).
/// - Invisible format characters that only confuse search and widths (U+00AD, U+200B, U+2060–2064,
///   U+FEFF, U+206A–206F) are removed. ZWJ/ZWNJ stay (emoji, Persian).
public enum Sanitizer {
  /// The visible stand-in for a removed control or bidi override.
  public static let placeholder: Unicode.Scalar = "\u{FFFD}"

  /// Returns `untrusted` with escape sequences removed and controls replaced (see the type).
  public static func clean(_ untrusted: String) -> String {
    // Fast path: printable ASCII only.
    if untrusted.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return untrusted }
    var out = String.UnicodeScalarView()
    var it = untrusted.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return it.next()
    }
    while let s = next() {
      switch s.value {
      case 0x1B:  // ESC
        guard let f = next() else { return String(out) }
        switch f.value {
        case 0x5B: pending = skipCSI(&it)  // ESC [
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: skipString(&it)  // OSC, DCS, SOS, PM, APC
        case 0x20...0x2F:  // intermediates, then one final byte
          while let c = it.next() {
            if !(0x20...0x2F).contains(c.value) { break }
          }
        case 0x30...0x7E: break  // two-byte sequence such as ESC 7, ESC c: dropped
        default:
          pending = f  // ESC before a control or a letter: drop ESC, keep what follows
        }
      case 0x9B: pending = skipCSI(&it)
      case 0x9D, 0x90, 0x98, 0x9E, 0x9F: skipString(&it)
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: out.append(" ")
      case 0x00...0x1F, 0x7F...0x9F: out.append(placeholder)
      case 0x202A...0x202E: out.append(placeholder)
      case 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
      case 0x00AD, 0x200B, 0x2060...0x2064, 0xFEFF, 0x206A...0x206F: continue
      case 0xFDD0...0xFDEF: out.append(placeholder)
      default:
        if s.value & 0xFFFE == 0xFFFE { out.append(placeholder) } else { out.append(s) }
      }
    }
    return String(out)
  }

  /// Decodes untrusted bytes as UTF-8 (invalid sequences become U+FFFD) and cleans them.
  public static func clean(bytes: some Collection<UInt8>) -> String {
    clean(String(decoding: Array(bytes), as: UTF8.self))
  }

  /// True when `s` would come out of `clean` unchanged.
  public static func isClean(_ s: String) -> Bool { clean(s) == s }

  /// Skips a CSI sequence after its introducer: parameter and intermediate bytes, then one
  /// final byte 0x40–0x7E. A broken sequence ends at the first scalar that cannot belong to it,
  /// which is returned to be processed as ordinary input (so it cannot eat the text after it).
  private static func skipCSI(
    _ it: inout String.UnicodeScalarView.Iterator
  ) -> Unicode.Scalar? {
    while let c = it.next() {
      if (0x40...0x7E).contains(c.value) { return nil }
      if c.value < 0x20 || c.value > 0x7E { return c }
    }
    return nil
  }

  /// Skips a control string (OSC, DCS, SOS, PM, APC) through its terminator: BEL, ST (ESC \)
  /// or the C1 ST (U+009C). Unterminated: everything to the end is dropped.
  private static func skipString(_ it: inout String.UnicodeScalarView.Iterator) {
    var sawEsc = false
    while let c = it.next() {
      if c.value == 0x07 || c.value == 0x9C { return }
      if sawEsc && c.value == 0x5C { return }
      sawEsc = c.value == 0x1B
    }
  }
}
