import Foundation
import GRDB
import TalabatiDomain
import TalabatiStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bad input (issue 7): every broken store, file, option and locale ends in one clear line on
/// standard error and a documented exit code, never a crash, and leaves foreign files alone.
@Suite(.serialized) struct BadInputTests {
  /// One row of the table: how to break things, what to run, what the shopper must see.
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    /// Prepares the scratch directory and returns the store path.
    var setup: @Sendable (String) throws -> String
    /// The command (the store and clock options are appended).
    var args: [String]
    var env: [String: String] = [:]
    var exit: Int32
    /// A phrase standard error must contain.
    var says: String
    /// True when the store file must come out byte-identical.
    var untouched = false

    var description: String { name }
  }

  /// A store with one account and a few orders, built by the real binary.
  static func validStore(_ dir: String) throws -> String {
    let path = dir + "/store.sqlite"
    let r = try Talabati.run(["demo", "--store", path, "--orders", "5", "--now", Talabati.now])
    guard r.code == 0 else { throw StoreError.io("demo failed: \(r.stderr)") }
    return path
  }

  static func firstOrder(_ store: String) -> String {
    let r = try? Talabati.run(["orders", "--store", store, "--now", Talabati.now, "--json"])
    let rows = r?.object?["orders"] as? [[String: Any]]
    return rows?.first?["id"] as? String ?? "missing"
  }

  static let cases: [Case] = [
    Case(
      name: "the store's folder is a plain file",
      setup: { dir in
        _ = FileManager.default.createFile(atPath: dir + "/afile", contents: Data("x".utf8))
        return dir + "/afile/store.sqlite"
      }, args: ["orders"], exit: 5, says: "cannot create"),
    Case(
      name: "a missing store is created empty: no account yet",
      setup: { dir in dir + "/new/deeper/store.sqlite" }, args: ["show", "402-1"], exit: 4,
      says: "no account yet"),
    Case(
      name: "a text file is not a store and is left untouched",
      setup: { dir in
        let path = dir + "/notes.sqlite"
        try Data("my shopping notes\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
      }, args: ["orders"], exit: 5, says: "not a talabati store", untouched: true),
    Case(
      name: "random bytes after an SQLite header: damaged",
      setup: { dir in
        let path = try validStore(dir)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        var rng = SeededRandom(seed: 99)
        for i in 100..<data.count { data[i] = UInt8.random(in: 0...255, using: &rng) }
        try data.write(to: URL(fileURLWithPath: path))
        return path
      }, args: ["orders"], exit: 5, says: "damaged"),
    Case(
      name: "a store cut in half: damaged",
      setup: { dir in
        let path = try validStore(dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        return path
      }, args: ["orders"], exit: 5, says: "damaged"),
    Case(
      name: "a store migrated by a newer talabati",
      setup: { dir in
        let path = try validStore(dir)
        let q = try DatabaseQueue(path: path)
        try q.write { db in
          try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
        }
        return path
      }, args: ["orders"], exit: 5, says: "newer talabati"),
    Case(
      name: "a JSON document with an empty order is refused",
      setup: { dir in
        let json = """
          {"format":"talabati-orders","version":1,"events":[],
           "account":{"id":1,"name":"N","email":"n@example.com","language":"en",
             "timeZone":"Asia/Riyadh"},
           "orders":[{"id":"402-1","accountID":1,"placedAt":"2026-11-27T07:00:00.000Z",
             "paymentMethod":{"kind":"card","last4":"1"},"imported":false,"shipments":[]}]}
          """
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/empty.json"))
        return dir + "/store.sqlite"
      }, args: ["import", "$DIR/empty.json"], exit: 2, says: "must not be empty"),
    Case(
      name: "a document that is not JSON",
      setup: { dir in
        try Data([0xFF, 0xFE, 0x00, 0x7B, 0xC3]).write(to: URL(fileURLWithPath: dir + "/bad.json"))
        return dir + "/store.sqlite"
      }, args: ["import", "$DIR/bad.json"], exit: 2, says: "bad.json"),
    Case(
      name: "a document that does not exist",
      setup: { dir in dir + "/store.sqlite" }, args: ["import", "$DIR/nowhere.json"], exit: 4,
      says: "cannot read"),
    Case(
      name: "a clock that is not a date",
      setup: { dir in try validStore(dir) }, args: ["orders"],
      env: ["TALABATI_NOW": "yesterday\u{1B}[2J"], exit: 2, says: "not an ISO-8601 instant"),
    Case(
      name: "an item id that is not a number",
      setup: { dir in try validStore(dir) },
      args: ["cancel", "402-1", "--items", "1,x", "--reason", "changed-mind"], exit: 2,
      says: "not an item id"),
    Case(
      name: "an unknown order",
      setup: { dir in try validStore(dir) }, args: ["show", "402-0000000-0000000"], exit: 4,
      says: "There is no order 402-0000000-0000000"),
    Case(
      name: "no terminal for the full-screen client",
      setup: { dir in try validStore(dir) }, args: [], exit: 6, says: "terminal"),
  ]

  @Test(arguments: cases)
  func badInputGivesOneClearLineAndADocumentedExitCode(_ c: Case) throws {
    let dir = Scratch.directory("bad")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try c.setup(dir)
    let before = try? Data(contentsOf: URL(fileURLWithPath: store))
    // The clock goes first only when the case does not break it on purpose.
    var args = c.args.map { $0.replacingOccurrences(of: "$DIR", with: dir) } + ["--store", store]
    if c.env["TALABATI_NOW"] == nil { args += ["--now", Talabati.now] }
    let r = try Talabati.run(args, env: c.env)
    #expect(r.code == c.exit, "\(c.name): exit \(r.code), stderr: \(r.stderr)")
    #expect(r.stderr.contains(c.says), "\(c.name): \(r.stderr)")
    #expect(r.stderr.hasPrefix("talabati: "), "\(c.name): \(r.stderr)")
    #expect(!r.stderr.contains("\u{1B}"), "an escape reached the terminal: \(r.stderr)")
    #expect(!r.stderr.contains("talabati: talabati:"), "doubled prefix: \(r.stderr)")
    if c.untouched {
      #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "file modified")
    }
  }

  /// A read-only store (root ignores file modes, so the file is made immutable with
  /// `chattr +i`): reads work, a write says "read-only" with exit 5, the file is unchanged.
  @Test(.enabled(if: Self.canChattr, "chattr +i is not supported here"))
  func readOnlyStoreReadsButRefusesWrites() throws {
    let dir = Scratch.directory("ro")
    let store = try Self.validStore(dir)
    let order = Self.firstOrder(store)
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    #expect(Self.chattr("+i", store))
    defer {
      _ = Self.chattr("-i", store)
      _ = Self.chattr("-i", dir)
      try? FileManager.default.removeItem(atPath: dir)
    }
    let show = try Talabati.run(["show", order, "--store", store, "--now", Talabati.now])
    #expect(show.code == 0, "a read-only store must still be readable: \(show.stderr)")
    let archive = try Talabati.run(["archive", order, "--store", store, "--now", Talabati.now])
    #expect(archive.code == 5, "\(archive.stderr)")
    #expect(archive.stderr.contains("read-only"), "\(archive.stderr)")
    // The folder immutable too (no -shm can be created): still readable, still refused.
    #expect(Self.chattr("+i", dir))
    let show2 = try Talabati.run(["orders", "--store", store, "--now", Talabati.now])
    #expect(show2.code == 0, "\(show2.stderr)")
    let cancel = try Talabati.run(
      [
        "cancel", order, "--all", "--reason", "changed-mind", "--store", store, "--now",
        Talabati.now,
      ])
    #expect(cancel.code == 5 && cancel.stderr.contains("read-only"), "\(cancel.stderr)")
    _ = Self.chattr("-i", dir)
    _ = Self.chattr("-i", store)
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
  }

  static let canChattr: Bool = {
    let probe = NSTemporaryDirectory() + "talabati-chattr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: probe, contents: nil)
    defer {
      _ = chattr("-i", probe)
      unlink(probe)
    }
    return getuid() == 0 && chattr("+i", probe) && access(probe, W_OK) != 0
  }()

  @discardableResult
  static func chattr(_ flag: String, _ path: String) -> Bool {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    p.arguments = [flag, path]
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  /// A non-UTF-8 locale (`LANG=C`, `LC_ALL=C`) changes nothing in what is printed: the Arabic
  /// labels and titles come out as the same UTF-8 bytes.
  @Test func cLocaleOutputIsStillCorrectUTF8() throws {
    let dir = Scratch.directory("locale")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try Self.validStore(dir)
    let order = Self.firstOrder(store)
    for args in [["show", order], ["orders"], ["show", order, "--json"]] {
      let full = args + ["--store", store, "--now", Talabati.now, "--lang", "ar"]
      let utf8 = try Talabati.run(full, env: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
      let plain = try Talabati.run(full, env: ["LANG": "C", "LC_ALL": "C"])
      #expect(utf8.code == 0 && plain.code == 0, "\(plain.stderr)")
      #expect(plain.stdoutData == utf8.stdoutData, "\(args): output differs under LANG=C")
      #expect(plain.stdout.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
      #expect(!plain.stdout.contains("\u{FFFD}"), "mojibake under LANG=C")
    }
  }
}
