import Foundation
import Testing

/// Issue 13's keys in the real binary under tmux: Home/End and unknown sequences under
/// `TERM=xterm-256color` (tmux sends Home as `ESC [ 1 ~`, which that entry does not know),
/// Ctrl-C and `Q` from a deep screen, and `T` naming the theme and keeping it between runs.
@Suite(.serialized) struct TmuxKeysTests {
  typealias Session = TmuxTests.Session

  /// A tmux session running the client with `TERM` set as a visitor's terminal would.
  static func client(store: String, lang: String, term: String = "xterm-256color") throws
    -> Session
  {
    try Session(store: store, lang: lang, environment: ["TERM=\(term)"])
  }

  @Test(.enabled(if: TmuxTests.hasTmux))
  func homeEndAndUnknownSequencesNeverActAsBack() throws {
    let store = try CLI.demoStore()
    let c = try Self.client(store: store, lang: "en")
    try c.waitFor("Your Orders")
    try c.send("Enter")
    try c.waitFor("Order details")
    // Home and End as tmux sends them, the other common spellings, an unknown sequence
    // (F5 as a VT220 sends it: ESC [ 1 5 ~) and Alt-x.
    try c.send("Home", "End")
    try c.sendBytes(["1b", "5b", "31", "7e"])  // ESC [ 1 ~
    try c.sendBytes(["1b", "5b", "48"])  // ESC [ H
    try c.sendBytes(["1b", "4f", "46"])  // ESC O F
    try c.sendBytes(["1b", "5b", "38", "7e"])  // ESC [ 8 ~
    try c.sendBytes(["1b", "5b", "31", "35", "7e"])  // ESC [ 1 5 ~
    try c.send("M-x")
    usleep(300_000)
    let screen = try c.screen()
    #expect(screen.contains("Order details"), "a sequence took the shopper back:\n\(screen)")
    // A real Esc still goes back.
    try c.send("Escape")
    try c.waitFor("Enter details")
  }

  @Test(.enabled(if: TmuxTests.hasTmux))
  func ctrlCQuitsFromADeepScreenAndRestoresTheTerminal() throws {
    let store = try CLI.demoStore()
    let c = try Self.client(store: store, lang: "ar")
    try c.waitFor("402-")
    try c.send("Enter")
    try c.send("?")
    try c.send("C-c")
    let after = try c.waitFor("EXITED:")
    #expect(after.contains("EXITED:0"))
    #expect(after.contains("icanon") && !after.contains("-icanon"), "cooked mode again")
    #expect(after.contains("echo") && !after.contains("-echo"))

    let q = try Self.client(store: store, lang: "en")
    try q.waitFor("Your Orders")
    try q.send("Enter")
    try q.waitFor("Order details")
    try q.send("Q")
    try q.waitFor("EXITED:0")
  }

  @Test(.enabled(if: TmuxTests.hasTmux))
  func theThemeKeyNamesTheThemeAndKeepsIt() throws {
    let store = try CLI.demoStore()
    let c = try Self.client(store: store, lang: "en")
    try c.waitFor("Your Orders")
    try c.send("T")
    let shown = try c.waitFor("Theme: ")
    let line = shown.split(separator: "\n").first { $0.contains("Theme: ") } ?? ""
    let name =
      line.components(separatedBy: "Theme: ").last?.trimmingCharacters(
        in: .whitespaces) ?? ""
    #expect(!name.isEmpty && name != "default-dark", "T named the theme it left")
    try c.send("q")
    try c.waitFor("EXITED:0")

    // The next run starts with it: T moves on to the theme after it, not after the default.
    let again = try Self.client(store: store, lang: "en")
    try again.waitFor("Your Orders")
    try again.send("T")
    let next = try again.waitFor("Theme: ")
    #expect(!next.contains("Theme: \(name)"), "the next run did not start from \(name)")
  }
}
