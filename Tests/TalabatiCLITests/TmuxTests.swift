import Foundation
import TalabatiTestSupport
import TalabatiText
import Testing

/// The real binary in a real terminal: tmux runs it, keys go in with `send-keys`, the screen
/// comes back with `capture-pane` (issue 4). Skipped with a message where tmux is missing
/// (`make test` installs it).
@Suite(.serialized) struct TmuxTests {
  typealias JSON = [String: Any]

  static let hasTmux = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  /// A detached tmux session running talabati, then reporting its exit code and tty modes.
  final class Session {
    let name = "talabati-test-\(UUID().uuidString.prefix(8))"
    let store: String

    /// `arguments` run a command instead of the full-screen client; `environment` adds
    /// `NAME=value` words (`TERM=xterm-256color`, as a visitor's terminal would set).
    convenience init(
      store: String, lang: String, width: Int = 80, height: Int = 24, arguments: [String] = [],
      environment: [String] = []
    ) throws {
      let command =
        (["env"] + environment + [
          "TALABATI_STORE=\(store)", "TALABATI_NOW=\(CLI.now)", "TALABATI_LANG=\(lang)",
          "SWIFT_BACKTRACE=enable=no", CLI.binary,
        ] + arguments).map { "'\($0)'" }.joined(separator: " ")
      // After talabati exits, show its exit code and whether the tty is back in cooked mode.
      let shell =
        "\(command); echo EXITED:$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' "
        + "| tr '\\n' ' '; echo; sleep 60"
      try self.init(shell: shell, width: width, height: height, store: store)
    }

    /// A session running `shell` as it is (ServeTests' visitors run ssh in it).
    init(shell: String, width: Int = 80, height: Int = 24, store: String = "") throws {
      self.store = store
      try Session.tmux([
        "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell,
      ])
    }

    deinit { _ = try? Session.tmux(["kill-session", "-t", name]) }

    /// A tmux server of this test process alone (`-L`): never one the user runs, and the
    /// same behaviour where none runs yet (as on CI).
    static let socket = "talabati-cli-\(getpid())"

    /// Runs tmux to its end through `Spawn`, not `Process`: the server a `new-session` forks
    /// inherits descriptors and would keep `waitUntilExit` waiting for as long as it lives.
    @discardableResult
    static func tmux(_ args: [String]) throws -> String {
      var env = ProcessInfo.processInfo.environment
      env.removeValue(forKey: "TMUX")
      return try Spawn.run("/usr/bin/tmux", ["-L", socket] + args, environment: env).output
    }

    func screen() throws -> String { try Session.tmux(["capture-pane", "-p", "-t", name]) }

    func send(_ keys: String..., literal: Bool = false) throws {
      for k in keys {
        try Session.tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + [k])
        usleep(120_000)
      }
    }

    /// Sends raw bytes (hex), as a terminal tmux does not know would.
    func sendBytes(_ hex: [String]) throws {
      try Session.tmux(["send-keys", "-t", name, "-H"] + hex)
      usleep(150_000)
    }

    /// Waits until the screen contains `text` (up to `seconds`), returning the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30, _ comment: String = "") throws -> String {
      let deadline = Date().addingTimeInterval(seconds)
      var last = ""
      while Date() < deadline {
        last = try screen()
        if last.contains(text) { return last }
        usleep(100_000)
      }
      Issue.record("screen never showed \(text) \(comment):\n\(last)")
      return last
    }

    func resize(width: Int, height: Int) throws {
      try Session.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the pane's first process, 0 if unknown.
    var panePID: Int32 {
      Int32(
        ((try? Session.tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"])) ?? "")
          .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
  }

  /// Index of `order` in the default list (newest first), so the test can move to it.
  func row(of order: String, store: String) throws -> Int {
    let (_, value, _) = try CLI.json(["orders", "--limit", "100"], store: store)
    let rows = try #require((value as? JSON)?["orders"] as? [JSON])
    return try #require(rows.firstIndex { $0["id"] as? String == order })
  }

  func item(_ order: String, store: String) throws -> [JSON] {
    let (_, value, _) = try CLI.json(["show", order], store: store)
    let shipments = try #require((value as? JSON)?["shipments"] as? [JSON])
    return shipments.flatMap { ($0["items"] as? [JSON]) ?? [] }
  }

  @Test(.enabled(if: hasTmux, "tmux is not installed: run `make test`, which installs it"))
  func shopperCancelsRefusedSeesArchivesResizesAndQuits() throws {
    let store = try CLI.demoStore(orders: 60)
    let (_, value, _) = try CLI.json(["orders", "--limit", "100"], store: store)
    let rows = try #require((value as? JSON)?["orders"] as? [JSON])
    let ids = rows.compactMap { $0["id"] as? String }
    // The newest order of the demo has a seller item inside its 30-minute window (R3).
    let newest = try #require(ids.first)
    let sellerItem = try #require(
      try item(newest, store: store).first {
        $0["fulfilment"] as? String == "seller" && $0["cancellable"] as? Bool == true
      })
    let sellerID = try #require(sellerItem["id"] as? Int)
    // An order with an item already preparing for shipment (R1).
    let preparing = try #require(
      ids.first { id in
        (try? item(id, store: store).contains {
          $0["status"] as? String == "preparing-for-shipment"
        }) == true
      })

    let s = try Session(store: store, lang: "en")
    try s.waitFor("Your Orders")
    try s.waitFor(newest)

    // Open the newest order: the seller item shows its live window (R3).
    try s.send("Enter")
    try s.waitFor("Order details")
    try s.waitFor("seller's window")
    // Cancel just the seller item: tick it, pick a reason, confirm (R5, R8, R9).
    try s.send("c")
    let select = try s.waitFor("Tick the items")
    let lines = select.split(separator: "\n").map(String.init)
    let sellerLine = try #require(lines.firstIndex { $0.contains("Sony") || $0.contains("seller") })
    let cursorLine = try #require(lines.firstIndex { $0.contains("[ ]") })
    // From the first checkbox row (Home), move down to the seller item's row and tick it.
    try s.send("Home")
    for _ in 0..<max(0, sellerLine - cursorLine) { try s.send("Down") }
    try s.send("Space")
    try s.waitFor("[x]")
    try s.send("Enter")
    try s.waitFor("Cancellation reason")
    try s.send("1")
    try s.waitFor("Confirm cancellation")
    try s.send("Enter")
    try s.waitFor("Cancellation result")
    try s.waitFor("Total refund")
    // The store agrees: the item is cancelled, and a confirmation was written (R6).
    let after = try item(newest, store: store).first { $0["id"] as? Int == sellerID }
    #expect(after?["status"] as? String == "cancelled")

    // Back to the list, then open the order whose item is preparing for shipment.
    try s.send("Escape", "Escape")
    try s.waitFor("Your Orders")
    try s.send("g")
    for _ in 0..<(try row(of: preparing, store: store)) { try s.send("j") }
    try s.send("Enter")
    try s.waitFor(preparing)
    try s.waitFor("shipping process", "R1: the refusal reason is shown")
    try s.waitFor("Refuse the package", "R7: the alternatives are shown")

    // Archive it (R17) after the confirmation step.
    try s.send("A")
    try s.waitFor("Archive")
    try s.send("Enter")
    try s.waitFor("archived")
    let (_, archivedValue, _) = try CLI.json(["orders", "--archived"], store: store)
    let archived = ((archivedValue as? JSON)?["orders"] as? [JSON])?.compactMap {
      $0["id"] as? String
    }
    #expect(archived?.contains(preparing) == true, "R17: the order is in the archive")

    // Resize: the layout follows the new size.
    try s.send("Escape")
    try s.resize(width: 60, height: 16)
    usleep(400_000)
    let small = try s.waitFor("Your Orders")
    let smallLines = small.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(smallLines.allSatisfy { TextWidth.columns(String($0)) <= 60 })
    try s.resize(width: 30, height: 8)
    try s.waitFor("too small", "below 40×12 a plain message")
    try s.resize(width: 80, height: 24)
    try s.waitFor("Your Orders")

    // q quits from the top level; the terminal is back in cooked mode with echo.
    try s.send("q")
    let end = try s.waitFor("EXITED:")
    #expect(end.contains("EXITED:0"))
    #expect(end.contains("icanon") && !end.contains("-icanon"), "tty left in raw mode:\n\(end)")
    #expect(!end.contains("-echo"), "tty left without echo:\n\(end)")
    #expect(!end.contains("Your Orders"), "the alternate screen was not left")
  }

  @Test(.enabled(if: hasTmux, "tmux is not installed: run `make test`, which installs it"))
  func arabicIsShapedAndArabicLayoutKeysWork() throws {
    let store = try CLI.demoStore(orders: 10)
    let s = try Session(store: store, lang: "ar")
    // طلباتك as the terminal must show it: shaped presentation forms in visual order.
    let title = Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined()
    #expect(title != "طلباتك")
    let screen = try s.waitFor(title)
    // Order numbers read left to right as written.
    let (_, value, _) = try CLI.json(["orders"], store: store)
    let first = try #require(((value as? JSON)?["orders"] as? [JSON])?.first?["id"] as? String)
    #expect(screen.contains(first))
    // In RTL the first column is on the right: the order number ends near the right edge.
    let line = try #require(screen.split(separator: "\n").first { $0.contains(first) })
    #expect(TextWidth.columns(String(line)) > 60)
    // L switches to English and back.
    try s.send("L")
    try s.waitFor("Your Orders")
    try s.send("L")
    try s.waitFor(title)
    // ض is the q key on the Arabic (101) layout: it quits without switching layouts.
    try s.send("ض", literal: true)
    let end = try s.waitFor("EXITED:")
    #expect(end.contains("EXITED:0"))
  }

  @Test(.enabled(if: hasTmux, "tmux is not installed: run `make test`, which installs it"))
  func droppedTerminalEndsTheClient() throws {
    // An SSH link that drops takes the terminal away; the client must leave, not spin.
    let store = try CLI.demoStore(orders: 3)
    var s: Session? = try Session(store: store, lang: "en")
    try s!.waitFor("Your Orders")
    let shell = try Session.tmux(["list-panes", "-t", s!.name, "-F", "#{pane_pid}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let children = try String(
      contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    let pids = children.split(separator: " ").compactMap { Int32($0) }
    #expect(!pids.isEmpty)
    s = nil  // kills the session: the pty goes away
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, pids.contains(where: { kill($0, 0) == 0 }) { usleep(100_000) }
    #expect(!pids.contains { kill($0, 0) == 0 }, "talabati outlived its terminal")
  }

  @Test func withoutATerminalTheClientExplainsAndExitsSix() throws {
    let store = try CLI.demoStore(orders: 3)
    let r = try CLI.run(["--store", store, "--now", CLI.now])
    #expect(r.code == 6)
    #expect(r.stderr.contains("terminal"))
  }
}
