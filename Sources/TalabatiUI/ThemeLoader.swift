import Foundation
// The theme types (Theme, Style, ThemeColor, StyleRole, ThemeError) and the TOML parser live in
// TalabatiTheme, so the build-time generator of the built-in themes can use them; every user of
// TalabatiUI sees them as before.
@_exported import TalabatiTheme

/// Finds themes: the user's theme directory first (TOML files parsed at run time by
/// `ThemeParser`), then the built-in themes, which are `themes/*.toml` parsed at build time
/// (the BuiltinThemes plugin generates `BuiltinThemes.all`; no TOML is parsed for them at start).
public enum ThemeLoader {
  // MARK: Built-in themes

  /// The order the `T` key cycles the built-in themes in; any other file in `themes/` follows
  /// these, sorted by name.
  static let preferredOrder = ["default-dark", "light", "high-contrast", "monochrome"]

  /// The built-in theme names (the files of `themes/`, without `.toml`) in cycling order.
  public static let builtinNames: [String] =
    preferredOrder.filter { BuiltinThemes.all[$0] != nil }
    + BuiltinThemes.all.keys.filter { !preferredOrder.contains($0) }.sorted()

  /// The built-in theme `name` (`themes/<name>.toml` as parsed at build time), if there is one.
  public static func builtin(named name: String) -> Theme? { BuiltinThemes.all[name] }

  /// The default theme (`themes/default-dark.toml`).
  public static let defaultTheme: Theme = builtin(named: "default-dark") ?? fallbackColor

  /// The monochrome theme (`themes/monochrome.toml`): what NO_COLOR and colourless terminals get.
  public static let monochromeTheme: Theme = builtin(named: "monochrome") ?? fallbackMonochrome

  /// Used only if `themes/` lost one of the two files above (a test makes sure it has both).
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

  /// Loads theme `name`: `<userDirectory>/<name>.toml` if it exists (parsed now), else the
  /// built-in theme. Throws `ThemeError` for a bad name, an unreadable or malformed file, or no
  /// such theme; callers then fall back to `defaultTheme`.
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
    if let theme = builtin(named: name) { return theme }
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

  // MARK: Parsing (user theme files)

  /// The colour names a theme may use, in ANSI order (index = ANSI colour number).
  public static var colorNames: [String] { ThemeParser.colorNames }

  /// Parses theme TOML; `file` names it in errors (see `ThemeParser.parse`).
  public static func parse(_ text: String, file: String) throws -> Theme {
    try ThemeParser.parse(text, file: file)
  }

  /// The colour a theme string names, or nil: "default", an ANSI name, or "#rrggbb".
  public static func color(named s: String) -> ThemeColor? { ThemeParser.color(named: s) }
}
