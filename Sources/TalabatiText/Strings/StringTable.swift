import TalabatiDomain
// MARK: - The string table

/// Every user-visible label, in Arabic and English.
///
/// Entries are split by area so that engineers do not collide: `Common.swift` (text layer:
/// statuses, reasons, refusals, alternatives, fulfilment, payment kinds, units, generic words,
/// errors), `UI.swift` (the UI), `CLI.swift` (the command line). The three are merged here; a
/// key defined twice is reported by `StringTable.duplicateKeys` (and fails a test).
///
/// Keys built from domain raw values: `status.<Status>`, `reason.<CancelReason>`,
/// `refusal.<CancelRefusal>`, `alternative.<Alternative>`, `fulfilment.<Fulfilment>`,
/// `payment.<PaymentKind>`.
public enum StringTable {
  /// One label in both languages. `{name}` marks a placeholder filled by `tr(_:_:_:)`.
  public struct Entry: Hashable, Sendable {
    public var ar: String
    public var en: String

    public init(ar: String, en: String) {
      self.ar = ar
      self.en = en
    }

    /// The text in `lang`.
    public func text(_ lang: Language) -> String {
      switch lang {
      case .ar: ar
      case .en: en
      }
    }
  }

  /// The areas in merge order, with their entries.
  static var areas: [(name: String, entries: [String: Entry])] {
    [
      ("common", commonEntries), ("ui", uiEntries), ("cli", cliEntries),
      ("support", supportEntries), ("returns", returnsEntries), ("keys", keysEntries),
      ("refunds", refundEntries), ("counts", countEntries), ("cliErrors", cliErrorEntries),
      ("display", displayEntries), ("serve", serveEntries), ("review", reviewEntries),
    ]
  }

  /// All entries merged. On a duplicate key the first area wins (and a test fails).
  public static let entries: [String: Entry] = {
    var all: [String: Entry] = [:]
    for area in areas {
      all.merge(area.entries) { first, _ in first }
    }
    return all
  }()

  /// Keys defined in more than one area (must be empty).
  public static var duplicateKeys: [String] {
    var seen: [String: String] = [:]
    var dups: [String] = []
    for area in areas {
      for key in area.entries.keys.sorted() {
        if let other = seen[key] {
          dups.append("\(key) (\(other), \(area.name))")
        } else {
          seen[key] = area.name
        }
      }
    }
    return dups
  }

  /// The `{placeholder}` names in `template`, in order of appearance.
  public static func placeholders(in template: String) -> [String] {
    var names: [String] = []
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
      let after = rest.index(after: open)
      guard let close = rest[after...].firstIndex(of: "}") else { break }
      names.append(String(rest[after..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }

  /// Fills `{name}` placeholders in `template` from `args`; unknown placeholders stay as they are.
  public static func fill(_ template: String, _ args: [String: String]) -> String {
    guard !args.isEmpty, template.contains("{") else { return template }
    var out = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest.index(after: open)
      guard let close = rest[after...].firstIndex(of: "}") else {
        rest = rest[open...]
        break
      }
      let name = String(rest[after..<close])
      if let value = args[name] { out += value } else { out += rest[open...close] }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
  }
}

/// The label `key` in `lang`, with `{name}` placeholders replaced by `args` (inserted as they
/// are: callers sanitise untrusted values and isolate numbers with `Bidi.isolate`). A missing key
/// returns the key itself, so a forgotten label shows up on screen instead of crashing.
public func tr(_ key: String, _ lang: Language, _ args: [String: String] = [:]) -> String {
  guard let entry = StringTable.entries[key] else { return key }
  return StringTable.fill(entry.text(lang), args)
}
