import Foundation
import Testing

@testable import TalabatiText

/// Runs the reorder path (`Bidi.resolve`, the same FriBidi calls `Bidi.visual` makes, without
/// shaping) against the Unicode conformance file `BidiCharacterTest.txt` from Debian's
/// `unicode-data`. TERMINAL-NOTES.md measured FriBidi 1.0.8 passing all 91,707 cases, so any
/// failure here is this wrapper's.
@Suite("UBA conformance (BidiCharacterTest.txt)")
struct BidiConformanceTests {
  static let path = "/usr/share/unicode/BidiCharacterTest.txt"

  @Test("levels and visual order match every case")
  func conformance() throws {
    guard let data = FileManager.default.contents(atPath: Self.path) else {
      print("BidiCharacterTest: skipped, \(Self.path) is absent (apt-get install unicode-data)")
      return
    }
    let text = String(decoding: data, as: UTF8.self)
    var total = 0
    var passed = 0
    var firstFailures: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("#") { continue }
      let fields = line.split(separator: ";", omittingEmptySubsequences: false)
      guard fields.count >= 5 else { continue }
      total += 1
      let scalars = fields[0].split(separator: " ").compactMap { UInt32($0, radix: 16) }
      let base: Direction? =
        switch fields[1] {
        case "0": .ltr
        case "1": .rtl
        default: nil
        }
      let expectedLevels = fields[3].split(separator: " ").map { Int($0) }  // nil for "x"
      let expectedOrder = fields[4].split(separator: " ").compactMap { Int($0) }
      guard let r = Bidi.resolve(scalars, base: base) else {
        if firstFailures.count < 5 { firstFailures.append("FriBidi failed: \(line)") }
        continue
      }
      var ok = expectedLevels.count == r.levels.count
      if ok {
        for (i, e) in expectedLevels.enumerated() {
          if let e, e != r.levels[i] { ok = false }
        }
      }
      // Characters whose expected level is "x" (removed by X9) are left out of the order.
      let order = r.visualToLogical.filter {
        $0 < expectedLevels.count && expectedLevels[$0] != nil
      }
      if order != expectedOrder { ok = false }
      if ok {
        passed += 1
      } else if firstFailures.count < 5 {
        firstFailures.append("\(line) → levels \(r.levels) order \(order)")
      }
    }
    print("BidiCharacterTest: \(passed)/\(total) passed")
    #expect(total > 90_000)
    #expect(passed == total, "first failures: \(firstFailures.joined(separator: "\n"))")
  }
}
