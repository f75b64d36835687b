import Foundation

@testable import TalabatiText

/// The scalars of `s` as space-separated upper-case hex (`FEDA FE97 …`), for exact comparisons.
func hex(_ s: String) -> String {
  s.unicodeScalars.map { String(format: "%04X", $0.value) }.joined(separator: " ")
}

/// The string made of the space-separated hex scalars `h`.
func unhex(_ h: String) -> String {
  var v = String.UnicodeScalarView()
  for part in h.split(separator: " ") {
    if let n = UInt32(part, radix: 16), let u = Unicode.Scalar(n) { v.append(u) }
  }
  return String(v)
}

/// The folder of the repository (resolving the dev package's symlinks).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Scalars that may never appear in a glyph: controls, bidi controls, BOM/filler.
func isForbiddenInOutput(_ u: Unicode.Scalar) -> Bool {
  switch u.value {
  case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069,
    0xFEFF:
    return true
  default: return false
  }
}
