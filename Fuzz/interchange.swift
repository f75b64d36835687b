// libFuzzer target: `InterchangeDocument.decode` on random bytes and mutated documents.
//
// Invariants: no trap on any input; an accepted document, canonicalised, encodes to bytes that
// decode to the same document and re-encode identically; error messages carry no raw ESC,
// CSI or bidi override.
import Foundation
import TalabatiDomain
import TalabatiInterchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterchange(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  do {
    // Decoding keeps the document's order; encoding canonicalises it. So: the canonical
    // bytes decode to the canonicalised document and re-encode to the same bytes.
    var doc = try InterchangeDocument.decode(bytes)
    doc.canonicalise()
    let canonical = try doc.encoded()
    let again = try InterchangeDocument.decode(canonical)
    precondition(again == doc, "encode → decode changed the document")
    let twice = try again.encoded()
    precondition(twice == canonical, "canonical bytes are not stable")
  } catch {
    let text = String(describing: error)
    precondition(
      !text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B },
      "an error message carries a raw control")
  }
  return 0
}
