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

  /// Error texts are one line and exit codes follow the CLI's table.
  @Test func errorsHaveOneLineTextsAndExitCodes() {
    let cases: [(StoreError, Int32)] = [
      (.invalidInput("x"), 2), (.policy(.emptySelection), 3), (.archive(.alreadyArchived), 3),
      (.changedMeanwhile, 3), (.notFound(what: "order 1"), 4), (.io("disk"), 5),
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
