// talabati-themegen: the build-time half of the built-in themes (issue 11, item 5).
//
//   TalabatiThemeGen OUTPUT.swift THEME.toml…
//
// Parses each theme file with the same parser the client uses for a user's theme files
// (`ThemeParser`, TalabatiTheme) and writes Swift source declaring the parsed values, so the
// binary starts without parsing TOML (issue 12) and `themes/` is the only copy of the themes.
// Run by the BuiltinThemes plugin (Plugins/BuiltinThemes) for the TalabatiUI target. A theme
// that does not parse fails the build with `file:line: error: message`.
import Foundation
import TalabatiTheme

/// A Swift string literal for `s` (theme names are cleaned by the parser; escape anyway).
func literal(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case " "..."~": out.unicodeScalars.append(scalar)
    default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
    }
  }
  return out + "\""
}

func literal(_ color: ThemeColor) -> String {
  switch color {
  case .terminalDefault: ".terminalDefault"
  case .ansi(let i): ".ansi(\(i))"
  case .indexed(let i): ".indexed(\(i))"
  case .rgb(let r, let g, let b): ".rgb(\(r), \(g), \(b))"
  }
}

/// `Style(…)` with only the arguments that differ from `Style()`.
func literal(_ style: Style) -> String {
  let plain = Style()
  var args: [String] = []
  if style.foreground != plain.foreground {
    args.append("foreground: " + literal(style.foreground))
  }
  if style.background != plain.background {
    args.append("background: " + literal(style.background))
  }
  for (label, value, base) in [
    ("bold", style.bold, plain.bold), ("underline", style.underline, plain.underline),
    ("reverse", style.reverse, plain.reverse), ("dim", style.dim, plain.dim),
  ] where value != base {
    args.append("\(label): \(value)")
  }
  return "Style(" + args.joined(separator: ", ") + ")"
}

/// The Swift name of a role's case (`.statusLine` for `status-line`).
func caseName(_ role: StyleRole) -> String { "." + String(describing: role) }

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
  fail("usage: TalabatiThemeGen OUTPUT.swift THEME.toml…")
}
let inputs = arguments.dropFirst().sorted {
  ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent
}

var themes: [(key: String, theme: Theme, file: String)] = []
for path in inputs {
  let file = (path as NSString).lastPathComponent
  guard file.hasSuffix(".toml") else { fail("\(path): not a .toml file") }
  let key = String(file.dropLast(5))
  guard let data = FileManager.default.contents(atPath: path),
    let text = String(data: data, encoding: .utf8)
  else { fail("\(path): cannot read the theme (or it is not UTF-8)") }
  do {
    themes.append((key, try ThemeParser.parse(text, file: path), file))
  } catch let error as ThemeError {
    // `file:line: error: message` is the form SwiftPM and editors show as a located error.
    let location = error.line.map { "\(path):\($0)" } ?? path
    FileHandle.standardError.write(Data("\(location): error: \(error.message)\n".utf8))
    exit(1)
  } catch {
    fail("\(path): \(error)")
  }
}

var source = """
  // Generated at build time by TalabatiThemeGen from themes/*.toml (the BuiltinThemes plugin).
  // Do not edit: change the theme files.
  import TalabatiTheme

  /// The built-in themes: each file of `themes/`, parsed when talabati was built.
  enum BuiltinThemes {
    /// By file name without `.toml`.
    static let all: [String: Theme] = [

  """
for (index, entry) in themes.enumerated() {
  source += "    \(literal(entry.key)): theme\(index),\n"
}
source += "  ]\n"
for (index, entry) in themes.enumerated() {
  let theme = entry.theme
  source += "\n  /// themes/\(entry.file)\n"
  source += "  private static let theme\(index) = Theme(\n"
  source += "    name: \(literal(theme.name)),\n"
  source += "    styles: [\n"
  for role in StyleRole.allCases {
    guard let style = theme.styles[role] else { continue }
    source += "      \(caseName(role)): \(literal(style)),\n"
  }
  source += "    ] as [StyleRole: Style],\n"
  source += "    monochrome: \(theme.monochrome))\n"
}
source += "}\n"

// Written only when it changed, so an unchanged theme does not recompile TalabatiUI.
let url = URL(fileURLWithPath: output)
if (try? Data(contentsOf: url)) != Data(source.utf8) {
  do {
    try Data(source.utf8).write(to: url, options: .atomic)
  } catch {
    fail("\(output): cannot write: \(error)")
  }
}
