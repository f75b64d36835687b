import Foundation
import GRDB
import TalabatiDomain

// MARK: - Settings kept between runs

extension AppDatabase {
  /// The value of one of the account's settings (`theme`, `language`), or nil.
  public func setting(_ key: String, account: AccountID) throws -> String? {
    try guarded {
      try writer.read { db in
        try String.fetchOne(
          db, sql: "SELECT value FROM setting WHERE accountId = ? AND key = ?",
          arguments: [account, key])
      }
    }
  }

  /// Keeps one of the account's settings for the next run (the theme chosen with `T`, kept as
  /// the language is).
  public func setSetting(_ key: String, to value: String, account: AccountID) throws {
    try change { c in
      try c.db.execute(
        sql: """
          INSERT INTO setting (accountId, key, value) VALUES (?, ?, ?)
          ON CONFLICT (accountId, key) DO UPDATE SET value = excluded.value
          """,
        arguments: [account, key, value])
    }
  }
}
