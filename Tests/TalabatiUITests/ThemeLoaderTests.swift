import Foundation
import Testing

@testable import TalabatiUI

/// Theme files: what a user who edits one (or ships none) sees.
@Suite("Theme loader")
struct ThemeLoaderTests {
  /// The repository's `themes/` folder, found from this file's path.
  static let themesDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")

  @Test("every shipped theme parses and defines every role", arguments: ThemeLoader.builtinNames)
  func shippedThemes(name: String) throws {
    let text = try String(
      contentsOf: Self.themesDirectory.appendingPathComponent("\(name).toml"), encoding: .utf8)
    let theme = try ThemeLoader.parse(text, file: "\(name).toml")
    #expect(theme.name == name)
    for role in StyleRole.allCases {
      #expect(theme.styles[role] != nil, "\(name) lacks \(role.rawValue)")
    }
  }

  /// The files of `themes/`, sorted by name.
  static func themeFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(
      at: themesDirectory, includingPropertiesForKeys: nil
    ).filter { $0.pathExtension == "toml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  @Test("every file in themes/ is a built-in theme, equal to parsing that file now")
  func everyFileIsBuiltIn() throws {
    let files = try Self.themeFiles()
    #expect(files.count >= 4)
    // Built at build time from these very files (the BuiltinThemes plugin): nothing to keep
    // in step by hand, and nothing is parsed at start.
    #expect(
      Set(ThemeLoader.builtinNames)
        == Set(files.map { $0.deletingPathExtension().lastPathComponent }))
    for file in files {
      let name = file.deletingPathExtension().lastPathComponent
      let parsed = try ThemeLoader.parse(String(contentsOf: file, encoding: .utf8), file: file.path)
      #expect(ThemeLoader.builtin(named: name) == parsed, "\(name)")
      #expect(try ThemeLoader.load(name: name, userDirectory: nil) == parsed, "\(name)")
    }
    // Cycling order (T): the default first, then light, high contrast and monochrome.
    #expect(Array(ThemeLoader.builtinNames.prefix(4)) == ThemeLoader.preferredOrder)
  }

  @Test("the default theme's roles are what themes/default-dark.toml says")
  func defaultThemeIsTheFile() throws {
    let theme = ThemeLoader.defaultTheme
    #expect(theme.name == "default-dark")
    #expect(!theme.monochrome)
    // [roles.selection] fg = "black", bg = "#5fafd7"
    #expect(
      theme.style(for: .selection) == Style(foreground: .ansi(0), background: .rgb(95, 175, 215)))
    // [roles.header] fg = "#87afd7", bold, underline
    #expect(
      theme.style(for: .header)
        == Style(foreground: .rgb(0x87, 0xaf, 0xd7), bold: true, underline: true))
    // [roles.status-line] fg = "white", bg = 236
    #expect(theme.style(for: .statusLine) == Style(foreground: .ansi(7), background: .indexed(236)))
    // [roles.disabled] fg = 244; [roles.dim] dim = true; [roles.normal] the terminal's colours
    #expect(theme.style(for: .disabled) == Style(foreground: .indexed(244)))
    #expect(theme.style(for: .dim) == Style(dim: true))
    #expect(theme.style(for: .normal) == Style())
    // And every other role, straight from the file.
    let file = Self.themesDirectory.appendingPathComponent("default-dark.toml")
    let parsed = try ThemeLoader.parse(String(contentsOf: file, encoding: .utf8), file: file.path)
    for role in StyleRole.allCases {
      #expect(theme.style(for: role) == parsed.style(for: role), "\(role.rawValue)")
    }
    #expect(ThemeLoader.monochromeTheme == ThemeLoader.builtin(named: "monochrome"))
  }

  @Test("the selection stands out in every shipped theme (colour or reverse video)")
  func selectionVisible() throws {
    for name in ThemeLoader.builtinNames {
      let theme = try #require(ThemeLoader.builtin(named: name))
      let normal = theme.style(for: .normal)
      let selection = theme.style(for: .selection)
      #expect(selection != normal, "\(name): selection looks like normal text")
      if theme.monochrome { #expect(selection.reverse || selection.bold || selection.underline) }
    }
  }

  @Test("the monochrome theme uses bold/reverse/underline only")
  func monochromeAttributesOnly() throws {
    let theme = try #require(ThemeLoader.builtin(named: "monochrome"))
    #expect(theme.monochrome)
    for role in StyleRole.allCases {
      let s = theme.style(for: role)
      #expect(s.foreground == .terminalDefault && s.background == .terminalDefault)
      #expect(!s.dim, "\(role.rawValue) uses dim")
    }
  }

  @Test("colours: names, #rrggbb, 0-255 and default")
  func colours() throws {
    let theme = try ThemeLoader.parse(
      """
      name = "t"
      [roles.normal]
      fg = "bright-white"
      bg = "#1a2B3c"
      [roles.title]
      fg = 208
      bg = "default"
      bold = true
      underline = true
      [roles]
      accent = { fg = "magenta", reverse = true, dim = true }
      """, file: "t.toml")
    #expect(theme.style(for: .normal).foreground == .ansi(15))
    #expect(theme.style(for: .normal).background == .rgb(0x1a, 0x2b, 0x3c))
    #expect(
      theme.style(for: .title) == Style(foreground: .indexed(208), bold: true, underline: true))
    #expect(theme.style(for: .accent) == Style(foreground: .ansi(5), reverse: true, dim: true))
    // A role left out looks like normal.
    #expect(theme.style(for: .border) == theme.style(for: .normal))
  }

  @Test("malformed TOML names the file and the line")
  func malformed() {
    let text = """
      name = "broken"

      [roles.title]
      fg = "cyan
      bold = true
      """
    #expect {
      try ThemeLoader.parse(text, file: "/home/u/.config/talabati/themes/broken.toml")
    } throws: { error in
      let e = error as? ThemeError
      return e?.line == 4
        && e?.description.hasPrefix("/home/u/.config/talabati/themes/broken.toml:4: ") == true
    }
  }

  @Test("an unknown colour is named, with its role and line")
  func unknownColour() {
    let text = """
      name = "x"

      [roles.normal]
      fg = "default"

      [roles.warning]
      bold = true
      fg = "purple"
      """
    #expect {
      try ThemeLoader.parse(text, file: "x.toml")
    } throws: { error in
      let d = (error as? ThemeError)?.description ?? ""
      return d.hasPrefix("x.toml:8: ") && d.contains("warning.fg") && d.contains("\"purple\"")
    }
  }

  @Test("unknown roles, keys, bad #hex and out-of-range indices are errors with lines")
  func unknownNames() {
    let cases: [(String, Int, String)] = [
      ("[roles.titel]\nbold = true", 1, "unknown role \"titel\""),
      ("[roles.title]\nfg = \"red\"\nblink = true", 3, "unknown key \"blink\""),
      ("[roles.title]\nfg = \"#12345g\"", 2, "unknown colour \"#12345g\""),
      ("[roles.title]\nbg = 256", 2, "not in 0-255"),
      ("[roles.title]\nbold = \"yes\"", 2, "must be true or false"),
      ("colour = 1", 1, "unknown key \"colour\""),
    ]
    for (text, line, fragment) in cases {
      do {
        _ = try ThemeLoader.parse(text, file: "f.toml")
        Issue.record("accepted: \(text)")
      } catch let e as ThemeError {
        #expect(e.line == line, "\(text)")
        #expect(e.description.contains(fragment), "\(e.description)")
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }

  @Test("control characters in a file name never reach the message")
  func hostileFileName() {
    let e = ThemeError(file: "evil\u{1B}]0;pwned\u{07}.toml", line: 1, message: "bad\u{9B}2J")
    #expect(
      !e.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    )
  }

  @Test("NO_COLOR (non-empty) forces the monochrome theme; empty NO_COLOR does not")
  func noColor() {
    let dark = ThemeLoader.defaultTheme
    #expect(ThemeLoader.forEnvironment(dark, environment: ["NO_COLOR": "1"]).monochrome)
    #expect(ThemeLoader.forEnvironment(dark, environment: ["NO_COLOR": "1"]).name == "monochrome")
    #expect(ThemeLoader.forEnvironment(dark, environment: ["NO_COLOR": ""]) == dark)
    #expect(ThemeLoader.forEnvironment(dark, environment: [:]) == dark)
  }

  @Test("user themes come first, built-ins fill in, and bad names are refused")
  func userDirectory() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("talabati-themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "name = \"mine\"\n[roles.selection]\nreverse = true\n".write(
      to: dir.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
    try "name = \"my light\"\n[roles.title]\nfg = \"blue\"\n".write(
      to: dir.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
    try "[roles.title\n".write(
      to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)

    #expect(
      ThemeLoader.available(userDirectory: dir.path)
        == ["default-dark", "light", "high-contrast", "monochrome", "bad", "mine"])
    #expect(
      try ThemeLoader.load(name: "mine", userDirectory: dir.path).style(for: .selection).reverse)
    // A user file overrides the built-in of the same name.
    #expect(try ThemeLoader.load(name: "light", userDirectory: dir.path).name == "my light")
    #expect(
      try ThemeLoader.load(name: "high-contrast", userDirectory: dir.path).name == "high-contrast")
    #expect(try ThemeLoader.load(name: "monochrome", userDirectory: nil).monochrome)
    #expect {
      try ThemeLoader.load(name: "bad", userDirectory: dir.path)
    } throws: { error in
      (error as? ThemeError)?.description.hasPrefix(dir.path + "/bad.toml:1") == true
    }
    #expect(throws: ThemeError.self) {
      try ThemeLoader.load(name: "../etc/passwd", userDirectory: dir.path)
    }
    #expect(throws: ThemeError.self) { try ThemeLoader.load(name: "nope", userDirectory: dir.path) }
  }

  @Test("the theme directory follows XDG_CONFIG_HOME, else ~/.config")
  func directoryLookup() {
    #expect(
      ThemeLoader.userDirectory(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"])
        == "/x/cfg/talabati/themes")
    #expect(
      ThemeLoader.userDirectory(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/u"])
        == "/home/u/.config/talabati/themes")
    #expect(ThemeLoader.userDirectory(environment: [:]) == nil)
  }
}

/// A theme file that would abort the TOML parser is refused with its line instead (found by
/// the stress suite's fuzzing: `[.x]` crashed talabati before).
@Suite struct ThemeHeaderTrapTests {
  @Test func malformedHeadersAreRefusedWithTheirLine() {
    for (text, line) in [("[.x]\n", 1), ("name = \"a\"\n[ .x]\n", 2), ("[\n", 1), ("[[.x]]\n", 1)] {
      do {
        _ = try ThemeLoader.parse(text, file: "bad.toml")
        Issue.record("\(text) was accepted")
      } catch let error as ThemeError {
        #expect(error.line == line)
        #expect(error.description.contains("bad.toml"))
      } catch {
        Issue.record("unexpected \(error)")
      }
    }
  }
}
