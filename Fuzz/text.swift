// libFuzzer target: the text layer on arbitrary scalars (Fuzz/run.sh builds and runs it).
//
// Invariants: `Sanitizer.clean` never lets a C0/C1 control, DEL or bidi control through and is
// idempotent; `Bidi.visual` and `Layout.fit` of clean text never emit one either;
// `Layout.fit` returns exactly the asked width and its glyph widths add up.
import TalabatiText

/// True for what must never reach a terminal from untrusted text.
func isForbidden(_ s: Unicode.Scalar) -> Bool {
  let v = s.value
  return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
    || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let columns = Int(bytes[0] % 90)
  let base: Direction = bytes[0] & 0x80 == 0 ? .rtl : .ltr
  // The rest as UTF-8 (invalid sequences become U+FFFD), plus as raw 21-bit scalars.
  var text = String(decoding: bytes.dropFirst(), as: UTF8.self)
  var i = 1
  while i + 3 <= size && text.unicodeScalars.count < 512 {
    let v = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2] & 0x1F) << 16
    if let s = Unicode.Scalar(v) { text.unicodeScalars.append(s) }
    i += 3
  }
  let clean = Sanitizer.clean(text)
  precondition(!clean.unicodeScalars.contains(where: isForbidden), "clean let a control through")
  precondition(Sanitizer.clean(clean) == clean, "clean is not idempotent")
  let visual = Bidi.visual(clean, base: base)
  precondition(visual.width == visual.glyphs.reduce(0) { $0 + $1.width }, "visual width")
  for g in visual.glyphs {
    precondition(!g.text.unicodeScalars.contains(where: isForbidden), "visual emitted a control")
  }
  let fitted = Layout.fit(clean, columns: columns, base: base)
  precondition(fitted.width == columns, "fit width \(fitted.width) ≠ \(columns)")
  precondition(fitted.glyphs.reduce(0) { $0 + $1.width } == columns, "fit glyph widths")
  for g in fitted.glyphs {
    precondition(!g.text.unicodeScalars.contains(where: isForbidden), "fit emitted a control")
  }
  return 0
}
