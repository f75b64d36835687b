import Foundation

/// The limits of one server (issue 10, item 5). Every duration is in seconds.
public struct ServeLimits: Sendable {
  /// Close a connection that has not authenticated by then.
  public var authTimeout: Double = 30
  /// End a session with no keystroke for this long.
  public var idleTimeout: Double = 15 * 60
  /// End a session that has lasted this long.
  public var maxSessionLength: Double = 2 * 60 * 60
  /// Sessions running at once, in total and per key.
  public var maxSessions = 200
  public var maxSessionsPerKey = 4
  /// New connections from one address: a token bucket of `connectionBurst` that refills at
  /// `connectionsPerMinute`.
  public var connectionsPerMinute = 30.0 {
    didSet { connectionBurst = max(1, min(20, connectionsPerMinute)) }
  }
  public var connectionBurst = 20.0
  /// Authentication requests on one connection (probes count too).
  public var maxAuthAttempts = 6
  /// After SIGTERM, how long sessions get to end before their connections are closed.
  public var drainTimeout: Double = 10

  public init() {}
}

/// Everything `talabati serve` needs to run.
public struct ServeConfiguration: Sendable {
  public var host: String
  public var port: Int
  /// Holds the host key, the key index and (open mode) one store per key.
  public var dataDirectory: String
  /// Only these keys get in, each on its store, without demo seeding.
  public var authorizedKeys: AuthorizedKeys?
  public var limits: ServeLimits
  /// The talabati binary run for each session.
  public var childBinary: String

  public init(
    host: String, port: Int, dataDirectory: String, authorizedKeys: AuthorizedKeys?,
    limits: ServeLimits, childBinary: String
  ) {
    self.host = host
    self.port = port
    self.dataDirectory = dataDirectory
    self.authorizedKeys = authorizedKeys
    self.limits = limits
    self.childBinary = childBinary
  }

  var hostKeyPath: String { dataDirectory + "/host_ed25519" }
  var keyIndexPath: String { dataDirectory + "/keys.sqlite" }
  var storesDirectory: String { dataDirectory + "/stores" }

  /// Parses `ADDR:PORT`, `[v6]:PORT` or `PORT`.
  public static func parseListen(_ text: String) -> (host: String, port: Int)? {
    var host = "127.0.0.1"
    var portText = Substring(text)
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      host = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      guard rest.hasPrefix(":") else { return nil }
      portText = rest.dropFirst()
    } else if let colon = text.lastIndex(of: ":") {
      host = String(text[..<colon])
      portText = text[text.index(after: colon)...]
    }
    guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
    return (host, port)
  }
}

/// The store a key opens, and whether it is a demo store (seeded, with the presenter's clock).
public struct StorePlan: Sendable {
  public var path: String
  public var demo: Bool
}

/// Creates and seeds the store of a key the first time it is used: given by the executable,
/// which owns the store layer (TalabatiServe never imports it). Called off the event loops.
public protocol ServeStoreProvider: Sendable {
  /// Makes sure the demo store at `path` exists, seeded with the demo account relative to now.
  func prepareDemoStore(at path: String, seed: Int) throws
}

// MARK: - Exec requests

/// `ssh host orders --json`: the read-only subcommands a visitor may run, parsed as words
/// (never through a shell), on their own store.
public enum ExecPolicy {
  public static let allowed: Set<String> = [
    "orders", "show", "track", "returns", "reasons", "outbox",
  ]
  /// Options that would reach outside the visitor's store.
  static let forbiddenOptions = ["--store"]

  public enum Decision: Equatable, Sendable {
    case run([String])
    case refuse(String)
  }

  public static func decide(_ command: String) -> Decision {
    guard let words = splitWords(command) else {
      return .refuse("talabati: unbalanced quotes in '\(printable(command))'")
    }
    guard let first = words.first else {
      return .refuse("talabati: say what to run, e.g. ssh … orders --json")
    }
    guard allowed.contains(first) else {
      return .refuse(
        "talabati: '\(printable(first))' cannot be run over SSH; allowed: "
          + allowed.sorted().joined(separator: ", "))
    }
    for w in words where forbiddenOptions.contains(where: { w == $0 || w.hasPrefix($0 + "=") }) {
      return .refuse("talabati: \(printable(w)) is not allowed over SSH: you have your own store")
    }
    return .run(words)
  }

  /// Splits on blanks with '…' and "…" quoting and \ escapes, as a shell would split words,
  /// without any expansion. nil when a quote is left open.
  public static func splitWords(_ text: String) -> [String]? {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escape = false
    for c in text {
      if escape {
        current.append(c)
        escape = false
        continue
      }
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\" && q == "\"" {
          escape = true
        } else {
          current.append(c)
        }
        continue
      }
      switch c {
      case " ", "\t", "\n":
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
      case "'", "\"":
        quote = c
        inWord = true
      case "\\":
        escape = true
        inWord = true
      default:
        current.append(c)
        inWord = true
      }
    }
    if quote != nil || escape { return nil }
    if inWord { words.append(current) }
    return words
  }

  static func printable(_ s: String) -> String {
    String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(80))
  }
}
