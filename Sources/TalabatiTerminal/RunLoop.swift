import CSystemShims
import Foundation
import TalabatiUI

/// An application the full-screen loop drives: keys in, screens out.
public protocol TerminalApp {
  /// Handles one key; returns false to quit. `.resize` keys arrive here too.
  mutating func handle(_ key: Key) -> Bool
  /// The whole frame for a window of `width` × `height` cells.
  func render(width: Int, height: Int) -> Screen
  /// Called when no key arrived for a while (about 4 times a second) and at least once a
  /// second during typing, so live countdowns (R3's 30-minute window) stay current.
  mutating func tick()
}

/// Opens the terminal, runs `app` until it quits or a terminating signal arrives, and restores
/// the terminal on every path (return, thrown error, `exit()`, crash: see `ExitGuard`).
///
/// Returns the exit code: 0 when the app quits, 128 + N after signal N (SIGINT → 130).
/// Throws `TerminalError` when the terminal cannot be opened (print its `description`).
/// A crash does not wait ~30 s for a key: the executable gives the crash signals their default
/// action at start on a terminal (`tl_default_crash_signals`), and the exit guard restores first.
public func runFullScreen<A: TerminalApp>(_ app: inout A, options: TerminalOptions) throws
  -> Int32
{
  let terminal = try Terminal(options: options)
  defer { terminal.restore() }
  return terminal.run(&app)
}

extension Terminal {
  /// True when the terminal's input has hung up: poll reports POLLHUP/POLLERR/POLLNVAL, or the
  /// descriptor is readable but gives end-of-file.
  public func inputHungUp() -> Bool {
    var p = pollfd(fd: options.inputFD, events: Int16(POLLIN), revents: 0)
    guard poll(&p, 1, 0) == 1 else { return false }
    return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  /// The loop behind `runFullScreen`, on an already open terminal; returns the exit code.
  ///
  /// Ctrl-L redraws everything, Ctrl-Z suspends (both are handled here, not passed on); a
  /// resize or resume repaints. The caller restores the terminal afterwards.
  public func run<A: TerminalApp>(
    _ app: inout A, keyTimeoutMilliseconds: Int32 = 250
  ) -> Int32 {
    var last: Screen? = nil
    var lastTick = ContinuousClock.now
    var pending: Key? = nil
    while true {
      // Signals first: a terminating one ends the loop before anything else is drawn.
      while let signal = pendingSignal() {
        switch signal {
        case .terminate: return signal.exitCode
        case .resize(let w, let h):
          // The app learns the new size as a key, as it would from ncurses' KEY_RESIZE.
          last = nil
          if !app.handle(.resize(width: w, height: h)) { return 0 }
        case .resumed: last = nil
        }
      }
      let (width, height) = size
      let frame = app.render(width: width, height: height)
      if last == nil || frame != last {
        paint(frame)
        last = frame
      }

      var read = pending ?? readKey(timeoutMilliseconds: keyTimeoutMilliseconds)
      pending = nil
      if read == .escape {
        // Curses hands back a lone Esc for a sequence its terminfo entry does not know
        // (Home under tmux is `ESC [ 1 ~`): read the rest, so it is a key or nothing, never
        // "back" (issue 13, item 10). The rest is already queued; a lone Esc waits once more.
        let delay = max(1, options.escapeDelayMilliseconds)
        let (key, leftover) = KeyDecoder.assembleEscape {
          self.readKey(timeoutMilliseconds: delay)
        }
        pending = leftover
        guard let key else { continue }
        read = key
      }
      guard let key = read else {
        // The terminal went away (an SSH link dropped, the tmux pane was killed) without a
        // SIGHUP reaching us: reading gives end-of-file at once. Leave as SIGHUP would.
        if inputHungUp() { return 128 + SIGHUP }
        if tl_termination_pending() == 0 {
          app.tick()
          lastTick = .now
        }
        continue
      }
      if ContinuousClock.now - lastTick >= .seconds(1) {
        app.tick()
        lastTick = .now
      }
      switch key {
      case .ctrl("l"):
        redrawAll()
        last = nil
      case .ctrl("z"):
        suspend()
        last = nil
      case .resize:
        last = nil
        if !app.handle(key) { return 0 }
      default:
        let theme = self.theme
        if !app.handle(key) { return 0 }
        // A new theme changes every cell's colours but not the frame: paint it now, not at
        // the next key (issue 13, item 11).
        if self.theme != theme { last = nil }
      }
    }
  }
}
