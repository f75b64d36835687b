import CSystemShims
import Foundation
import TalabatiUI
import Testing

@testable import TalabatiTerminal

/// The environment variable that turns this test binary into the exit-path helper.
private let helperVariable = "TALABATI_TERM_EXIT_HELPER"

extension NcursesOnPty {
  /// A user whose app dies without calling `restore()` must still get their shell back:
  /// normal screen, cursor, cooked tty, BDSM implicit. The helper runs in a child process
  /// (this same test binary) on a pty this test reads.
  @Suite("Exit paths restore the terminal")
  struct ExitPathTests {
    @Test(
      "exit() and a Swift crash (fatalError) both leave the terminal usable",
      .enabled(if: ProcessInfo.processInfo.environment[helperVariable] == nil),
      arguments: ["exit", "crash"])
    func restoredOnExit(mode: String) throws {
      let pty = try Pty()
      let child = Process()
      child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
      child.arguments = ["--testing-library", "swift-testing", "--filter", "exitPathHelper"]
      var env = ProcessInfo.processInfo.environment
      env[helperVariable] = mode
      env["TALABATI_TERM_PTS"] = String(cString: ptsname(pty.master))
      env["SWIFT_BACKTRACE"] = "enable=no"  // what the executable must set (ExitGuard docs)
      child.environment = env
      child.standardOutput = FileHandle.nullDevice
      child.standardError = FileHandle.nullDevice
      try child.run()
      let deadline = Date().addingTimeInterval(60)
      while child.isRunning && Date() < deadline {
        pty.drain()
        usleep(20_000)
      }
      if child.isRunning {
        child.terminate()
        Issue.record("helper did not finish")
        return
      }
      let out = pty.drain()
      let all = pty.output + out
      if mode == "exit" {
        #expect(child.terminationReason == .exit && child.terminationStatus == 3)
      } else {
        #expect(child.terminationReason == .uncaughtSignal)
      }
      let entered = all.range(of: "\u{1B}[8l") ?? Int.max
      #expect(all.contains(bytes: "\u{1B}[?1049h"), "the helper never started curses")
      #expect((all.lastIndex(of: "\u{1B}[?1049l") ?? -1) > entered, "alternate screen not left")
      #expect((all.lastIndex(of: "\u{1B}[8h") ?? -1) > entered, "BDSM implicit not restored")
      #expect((all.lastIndex(of: "\u{1B}[?25h") ?? -1) > entered, "cursor left hidden")
      var t = termios()
      tcgetattr(pty.slave, &t)
      #expect(t.c_lflag & tcflag_t(ECHO) != 0, "echo left off")
      #expect(t.c_lflag & tcflag_t(ICANON) != 0, "tty left in raw mode")
    }

    /// Runs only inside the child: opens the pty, paints, then leaves without `restore()`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[helperVariable] != nil))
    func exitPathHelper() throws {
      let env = ProcessInfo.processInfo.environment
      let path = try #require(env["TALABATI_TERM_PTS"])
      let fd = open(path, O_RDWR | O_NOCTTY)
      try #require(fd >= 0)
      let terminal = try Terminal(
        options: TerminalOptions(
          inputFD: fd, outputFD: fd, termType: "xterm-256color", environment: [:]))
      var screen = Screen(width: 80, height: 24)
      screen[0, 0] = Cell(text: "ﻃ", width: 1, role: .title)
      terminal.paint(screen)
      if env[helperVariable] == "exit" {
        exit(3)
      }
      fatalError("exit-path helper: simulated crash")
    }
  }
}
