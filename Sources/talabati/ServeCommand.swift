import ArgumentParser
import Foundation
import Logging
import TalabatiServe
import TalabatiServices
import TalabatiText

#if canImport(Glibc)
  import Glibc
#endif

/// `talabati serve`: the full-screen client over SSH (issue 10). A visitor types
/// `ssh -p 2222 host` and is in their orders; their key is their account.
struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the full-screen client over SSH: each visitor's key is their account.",
    discussion: """
      Open mode (the default, for demos): the first connection of a key gets its own store, \
      seeded with the demo account. With --authorized-keys only the keys listed get in, each \
      on the store named by its store=PATH option. Each session runs talabati in a process \
      of its own on a pty. SIGTERM ends every session cleanly and exits 0.
      """)

  @Option(
    help: ArgumentHelp(
      "Address and port to listen on (port 0: any free port, printed at start).",
      valueName: "addr:port"))
  var listen = "127.0.0.1:2222"

  @Option(
    help: ArgumentHelp(
      "Host key, key index and stores. Default: $XDG_DATA_HOME/talabati/serve.",
      valueName: "dir"))
  var data: String?

  @Option(
    name: .customLong("authorized-keys"),
    help: ArgumentHelp(
      "Only these keys (OpenSSH format; option store=PATH per line), no demo seeding.",
      valueName: "file"))
  var authorizedKeys: String?

  @Flag(help: "Print the known_hosts line for this server's host key and exit.")
  var printKnownHosts = false

  @Option(help: ArgumentHelp("Host name for --print-known-hosts.", valueName: "name"))
  var hostName: String?

  @Option(
    help: ArgumentHelp("Seconds to authenticate before the connection closes.", valueName: "s"))
  var authTimeout: Double = 30
  @Option(help: ArgumentHelp("Seconds without a keystroke before a session ends.", valueName: "s"))
  var idleTimeout: Double = 900
  @Option(help: ArgumentHelp("Longest session in seconds.", valueName: "s"))
  var maxSessionLength: Double = 7200
  @Option(help: ArgumentHelp("Sessions at once, in total.", valueName: "n"))
  var maxSessions = 200
  @Option(help: ArgumentHelp("Sessions at once for one key.", valueName: "n"))
  var maxSessionsPerKey = 4
  @Option(help: ArgumentHelp("New connections per minute from one address.", valueName: "n"))
  var connectionsPerMinute: Double = 30
  @Option(help: ArgumentHelp("Authentication attempts per connection.", valueName: "n"))
  var maxAuthAttempts = 6

  func validate() throws {
    guard ServeConfiguration.parseListen(listen) != nil else {
      throw ValidationError("--listen: '\(Sanitizer.clean(listen))' is not ADDR:PORT")
    }
    for (name, v) in [
      ("--auth-timeout", authTimeout), ("--idle-timeout", idleTimeout),
      ("--max-session-length", maxSessionLength),
      ("--connections-per-minute", connectionsPerMinute),
    ] where !(v > 0) || !v.isFinite {
      throw ValidationError("\(name) must be a positive number of seconds")
    }
    for (name, v) in [
      ("--max-sessions", maxSessions), ("--max-sessions-per-key", maxSessionsPerKey),
      ("--max-auth-attempts", maxAuthAttempts),
    ] where v < 1 {
      throw ValidationError("\(name) must be at least 1")
    }
  }

  func run() throws {
    let (host, port) = ServeConfiguration.parseListen(listen)!
    let env = ProcessInfo.processInfo.environment
    let dataDirectory: String
    if let data {
      dataDirectory = data
    } else if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      dataDirectory = xdg + "/talabati/serve"
    } else if let home = env["HOME"], !home.isEmpty {
      dataDirectory = home + "/.local/share/talabati/serve"
    } else {
      throw CLIFailure.store("cannot find a data directory: set HOME, XDG_DATA_HOME or --data")
    }

    do {
      let hostKey = try SSHServer.prepareDataDirectory(dataDirectory)
      if printKnownHosts {
        print(hostKey.knownHostsLine(host: hostName ?? host, port: port))
        return
      }
      var authorized: AuthorizedKeys?
      if let authorizedKeys {
        let keys = try AuthorizedKeys(path: authorizedKeys)
        for w in keys.warnings { FileHandle.standardError.write(Data("talabati: \(w)\n".utf8)) }
        authorized = keys
      }
      var limits = ServeLimits()
      limits.authTimeout = authTimeout
      limits.idleTimeout = idleTimeout
      limits.maxSessionLength = maxSessionLength
      limits.maxSessions = maxSessions
      limits.maxSessionsPerKey = maxSessionsPerKey
      limits.connectionsPerMinute = connectionsPerMinute
      limits.maxAuthAttempts = maxAuthAttempts
      let binary =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]

      // Session lines go to standard error, one per session (swift-log's stream handler).
      LoggingSystem.bootstrap { label in
        var h = StreamLogHandler.standardError(label: label)
        h.logLevel = .info
        return h
      }
      let server = try SSHServer(
        configuration: ServeConfiguration(
          host: host, port: port, dataDirectory: dataDirectory, authorizedKeys: authorized,
          limits: limits, childBinary: binary),
        hostKey: hostKey, stores: DemoStores(), logger: Logger(label: "talabati.serve"))

      // SIGTERM and SIGINT drain; handled on a dispatch source, not in a signal handler.
      signal(SIGTERM, SIG_IGN)
      signal(SIGINT, SIG_IGN)
      signal(SIGPIPE, SIG_IGN)
      let queue = DispatchQueue(label: "talabati.serve.signals")
      let sources = [SIGTERM, SIGINT].map {
        DispatchSource.makeSignalSource(signal: $0, queue: queue)
      }
      for s in sources {
        s.setEventHandler { server.drain() }
        s.resume()
      }

      let bound = try server.start()
      let mode = authorized == nil ? "open (any key gets a demo store)" : "authorized keys only"
      print(
        """
        talabati serve: listening on \(host):\(bound)
        host key \(hostKey.fingerprint) (ED25519)
        mode: \(mode); data: \(dataDirectory)
        connect: ssh -t -o IdentitiesOnly=yes -i ~/.ssh/id_ed25519 -p \(bound) \(host)
        """)
      fflush(nil)
      server.waitUntilClosed()
      // drain() runs on the signal queue; wait for it to finish stopping the loops.
      queue.sync {}
      withExtendedLifetime(sources) {}
    } catch let error as ServeError {
      throw CLIFailure(code: error.exitCode, message: error.description)
    }
  }
}

/// Seeds a visitor's store with the demo account relative to now (open mode), under a name of
/// its own until it is complete, so no session ever sees a half-written store.
struct DemoStores: ServeStoreProvider {
  func prepareDemoStore(at path: String, seed: Int) throws {
    let temporary = path + ".seeding"
    for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
    try Shopper.populateDemo(at: temporary, orders: 60, seed: UInt64(seed), now: Date())
    // The store is closed when `populateDemo` returns (SQLite then checkpoints and removes the
    // WAL). Should a WAL remain, it moves with the file, before it: never a store without it.
    for suffix in ["-wal", "-shm"] where access(temporary + suffix, F_OK) == 0 {
      guard rename(temporary + suffix, path + suffix) == 0 else {
        throw ServeError(
          "cannot move the new store into place: \(String(cString: strerror(errno)))")
      }
    }
    guard rename(temporary, path) == 0 else {
      throw ServeError("cannot move the new store into place: \(String(cString: strerror(errno)))")
    }
  }
}
