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
    let where_ = line.map { "\(ThemeLoader.clean(file)):\($0)" } ?? ThemeLoader.clean(file)
    return "\(where_): \(ThemeLoader.clean(message))"
  }
}

/// Parses theme files (TOML, format documented at the top of `themes/default-dark.toml`) and
/// finds them: the user's theme directory first, then the themes compiled into the binary.
public enum ThemeLoader {
  // MARK: Built-in themes

  /// The built-in theme names in cycling order.
  public static let builtinNames = ["default-dark", "light", "high-contrast", "monochrome"]

  /// The TOML text of the built-in theme `name`, if there is one.
  public static func builtinSource(named name: String) -> String? {
    switch name {
    case "default-dark": return BuiltinThemeText.defaultDark
    case "light": return BuiltinThemeText.light
    case "high-contrast": return BuiltinThemeText.highContrast
    case "monochrome": return BuiltinThemeText.monochrome
    default: return nil
    }
  }

  /// The built-in theme `name`, parsed.
  public static func builtin(named name: String) -> Theme? {
    builtinSource(named: name).flatMap { try? parse($0, file: "built-in \(name)") }
  }

  /// The default theme (default-dark).
  public static let defaultTheme: Theme = builtin(named: "default-dark") ?? fallbackColor

  /// The monochrome theme: what NO_COLOR and colourless terminals get.
  public static let monochromeTheme: Theme = builtin(named: "monochrome") ?? fallbackMonochrome

  /// Used only if a built-in theme failed to parse (a test makes sure they all parse).
  static let fallbackMonochrome = Theme(
    name: "monochrome",
    styles: [
      .normal: Style(), .selection: Style(reverse: true), .title: Style(bold: true),
      .statusLine: Style(reverse: true), .tabActive: Style(bold: true, reverse: true),
    ], monochrome: true)
  static let fallbackColor = Theme(
    name: "default-dark", styles: fallbackMonochrome.styles, monochrome: false)

  // MARK: Environment

  /// `theme`, or the monochrome theme when `NO_COLOR` is set to a non-empty value
  /// (https://no-color.org): attributes only, no colour.
  public static func forEnvironment(
    _ theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Theme {
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    return noColor && !theme.monochrome ? monochromeTheme : theme
  }

  /// `$XDG_CONFIG_HOME/talabati/themes`, else `$HOME/.config/talabati/themes`; nil if neither
  /// variable is set. (XDG says a relative XDG_CONFIG_HOME is ignored.)
  public static func userDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
      return xdg + "/talabati/themes"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.config/talabati/themes"
    }
    return nil
  }

  // MARK: Finding themes

  /// Loads theme `name`: `<userDirectory>/<name>.toml` if it exists, else the built-in theme.
  /// Throws `ThemeError` for a bad name, an unreadable or malformed file, or no such theme;
  /// callers then fall back to `defaultTheme`.
  public static func load(name: String, userDirectory: String?) throws -> Theme {
    guard isValidName(name) else {
      throw ThemeError(
        file: name, line: nil,
        message: "not a theme name (use letters, digits, '-', '_' and '.')")
    }
    if let dir = userDirectory {
      let path = dir + "/" + name + ".toml"
      if FileManager.default.fileExists(atPath: path) {
        return try parse(readThemeFile(path), file: path)
      }
    }
    if let source = builtinSource(named: name) {
      return try parse(source, file: "built-in \(name)")
    }
    let names = available(userDirectory: userDirectory).joined(separator: ", ")
    throw ThemeError(file: name, line: nil, message: "no such theme; available: \(names)")
  }

  /// Theme names for the `T` key to cycle through: built-ins in their order, then the user's
  /// own `*.toml` files (sorted) that do not override a built-in name.
  public static func available(userDirectory: String?) -> [String] {
    var names = builtinNames
    guard let dir = userDirectory,
      let files = try? FileManager.default.contentsOfDirectory(atPath: dir)
    else { return names }
    let user = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
      .filter { isValidName($0) && !builtinNames.contains($0) }.sorted()
    names.append(contentsOf: user)
    return names
  }

  /// A theme name is a plain file name: no path separators, no leading dot, no controls.
  static func isValidName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 64, !name.hasPrefix(".") else { return false }
    return name.unicodeScalars.allSatisfy { s in
      s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
    }
  }

  static func readThemeFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ThemeError(file: path, line: nil, message: "cannot read the file")
    }
    guard data.count <= 256 * 1024 else {
      throw ThemeError(file: path, line: nil, message: "file too large for a theme")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ThemeError(file: path, line: nil, message: "not UTF-8 text")
    }
    return text
  }

  // MARK: Parsing

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

// MARK: - Built-in theme text

/// The shipped theme files, compiled in so the binary works from any directory.
public enum BuiltinThemeText {
  /// The text of `themes/default-dark.toml` (a test checks the two stay equal).
  public static let defaultDark = #"""
    # talabati theme: default-dark (the default; for dark terminal backgrounds).
    #
    # Theme file format (TOML). Put your own themes in $XDG_CONFIG_HOME/talabati/themes/NAME.toml
    # (or ~/.config/talabati/themes/NAME.toml); press T in the app to cycle through themes.
    #
    #   name = "my-theme"        shown when cycling themes (defaults to the file name)
    #   monochrome = false       true: attributes only, colours are ignored (see monochrome.toml)
    #
    #   [roles.ROLE]             one table per role; a role left out looks like "normal"
    #   fg = "cyan"              foreground colour (default "default")
    #   bg = "default"           background colour (default "default")
    #   bold = true              attributes, each true or false (default false):
    #   underline = false          bold, underline, reverse, dim
    #
    # ROLE is one of: normal, title, header, selection, disabled, warning, success, error, border,
    # status-line, tab-active, tab-inactive, accent, dim, checkbox, key.
    #
    # A colour is one of:
    #   "default"                the terminal's own foreground or background colour
    #   a name                   black, red, green, yellow, blue, magenta, cyan, white,
    #                            bright-black, bright-red, bright-green, bright-yellow,
    #                            bright-blue, bright-magenta, bright-cyan, bright-white
    #   "#rrggbb"                24-bit colour, shown as the nearest colour the terminal has
    #                            (256-colour palette, or the 16/8 ANSI colours)
    #   an integer 0-255         an xterm 256-colour palette index
    #
    # Unknown roles, keys or colours are reported with the file and line, and the default theme
    # is used instead. With NO_COLOR set (or on a terminal without colours) the monochrome theme
    # is used.

    name = "default-dark"
    monochrome = false

    [roles.normal]
    fg = "default"
    bg = "default"

    [roles.title]
    fg = "bright-cyan"
    bold = true

    [roles.header]
    fg = "#87afd7"
    bold = true
    underline = true

    [roles.selection]
    fg = "black"
    bg = "#5fafd7"

    [roles.disabled]
    fg = 244

    [roles.warning]
    fg = "#ffaf00"
    bold = true

    [roles.success]
    fg = "green"

    [roles.error]
    fg = "bright-red"
    bold = true

    [roles.border]
    fg = 240

    [roles.status-line]
    fg = "white"
    bg = 236

    [roles.tab-active]
    fg = "black"
    bg = "cyan"
    bold = true

    [roles.tab-inactive]
    fg = "#a8a8a8"
    bg = 236

    [roles.accent]
    fg = "magenta"

    [roles.dim]
    dim = true

    [roles.checkbox]
    fg = "bright-yellow"

    [roles.key]
    fg = "yellow"
    bold = true

    """#

  /// The text of `themes/light.toml` (a test checks the two stay equal).
  public static let light = #"""
    # talabati theme: light (for light terminal backgrounds). Format: see default-dark.toml.

    name = "light"
    monochrome = false

    [roles.normal]
    fg = "default"
    bg = "default"

    [roles.title]
    fg = "#005f87"
    bold = true

    [roles.header]
    fg = "#303030"
    bold = true
    underline = true

    [roles.selection]
    fg = "white"
    bg = "#005faf"

    [roles.disabled]
    fg = 246

    [roles.warning]
    fg = "#af5f00"
    bold = true

    [roles.success]
    fg = "#008700"

    [roles.error]
    fg = "red"
    bold = true

    [roles.border]
    fg = 248

    [roles.status-line]
    fg = "black"
    bg = 252

    [roles.tab-active]
    fg = "white"
    bg = "blue"
    bold = true

    [roles.tab-inactive]
    fg = "#444444"
    bg = 252

    [roles.accent]
    fg = "#870087"

    [roles.dim]
    fg = 243

    [roles.checkbox]
    fg = "#005f87"
    bold = true

    [roles.key]
    fg = "#875f00"
    bold = true

    """#

  /// The text of `themes/high-contrast.toml` (a test checks the two stay equal).
  public static let highContrast = #"""
    # talabati theme: high-contrast (bright colours on black, bold where it helps).
    # Format: see default-dark.toml.

    name = "high-contrast"
    monochrome = false

    [roles.normal]
    fg = "bright-white"
    bg = "black"

    [roles.title]
    fg = "bright-yellow"
    bg = "black"
    bold = true

    [roles.header]
    fg = "bright-white"
    bg = "black"
    bold = true
    underline = true

    [roles.selection]
    fg = "black"
    bg = "bright-yellow"
    bold = true

    [roles.disabled]
    fg = "white"
    bg = "black"

    [roles.warning]
    fg = "bright-yellow"
    bg = "black"
    bold = true
    underline = true

    [roles.success]
    fg = "bright-green"
    bg = "black"
    bold = true

    [roles.error]
    fg = "bright-white"
    bg = "red"
    bold = true

    [roles.border]
    fg = "bright-white"
    bg = "black"

    [roles.status-line]
    fg = "black"
    bg = "bright-white"
    bold = true

    [roles.tab-active]
    fg = "black"
    bg = "bright-cyan"
    bold = true

    [roles.tab-inactive]
    fg = "bright-white"
    bg = "black"
    underline = true

    [roles.accent]
    fg = "bright-cyan"
    bg = "black"
    bold = true

    [roles.dim]
    fg = "white"
    bg = "black"

    [roles.checkbox]
    fg = "bright-yellow"
    bg = "black"
    bold = true

    [roles.key]
    fg = "bright-cyan"
    bg = "black"
    bold = true
    underline = true

    """#

  /// The text of `themes/monochrome.toml` (a test checks the two stay equal).
  public static let monochrome = #"""
    # talabati theme: monochrome (attributes only: bold, reverse, underline; no colour).
    # Used automatically when NO_COLOR is set or the terminal has no colours.
    # Format: see default-dark.toml.

    name = "monochrome"
    monochrome = true

    [roles.normal]

    [roles.title]
    bold = true

    [roles.header]
    bold = true
    underline = true

    [roles.selection]
    reverse = true

    [roles.disabled]

    [roles.warning]
    bold = true
    underline = true

    [roles.success]
    bold = true

    [roles.error]
    bold = true
    reverse = true

    [roles.border]

    [roles.status-line]
    reverse = true

    [roles.tab-active]
    reverse = true
    bold = true

    [roles.tab-inactive]
    underline = true

    [roles.accent]
    bold = true

    [roles.dim]

    [roles.checkbox]
    bold = true

    [roles.key]
    bold = true
    underline = true

    """#
}
