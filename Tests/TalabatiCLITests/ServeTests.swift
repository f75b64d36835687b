import Foundation
import TalabatiTestSupport
import TalabatiText
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `talabati serve` end to end (issue 10): the real OpenSSH client connects to the real server
/// on an ephemeral loopback port; tmux is the visitor's terminal. Skipped with a message where
/// ssh or tmux is missing (`make test` installs both).
@Suite(.serialized) struct ServeTests {
  typealias JSON = [String: Any]
  typealias Session = TmuxTests.Session

  static let usable =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  // MARK: Fixture

  /// A server in a tmux session of its own, on a port the system picked.
  final class Server {
    let dir: URL
    let data: String
    let name = "talabati-serve-\(UUID().uuidString.prefix(8))"
    var port = 0
    var knownHosts: String { dir.appendingPathComponent("known_hosts").path }
    var log: String { (try? String(contentsOfFile: data + "/serve.err", encoding: .utf8)) ?? "" }

    init(arguments: [String] = [], dir: URL = CLI.tempDir()) throws {
      self.dir = dir
      data = dir.appendingPathComponent("data").path
      try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
      let command =
        ([
          "env", "SWIFT_BACKTRACE=enable=no", CLI.binary, "serve", "--listen", "127.0.0.1:0",
          "--data", data,
        ] + arguments).map { "'\($0)'" }.joined(separator: " ")
      try Session.tmux([
        "new-session", "-d", "-s", name, "-x", "100", "-y", "10",
        "\(command) > '\(data)/serve.out' 2> '\(data)/serve.err'; "
          + "echo SERVE-EXITED:$? >> '\(data)/serve.out'; sleep 60",
      ])
      let deadline = Date().addingTimeInterval(60)
      while Date() < deadline {
        let out = (try? String(contentsOfFile: data + "/serve.out", encoding: .utf8)) ?? ""
        if let line = out.split(separator: "\n").first(where: { $0.contains("listening on") }),
          let p = line.split(separator: ":").last.flatMap({ Int($0) })
        {
          port = p
          break
        }
        if out.contains("SERVE-EXITED") { break }
        usleep(100_000)
      }
      guard port > 0 else {
        throw ServeDidNotStart(description: "serve did not start: \(log)")
      }
      let line = try Spawn.run(
        CLI.binary,
        ["serve", "--data", data, "--listen", "127.0.0.1:\(port)", "--print-known-hosts"]
      ).output
      try line.write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    deinit { _ = try? Session.tmux(["kill-session", "-t", name]) }

    /// The shell tmux runs the server under, and the server (its only child).
    var serverPID: Int32? {
      guard
        let shell = try? Session.tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"])
          .trimmingCharacters(in: .whitespacesAndNewlines)
      else { return nil }
      return ServeTests.children(of: Int32(shell) ?? 0).first
    }

    /// ssh's arguments for `key`: no user config, only this key, this server's host key.
    func sshArguments(key: String, extra: [String] = [], quiet: Bool = true) -> [String] {
      [
        "-F", "/dev/null", "-p", "\(port)", "-i", key, "-o", "IdentitiesOnly=yes",
        "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes", "-o", "LogLevel=\(quiet ? "ERROR" : "INFO")",
      ] + extra + ["127.0.0.1"]
    }

    /// `ssh host COMMAND…` without a pty: exit status and standard output.
    func exec(key: String, _ command: [String]) throws -> (status: Int32, output: String) {
      try Spawn.run("/usr/bin/ssh", sshArguments(key: key) + command)
    }

    /// `ssh -tt` in a tmux session: the visitor's full-screen client.
    func connect(key: String, width: Int = 80, height: Int = 24, exec: Bool = false) throws
      -> Visitor
    {
      let ssh = (["/usr/bin/ssh", "-tt"] + sshArguments(key: key)).map { "'\($0)'" }
        .joined(separator: " ")
      let shell = exec ? "exec \(ssh)" : "\(ssh); echo EXITED:$?; sleep 60"
      return try Visitor(shell: shell, width: width, height: height)
    }

    /// The stores directory's files (one per key that connected in open mode).
    var stores: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: data + "/stores")) ?? [])
        .filter { $0.hasSuffix(".sqlite") }.map { data + "/stores/" + $0 }
    }
  }

  /// A tmux session running ssh: the same reading and typing as the client's tmux tests.
  typealias Visitor = TmuxTests.Session

  /// Every child of `pid` (all its threads: the server forks from its event-loop threads).
  static func children(of pid: Int32) -> [Int32] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    return tasks.flatMap { task in
      ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8))
        ?? "").split(separator: " ").compactMap { Int32($0) }
    }
  }

  /// Waits (up to `seconds`) until `condition` holds; false if it never did.
  static func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(100_000)
    }
    return condition()
  }

  /// Connects with a bare TCP socket, says nothing, and reports whether the server closed the
  /// connection (reads give up after 30 s).
  static func closedByServer(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return false }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n == 0 { return true }  // end of stream: the server closed it
      if n < 0 { return errno == ECONNRESET }
    }
  }

  /// A fresh ed25519 key pair without a passphrase; returns the private key's path.
  static func makeKey(in dir: URL, name: String = "id_ed25519", type: String = "ed25519") throws
    -> String
  {
    let path = dir.appendingPathComponent(name).path
    let r = try Spawn.run(
      "/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "test", "-f", path])
    #expect(r.status == 0)
    return path
  }

  /// `ssh-keygen -lf KEY`'s fingerprint (`SHA256:…`).
  static func fingerprint(_ key: String) throws -> String {
    let out = try Spawn.run("/usr/bin/ssh-keygen", ["-lf", key + ".pub"]).output
    return String(out.split(separator: " ")[1])
  }

  static func orderIDs(_ output: String) -> [String] {
    guard let value = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? JSON,
      let rows = value["orders"] as? [JSON]
    else { return [] }
    return rows.compactMap { $0["id"] as? String }
  }

  static func items(_ order: String, store: String) throws -> [JSON] {
    let r = try CLI.run(["show", order, "--store", store, "--json"])
    let value = try #require(try r.json() as? JSON)
    let shipments = try #require(value["shipments"] as? [JSON])
    return shipments.flatMap { ($0["items"] as? [JSON]) ?? [] }
  }

  // MARK: Tests

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func visitorSeesArabicOrdersCancelsInTheSellerWindowResizesAndQuits() throws {
    let server = try Server()
    let key = try Self.makeKey(in: server.dir)
    let v = try server.connect(key: key)
    // The demo account reads Arabic: the list's title as the terminal shows it (shaped).
    let title = Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined()
    try v.waitFor(title, "the Arabic order list")
    // The key's own store was created and seeded; the session runs in a child of the server.
    let store = try #require(server.stores.first)
    #expect(server.stores.count == 1)
    let newest = try #require(
      Self.orderIDs(try CLI.run(["orders", "--store", store, "--json"]).stdout).first)
    let seller = try #require(
      try Self.items(newest, store: store).first {
        $0["fulfilment"] as? String == "seller" && $0["cancellable"] as? Bool == true
      })
    let sellerID = try #require(seller["id"] as? Int)

    // English for the rest of the flow (L), then cancel the seller item in its window (R3).
    try v.send("L")
    try v.waitFor("Your Orders")
    try v.waitFor(newest)
    // The presenter's clock (a visitor's store is a demo store): + moves it 5 minutes on.
    let beforeMove = Date()
    try v.send("+")
    try v.waitFor("+5 min", "the status line shows the offset")
    try v.send("Enter")
    try v.waitFor("seller's window")
    try v.send("c")
    let select = try v.waitFor("Tick the items")
    let lines = select.split(separator: "\n").map(String.init)
    let sellerLine = try #require(lines.firstIndex { $0.contains("Sony") || $0.contains("seller") })
    let cursorLine = try #require(lines.firstIndex { $0.contains("[ ]") })
    try v.send("Home")
    for _ in 0..<max(0, sellerLine - cursorLine) { try v.send("Down") }
    try v.send("Space")
    try v.waitFor("[x]")
    try v.send("Enter")
    try v.waitFor("Cancellation reason")
    try v.send("1")
    try v.waitFor("Confirm cancellation")
    try v.send("Enter")
    try v.waitFor("Cancellation result")
    // It is in that key's store, recorded at the moved time (5 minutes ahead of the wall).
    let after = try Self.items(newest, store: store).first { $0["id"] as? Int == sellerID }
    #expect(after?["status"] as? String == "cancelled")
    let at = try Spawn.run(
      "/usr/bin/sqlite3",
      [store, "SELECT max(at) FROM event WHERE orderId = '\(newest)' AND actor != 'demo'"]
    ).output.trimmingCharacters(in: .whitespacesAndNewlines)
    let recorded = try #require(Double(at), "no cancellation event: '\(at)'") / 1000
    #expect(recorded >= beforeMove.timeIntervalSince1970 + 300, "recorded at the moved time")
    #expect(recorded < Date().timeIntervalSince1970 + 300 + 1)

    // A resize reaches the client through window-change: down to its "too small" screen, back.
    try v.send("Escape", "Escape")
    try v.waitFor("Your Orders")
    try v.resize(width: 30, height: 8)
    try v.waitFor("too small", "window-change → SIGWINCH → redraw")
    try v.resize(width: 80, height: 24)
    try v.waitFor("Your Orders")

    // q ends the session; the exit status comes back through ssh.
    try v.send("q")
    let end = try v.waitFor("EXITED:")
    #expect(end.contains("EXITED:0"))
    // One log line for the session: fingerprint, client, TERM, size, exit — never the key.
    let fingerprint = try Self.fingerprint(key)
    #expect(
      Self.eventually {
        server.log.split(separator: "\n").contains {
          $0.contains("session") && $0.contains(fingerprint) && $0.contains("OpenSSH")
            && $0.contains("exit=0") && $0.contains("term=") && $0.contains("size=")
        }
      }, "log:\n\(server.log)")
    let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
    let blob = String(publicKey.split(separator: " ")[1])
    #expect(!server.log.contains(blob), "key material in the log")
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func eachKeyHasItsOwnStoreAndExecRunsReadOnlyCommandsWithoutAPty() throws {
    let server = try Server()
    let first = try Self.makeKey(in: server.dir, name: "first")
    let second = try Self.makeKey(in: server.dir, name: "second")
    // `ssh host orders --json`: no pty, JSON on standard output, status 0.
    let a = try server.exec(key: first, ["orders", "--json"])
    #expect(a.status == 0)
    let aIDs = Self.orderIDs(a.output)
    #expect(!aIDs.isEmpty, "no orders in: \(a.output.prefix(300))")
    // The same key later finds the same orders; another key sees different ones.
    #expect(Self.orderIDs(try server.exec(key: first, ["orders", "--json"]).output) == aIDs)
    let bIDs = Self.orderIDs(try server.exec(key: second, ["orders", "--json"]).output)
    #expect(!bIDs.isEmpty)
    #expect(Set(aIDs).isDisjoint(with: bIDs))
    #expect(server.stores.count == 2)
    // show ORDER works; a quoted word stays one word, never a shell.
    let shown = try server.exec(key: first, ["show", "'\(aIDs[0])'", "--json"])
    #expect(shown.status == 0 && shown.output.contains(aIDs[0]))
    // Anything else is refused: writes, other stores, shell syntax.
    let cancel = try server.exec(key: first, ["cancel", aIDs[0], "--all", "--reason", "other"])
    #expect(cancel.status == 2)
    let otherStore = try server.exec(key: first, ["orders", "--store", "/etc/passwd"])
    #expect(otherStore.status == 2)
    let shell = try server.exec(key: first, ["orders;", "touch", "/tmp/talabati-pwned"])
    #expect(shell.status != 0)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/talabati-pwned"))
    // A shell without a pty: one line that says what to do, exit 1.
    let noPty = try Spawn.run(
      "/bin/sh",
      [
        "-c",
        (["/usr/bin/ssh", "-T"] + server.sshArguments(key: first, quiet: false)).map { "'\($0)'" }
          .joined(separator: " ") + " 2>&1",
      ])
    #expect(noPty.status == 1)
    #expect(noPty.output.contains("talabati needs a terminal: ssh -t"))
    // The banner, shown before authentication, says how to make a key and that RSA is out.
    #expect(noPty.output.contains("ssh-keygen -t ed25519"))
    #expect(noPty.output.contains("RSA keys are not supported"))
    // The key index knows both keys.
    let index = try Spawn.run(
      "/usr/bin/sqlite3", [server.data + "/keys.sqlite", "SELECT fingerprint, keyType FROM key"]
    ).output
    #expect(index.contains(try Self.fingerprint(first)))
    #expect(index.contains(try Self.fingerprint(second)))
    #expect(index.contains("ssh-ed25519"))
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func authorizedKeysLetOnlyListedKeysInOnTheirNamedStore() throws {
    let dir = CLI.tempDir()
    let listed = try Self.makeKey(in: dir, name: "listed")
    let unlisted = try Self.makeKey(in: dir, name: "unlisted")
    let shop = try CLI.demoStore(orders: 12, in: dir)
    let expected = Self.orderIDs(
      try CLI.run(["orders", "--store", shop, "--json", "--now", CLI.now]).stdout)
    let pub = try String(contentsOfFile: listed + ".pub", encoding: .utf8)
    let file = dir.appendingPathComponent("authorized").path
    try "# visitors\nstore=\"\(shop)\" \(pub)".write(
      toFile: file, atomically: true, encoding: .utf8)
    let server = try Server(arguments: ["--authorized-keys", file], dir: dir)

    let ok = try server.exec(key: listed, ["orders", "--json", "--now", CLI.now])
    #expect(ok.status == 0)
    #expect(Self.orderIDs(ok.output) == expected, "the listed key opens the store named")
    let refused = try server.exec(key: unlisted, ["orders", "--json"])
    #expect(refused.status == 255, "ssh reports an authentication failure")
    #expect(server.stores.isEmpty, "no demo store is made under --authorized-keys")
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func aHostKeyOthersCanReadIsRefused() throws {
    let dir = CLI.tempDir()
    let data = dir.appendingPathComponent("data").path
    // First start makes the key (0600 in a 0700 directory).
    let made = try CLI.run(["serve", "--data", data, "--print-known-hosts"])
    #expect(made.code == 0)
    #expect(made.stdout.hasPrefix("[127.0.0.1]:2222 ssh-ed25519 AAAA"))
    var st = stat()
    #expect(stat(data + "/host_ed25519", &st) == 0 && st.st_mode & 0o777 == 0o600)
    #expect(stat(data, &st) == 0 && st.st_mode & 0o777 == 0o700)
    chmod(data + "/host_ed25519", 0o640)
    // Bounded by timeout(1): a server that started anyway would otherwise run on (exit 124).
    func serve() throws -> (status: Int32, output: String) {
      try Spawn.run(
        "/bin/sh",
        ["-c", "timeout 30 '\(CLI.binary)' serve --data '\(data)' --listen 127.0.0.1:0 2>&1"])
    }
    let r = try serve()
    #expect(r.status == 5)
    #expect(r.output.contains("readable by others"))
    #expect(r.output.contains("chmod 600"))
    // Not a key at all.
    chmod(data + "/host_ed25519", 0o600)
    try "hello\n".write(toFile: data + "/host_ed25519", atomically: false, encoding: .utf8)
    let bad = try serve()
    #expect(bad.status == 5)
    #expect(bad.output.contains("is not a talabati host key"))
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func limitsCapSessionsPerKeyAndRateLimitAddresses() throws {
    let server = try Server(arguments: [
      "--max-sessions-per-key", "1", "--connections-per-minute", "6",
    ])
    let key = try Self.makeKey(in: server.dir)
    // One session open: a second one of the same key is refused with a reason.
    let v = try server.connect(key: key)
    try v.waitFor(Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined())
    let second = try server.connect(key: key)
    let refused = try second.waitFor("EXITED:")
    #expect(refused.contains("too many sessions for this key") && refused.contains("EXITED:1"))
    // Six connections a minute from one address (bursts of 6, refilled one per 10 s): more
    // than that in a row are turned away (ssh reports 255).
    var statuses: [Int32] = []
    while statuses.count < 15, statuses.last != 255 {
      statuses.append(try server.exec(key: key, ["reasons"]).status)
    }
    #expect(statuses.contains(255), "rate limit never applied: \(statuses)")
    // The first ones were let in (their sessions then refused by the per-key cap: exit 1).
    #expect(statuses.first == 1, "\(statuses)")
    #expect(server.log.contains("rate limit"))
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func idleSessionsAndUnauthenticatedConnectionsAreClosed() throws {
    // No keystroke for 2 s: the session is ended and the visitor told why.
    let idleServer = try Server(arguments: ["--idle-timeout", "2"])
    let v = try idleServer.connect(key: try Self.makeKey(in: idleServer.dir))
    let idle = try v.waitFor("EXITED:")
    #expect(idle.contains("no keystroke"), "\(idle)")
    // A connection that never authenticates is closed (nio-ssh has no handshake timeout).
    let authServer = try Server(arguments: ["--auth-timeout", "1"])
    #expect(Self.closedByServer(port: authServer.port), "an unauthenticated connection stayed open")
    #expect(Self.eventually { authServer.log.contains("auth timeout") })
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func aSessionEndsAtItsMaximumLength() throws {
    let server = try Server(arguments: ["--max-session-length", "2"])
    let v = try server.connect(key: try Self.makeKey(in: server.dir))
    let end = try v.waitFor("EXITED:")
    #expect(end.contains("maximum length"), "\(end)")
  }

  @Test(.enabled(if: TmuxTests.hasTmux, "tmux is not installed: run `make test`"))
  func presenterFlagWorksLocallyOnADemoStoreOnly() throws {
    // A demo store: + moves the clock, and the status line says so.
    let demo = try CLI.demoStore(orders: 10)
    let s = try Session(store: demo, lang: "en", arguments: ["--presenter"])
    try s.waitFor("Your Orders")
    try s.send("*")
    try s.waitFor("+60 min")
    try s.send("q")
    #expect(try s.waitFor("EXITED:").contains("EXITED:0"))
    // Not a demo store (another account): refused with a reason, exit 2, nothing drawn.
    let real = try CLI.demoStore(orders: 3)
    _ = try Spawn.run(
      "/usr/bin/sqlite3", [real, "UPDATE account SET email = 'shopper@example.org'"])
    let r = try Session(store: real, lang: "en", arguments: ["--presenter"])
    let end = try r.waitFor("EXITED:")
    #expect(end.contains("EXITED:2"))
    #expect(end.contains("demo stores only"))
    // Without the flag the same store opens, and + does nothing.
    let plain = try Session(store: demo, lang: "en")
    try plain.waitFor("Your Orders")
    try plain.send("+", "j")
    try plain.waitFor("2/")
    #expect(!(try plain.screen()).contains("+5 min"))
  }

  @Test(.enabled(if: usable, "ssh, ssh-keygen or tmux missing: run `make test`"))
  func killingTheClientEndsItsChildAndSigtermDrains() throws {
    let server = try Server()
    let key = try Self.makeKey(in: server.dir)
    let serverPID = try #require(server.serverPID)
    var v: Visitor? = try server.connect(key: key, exec: true)
    try v!.waitFor(Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined())
    let children = Self.children(of: serverPID)
    #expect(children.count == 1, "one child process for the session")
    // The visitor's ssh dies (no goodbye): the child must end too, and be reaped.
    let ssh = v!.panePID
    try #require(ssh > 0, "no pid for the visitor's ssh")  // kill(0) would hit this process group
    kill(ssh, SIGKILL)
    v = nil
    #expect(
      Self.eventually { Self.children(of: serverPID).isEmpty },
      "session child left behind: \(Self.children(of: serverPID))")
    #expect(Self.eventually { server.log.contains("client disconnected") }, "log:\n\(server.log)")

    // SIGTERM: a running session is told and ended, the server exits 0.
    let w = try server.connect(key: key)
    try w.waitFor(Bidi.visual("طلباتك", base: .rtl).glyphs.map(\.text).joined())
    kill(serverPID, SIGTERM)
    let end = try w.waitFor("EXITED:")
    #expect(end.contains("shutting down"))
    #expect(
      Self.eventually {
        ((try? String(contentsOfFile: server.data + "/serve.out", encoding: .utf8)) ?? "")
          .contains("SERVE-EXITED:0")
      })
  }
}

struct ServeDidNotStart: Error, CustomStringConvertible {
  var description: String
}
