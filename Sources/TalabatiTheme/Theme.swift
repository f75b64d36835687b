/// The roles a theme gives colours and attributes to. Views name roles, never colours.
public enum StyleRole: String, CaseIterable, Sendable, Hashable, Codable {
  case normal, title, header, selection, disabled, warning, success, error, border
  case statusLine = "status-line"
  case tabActive = "tab-active"
  case tabInactive = "tab-inactive"
  case accent, dim, checkbox, key
}

/// A colour as a theme names it.
public enum ThemeColor: Hashable, Sendable {
  /// The terminal's default foreground or background.
  case terminalDefault
  /// One of the 16 ANSI colours (0–15).
  case ansi(Int)
  /// An xterm 256-colour index (0–255).
  case indexed(Int)
  /// A 24-bit colour; degraded to the nearest indexed or ANSI colour the terminal has.
  case rgb(UInt8, UInt8, UInt8)
}

/// How one role looks.
public struct Style: Hashable, Sendable {
  public var foreground: ThemeColor
  public var background: ThemeColor
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  public var dim: Bool

  public init(
    foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
    bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
    self.dim = dim
  }
}

/// A named mapping from roles to styles. Roles a theme leaves out fall back to `normal`.
public struct Theme: Hashable, Sendable {
  public var name: String
  public var styles: [StyleRole: Style]
  /// True when the theme uses attributes only (bold/reverse/underline), no colour.
  public var monochrome: Bool

  public init(name: String, styles: [StyleRole: Style], monochrome: Bool = false) {
    self.name = name
    self.styles = styles
    self.monochrome = monochrome
  }

  public func style(for role: StyleRole) -> Style { styles[role] ?? styles[.normal] ?? Style() }
}
