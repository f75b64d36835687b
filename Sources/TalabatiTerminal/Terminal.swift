import CNcursesw
import CSystemShims
import Foundation
import TalabatiText
import TalabatiUI

// MARK: - Options and errors

/// How to open the terminal.
public struct TerminalOptions: Sendable {
  /// Who reorders right-to-left text (the text layer's `BidiMode`): in `.app` mode BDSM explicit
  /// (`CSI 8 l`) is sent at start and implicit (`CSI 8 h`) at restore, so VTE/mintty do not
  /// reorder a second time; `.terminal` leaves the terminal's bidi mode alone.
  public var bidiMode: BidiMode
  /// The file descriptor keys are read from (stdin by default).
  public var inputFD: Int32
  /// The file descriptor the screen is written to (stdout by default).
  public var outputFD: Int32
  /// The terminal type; nil reads `TERM` from `environment`.
  public var termType: String?
  /// How long a lone Esc waits for the rest of an escape sequence.
  public var escapeDelayMilliseconds: Int32
  /// The theme painted with until `setTheme` is called.
  public var theme: Theme
  /// The environment consulted for `TERM` and `NO_COLOR`.
  public var environment: [String: String]

  /// Options for the process's own terminal (stdin/stdout, `TERM`, `NO_COLOR`).
  public init(
    bidiMode: BidiMode = .app, inputFD: Int32 = 0, outputFD: Int32 = 1, termType: String? = nil,
    escapeDelayMilliseconds: Int32 = 25, theme: Theme = ThemeLoader.defaultTheme,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.bidiMode = bidiMode
    self.inputFD = inputFD
    self.outputFD = outputFD
    self.termType = termType
    self.escapeDelayMilliseconds = escapeDelayMilliseconds
    self.theme = theme
    self.environment = environment
  }

  /// True when `NO_COLOR` is set to a non-empty value (https://no-color.org).
  public var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }
}

/// Why the full-screen interface cannot start; `description` is meant for the user.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Standard input or output is not a terminal (piped, redirected, or run from CI).
  case notATerminal(stream: String)
  /// `TERM` is unset or empty.
  case termUnset
  /// `TERM` names a terminal the interface cannot drive (dumb, or no cursor addressing).
  case unsupportedTerminal(name: String, reason: String)
  /// terminfo has no entry for `TERM` (`newterm` failed).
  case unknownTerminal(name: String)
  /// No UTF-8 locale is available, so Arabic cannot be drawn.
  case noUTF8Locale(codeset: String)

  public var description: String {
    switch self {
    case .notATerminal(let stream):
      return "talabati: \(stream) is not a terminal; the full-screen interface needs one "
        + "(use the command-line subcommands in scripts and pipes)."
    case .termUnset:
      return "talabati: TERM is not set; set it to your terminal type (e.g. xterm-256color)."
    case .unsupportedTerminal(let name, let reason):
      return "talabati: the terminal type \"\(Sanitize.printable(name))\" cannot run the "
        + "full-screen interface: \(reason). Use a terminal such as xterm-256color, or the "
        + "command-line subcommands."
    case .unknownTerminal(let name):
      return "talabati: unknown terminal type \"\(Sanitize.printable(name))\" (no terminfo "
        + "entry); set TERM to e.g. xterm-256color."
    case .noUTF8Locale(let codeset):
      return "talabati: no UTF-8 locale available (codeset \(Sanitize.printable(codeset))); "
        + "install or select one, e.g. LANG=C.UTF-8."
    }
  }
}

/// A signal the application must act on, from `Terminal.pendingSignal()`.
public enum TerminalSignal: Hashable, Sendable {
  /// SIGINT, SIGTERM, SIGHUP or SIGQUIT: restore the terminal and exit with `exitCode`.
  case terminate(signal: Int32)
  /// SIGWINCH: the terminal now has this size (curses already knows); repaint.
  case resize(width: Int, height: Int)
  /// SIGCONT: the process was resumed after a stop; repaint everything.
  case resumed

  /// The conventional exit status for a terminating signal: 128 + its number; 0 otherwise.
  public var exitCode: Int32 {
    if case .terminate(let signal) = self { return 128 + signal }
    return 0
  }
}

/// How a role is drawn on this terminal: attributes and the colour numbers behind its pair.
public struct RoleRendition: Hashable, Sendable {
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  public var dim: Bool
  /// Curses colour numbers; nil = terminal default (or no colour at all).
  public var foreground: Int?
  public var background: Int?
  /// The colour pair (0 = default colours).
  public var pair: Int16
}

/// Cleans text the driver itself prints in messages (never raw control bytes).
enum Sanitize {
  /// `s` with control characters replaced by U+FFFD, at most 64 characters.
  static func printable(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars.prefix(64) {
      let v = scalar.value
      out.unicodeScalars.append(v < 0x20 || (0x7F...0x9F).contains(v) ? "\u{FFFD}" : scalar)
    }
    return out
  }
}

// MARK: - Terminal

/// The ncurses terminal driver: the only code that talks to the terminal.
///
/// Single-threaded: create, use and restore it on one thread (the main thread in the app). It
/// is deliberately not `Sendable`. `restore()` is idempotent and also runs from `deinit`, from
/// an `atexit` hook, and (as raw bytes) from crash signal handlers; see `ExitGuard`.
public final class Terminal {
  /// The options this terminal was opened with.
  public let options: TerminalOptions
  /// What colours this terminal shows (`.none` under `NO_COLOR`).
  public private(set) var colorSupport: ColorSupport = .none
  /// The theme being painted with (after NO_COLOR / no-colour substitution).
  public private(set) var theme: Theme

  private let screenPointer: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let outFile: UnsafeMutablePointer<FILE>
  private let inFile: UnsafeMutablePointer<FILE>
  private var restored = false
  private var defaultColors = false
  private var cursorVisible: Bool? = nil
  private var renditions: [StyleRole: (attrs: attr_t, pair: Int16, info: RoleRendition)] = [:]
  private var pairs: [PairKey: Int16] = [:]
  /// The frame last handed to curses at `paintedSize` (window rows × columns); nil after
  /// anything that may change what a cell looks like (theme, resize, redraw, suspend).
  private var painted: Screen?
  private var paintedSize = (rows: 0, cols: 0)

  private struct PairKey: Hashable {
    var fg: Int
    var bg: Int
  }

  /// Opens the terminal in full-screen mode (alternate screen, raw keys, no echo).
  ///
  /// Throws `TerminalError` when stdin/stdout is not a terminal, `TERM` is unset, dumb or
  /// unknown, or no UTF-8 locale exists. The locale falls back to C.UTF-8 so `LANG=C` still
  /// draws Arabic.
  public init(options: TerminalOptions) throws {
    self.options = options
    self.theme = options.theme

    // Wide characters need a UTF-8 LC_CTYPE before curses starts (TERMINAL-NOTES.md).
    setlocale(LC_ALL, "")
    if !Terminal.codesetIsUTF8() {
      setlocale(LC_CTYPE, "C.UTF-8")
      if !Terminal.codesetIsUTF8() {
        throw TerminalError.noUTF8Locale(codeset: String(cString: tl_codeset()))
      }
    }

    guard isatty(options.inputFD) == 1 else {
      throw TerminalError.notATerminal(stream: options.inputFD == 0 ? "standard input" : "input")
    }
    guard isatty(options.outputFD) == 1 else {
      throw TerminalError.notATerminal(
        stream: options.outputFD == 1 ? "standard output" : "output")
    }
    guard let term = options.termType ?? options.environment["TERM"], !term.isEmpty else {
      throw TerminalError.termUnset
    }
    if term == "dumb" {
      throw TerminalError.unsupportedTerminal(
        name: term, reason: "it cannot move the cursor or clear the screen")
    }

    // Our flag handlers go in first, so ncurses does not install its own SIGINT/SIGTERM
    // handlers (which exit at once) or its SIGWINCH handler.
    _ = tl_install_signal_flags()
    ExitGuard.saveModes(fd: options.outputFD)
    // Size from the tty (TIOCGWINSZ) even when stale LINES/COLUMNS are exported. Not
    // use_env(false): that ignores the tty too and uses terminfo's 80x24 (measured).
    use_tioctl(true)

    let outFD = dup(options.outputFD)
    let inFD = dup(options.inputFD)
    guard outFD >= 0, inFD >= 0, let out = fdopen(outFD, "w"), let input = fdopen(inFD, "r")
    else {
      if outFD >= 0 { close(outFD) }
      if inFD >= 0 { close(inFD) }
      throw TerminalError.unsupportedTerminal(name: term, reason: "cannot open the tty")
    }
    guard let sp = newterm(term, out, input) else {
      fclose(out)
      fclose(input)
      tl_default_signals()
      throw TerminalError.unknownTerminal(name: term)
    }
    set_term(sp)
    if tl_tigetstr("cup") == nil || tl_tigetstr("clear") == nil {
      endwin()
      delscreen(sp)
      fclose(out)
      fclose(input)
      tl_default_signals()
      throw TerminalError.unsupportedTerminal(
        name: term, reason: "it cannot move the cursor or clear the screen")
    }
    guard let win = tl_stdscr() else {
      endwin()
      delscreen(sp)
      fclose(out)
      fclose(input)
      tl_default_signals()
      throw TerminalError.unsupportedTerminal(name: term, reason: "curses has no screen")
    }
    screenPointer = sp
    window = win
    outFile = out
    inFile = input
    // From here on, exit() and crashes restore the terminal too.
    ExitGuard.arm(screen: sp, fd: options.outputFD, bytes: emergencyBytes())

    raw()  // not cbreak: Ctrl-C / Ctrl-Z arrive as keys (TERMINAL-NOTES.md)
    noecho()
    nonl()
    keypad(win, true)
    intrflush(win, false)
    scrollok(win, false)
    // Let doupdate scroll rows that moved (scroll region + index, or delete/insert line)
    // instead of rewriting them: when the list scrolls by one row, as in tig, a move costs
    // ~400 bytes without it (docs/performance.md). The window itself still never scrolls.
    idlok(win, true)
    tl_set_escdelay(options.escapeDelayMilliseconds)
    setCursor(visible: false)
    if has_colors() {
      start_color()
      defaultColors = use_default_colors() == OK
    }
    if options.bidiMode == .app {
      // Flush curses' own buffer first (the first refresh: smcup, modes, clear), so the raw
      // bytes cannot land inside one of its sequences. (putp writes to stdout, not this
      // screen's tty: measured with ncurses 6.4.)
      wnoutrefresh(win)
      doupdate()
      writeRaw(BDSM.explicit)
    }
    setTheme(options.theme)
  }

  deinit {
    restore()
  }

  private static func codesetIsUTF8() -> Bool {
    let codeset = String(cString: tl_codeset()).uppercased()
    return codeset == "UTF-8" || codeset == "UTF8"
  }

  /// sgr0, rmkx, cnorm, rmcup and BDSM implicit: what a crash handler writes.
  private func emergencyBytes() -> [UInt8] {
    var bytes: [UInt8] = []
    for cap in ["sgr0", "rmkx", "cnorm", "rmcup"] {
      if let s = tl_tigetstr(cap) { bytes += Array(String(cString: s).utf8) }
    }
    if options.bidiMode == .app { bytes += BDSM.implicit }
    return bytes
  }

  /// The bidi mode sequences of the terminal-wg recommendation (TERMINAL-NOTES.md).
  enum BDSM {
    /// `CSI 8 l`: explicit, the application reorders.
    static let explicit = Array("\u{1B}[8l".utf8)
    /// `CSI 8 h`: implicit, the terminal reorders (the default to leave behind).
    static let implicit = Array("\u{1B}[8h".utf8)
  }

  /// Writes bytes straight to the tty. Only call when curses' buffer is empty (after
  /// `doupdate` or `endwin`), so they cannot split one of its sequences.
  private func writeRaw(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(options.outputFD, $0.baseAddress, $0.count) }
      if n > 0 {
        offset += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return
      }
    }
  }

  private func activate() {
    set_term(screenPointer)
  }

  private func setCursor(visible: Bool) {
    guard cursorVisible != visible else { return }
    curs_set(visible ? 1 : 0)
    cursorVisible = visible
  }

  // MARK: Size, restore, suspend

  /// The window size in columns and rows.
  public var size: (width: Int, height: Int) {
    guard !restored else { return (0, 0) }
    activate()
    return (Int(getmaxx(window)), Int(getmaxy(window)))
  }

  /// Leaves full-screen mode: BDSM implicit (`CSI 8 h`) when it was set, cursor visible,
  /// `endwin` (normal screen, tty modes back), `delscreen`. Safe to call more than once.
  public func restore() {
    guard !restored else { return }
    restored = true
    activate()
    curs_set(1)
    endwin()  // flushes curses' buffer: raw bytes after it stay in order
    if options.bidiMode == .app { writeRaw(BDSM.implicit) }
    ExitGuard.disarm(screen: screenPointer)
    delscreen(screenPointer)
    fclose(outFile)
    fclose(inFile)
  }

  /// Stops the process like Ctrl-Z would in a shell (raw mode delivers Ctrl-Z as a key), and
  /// redraws everything once the shell resumes it. Call `paint` afterwards.
  public func suspend() {
    guard !restored else { return }
    activate()
    endwin()
    if options.bidiMode == .app { writeRaw(BDSM.implicit) }
    tl_stop_self()
    // Resumed: back into curses mode, everything redrawn on the next paint.
    if options.bidiMode == .app { writeRaw(BDSM.explicit) }
    redrawAll()
  }

  /// Forgets what the terminal shows so the next `paint` redraws every cell (Ctrl-L).
  public func redrawAll() {
    guard !restored else { return }
    activate()
    painted = nil
    if let cur = tl_curscr() { clearok(cur, true) }
  }

  /// The signal to act on, if one arrived (terminating ones first). A resize is applied to
  /// curses before it is reported.
  public func pendingSignal() -> TerminalSignal? {
    let sig = tl_take_signal()
    switch sig {
    case 0: return nil
    case SIGWINCH:
      guard !restored else { return nil }
      activate()
      var rows: Int32 = 0
      var cols: Int32 = 0
      if tl_winsize(options.outputFD, &rows, &cols) == 0, rows > 0, cols > 0 {
        resizeterm(rows, cols)
      }
      painted = nil
      let s = size
      return .resize(width: s.width, height: s.height)
    case SIGCONT:
      redrawAll()
      return .resumed
    default:
      return .terminate(signal: sig)
    }
  }

  // MARK: Keys

  /// The next key, or nil when `timeoutMilliseconds` pass without one (or a signal arrives).
  public func readKey(timeoutMilliseconds: Int32) -> Key? {
    guard !restored else { return nil }
    activate()
    wtimeout(window, timeoutMilliseconds)
    var ch: wint_t = 0
    let rc = wget_wch(window, &ch)
    if rc == KEY_CODE_YES {
      return KeyDecoder.decode(.keyCode(Int32(bitPattern: ch)), size: size)
    }
    if rc == OK { return KeyDecoder.decode(.character(UInt32(ch))) }
    return nil
  }

  // MARK: Theme

  /// Paints with `theme` from the next frame on. Without colour (`NO_COLOR`, or a terminal
  /// with fewer than 8 colours) a colour theme is replaced by the built-in monochrome one, so
  /// the selection stays visible through reverse video instead of a background colour.
  public func setTheme(_ theme: Theme) {
    guard !restored else { return }
    activate()
    let colors = has_colors() ? Int(tl_colors()) : 0
    colorSupport = options.noColor ? .none : ColorSupport.from(colors: colors)
    let effective =
      (colorSupport == .none && !theme.monochrome) ? ThemeLoader.monochromeTheme : theme
    self.theme = effective
    renditions.removeAll()
    painted = nil
    for role in StyleRole.allCases {
      let style = effective.style(for: role)
      var attrs = tl_a_normal()
      if style.bold { attrs |= tl_a_bold() }
      if style.underline { attrs |= tl_a_underline() }
      if style.reverse { attrs |= tl_a_reverse() }
      if style.dim { attrs |= tl_a_dim() }
      var fg: Int? = nil
      var bg: Int? = nil
      var pair: Int16 = 0
      if colorSupport != .none && !effective.monochrome {
        fg = ColorMapper.map(style.foreground, to: colorSupport)
        bg = ColorMapper.map(style.background, to: colorSupport)
        pair = colorPair(fg: fg, bg: bg)
      }
      let info = RoleRendition(
        bold: style.bold, underline: style.underline, reverse: style.reverse, dim: style.dim,
        foreground: fg, background: bg, pair: pair)
      renditions[role] = (attrs, pair, info)
    }
  }

  /// How `role` is drawn now (for tests and diagnostics).
  public func rendition(for role: StyleRole) -> RoleRendition? {
    renditions[role]?.info
  }

  /// The pair for (fg, bg), allocated on first use; 0 when both are default or pairs run out.
  private func colorPair(fg: Int?, bg: Int?) -> Int16 {
    // Without use_default_colors, "default" means white on black.
    let f = fg ?? (defaultColors ? -1 : 7)
    let b = bg ?? (defaultColors ? -1 : 0)
    if f == -1 && b == -1 { return 0 }
    let key = PairKey(fg: f, bg: b)
    if let p = pairs[key] { return p }
    let next = pairs.count + 1
    guard next < Int(tl_color_pairs()), next <= Int(Int16.max) else { return 0 }
    guard init_pair(Int16(next), Int16(f), Int16(b)) == OK else { return 0 }
    pairs[key] = Int16(next)
    return Int16(next)
  }

  // MARK: Painting

  /// Draws `screen` and sends only what changed since the last frame.
  ///
  /// Cells outside the window are dropped; window cells the screen does not cover are blanked.
  /// Cell text is re-sanitised here (controls → U+FFFD) as a last line of defence, and a glyph
  /// whose real width (`wcwidth`) disagrees with its cell is replaced so columns never shift.
  /// Rows equal to the last painted frame's are not handed to curses again (curses' window
  /// still holds them): a cursor move re-puts 3 rows instead of 24.
  public func paint(_ screen: Screen) {
    guard !restored else { return }
    activate()
    let rows = Int(getmaxy(window))
    let cols = Int(getmaxx(window))
    var cc = cchar_t()
    var buffer: [wchar_t] = []
    buffer.reserveCapacity(Int(CCHARW_MAX) + 1)
    let previous =
      paintedSize == (rows, cols) ? painted.flatMap { Terminal.sameShape($0, screen) } : nil

    for r in 0..<rows {
      if let previous, Terminal.sameRow(r, previous, screen) { continue }
      var c = 0
      while c < cols {
        let cell: Cell =
          (r < screen.height && c < screen.width) ? screen[r, c] : Cell.blank
        if cell.isContinuation {
          // Covered by the wide glyph to its left (or an orphan: blank it).
          if c == 0 || !Terminal.coversNext(screen, r, c - 1) {
            put(" ", role: cell.role, row: r, col: c, into: &cc, buffer: &buffer)
          }
          c += 1
          continue
        }
        let glyph = Terminal.glyph(of: cell)
        let width = Int(wcwidth(glyph[0]))
        if width == 2 && cell.width == 2 && c + 1 < cols {
          put(glyph, role: cell.role, row: r, col: c, into: &cc, buffer: &buffer)
          c += 2
          continue
        }
        if width == 2 {
          // A wide glyph in a narrow cell, or at the right edge: it would shift the row.
          put([0xFFFD], role: cell.role, row: r, col: c, into: &cc, buffer: &buffer)
        } else {
          put(glyph, role: cell.role, row: r, col: c, into: &cc, buffer: &buffer)
        }
        c += 1
        if cell.width == 2 && c < cols {
          // A narrow glyph in a wide cell: blank the continuation column.
          put(" ", role: cell.role, row: r, col: c, into: &cc, buffer: &buffer)
          c += 1
        }
      }
    }

    if let cursor = screen.cursor, cursor.row >= 0, cursor.row < rows, cursor.col >= 0,
      cursor.col < cols
    {
      wmove(window, Int32(cursor.row), Int32(cursor.col))
      setCursor(visible: true)
    } else {
      setCursor(visible: false)
    }
    wnoutrefresh(window)
    doupdate()
    painted = screen
    paintedSize = (rows, cols)
  }

  /// `previous` when it has the size of `screen` (its rows can then be compared), else nil.
  private static func sameShape(_ previous: Screen, _ screen: Screen) -> Screen? {
    previous.width == screen.width && previous.height == screen.height ? previous : nil
  }

  /// True when row `r` has the same cells in both frames (rows below both frames are blank in
  /// both).
  private static func sameRow(_ r: Int, _ a: Screen, _ b: Screen) -> Bool {
    guard r < a.height else { return true }
    let start = r * a.width
    return a.cells[start..<start + a.width] == b.cells[start..<start + b.width]
  }

  /// True when the cell at (r, c) is a wide glyph whose second column is (r, c + 1).
  private static func coversNext(_ screen: Screen, _ r: Int, _ c: Int) -> Bool {
    guard r < screen.height, c >= 0, c < screen.width else { return false }
    let left = screen[r, c]
    return left.width == 2 && !left.isContinuation
  }

  /// The scalars to draw for a cell: one spacing base plus at most 4 zero-width marks,
  /// controls replaced by U+FFFD, format characters (bidi controls) dropped, a stray leading
  /// mark given a space to sit on.
  static func glyph(of cell: Cell) -> [wchar_t] {
    // Printable ASCII (most cells): one column, never a control or format character.
    if cell.text.utf8.count == 1, let byte = cell.text.utf8.first, (0x20...0x7E).contains(byte) {
      return [wchar_t(byte)]
    }
    var out: [wchar_t] = []
    for scalar in cell.text.unicodeScalars {
      var v = scalar.value
      if v < 0x20 || (0x7F...0x9F).contains(v) { v = 0xFFFD }
      // Bidi controls, U+FEFF and other format characters would let text reorder or hide
      // itself on terminals that interpret them; ZWJ stays for emoji sequences.
      if scalar.properties.generalCategory == .format && v != 0x200D { continue }
      let w = wcwidth(wchar_t(bitPattern: v))
      if out.isEmpty {
        if w < 1 {
          out.append(0x20)
          if w == 0 { out.append(wchar_t(bitPattern: v)) }
        } else {
          out.append(wchar_t(bitPattern: v))
        }
      } else if w == 0 {
        if out.count < Int(CCHARW_MAX) { out.append(wchar_t(bitPattern: v)) }
      } else {
        break  // one spacing glyph per cell
      }
    }
    if out.isEmpty { out.append(0x20) }
    return out
  }

  private func put(
    _ text: String, role: StyleRole, row: Int, col: Int, into cc: inout cchar_t,
    buffer: inout [wchar_t]
  ) {
    put(
      text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }, role: role, row: row,
      col: col, into: &cc, buffer: &buffer)
  }

  private func put(
    _ glyph: [wchar_t], role: StyleRole, row: Int, col: Int, into cc: inout cchar_t,
    buffer: inout [wchar_t]
  ) {
    buffer.removeAll(keepingCapacity: true)
    buffer.append(contentsOf: glyph.prefix(Int(CCHARW_MAX)))
    buffer.append(0)
    let (attrs, pair) = renditions[role].map { ($0.attrs, $0.pair) } ?? (tl_a_normal(), 0)
    guard setcchar(&cc, buffer, attrs, pair, nil) == OK else { return }
    // At the bottom-right cell this returns ERR (the cursor cannot advance) but the cell is
    // stored; scrollok is off, so nothing scrolls.
    _ = mvwadd_wch(window, Int32(row), Int32(col), &cc)
  }
}
