import Foundation
import Testing

@testable import TalabatiText

/// The string table's completeness: R-cited labels must exist in both languages.
@Suite("String table")
struct StringTableTests {
  /// Key prefixes that code builds from domain raw values (`tr("status.\(s.rawValue)")`).
  static let dynamicPrefixes = [
    "status.", "reason.", "refusal.", "alternative.", "fulfilment.", "payment.",
  ]

  @Test("no key is defined in two areas")
  func noDuplicates() {
    #expect(StringTable.duplicateKeys.isEmpty, "\(StringTable.duplicateKeys)")
  }

  @Test("every key has Arabic and English with the same placeholders")
  func complete() {
    #expect(!StringTable.entries.isEmpty)
    for (key, e) in StringTable.entries {
      #expect(!e.ar.trimmingCharacters(in: .whitespaces).isEmpty, "\(key): empty Arabic")
      #expect(!e.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(key): empty English")
      #expect(
        Set(StringTable.placeholders(in: e.ar)) == Set(StringTable.placeholders(in: e.en)),
        "\(key): placeholders differ")
      // Labels are trusted but must still be clean apart from isolates.
      let withoutIsolates = e.ar.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }
      #expect(Sanitizer.isClean(String(String.UnicodeScalarView(withoutIsolates))), "\(key)")
    }
  }

  @Test("tr fills placeholders, and a missing key shows the key (never a crash)")
  func lookup() {
    #expect(tr("status.delivered", .ar) == "تم التوصيل")
    #expect(tr("status.delivered", .en) == "Delivered")
    #expect(tr("relative.in", .en, ["n": "5 min"]) == "in 5 min")
    #expect(tr("no.such.key", .ar) == "no.such.key")
    #expect(StringTable.fill("{a} and {b}", ["a": "x"]) == "x and {b}")
    #expect(StringTable.fill("broken {a", ["a": "x"]) == "broken {a")
  }

  @Test("the seed's vocabulary: statuses follow Amazon's names")
  func vocabulary() {
    #expect(tr("status.ordered", .en) == "Ordered")
    #expect(tr("status.preparing-for-shipment", .en) == "Preparing for shipment")
    #expect(tr("status.out-for-delivery", .ar) == "خرج للتوصيل")
    #expect(tr("status.cancelled", .ar) == "ملغى")
  }

  /// Every case of the domain enums has its label. The text layer cannot import the Domain
  /// module, so the raw values are read from its source (a drift there fails here).
  @Test("every domain enum case has its key (R5, R7, R24)")
  func domainCoverage() throws {
    let domain = repositoryRoot.appendingPathComponent("Sources/TalabatiDomain")
    let files = try FileManager.default.contentsOfDirectory(atPath: domain.path)
      .filter { $0.hasSuffix(".swift") }
    let source = try files.map {
      try String(contentsOf: domain.appendingPathComponent($0), encoding: .utf8)
    }.joined(separator: "\n")
    let enums = [
      ("Status", "status."), ("CancelReason", "reason."), ("CancelRefusal", "refusal."),
      ("Alternative", "alternative."), ("Fulfilment", "fulfilment."), ("PaymentKind", "payment."),
    ]
    for (name, prefix) in enums {
      let raws = rawValues(of: name, in: source)
      #expect(!raws.isEmpty, "enum \(name) not found in TalabatiDomain")
      for raw in raws {
        #expect(StringTable.entries[prefix + raw] != nil, "missing \(prefix + raw)")
      }
    }
  }

  /// A key counts as used when its literal appears in `Sources/**/*.swift` (the string tables
  /// themselves excluded), or when code builds it from one of its dot-prefixes: `"view.\(`
  /// or `"hint." +` (the UI derives `view.<tab>`, `list.empty.<view>`, `hint.<action>` that
  /// way; its own tests check every case). Domain-enum prefixes are exempt outright.
  @Test("every key is used somewhere in Sources (dynamic prefixes exempt)")
  func everyKeyUsed() throws {
    let sources = repositoryRoot.appendingPathComponent("Sources")
    var code = ""
    let walker = FileManager.default.enumerator(atPath: sources.path)
    while let rel = walker?.nextObject() as? String {
      guard rel.hasSuffix(".swift"), !rel.hasPrefix("TalabatiText/Strings/") else { continue }
      code += (try? String(contentsOf: sources.appendingPathComponent(rel), encoding: .utf8)) ?? ""
    }
    func builtDynamically(_ key: String) -> Bool {
      var prefix = ""
      for part in key.split(separator: ".").dropLast() {
        prefix += part + "."
        if code.contains("\"\(prefix)\\(") || code.contains("\"\(prefix)\" +") { return true }
      }
      return false
    }
    let unused = StringTable.entries.keys.sorted().filter { key in
      !Self.dynamicPrefixes.contains(where: key.hasPrefix) && !code.contains("\"\(key)\"")
        && !builtDynamically(key)
    }
    #expect(unused.isEmpty, "keys no code uses: \(unused)")
  }

  /// The raw values of `enum name: String` in `source` (explicit or implicit).
  func rawValues(of name: String, in source: String) -> [String] {
    guard let start = source.range(of: "enum \(name): String") else { return [] }
    var depth = 0
    var body = ""
    for ch in source[start.upperBound...] {
      if ch == "{" {
        depth += 1
      } else if ch == "}" {
        depth -= 1
        if depth == 0 { break }
      }
      if depth == 1 { body.append(ch) }
    }
    var raws: [String] = []
    for line in body.split(separator: "\n") {
      let t = line.trimmingCharacters(in: .whitespaces)
      guard t.hasPrefix("case ") else { continue }
      for part in t.dropFirst(5).split(separator: ",") {
        let p = part.trimmingCharacters(in: .whitespaces)
        if let eq = p.firstIndex(of: "=") {
          raws.append(
            p[p.index(after: eq)...].trimmingCharacters(in: .whitespaces)
              .trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        } else {
          raws.append(p)
        }
      }
    }
    return raws
  }
}

/// Counts in CLI sentences agree with their number in Arabic (CLDR categories) and English.
@Suite struct QuantityTests {
  @Test(arguments: [
    (1, "طلب واحد", "1 order"), (2, "طلبان", "2 orders"), (3, "3 طلبات", "3 orders"),
    (10, "10 طلبات", "10 orders"), (11, "11 طلبًا", "11 orders"), (100, "100 طلب", "100 orders"),
    (0, "0 طلب", "0 orders"), (103, "103 طلبات", "103 orders"),
  ])
  func orders(n: Int, ar: String, en: String) {
    #expect(Format.quantity(n, unit: "order", lang: .ar) == ar)
    #expect(Format.quantity(n, unit: "order", lang: .en) == en)
  }

  @Test func existingUnitsKeepTheirForms() {
    #expect(Format.quantity(2, unit: "minute", lang: .ar) == "دقيقتين")
    #expect(Format.quantity(12, unit: "minute", lang: .ar) == "12 دقيقة")
    #expect(Format.quantity(1, unit: "row", lang: .en) == "1 row")
  }
}
