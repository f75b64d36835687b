import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiText
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal under stress (issue 7): hostile titles never inject escape sequences or bidi
/// overrides, huge titles never break the layout, odd `TERM`s and sizes get a clear answer, and
/// the terminal is restored on every way out. Runs the real binary inside tmux.
@Suite(
  .serialized, .enabled(if: TmuxSession.available, "tmux is not installed (make test installs it)"))
struct TerminalTests {
  /// A store holding the hostile titles of `Documents`, imported through the CLI.
  static func hostileStore(_ dir: String) throws -> (
    store: String, orders: [String], titles: [String]
  ) {
    let store = dir + "/store.sqlite"
    let doc = Documents.document(
      titles: Documents.hostileTitles, sellerName: "Bad \u{1B}[31mSeller")
    let file = try Documents.write(doc, in: dir)
    let r = try Talabati.run(["import", file, "--store", store, "--now", Talabati.now])
    #expect(r.code == 0, "import: \(r.stderr)")
    return (store, doc.orders.map(\.id), doc.orders.map { $0.items.first?.title ?? "" })
  }

  static func expectClean(
    _ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let bad = text.unicodeScalars.filter(Documents.isDangerous)
    #expect(
      bad.isEmpty, "\(what) carries \(bad.map { String($0.value, radix: 16) })",
      sourceLocation: sourceLocation)
    #expect(
      !text.contains("pwned"), "\(what) shows the OSC payload", sourceLocation: sourceLocation)
  }

  @Test func hostileTitlesNeverReachAPipeRaw() throws {
    let dir = Scratch.directory("inject")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (store, orders, titles) = try Self.hostileStore(dir)
    for lang in ["en", "ar"] {
      for (order, title) in zip(orders, titles) {
        let r = try Talabati.run([
          "show", order, "--store", store, "--now", Talabati.now, "--lang", lang,
        ])
        #expect(r.code == 0, "\(r.stderr)")
        Self.expectClean(r.stdout + r.stderr, "show \(order) (\(lang))")
        let word = String(title.prefix { $0 != " " })
        #expect(r.stdout.contains(word), "the title's visible text vanished: \(r.stdout)")
      }
      let list = try Talabati.run([
        "orders", "--store", store, "--now", Talabati.now, "--lang", lang,
      ])
      Self.expectClean(list.stdout, "orders (\(lang))")
      let outbox = try Talabati.run([
        "outbox", "--store", store, "--now", Talabati.now, "--lang", lang,
      ])
      Self.expectClean(outbox.stdout, "outbox (\(lang))")
    }
    // A cancel prints the titles back (R9): cleaned as well, and so is the e-mail it sends.
    let c = try Talabati.run(
      [
        "cancel", orders[0], "--all", "--reason", "changed-mind", "--store", store, "--now",
        Talabati.now,
      ])
    #expect(c.code == 0, "\(c.stderr)")
    Self.expectClean(c.stdout, "cancel output")
    let mail = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/Maildir/new")) ?? []
    #expect(mail.count == 1)
    for name in mail {
      let text = (try? String(contentsOfFile: dir + "/Maildir/new/" + name, encoding: .utf8)) ?? ""
      #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"), "the e-mail carries controls")
    }
  }

  /// `--json` keeps the data as imported (scripts need it) but as JSON escapes: read raw on a
  /// terminal, it must not act on it either.
  @Test func hostileTitlesInJSONAreEscaped() throws {
    let dir = Scratch.directory("inject-json")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (store, orders, titles) = try Self.hostileStore(dir)
    for (order, title) in zip(orders, titles) {
      let r = try Talabati.run(["show", order, "--store", store, "--now", Talabati.now, "--json"])
      #expect(r.code == 0)
      let bad = r.stdout.unicodeScalars.filter(Documents.isDangerous)
      #expect(bad.isEmpty, "raw \(bad.map { String($0.value, radix: 16) }) in JSON of \(order)")
      // Escaped, not altered: a script parsing the JSON gets the title exactly as imported.
      let shipments = r.object?["shipments"] as? [[String: Any]]
      let parsed = (shipments?.first?["items"] as? [[String: Any]])?.first?["title"] as? String
      #expect(parsed == title, "the JSON changed the data")
    }
  }

  @Test func hostileTitlesInATerminalNeitherRetitleNorClear() throws {
    let dir = Scratch.directory("inject-tty")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (store, orders, _) = try Self.hostileStore(dir)
    let env = ["TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "en"]

    // `show` on a terminal (visual order, shaped): nothing interpreted.
    for order in orders {
      let s = try TmuxSession(command: TmuxSession.talabati(["show", order], env: env))
      let screen = try s.waitFor("EXITED:")
      #expect(screen.contains("EXITED:0"), "\(screen)")
      #expect(screen.contains(order), "the screen was cleared or scrolled away:\n\(screen)")
      Self.expectClean(screen, "show \(order) in tmux")
      #expect(try !s.variable("pane_title").contains("pwned"), "the window title was changed")
    }

    // The full-screen client: list and details.
    let s = try TmuxSession(command: TmuxSession.talabati([], env: env))
    var screen = try s.waitFor("Your Orders")
    try s.waitFor(orders.last ?? "-")
    Self.expectClean(screen, "the order list")
    for _ in orders {
      try s.send("Enter")
      screen = try s.waitFor("Order details")
      Self.expectClean(screen, "order details")
      #expect(try !s.variable("pane_title").contains("pwned"))
      try s.send("Escape", "Down")
    }
    try s.send("q")
    try s.expectRestored(exit: 0)
  }

  /// 10,000-character titles (stored through the store API: the JSON format caps fields at
  /// 1,000): `show` prints them whole to a pipe and cut with … on an 80×24 terminal, and the
  /// full-screen client keeps every row within 80 columns.
  @Test func tenThousandCharacterTitlesKeepTheLayout() throws {
    let dir = Scratch.directory("long")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = dir + "/store.sqlite"
    let long = String(String(repeating: "سماعات Sony WH-1000XM5 ", count: 500).prefix(10_000))
    #expect(long.count == 10_000)
    do {
      let db = try AppDatabase.openFile(at: store)
      try db.createAccount(StressFixture.account, at: Talabati.nowDate)
      let doc = Documents.document(titles: [long, long + "x"], sellerName: long)
      _ = try db.insert(orders: doc.orders, account: 1, actor: "stress")
    }
    let orderID = "402-7000000-1000001"

    let piped = try Talabati.run(["show", orderID, "--store", store, "--now", Talabati.now])
    #expect(piped.code == 0, "\(piped.stderr)")
    #expect(piped.stdout.contains(long), "a pipe gets the title whole")

    let env = ["TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "en"]
    let shown = try TmuxSession(command: TmuxSession.talabati(["show", orderID], env: env))
    let screen = try shown.waitFor("EXITED:")
    #expect(screen.contains(orderID), "the header scrolled away: the title wrapped\n\(screen)")
    #expect(screen.contains("…"), "the title was not cut to the width")

    for lang in ["en", "ar"] {
      var e = env
      e["TALABATI_LANG"] = lang
      let s = try TmuxSession(command: TmuxSession.talabati([], env: e))
      try s.waitFor(orderID)
      for step in 0..<2 {
        let grid = try s.screen()
        let lines = grid.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 25, "\(lang) step \(step): \(lines.count) rows")
        for line in lines {
          #expect(TextWidth.columns(String(line)) <= 80, "\(lang) step \(step) row too wide")
        }
        #expect(grid.contains(orderID), "\(lang) step \(step): the order number is gone\n\(grid)")
        try s.send("Enter")
        usleep(400_000)
      }
      try s.send("Escape", "q")
      try s.expectRestored(exit: 0)
    }
  }

  /// TERM=dumb, an unknown TERM, an empty TERM: exit 6 with a clear line, terminal untouched.
  @Test(arguments: [
    ("dumb", "cannot run the full-screen interface"),
    ("vt-no-such-terminal", "unknown terminal type"),
    ("", "TERM is not set"),
  ])
  func unusableTermSaysSoAndExits6(term: String, says: String) throws {
    let dir = Scratch.directory("term")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try BadInputTests.validStore(dir)
    let s = try TmuxSession(
      command: TmuxSession.talabati(
        [], env: ["TERM": term, "TALABATI_STORE": store, "TALABATI_NOW": Talabati.now]))
    let screen = try s.waitFor(":END", joined: true)
    #expect(screen.contains(says), "TERM=\(term):\n\(screen)")
    #expect(!screen.contains("talabati: talabati:"), "doubled prefix:\n\(screen)")
    try s.expectRestored(exit: 6)
  }

  /// A damaged store discovered by the full-screen client: exit 5, one line, tty intact.
  @Test func damagedStoreInTheFullScreenClientRestoresTheTerminal() throws {
    let dir = Scratch.directory("tui-bad")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = dir + "/store.sqlite"
    try Data("not a database at all, sorry".utf8).write(to: URL(fileURLWithPath: store))
    // English, so the line can be read here as written (errors speak the chosen language).
    let s = try TmuxSession(
      command: TmuxSession.talabati(
        [], env: ["TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "en"]))
    let screen = try s.waitFor(":END", joined: true)
    // The program wraps a long message at the terminal's width itself, between words.
    let text = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("not a talabati store"), "\(screen)")
    try s.expectRestored(exit: 5)
  }

  /// Resized to 1×1 and back: no crash, the screen comes back, and `q` still quits cleanly.
  /// Then SIGTERM and SIGHUP end it with 128+N and the tty restored.
  @Test func tinyResizeAndSignalsRestoreTheTerminal() throws {
    let dir = Scratch.directory("resize")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try BadInputTests.validStore(dir)
    let env = ["TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "en"]

    let s = try TmuxSession(command: TmuxSession.talabati([], env: env))
    try s.waitFor("Your Orders")
    for (w, h) in [(1, 1), (2, 1), (1, 5), (80, 24), (1, 1), (39, 11), (80, 24)] {
      try s.resize(width: w, height: h)
      usleep(250_000)
    }
    try s.waitFor("Your Orders")
    try s.send("Enter")
    try s.resize(width: 1, height: 1)
    usleep(250_000)
    try s.resize(width: 80, height: 24)
    try s.waitFor("Order details")
    try s.send("Escape", "q")
    try s.expectRestored(exit: 0)

    for (signal, name) in [(SIGTERM, "TERM"), (SIGHUP, "HUP"), (SIGINT, "INT")] {
      let t = try TmuxSession(command: TmuxSession.talabati([], env: env))
      try t.waitFor("Your Orders")
      let pid = try #require(try t.childPID(), "no talabati process under tmux")
      kill(pid, signal)
      let end = try t.waitFor("EXITED:")
      #expect(end.contains("EXITED:\(128 + signal)"), "SIG\(name):\n\(end)")
      try t.expectRestored(exit: 128 + signal)
    }
  }

  /// A crash of the client started as a shopper starts it (no `SWIFT_BACKTRACE` in the
  /// environment, one process, no re-exec): no stack trace, no ~30 s wait for a key from the
  /// runtime's backtracer, the terminal restored, and the crash's exit status at once
  /// (issue 12 removed the re-exec that used to guarantee this).
  @Test func aCrashShowsNoBacktraceAndRestoresTheTerminalAtOnce() throws {
    let dir = Scratch.directory("crash")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try BadInputTests.validStore(dir)
    let env = ["TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "en"]
    for (signal, name) in [(SIGSEGV, "SEGV"), (SIGILL, "ILL"), (SIGABRT, "ABRT")] {
      let t = try TmuxSession(
        command: TmuxSession.talabati([], env: env, asAUserStartsIt: true))
      try t.waitFor("Your Orders")
      let pid = try #require(try t.childPID(), "no talabati process under tmux")
      let environ = (try? String(contentsOfFile: "/proc/\(pid)/environ", encoding: .utf8)) ?? ""
      #expect(!environ.contains("SWIFT_BACKTRACE"), "the client re-executed itself")
      kill(pid, signal)
      // The backtracer would print "Program crashed" and its trace, then wait for a key.
      let end = try t.waitFor("EXITED:")
      #expect(end.contains("EXITED:\(128 + signal)"), "SIG\(name):\n\(end)")
      #expect(!end.contains("Backtrace") && !end.contains("crashed"), "SIG\(name):\n\(end)")
      try t.expectRestored(exit: 128 + signal)
    }
  }

  /// `LANG=C LC_ALL=C` (no UTF-8 locale asked for): the client still draws shaped Arabic.
  @Test func cLocaleFullScreenStillDrawsArabic() throws {
    let dir = Scratch.directory("tui-c")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try BadInputTests.validStore(dir)
    let s = try TmuxSession(
      command: TmuxSession.talabati(
        [],
        env: [
          "TALABATI_STORE": store, "TALABATI_NOW": Talabati.now, "TALABATI_LANG": "ar",
          "LANG": "C", "LC_ALL": "C",
        ]))
    let title = Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined()
    try s.waitFor(title)
    try s.send("q")
    try s.expectRestored(exit: 0)
  }
}
