// libFuzzer target: `KeyDecoder.decode` on random curses key codes and characters.
//
// Invariant: a decoded `.char` is never a control, a C1 control, a format (bidi) character or
// a surrogate: such input never reaches the UI as text.
import TalabatiTerminal
import TalabatiUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var i = 0
  while i + 5 <= size {
    let tag = data[i]
    let value =
      UInt32(data[i + 1]) | UInt32(data[i + 2]) << 8 | UInt32(data[i + 3]) << 16
      | UInt32(data[i + 4]) << 24
    let input: KeyInput =
      tag & 1 == 0 ? .keyCode(Int32(bitPattern: value)) : .character(value)
    if case .char(let c)? = KeyDecoder.decode(input, size: (Int(tag), Int(data[i + 1]))) {
      for s in c.unicodeScalars {
        let category = s.properties.generalCategory
        precondition(
          category != .control && category != .format && category != .surrogate,
          "a control decoded as text: \(s.value)")
      }
    }
    i += 5
  }
  return 0
}
