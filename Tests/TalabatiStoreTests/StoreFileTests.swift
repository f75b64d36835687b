import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

@Suite("Store files: creation, modes, refusals, recovery")
struct StoreFileTests {
  /// A fresh store has every table; the file is 0600, its new directory and Maildir 0700.
  @Test func freshStoreHasSchemaAndPrivateModes() throws {
    let dir = try Fixture.tempDir() + "/nested/deeper"
    let path = dir + "/talabati.sqlite"
    let db = try AppDatabase.openFile(at: path)
    let tables = try db.writer.read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table in [
      "account", "seller", "order", "shipment", "item", "event", "outbox", "setting",
      "order_search", "grdb_migrations",
    ] {
      #expect(tables.contains(table), "missing table \(table)")
    }
    #expect(Fixture.mode(path) == 0o600)
    #expect(Fixture.mode(dir) == 0o700)
    #expect(Fixture.mode((dir as NSString).deletingLastPathComponent) == 0o700)
    for sub in ["", "/tmp", "/new", "/cur"] {
      #expect(Fixture.mode(dir + "/Maildir" + sub) == 0o700, "Maildir\(sub)")
    }
    let (journal, secure, fk) = try db.writer.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "PRAGMA secure_delete"),
        try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
      )
    }
    #expect(journal == "wal")
    #expect(secure == 1)
    #expect(fk == 1)
  }

  /// Data survives closing and reopening; the language choice is persisted.
  @Test func reopeningKeepsOrdersAndLanguage() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
      _ = try db.insert(orders: [Fixture.order(1, placedAt: Fixture.t0)], account: 1, actor: "t")
      try db.setLanguage(.en, account: 1)
    }
    let db = try AppDatabase.openFile(at: path)
    #expect(try db.defaultAccount()?.language == .en)
    #expect(try db.order(Fixture.number(1), account: 1) == Fixture.order(1, placedAt: Fixture.t0))
    #expect(throws: StoreError.notFound(what: "account 7")) { try db.setLanguage(.ar, account: 7) }
  }

  /// A file that is not SQLite is refused and left byte-identical.
  @Test(arguments: [Data("hello, this is my diary\n".utf8), Data([0x53, 0x51]), Data(count: 4096)])
  func notADatabaseIsRefusedUntouched(content: Data) throws {
    let path = try Fixture.tempDir() + "/notes.txt"
    try content.write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.notADatabase(path)) { try AppDatabase.openFile(at: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  /// An SQLite header over garbage is reported as damaged, not as a crash.
  @Test func corruptFileIsRefused() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    var bytes = Data("SQLite format 3\0".utf8)
    bytes.append(Data(repeating: 0xAB, count: 8192))
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.corrupt(path)) { try AppDatabase.openFile(at: path) }
  }

  /// A store migrated by a newer talabati (a migration this build does not know) is refused.
  @Test func newerStoreIsRefused() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    _ = try AppDatabase.openFile(at: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
    }
    try queue.close()
    #expect(throws: StoreError.newerVersion(path)) { try AppDatabase.openFile(at: path) }
  }

  /// A read-only store still lists and shows orders; every write says `.readOnly`.
  @Test func readOnlyStoreReadsButRefusesWrites() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    let o = Fixture.order(1, placedAt: Fixture.t0)
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
      _ = try db.insert(orders: [o], account: 1, actor: "t")
    }
    let db = try AppDatabase.openFile(at: path, forceReadOnly: true, fault: nil)
    #expect(try db.order(o.id, account: 1) == o)
    #expect(
      try db.orders(account: 1, view: .orders, limit: 5, after: nil, now: Fixture.t0).rows.count
        == 1)
    #expect(throws: StoreError.readOnly(path)) {
      try db.cancel(.wholeOrder, in: o.id, account: 1, reason: .other, at: Fixture.t0, actor: "t")
    }
    #expect(throws: StoreError.readOnly(path)) {
      try db.archive(order: o.id, account: 1, at: Fixture.t0, actor: "t")
    }
    #expect(try AppDatabase.openFile(at: path).order(o.id, account: 1).items[0].cancellation == nil)
  }

  /// The same through file permissions (skipped as root, who may write anything).
  @Test(.enabled(if: getuid() != 0, "root ignores file permissions"))
  func readOnlyPermissionsGiveReadOnly() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
    }
    chmod(path, 0o400)
    let db = try AppDatabase.openFile(at: path)
    #expect(try db.defaultAccount() != nil)
    #expect(throws: StoreError.readOnly(path)) { try db.setLanguage(.en, account: 1) }
  }

  /// After a crash between COMMIT and delivery the message is delivered on the next open; a
  /// stale tmp file without an outbox row is removed, a fresh one (a session still writing) kept.
  @Test func openRecoversInterruptedDeliveries() throws {
    let dir = try Fixture.tempDir()
    let path = dir + "/talabati.sqlite"
    let db = try AppDatabase.openFile(at: path)
    try db.createAccount(Fixture.shopper)
    try db.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO outbox (accountId, kind, createdAt, subject, recipient, maildirFile, message)
          VALUES (1, 'archive', 0, 's', 'r', 'committed.1_1.host', 'm')
          """)
    }
    let tmp = dir + "/Maildir/tmp/"
    for name in ["committed.1_1.host", "stale.1_2.host", "fresh.1_3.host"] {
      _ = FileManager.default.createFile(atPath: tmp + name, contents: Data("m".utf8))
    }
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: tmp + "stale.1_2.host")

    _ = try AppDatabase.openFile(at: path)
    #expect(Fixture.files(dir + "/Maildir/new") == ["committed.1_1.host"])
    #expect(Fixture.files(tmp) == ["fresh.1_3.host"])
  }

  /// The bytes and modification time (ns) of a file: what a write, even one that changes no
  /// row, would alter.
  static func fingerprint(_ path: String) throws -> (Data, Int, Int) {
    var info = stat()
    #expect(stat(path, &info) == 0)
    return (
      try Data(contentsOf: URL(fileURLWithPath: path)), info.st_mtim.tv_sec, info.st_mtim.tv_nsec
    )
  }

  /// Issue 12, goal 6: opening for reading (what `orders`, `show` and `export` do) writes
  /// nothing to the store: its bytes and mtime stay the same, though the reads work. The
  /// writable open re-creates the WAL in a write transaction (and syncs it) on every start.
  @Test func openForReadingLeavesTheFileUntouched() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    let o = Fixture.order(1, placedAt: Fixture.t0)
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
      _ = try db.insert(orders: [o], account: 1, actor: "t")
    }
    let before = try Self.fingerprint(path)
    usleep(20_000)  // an mtime written now would differ from the one recorded
    for _ in 0..<2 {
      let db = try AppDatabase.openForReading(at: path, now: Fixture.t0)
      #expect(try db.order(o.id, account: 1) == o)
      #expect(throws: StoreError.readOnly(path)) {
        try db.archive(order: o.id, account: 1, at: Fixture.t0, actor: "t")
      }
    }
    let after = try Self.fingerprint(path)
    #expect(after.0 == before.0, "the store's bytes changed")
    #expect(after.1 == before.1 && after.2 == before.2, "the store's mtime changed")
  }

  /// A reader opened while another session holds the store open sees what that session
  /// committed last, still in its WAL (not yet checkpointed into the file).
  @Test func openForReadingSeesCommitsStillInTheWAL() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    let writer = try AppDatabase.openFile(at: path)
    try writer.createAccount(Fixture.shopper)
    _ = try writer.insert(orders: [Fixture.order(1, placedAt: Fixture.t0)], account: 1, actor: "t")
    let reader1 = try AppDatabase.openForReading(at: path, now: Fixture.t0)
    #expect(
      try reader1.order(Fixture.number(1), account: 1) == Fixture.order(1, placedAt: Fixture.t0))
    let o2 = Fixture.order(2, placedAt: Fixture.t0.addingTimeInterval(60))
    _ = try writer.insert(orders: [o2], account: 1, actor: "t")
    try writer.archive(order: Fixture.number(1), account: 1, at: Fixture.t0, actor: "t")
    let reader2 = try AppDatabase.openForReading(at: path, now: Fixture.t0)
    #expect(try reader2.order(o2.id, account: 1) == o2)
    #expect(try reader2.order(Fixture.number(1), account: 1).isArchived)
  }

  /// Opening for reading refuses what the writable open refuses, with the same errors (exit 5),
  /// and leaves a foreign file byte-identical.
  @Test func openForReadingRefusesForeignDamagedAndNewerFiles() throws {
    let dir = try Fixture.tempDir()
    let notes = dir + "/notes.txt"
    let diary = Data("hello, this is my diary\n".utf8)
    try diary.write(to: URL(fileURLWithPath: notes))
    #expect(throws: StoreError.notADatabase(notes)) {
      try AppDatabase.openForReading(at: notes, now: Fixture.t0)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: notes)) == diary)

    let damaged = dir + "/damaged.sqlite"
    var bytes = Data("SQLite format 3\0".utf8)
    bytes.append(Data(repeating: 0xAB, count: 8192))
    try bytes.write(to: URL(fileURLWithPath: damaged))
    #expect(throws: StoreError.corrupt(damaged)) {
      try AppDatabase.openForReading(at: damaged, now: Fixture.t0)
    }

    let newer = dir + "/newer.sqlite"
    _ = try AppDatabase.openFile(at: newer)
    let queue = try DatabaseQueue(path: newer)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
    }
    try queue.close()
    #expect(throws: StoreError.newerVersion(newer)) {
      try AppDatabase.openForReading(at: newer, now: Fixture.t0)
    }
  }

  /// A store that lacks a migration is migrated by a read command's open (the writable path),
  /// and a missing store is created, as before.
  @Test func openForReadingMigratesOrCreatesWhenItMust() throws {
    let dir = try Fixture.tempDir()
    let old = dir + "/old.sqlite"
    _ = try AppDatabase.openFile(at: old)
    let queue = try DatabaseQueue(path: old)
    try queue.write { db in
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-imported-refunds'")
      try db.execute(sql: "DROP TABLE IF EXISTS imported_refund")
    }
    try queue.close()
    let db = try AppDatabase.openForReading(at: old, now: Fixture.t0)
    #expect(!db.isReadOnly)
    #expect(try db.importedRefunds(order: "x", account: 1).isEmpty)

    let missing = dir + "/new/talabati.sqlite"
    let fresh = try AppDatabase.openForReading(at: missing, now: Fixture.t0)
    #expect(try fresh.defaultAccount() == nil)
    #expect(FileManager.default.fileExists(atPath: missing))
  }

  /// A committed message still waiting in `Maildir/tmp/` (its writer died between COMMIT and
  /// the rename) is delivered by a read command's open too: that open is then the writable one.
  @Test func openForReadingDeliversAWaitingMessage() throws {
    let dir = try Fixture.tempDir()
    let path = dir + "/talabati.sqlite"
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
      try db.writer.write { db in
        try db.execute(
          sql: """
            INSERT INTO outbox (accountId, kind, createdAt, subject, recipient, maildirFile, message)
            VALUES (1, 'archive', 0, 's', 'r', 'committed.1_1.host', 'm')
            """)
      }
    }
    _ = FileManager.default.createFile(
      atPath: dir + "/Maildir/tmp/committed.1_1.host", contents: Data("m".utf8))
    let db = try AppDatabase.openForReading(at: path, now: Fixture.t0)
    #expect(!db.isReadOnly)
    #expect(Fixture.files(dir + "/Maildir/new") == ["committed.1_1.host"])
    #expect(Fixture.files(dir + "/Maildir/tmp").isEmpty)
    #expect(try AppDatabase.openForReading(at: path, now: Fixture.t0).isReadOnly)
  }

  /// R29: when a closure is due, a read command's open is the writable one, so the closure
  /// is carried out before anything is read; before it is due, the open is read-only.
  @Test func openForReadingIsWritableWhenAClosureIsDue() throws {
    let path = try Fixture.tempDir() + "/talabati.sqlite"
    do {
      let db = try AppDatabase.openFile(at: path)
      try db.createAccount(Fixture.shopper)
      try db.requestClosure(account: 1, reason: .privacy, now: Fixture.t0, actor: "t")
    }
    #expect(try AppDatabase.openForReading(at: path, now: Fixture.t0).isReadOnly)
    let later = Fixture.t0.addingTimeInterval(8 * 86_400)
    let db = try AppDatabase.openForReading(at: path, now: later)
    #expect(!db.isReadOnly)
    #expect(try db.applyDueClosures(now: later).erased == [1])
    #expect(try db.defaultAccount() == nil)
  }

  /// Error texts are one line and exit codes follow the CLI's table.
  @Test func errorsHaveOneLineTextsAndExitCodes() {
    let cases: [(StoreError, Int32)] = [
      (.invalidInput("x"), 2), (.changedMeanwhile, 3), (.notFound(what: "order 1"), 4),
      (.io("disk"), 5),
      (.notADatabase("/p"), 5), (.corrupt("/p"), 5), (.readOnly("/p"), 5),
      (.newerVersion("/p"), 5),
    ]
    for (error, code) in cases {
      #expect(error.exitCode == code)
      #expect(!error.description.contains("\n"))
      #expect(!error.description.isEmpty)
    }
  }
}
