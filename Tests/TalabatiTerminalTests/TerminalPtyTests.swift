import CSystemShims
import Foundation
import TalabatiUI
import Testing

@testable import TalabatiTerminal

/// Puts pre-shaped glyphs (already in visual order) on a row, one cell each.
private func put(_ screen: inout Screen, row: Int, col: Int, _ glyphs: [String], role: StyleRole) {
  for (i, g) in glyphs.enumerated() where col + i < screen.width {
    screen[row, col + i] = Cell(text: g, width: 1, role: role)
  }
}

private func put(_ screen: inout Screen, row: Int, col: Int, _ text: String, role: StyleRole) {
  put(&screen, row: row, col: col, text.map { String($0) }, role: role)
}

/// Forgets signals left over from another test.
private func clearSignals() {
  while tl_take_signal() != 0 {}
}

/// An orders list as the user sees it: a title, rows of order number + shaped Arabic title +
/// price, the selection bar on `selected`, and a status line.
private func ordersList(selected: Int) -> Screen {
  var s = Screen(width: 80, height: 24)
  put(&s, row: 0, col: 0, String(repeating: " ", count: 80), role: .title)
  // "طلباتك" shaped and reordered (visual order, presentation forms), right-aligned.
  put(&s, row: 0, col: 74, ["ﻚ", "ﺗ", "ﺎ", "ﺒ", "ﻠ", "ﻃ"], role: .title)
  // "سماعات سوني" shaped, visual order.
  let title = ["ﻲ", "ﻧ", "ﻮ", "ﺳ", " ", "ﺕ", "ﺎ", "ﻋ", "ﺎ", "ﻤ", "ﺳ"]
  for r in 0..<20 {
    let row = 2 + r
    let role: StyleRole = r == selected ? .selection : .normal
    put(&s, row: row, col: 0, String(repeating: " ", count: 80), role: role)
    put(&s, row: row, col: 2, "402-123456\(r % 10)-1234567", role: role)
    put(&s, row: row, col: 28, "SAR 1,234.50", role: role)
    put(&s, row: row, col: 80 - 2 - title.count, title, role: role)
  }
  put(&s, row: 23, col: 0, String(repeating: " ", count: 80), role: .statusLine)
  put(&s, row: 23, col: 1, "q quit  enter open  c cancel", role: .statusLine)
  return s
}

/// Every test that drives ncurses: one serialized suite, because ncurses keeps global state
/// (the current SCREEN) and Debian's build is not thread-safe (TERMINAL-NOTES.md).
@Suite("ncurses on a pty", .serialized)
struct NcursesOnPty {}

extension NcursesOnPty {
  @Suite("Terminal on a pty")
  struct TerminalPtyTests {
    @Test(
      "Arabic presentation forms, a wide CJK glyph and harakat land in the right columns",
      .enabled(
        if: Emulated.available, "python3-pyte is not installed (apt-get install python3-pyte)")
    )
    func paintsCells() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      #expect(terminal.size.width == 80 && terminal.size.height == 24)
      var screen = Screen(width: 80, height: 24)
      let word = ["ﻚ", "ﺗ", "ﺎ", "ﺒ", "ﻠ", "ﻃ"]  // طلباتك after shaping, visual order
      put(&screen, row: 0, col: 0, word, role: .title)
      screen[0, 8] = Cell(text: "漢", width: 2, role: .normal)
      screen[0, 9] = Cell(text: "", width: 0, role: .normal)
      screen[0, 11] = Cell(text: "\u{FEE3}\u{064E}", width: 1, role: .normal)  // ﻣَ
      screen[0, 12] = Cell(text: "\u{FEA4}\u{064E}\u{0651}", width: 1, role: .normal)  // ﺤَّ
      screen[0, 13] = Cell(text: "x", width: 1, role: .normal)
      put(&screen, row: 1, col: 0, "402-1234567-1234567", role: .selection)
      screen[23, 79] = Cell(text: "Z", width: 1, role: .statusLine)  // bottom-right: no scroll
      terminal.paint(screen)
      let painted = pty.drain()

      let emu = try Emulated.run(painted, cols: 80, rows: 24)
      #expect(Array(emu.rows[0][0..<6]) == word)
      #expect(emu.rows[0][8] == "漢")
      #expect(emu.rows[0][9] == "")
      #expect(emu.rows[0][10] == " ")
      #expect(emu.rows[0][11] == "\u{FEE3}\u{064E}")
      #expect(emu.rows[0][12] == "\u{FEA4}\u{064E}\u{0651}")
      #expect(emu.rows[0][13] == "x")
      #expect(emu.line(1) == "402-1234567-1234567")
      #expect(emu.rows[23][79] == "Z")
      // Nothing scrolled: every row shows exactly what the Screen holds.
      for r in 0..<24 {
        var expected = ""
        for c in 0..<80 where !screen[r, c].isContinuation { expected += screen[r, c].text }
        while expected.hasSuffix(" ") { expected.removeLast() }
        #expect(emu.line(r) == expected, "row \(r)")
      }
      terminal.restore()
    }

    @Test("start enters the alternate screen and sets BDSM explicit; restore undoes both")
    func modes() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      terminal.paint(Screen(width: 80, height: 24))
      let start = pty.drain()
      #expect(start.contains(bytes: "\u{1B}[?1049h"), "smcup (alternate screen) not sent")
      #expect(start.contains(bytes: "\u{1B}[8l"), "BDSM explicit (CSI 8 l) not sent")
      #expect(start.contains(bytes: "\u{1B}[?25l"), "cursor not hidden")
      terminal.restore()
      let end = pty.drain()
      #expect(end.contains(bytes: "\u{1B}[8h"), "BDSM implicit (CSI 8 h) not sent at restore")
      #expect(end.contains(bytes: "\u{1B}[?1049l"), "rmcup (leave alternate screen) not sent")
      #expect(end.contains(bytes: "\u{1B}[?25h"), "cursor not shown again")
      // Restoring twice sends nothing more and does not crash.
      terminal.restore()
      #expect(pty.drain().isEmpty)
      // The tty is back in cooked mode with echo.
      var t = termios()
      tcgetattr(pty.slave, &t)
      #expect(t.c_lflag & tcflag_t(ECHO) != 0)
      #expect(t.c_lflag & tcflag_t(ICANON) != 0)
    }

    @Test("bidiMode .terminal leaves BDSM alone")
    func bidiTerminalMode() throws {
      clearSignals()
      let pty = try Pty()
      var options = pty.options()
      options.bidiMode = .terminal
      let terminal = try Terminal(options: options)
      terminal.paint(Screen(width: 80, height: 24))
      terminal.restore()
      let all = pty.drain()
      #expect(!all.contains(bytes: "\u{1B}[8l") && !all.contains(bytes: "\u{1B}[8h"))
    }

    @Test("moving the selection one row costs far fewer bytes than a full repaint")
    func bytesPerCursorMove() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      terminal.paint(ordersList(selected: 3))
      let first = pty.drain().count
      var moves: [Int] = []
      for selected in 4...10 {
        terminal.paint(ordersList(selected: selected))
        moves.append(pty.drain().count)
      }
      terminal.redrawAll()
      terminal.paint(ordersList(selected: 10))
      let full = pty.drain().count
      terminal.paint(ordersList(selected: 10))
      let unchanged = pty.drain().count
      terminal.restore()
      let worst = moves.max() ?? 0
      print(
        "[term] 80x24 orders list: first paint \(first) B, full repaint \(full) B, "
          + "cursor move \(moves) B (worst \(worst)), unchanged frame \(unchanged) B")
      #expect(worst <= 340, "a cursor move should cost ≤ 340 bytes, measured \(worst)")
      #expect(worst * 4 < full)
      #expect(unchanged == 0)
    }

    @Test("keys typed on the terminal decode: arrows, paging, Arabic letters, Ctrl-C, Esc")
    func readsKeys() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      defer { terminal.restore() }
      // What xterm sends in application keypad mode (curses turns it on: smkx).
      pty.type(
        "\u{1B}OA\u{1B}OB\u{1B}[5~\u{1B}[6~\u{1B}OH\u{1B}OF\u{1B}OP\u{1B}[15~\u{1B}[Z\u{1B}[3~")
      pty.type("طq\u{03}\u{1A}\r\t\u{7F}ؤ")
      var keys: [Key] = []
      while keys.count < 18, let key = terminal.readKey(timeoutMilliseconds: 500) {
        keys.append(key)
      }
      #expect(
        keys == [
          .up, .down, .pageUp, .pageDown, .home, .end, .function(1), .function(5), .backTab,
          .delete, .char("ط"), .char("q"), .ctrl("c"), .ctrl("z"), .enter, .tab, .backspace,
          .char("ؤ"),
        ])
      // A lone Esc is reported after the short escape delay, not swallowed.
      pty.type("\u{1B}")
      #expect(terminal.readKey(timeoutMilliseconds: 500) == .escape)
      // Nothing typed: nil after the timeout.
      #expect(terminal.readKey(timeoutMilliseconds: 30) == nil)
    }

    @Test("a resize is reported with the new size and painting follows it")
    func resize() throws {
      clearSignals()
      let pty = try Pty(rows: 20, cols: 70)
      let terminal = try Terminal(options: pty.options())
      defer { terminal.restore() }
      // The size comes from the tty, not from terminfo's 80x24.
      #expect(terminal.size.width == 70 && terminal.size.height == 20)
      pty.resize(rows: 30, cols: 100)
      kill(getpid(), SIGWINCH)
      var signal: TerminalSignal? = nil
      for _ in 0..<100 where signal == nil {
        signal = terminal.pendingSignal()
        if signal == nil { usleep(10_000) }
      }
      #expect(signal == .resize(width: 100, height: 30))
      #expect(terminal.size.width == 100 && terminal.size.height == 30)
      #expect(terminal.readKey(timeoutMilliseconds: 200) == .resize(width: 100, height: 30))
    }

    @Test("screens larger or smaller than the window are clipped or blanked, never scrolled")
    func mismatchedSizes() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      var big = Screen(width: 120, height: 40, fill: Cell(text: "#", width: 1, role: .normal))
      big[0, 0] = Cell(text: "A", width: 1, role: .normal)
      big[23, 79] = Cell(text: "漢", width: 2, role: .normal)  // a wide glyph cut by the edge
      big[23, 80] = Cell(text: "", width: 0, role: .normal)
      terminal.paint(big)
      let small = Screen(width: 10, height: 5, fill: Cell(text: "s", width: 1, role: .normal))
      terminal.paint(small)
      var wrongWidths = Screen(width: 80, height: 24)
      wrongWidths[0, 0] = Cell(text: "漢", width: 1, role: .normal)  // claims 1 column
      wrongWidths[0, 1] = Cell(text: "b", width: 1, role: .normal)
      wrongWidths[1, 0] = Cell(text: "a", width: 2, role: .normal)  // claims 2 columns
      wrongWidths[1, 1] = Cell(text: "", width: 0, role: .normal)
      wrongWidths[1, 2] = Cell(text: "\u{1B}]0;x\u{07}", width: 1, role: .normal)  // controls
      wrongWidths[1, 3] = Cell(text: "\u{0651}", width: 1, role: .normal)  // a stray shadda
      wrongWidths[1, 4] = Cell(text: "c", width: 1, role: .normal)
      wrongWidths[1, 5] = Cell(text: "\u{202E}d\u{2066}", width: 1, role: .normal)  // bidi
      terminal.paint(wrongWidths)
      let bytes = pty.drain()
      terminal.restore()
      #expect(!bytes.contains(bytes: "\u{1B}]0;"), "an OSC from cell text reached the terminal")
      #expect(!bytes.contains(bytes: "\u{202E}") && !bytes.contains(bytes: "\u{2066}"))
      guard Emulated.available else { return }
      let emu = try Emulated.run(bytes, cols: 80, rows: 24)
      #expect(emu.line(0) == "\u{FFFD}b")
      #expect(emu.rows[1][0] == "a" && emu.rows[1][1] == " ")
      #expect(emu.rows[1][2] == "\u{FFFD}")
      #expect(emu.rows[1][4] == "c")
      #expect(emu.rows[1][5] == "d")
      for r in 2..<24 { #expect(emu.line(r) == "", "row \(r)") }
    }

    @Test("NO_COLOR gives attributes only; a 256-colour terminal gives colour pairs")
    func colours() throws {
      clearSignals()
      let pty = try Pty()
      let colourful = try Terminal(options: pty.options())
      #expect(colourful.colorSupport == .indexed256)
      let selection = try #require(colourful.rendition(for: .selection))
      #expect(selection.pair != 0 && selection.background == 74)  // #5fafd7 in the 256 palette
      colourful.restore()

      let plain = try Terminal(options: pty.options(environment: ["NO_COLOR": "1"]))
      defer { plain.restore() }
      #expect(plain.colorSupport == .none)
      #expect(plain.theme.monochrome)
      for role in StyleRole.allCases {
        let r = try #require(plain.rendition(for: role))
        #expect(r.pair == 0 && r.foreground == nil && r.background == nil)
      }
      #expect(plain.rendition(for: .selection)?.reverse == true)

      let eight = try Terminal(options: pty.options(term: "xterm"))
      defer { eight.restore() }
      #expect(eight.colorSupport == .ansi8)
      #expect(eight.rendition(for: .selection)?.background == 6)  // #5fafd7 → cyan
    }

    @Test("unusable terminals are refused with a message that says why")
    func refusals() throws {
      clearSignals()
      let pty = try Pty()
      #expect(
        throws: TerminalError.unsupportedTerminal(
          name: "dumb", reason: "it cannot move the cursor or clear the screen")
      ) {
        try Terminal(options: pty.options(term: "dumb"))
      }
      #expect(throws: TerminalError.unknownTerminal(name: "no-such-terminal")) {
        try Terminal(options: pty.options(term: "no-such-terminal"))
      }
      var unset = pty.options()
      unset.termType = nil
      #expect(throws: TerminalError.termUnset) { try Terminal(options: unset) }
      var fds: [Int32] = [0, 0]
      #expect(pipe(&fds) == 0)
      defer {
        close(fds[0])
        close(fds[1])
      }
      var piped = pty.options()
      piped.outputFD = fds[1]
      do {
        _ = try Terminal(options: piped)
        Issue.record("opened a terminal on a pipe")
      } catch let error as TerminalError {
        #expect(error.description.contains("not a terminal"))
      }
      // Nothing was drawn on the pty by the refused attempts.
      #expect(!pty.drain().contains(bytes: "\u{1B}[?1049h"))
    }
  }

}

/// A test app: records keys, counts ticks, quits on "q", raises SIGTERM on "k".
private struct ScriptedApp: TerminalApp {
  var keys: [Key] = []
  var ticks = 0
  var typeOnSecondTick: (() -> Void)?

  mutating func handle(_ key: Key) -> Bool {
    keys.append(key)
    // Process-directed, as `kill` from a shell would be (test threads block signals, so
    // raise() would leave it pending on this thread).
    if key == .char("k") { kill(getpid(), SIGTERM) }
    return key != .char("q")
  }

  func render(width: Int, height: Int) -> Screen {
    var s = Screen(width: width, height: height)
    put(&s, row: 0, col: 0, "keys \(keys.count) ticks \(ticks)", role: .title)
    return s
  }

  mutating func tick() {
    ticks += 1
    if ticks == 2 { typeOnSecondTick?() }
  }
}

extension NcursesOnPty {
  @Suite("Full-screen loop on a pty")
  struct RunLoopTests {
    @Test("keys reach the app, Ctrl-L stays in the driver, q quits with status 0")
    func quits() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      defer { terminal.restore() }
      pty.type("a\u{0C}بq")
      var app = ScriptedApp()
      let status = terminal.run(&app, keyTimeoutMilliseconds: 50)
      #expect(status == 0)
      #expect(app.keys == [.char("a"), .char("ب"), .char("q")])
    }

    @Test("the app ticks while idle (live countdowns, R3)")
    func ticks() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      defer { terminal.restore() }
      var app = ScriptedApp()
      app.typeOnSecondTick = { pty.type("q") }
      #expect(terminal.run(&app, keyTimeoutMilliseconds: 20) == 0)
      #expect(app.ticks >= 2)
    }

    @Test("SIGTERM ends the loop with status 143 and the terminal is restored")
    func terminates() throws {
      clearSignals()
      let pty = try Pty()
      let terminal = try Terminal(options: pty.options())
      pty.type("k")
      var app = ScriptedApp()
      #expect(terminal.run(&app, keyTimeoutMilliseconds: 50) == 128 + SIGTERM)
      terminal.restore()
      #expect(pty.drain().contains(bytes: "\u{1B}[?1049l"))
    }
  }
}
