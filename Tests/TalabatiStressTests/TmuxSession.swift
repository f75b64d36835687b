import Foundation
import TalabatiTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A detached tmux session running one shell command, then printing `EXITED:<code>` and the
/// tty's `icanon`/`echo` modes, so a test sees what the shopper's terminal is left in.
final class TmuxSession {
  static let available = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  let name = "talabati-stress-\(UUID().uuidString.prefix(8))"

  /// Runs `command` (already shell-quoted) in a `width`×`height` pane.
  init(command: String, width: Int = 80, height: Int = 24) throws {
    let shell =
      "\(command); echo EXITED:$? MODES:$(stty -a | tr ' ;' '\\n\\n' "
      + "| grep -E '^-?(icanon|echo)$' | tr '\\n' ' '):END; sleep 60"
    // A `new-session` that reaches this process's tmux server while it exits (its previous
    // last session just ended) is lost with it: try again until the session exists. Seen
    // under a loaded full parallel run as an empty screen after 30 s.
    for _ in 0..<5 {
      try Self.tmux([
        "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell,
      ])
      if try Self.status(["has-session", "-t", name]) == 0 { return }
      usleep(200_000)
    }
  }

  /// The exit status of a tmux command.
  static func status(_ args: [String]) throws -> Int32 {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "TMUX")
    return try Spawn.run("/usr/bin/tmux", ["-L", socket] + args, environment: env).status
  }

  /// `env K=V … talabati args…`, quoted for the shell.
  /// `asAUserStartsIt` leaves `SWIFT_BACKTRACE` unset, as in a shopper's own shell.
  static func talabati(
    _ args: [String], env: [String: String], asAUserStartsIt: Bool = false
  ) -> String {
    var words =
      asAUserStartsIt ? ["env", "-u", "SWIFT_BACKTRACE"] : ["env", "SWIFT_BACKTRACE=enable=no"]
    words += env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    words += [Talabati.binary] + args
    return words.map(quote).joined(separator: " ")
  }

  static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }

  /// A tmux server of this test process alone (`-L`): the tests never drive a server the
  /// user already runs, and behave the same where none runs yet (as on CI).
  static let socket = "talabati-stress-\(getpid())"

  /// Runs tmux to its end (through `Spawn`, not `Process`: the server a `new-session` forks
  /// would otherwise keep `waitUntilExit` waiting for as long as it lives).
  @discardableResult
  static func tmux(_ args: [String]) throws -> String {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "TMUX")
    return try Spawn.run("/usr/bin/tmux", ["-L", socket] + args, environment: env).output
  }

  /// The visible screen, as the scalars written.
  func screen() throws -> String { try Self.tmux(["capture-pane", "-p", "-t", name]) }

  /// The screen with wrapped lines joined (for messages longer than the pane is wide).
  func joinedScreen() throws -> String { try Self.tmux(["capture-pane", "-p", "-J", "-t", name]) }

  /// A format variable of the pane, e.g. `pane_title`, `alternate_on`.
  func variable(_ format: String) throws -> String {
    try Self.tmux(["display-message", "-p", "-t", name, "#{\(format)}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func send(_ keys: String...) throws {
    for k in keys {
      try Self.tmux(["send-keys", "-t", name, k])
      usleep(100_000)
    }
  }

  func resize(width: Int, height: Int) throws {
    try Self.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  /// The pid of the program the pane's shell is running (talabati), if any.
  func childPID() throws -> pid_t? {
    guard let shell = Int32(try variable("pane_pid")) else { return nil }
    let path = "/proc/\(shell)/task/\(shell)/children"
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: " ").first.flatMap { Int32($0) }
  }

  /// Waits until the screen contains `text`, returning the last screen seen.
  @discardableResult
  func waitFor(
    _ text: String, seconds: Double = 30, joined: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try joined ? joinedScreen() : screen()
      if last.contains(text) { return last }
      usleep(100_000)
    }
    Issue.record("screen never showed \(text):\n\(last)", sourceLocation: sourceLocation)
    return last
  }

  /// After the program ended: its exit code and whether the tty is back in cooked mode with
  /// echo on the normal screen.
  func expectRestored(
    exit code: Int32, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let end = try waitFor(":END", joined: true, sourceLocation: sourceLocation)
    #expect(end.contains("EXITED:\(code)"), "\(end)", sourceLocation: sourceLocation)
    #expect(
      end.contains("icanon") && !end.contains("-icanon"), "tty left raw:\n\(end)",
      sourceLocation: sourceLocation)
    #expect(
      !end.contains("-echo"), "tty left without echo:\n\(end)", sourceLocation: sourceLocation)
    #expect(
      try variable("alternate_on") == "0", "the alternate screen was not left",
      sourceLocation: sourceLocation)
  }
}
