import CBenchPty
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiStore
import TalabatiTerminal
import TalabatiText
import TalabatiUI

#if canImport(Glibc)
  import Glibc
#endif

/// The pure core wired the way `FullScreenApp` (Sources/talabati/Browse.swift) wires it: a key
/// becomes an action through the keymap, `update` runs, its effects run against the store
/// and their results go back into `update`; `frame()` is `view` to a `Screen`.
///
/// Support and returns effects are not run: the keys measured here (move, page, search, open)
/// never produce them.
final class Client {
  var model: AppModel
  let service: Shopper
  let width: Int
  let height: Int
  /// The last failure an effect reported (`.failed`), so a benchmark can refuse to report
  /// figures for a client that shows an error instead of orders.
  private(set) var lastFailure: String?

  /// Opens the store at `path` and loads the first page, as the client does at start-up.
  init(store path: String, width: Int = 80, height: Int = 24, lang: Language = .en) throws {
    let db = try AppDatabase.openFile(at: path)
    guard let account = try db.defaultAccount() else {
      throw FixtureError("\(path) holds no account")
    }
    service = Shopper(db: db, account: account, actor: "bench")
    self.width = width
    self.height = height
    model = AppModel(
      lang: lang, bidiMode: .app, themeNames: ["default-dark"], themeName: "default-dark",
      timeZone: account.timeZone, email: account.email, now: Fixtures.now, width: width,
      height: height)
    model.accountName = account.name
    run(launch(&model))
  }

  /// Presses `key` and returns the frame the user then sees.
  @discardableResult
  func press(_ key: Key) -> Screen {
    if let action = Keymap.action(for: key, in: model) { run(update(&model, action)) }
    return frame()
  }

  /// Types each character of `text` (search input), returning the last frame.
  @discardableResult
  func type(_ text: String) -> Screen {
    var screen = frame()
    for c in text { screen = press(.char(c)) }
    return screen
  }

  /// What the screen shows now.
  func frame() -> Screen { view(model, width: width, height: height) }

  private func run(_ first: [Effect]) {
    var effects = first
    while !effects.isEmpty {
      let effect = effects.removeFirst()
      if let result = perform(effect, service: service, now: Fixtures.now) {
        if case .failed(let message) = result { lastFailure = message }
        effects += update(&model, result)
      }
    }
  }
}

/// A `TalabatiTerminal.Terminal` painting into a pseudo-terminal whose other end this process
/// reads, to count the bytes a frame costs (the way Tests/TalabatiTerminalTests/PtyHarness.swift
/// drives it).
final class PtyPainter {
  let master: Int32
  let slave: Int32
  let terminal: Terminal
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  init(rows: Int32 = 24, cols: Int32 = 80) throws {
    let m = posix_openpt(O_RDWR | O_NOCTTY)
    guard m >= 0, grantpt(m) == 0, unlockpt(m) == 0, let name = ptsname(m) else {
      throw FixtureError("cannot open a pseudo-terminal")
    }
    let s = open(name, O_RDWR | O_NOCTTY)
    guard s >= 0 else {
      close(m)
      throw FixtureError("cannot open \(String(cString: name))")
    }
    master = m
    slave = s
    _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
    _ = bench_set_winsize(m, rows, cols)
    let options = TerminalOptions(
      bidiMode: .app, inputFD: s, outputFD: s, termType: "xterm-256color",
      theme: ThemeLoader.defaultTheme, environment: ["TERM": "xterm-256color"])
    do {
      terminal = try Terminal(options: options)
    } catch {
      close(s)
      close(m)
      throw error
    }
    drain()
  }

  deinit {
    terminal.restore()
    close(slave)
    close(master)
  }

  /// Paints `screen` (only what changed since the last frame) and returns the bytes written.
  func paint(_ screen: Screen) -> Int {
    terminal.paint(screen)
    return drain()
  }

  /// Paints `screen` as a full-screen repaint (Ctrl-L: every cell sent again): the reference
  /// the incremental bytes are compared with.
  func repaint(_ screen: Screen) -> Int {
    terminal.redrawAll()
    terminal.paint(screen)
    return drain()
  }

  /// Reads everything waiting on the master; returns the byte count.
  @discardableResult
  func drain() -> Int {
    var total = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      total += n
    }
    return total
  }
}
