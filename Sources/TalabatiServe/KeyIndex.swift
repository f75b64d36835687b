import Foundation
import GRDB

/// The keys that have connected: fingerprint, key type, first and last seen, and how many
/// sessions (issue 10). One SQLite file in the data directory; never holds key material beyond
/// the fingerprint.
public final class KeyIndex: Sendable {
  let db: DatabaseQueue

  public init(path: String) throws {
    var config = Configuration()
    config.busyMode = .timeout(5)
    db = try DatabaseQueue(path: path, configuration: config)
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE key (
            fingerprint TEXT PRIMARY KEY NOT NULL,
            keyType TEXT NOT NULL,
            firstSeen DATETIME NOT NULL,
            lastSeen DATETIME NOT NULL,
            sessions INTEGER NOT NULL DEFAULT 0
          )
          """)
    }
    try migrator.migrate(db)
  }

  /// Records a connection of `identity` at `now`; true when the key was new.
  @discardableResult
  public func recordSeen(_ identity: KeyIdentity, at now: Date) throws -> Bool {
    try db.write { db in
      let exists =
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM key WHERE fingerprint = ?", arguments: [identity.fingerprint])
        ?? false
      if exists {
        try db.execute(
          sql: "UPDATE key SET lastSeen = ?, sessions = sessions + 1 WHERE fingerprint = ?",
          arguments: [now, identity.fingerprint])
      } else {
        try db.execute(
          sql: """
            INSERT INTO key (fingerprint, keyType, firstSeen, lastSeen, sessions)
            VALUES (?, ?, ?, ?, 1)
            """,
          arguments: [identity.fingerprint, identity.keyType, now, now])
      }
      return !exists
    }
  }

  /// One row of the index.
  public struct Entry: Sendable, Equatable {
    public var fingerprint: String
    public var keyType: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var sessions: Int
  }

  public func entries() throws -> [Entry] {
    try db.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM key ORDER BY firstSeen").map {
        Entry(
          fingerprint: $0["fingerprint"], keyType: $0["keyType"], firstSeen: $0["firstSeen"],
          lastSeen: $0["lastSeen"], sessions: $0["sessions"])
      }
    }
  }
}
