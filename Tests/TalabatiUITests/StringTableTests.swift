import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

@Suite struct StringTableTests {
  func defined(_ key: String) -> Bool {
    Language.allCases.allSatisfy { tr(key, $0) != key && !tr(key, $0).isEmpty }
  }

  @Test func everyDomainCaseHasALabelInBothLanguages() {
    var keys: [String] = []
    keys += Status.allCases.map { "status.\($0.rawValue)" }
    keys += CancelReason.allCases.map { "reason.\($0.rawValue)" }
    keys += CancelRefusal.allCases.map { "refusal.\($0.rawValue)" }
    keys += Alternative.allCases.map { "alternative.\($0.rawValue)" }
    keys += Fulfilment.allCases.map { "fulfilment.\($0.rawValue)" }
    keys += PaymentKind.allCases.map { "payment.\($0.rawValue)" }
    keys += OrderListView.allCases.map { "view.\($0.rawValue)" }
    keys += OrderListView.allCases.map { "list.empty.\($0.rawValue)" }
    for key in keys { #expect(defined(key), "missing \(key)") }
  }

  @Test func everyKeyHasHelpAndEveryHintAShortLabel() {
    for b in Keymap.bindings {
      #expect(defined(b.helpKey), "missing \(b.helpKey)")
      if b.hint { #expect(defined(hintKey(b.helpKey)), "missing \(hintKey(b.helpKey))") }
    }
  }

  @Test func uiLabelsDoNotCollideWithOtherAreas() {
    #expect(StringTable.duplicateKeys == [])
  }

  @Test func everyLabelTheViewsUseExists() throws {
    // Every tr key named in the UI sources is in the table (a missing one shows as its key).
    let dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("../../Sources/TalabatiUI").resolvingSymlinksInPath()
    let files =
      FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    #expect(!files.isEmpty)
    let pattern = try Regex(#"\bt\("([a-zA-Z]+\.[a-zA-Z.]+)""#)
    for file in files {
      let source = try String(contentsOf: file, encoding: .utf8)
      for match in source.matches(of: pattern) {
        let key = String(source[match.range]).dropFirst(3).dropLast()
        #expect(defined(String(key)), "\(file.lastPathComponent): \(key)")
      }
    }
  }
}
