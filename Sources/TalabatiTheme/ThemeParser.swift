import Foundation
import TOMLKit

/// A theme file that cannot be used: names the file, the line when known, and what is wrong.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file (or built-in theme name) the problem is in.
  public var file: String
  /// The 1-based line of the problem, when it can be located.
  public var line: Int?
  /// What is wrong, in plain words.
  public var message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, control characters removed (file names are untrusted).
  public var description: String {
    let where_ = line.map { "\(ThemeParser.clean(file)):\($0)" } ?? ThemeParser.clean(file)
    return "\(where_): \(ThemeParser.clean(message))"
  }
}

/// The theme file format (TOML, documented at the top of `themes/default-dark.toml`): text →
/// `Theme`, every problem a `ThemeError` with its line. Used at run time for the user's own
/// theme files and at build time (TalabatiThemeGen) for the built-in ones in `themes/`.
public enum ThemeParser {

  /// The colour names a theme may use, in ANSI order (index = ANSI colour number).
  public static let colorNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow",
    "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// True for a table-header line that would trip toml++'s assertion (see `parse`).
  static func trapsTOMLParser(_ line: Substring) -> Bool {
    var rest = line.drop { $0 == " " || $0 == "\t" }
    guard rest.first == "[" else { return false }
    rest = rest.dropFirst()
    if rest.first == "[" { rest = rest.dropFirst() }
    guard let c = rest.first(where: { $0 != " " && $0 != "\t" }) else { return true }
    return !((c.isASCII && (c.isLetter || c.isNumber)) || "-_\"']".contains(c))
  }

  /// Parses theme TOML; `file` names it in errors. Every problem is a `ThemeError` with the
  /// line: TOML syntax (from the parser's position), unknown roles, keys, colours or types.
  public static func parse(_ text: String, file: String) throws -> Theme {
    // toml++ (inside TOMLKit) aborts the process on a table header whose first key starts
    // with neither a bare-key character nor a quote (`[.x]`, `[ `, `[[ �x]]`): refuse those
    // lines here, with their line number, before the parser sees them (found by fuzzing).
    for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated() where trapsTOMLParser(line)
    {
      throw ThemeError(file: file, line: index + 1, message: "malformed table header")
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ThemeError(file: file, line: error.source.begin.line, message: error.description)
    } catch {
      throw ThemeError(file: file, line: nil, message: "not valid TOML")
    }
    // Lines are located only when a message is thrown: looking up every key's line eagerly
    // was most of a theme parse and ~15% of start-up CPU (docs/performance.md).
    let locator = ThemeLineLocator(text: text)

    var name =
      file.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
      ?? file
    if name.hasSuffix(".toml") { name = String(name.dropLast(5)) }
    var monochrome = false
    var styles: [StyleRole: Style] = [:]

    for (key, value) in table {
      switch key {
      case "name":
        guard let s = value.string else {
          throw ThemeError(
            file: file, line: locator.key(key, in: nil), message: "name must be a string")
        }
        name = clean(s)
      case "monochrome":
        guard let b = value.bool else {
          throw ThemeError(
            file: file, line: locator.key(key, in: nil), message: "monochrome must be true/false")
        }
        monochrome = b
      case "roles":
        guard let roles = value.table else {
          throw ThemeError(
            file: file, line: locator.key(key, in: nil), message: "roles must be a table")
        }
        for (roleName, roleValue) in roles {
          guard let role = StyleRole(rawValue: roleName) else {
            throw ThemeError(
              file: file, line: locator.section(roleName),
              message: "unknown role \"\(roleName)\"; roles are: "
                + StyleRole.allCases.map(\.rawValue).joined(separator: ", "))
          }
          guard let roleTable = roleValue.table else {
            throw ThemeError(
              file: file, line: locator.section(roleName),
              message: "role \"\(roleName)\" must be a table")
          }
          styles[role] = try parseStyle(roleTable, role: roleName, file: file, locator: locator)
        }
      default:
        throw ThemeError(
          file: file, line: locator.key(key, in: nil),
          message: "unknown key \"\(key)\"; expected name, monochrome and [roles.ROLE] tables")
      }
    }
    if styles[.normal] == nil { styles[.normal] = Style() }
    return Theme(name: name, styles: styles, monochrome: monochrome)
  }

  static func parseStyle(
    _ table: TOMLTable, role: String, file: String, locator: ThemeLineLocator
  ) throws -> Style {
    var style = Style()
    for (key, value) in table {
      // Only an error message needs the line (it scans the whole text): look it up then.
      let line = { locator.key(key, in: role) }
      switch key {
      case "fg", "bg":
        let color = try parseColor(value, file: file, line: line, what: "\(role).\(key)")
        if key == "fg" { style.foreground = color } else { style.background = color }
      case "bold", "underline", "reverse", "dim":
        guard let b = value.bool else {
          throw ThemeError(
            file: file, line: line(), message: "\(role).\(key) must be true or false")
        }
        switch key {
        case "bold": style.bold = b
        case "underline": style.underline = b
        case "reverse": style.reverse = b
        default: style.dim = b
        }
      default:
        throw ThemeError(
          file: file, line: line(),
          message: "unknown key \"\(key)\" in role \(role); "
            + "expected fg, bg, bold, underline, reverse, dim")
      }
    }
    return style
  }

  /// The colour of `value`; `line` finds the line for an error message (only then called).
  static func parseColor(
    _ value: TOMLValueConvertible, file: String, line: () -> Int?, what: String
  ) throws -> ThemeColor {
    if let i = value.int {
      guard (0...255).contains(i) else {
        throw ThemeError(
          file: file, line: line(), message: "\(what): colour index \(i) is not in 0-255")
      }
      return .indexed(i)
    }
    guard let s = value.string else {
      throw ThemeError(
        file: file, line: line(),
        message: "\(what): a colour is a name, \"#rrggbb\" or an integer 0-255")
    }
    if let color = color(named: s) { return color }
    throw ThemeError(
      file: file, line: line(),
      message: "\(what): unknown colour \"\(s)\"; use default, "
        + colorNames.joined(separator: ", ") + ", \"#rrggbb\" or 0-255")
  }

  /// The colour a theme string names, or nil: "default", an ANSI name, or "#rrggbb".
  public static func color(named s: String) -> ThemeColor? {
    let lower = s.lowercased()
    if lower == "default" { return .terminalDefault }
    if let i = colorNames.firstIndex(of: lower) { return .ansi(i) }
    let hex = Array(lower.utf8)
    guard hex.count == 7, hex[0] == UInt8(ascii: "#"),
      let v = UInt32(String(lower.dropFirst()), radix: 16),
      lower.dropFirst().allSatisfy(\.isHexDigit)
    else { return nil }
    return .rgb(UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
  }

  /// `s` without control characters (C0, DEL, C1) and bidi controls, for messages and names.
  static func clean(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v)
      {
        continue
      }
      out.append(scalar)
    }
    return String(out)
  }
}

/// Finds the line of a role section or a key in theme text, for error messages (TOMLKit
/// reports positions only for syntax errors).
struct ThemeLineLocator {
  let lines: [Substring]

  init(text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// The 1-based line of the `[roles.<role>]` header or a `<role> =` line under `[roles]`.
  func section(_ role: String) -> Int? {
    for (i, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") {
        let inner = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        if inner == "roles.\(role)" || inner == "roles.\"\(role)\"" { return i + 1 }
      } else if isAssignment(line, key: role) {
        return i + 1
      }
    }
    return nil
  }

  /// The line of `key = …` inside the section of `role` (nil role: before any section).
  func key(_ key: String, in role: String?) -> Int? {
    var start = 0
    if let role {
      guard let s = section(role) else { return nil }
      // An inline table (`role = { fg = … }`) keeps its keys on the role's own line.
      if !lines[s - 1].trimmingCharacters(in: .whitespaces).hasPrefix("[") { return s }
      start = s
    }
    for i in start..<lines.count {
      let line = lines[i].trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") { break }  // the next section: the key is not here
      if isAssignment(line, key: key) { return i + 1 }
    }
    return role.flatMap { section($0) }
  }

  private func isAssignment(_ line: String, key: String) -> Bool {
    for candidate in [key, "\"\(key)\""] where line.hasPrefix(candidate) {
      let rest = line.dropFirst(candidate.count).drop(while: { $0 == " " || $0 == "\t" })
      if rest.hasPrefix("=") { return true }
    }
    return false
  }
}
