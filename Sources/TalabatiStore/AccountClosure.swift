import Foundation
import GRDB
import TalabatiDomain

#if canImport(Glibc)
  import Glibc
#endif

/// What `applyDueClosures(now:)` did.
public struct ErasureReport: Hashable, Sendable {
  /// Accounts whose data was erased.
  public var erased: [AccountID]
  /// Maildir files that could not be deleted (left for the operator; normally empty).
  public var undeletedFiles: [String]

  public init(erased: [AccountID], undeletedFiles: [String]) {
    self.erased = erased
    self.undeletedFiles = undeletedFiles
  }
}

// MARK: - Closing the account (R27–R29)

extension AppDatabase {
  /// R27–R29: the account's latest closure request (pending, withdrawn, due or erased), if any.
  public func closure(account: AccountID) throws -> AccountClosure? {
    try guarded { try writer.read { db in try latestClosure(db, account: account) } }
  }

  /// R27: asks to close `account` for `reason`; the closure is pending for
  /// `ClosurePolicy.pendingPeriod` (7 days). The caller has shown the warning (R28) and
  /// checked the typed confirmation. `Refusal.support(.closureAlreadyPending)` if one is
  /// pending.
  @discardableResult
  public func requestClosure(
    account: AccountID, reason: ClosureReason, now: Date, actor: String
  ) throws -> AccountClosure {
    let nowMs = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let db = c.db
      _ = try loadAccount(db, id: account)
      let current = try latestClosure(db, account: account)
      let closure: AccountClosure
      switch ClosurePolicy.request(account: account, reason: reason, at: now, current: current) {
      case .success(let c): closure = c
      case .failure(let refusal): throw Refusal.support(refusal)
      }
      let effective = try PreparedOrder.millis(closure.effectiveAt, "the closure date")
      try db.execute(
        sql: """
          INSERT INTO account_closure (accountId, reason, requestedAt, effectiveAt)
          VALUES (?, ?, ?, ?)
          """,
        arguments: [account, reason.rawValue, nowMs, effective])
      try c.appendEvent(
        account: account, order: nil, kind: .closureRequested, at: nowMs, actor: actor,
        fields: ["reason": reason.rawValue, "effectiveAt": "\(effective)"])
      return AccountClosure(
        accountID: account, reason: reason, requestedAt: Date(epochMillis: nowMs),
        effectiveAt: Date(epochMillis: effective))
    }
  }

  /// R29: withdraws the pending closure of `account` (only before its end).
  @discardableResult
  public func withdrawClosure(account: AccountID, now: Date, actor: String) throws
    -> AccountClosure
  {
    let nowMs = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let db = c.db
      _ = try loadAccount(db, id: account)
      let current = try latestClosure(db, account: account)
      let withdrawn: AccountClosure
      switch ClosurePolicy.withdraw(current, at: Date(epochMillis: nowMs)) {
      case .success(let c): withdrawn = c
      case .failure(let refusal): throw Refusal.support(refusal)
      }
      try db.execute(
        sql: """
          UPDATE account_closure SET withdrawnAt = ?
          WHERE id = (SELECT max(id) FROM account_closure WHERE accountId = ?)
            AND withdrawnAt IS NULL AND erasedAt IS NULL
          """,
        arguments: [nowMs, account])
      guard db.changesCount == 1 else { throw StoreError.changedMeanwhile }
      try c.appendEvent(
        account: account, order: nil, kind: .closureWithdrawn, at: nowMs, actor: actor,
        fields: [:])
      return withdrawn
    }
  }

  /// R29: erases every account whose closure is due at `now`; call it once per start, before
  /// anything reads the account (the CLI's `Context.open`, the TUI's start).
  ///
  /// Per account, in one transaction (foreign keys checked at COMMIT): its items, shipments,
  /// orders and their search-index entries, events, outbox rows, settings, call-backs, fraud
  /// reports and the account row, plus rows of any other table that holds an `accountId`,
  /// `orderId`, `shipmentId` or `itemId` of the account (tables added by later migrations).
  /// The search index is rebuilt without the account (FTS5 keeps deleted tokens in its
  /// segments until they merge). `secure_delete` zeroes the freed content; the WAL is then
  /// checkpointed and truncated, and the account's Maildir messages are deleted. What stays:
  /// a tombstone `account_closure` row (id, reason code, dates), sellers' names.
  @discardableResult
  public func applyDueClosures(now: Date) throws -> ErasureReport {
    if isReadOnly { return ErasureReport(erased: [], undeletedFiles: []) }
    let nowMs = try PreparedOrder.millis(now, "the time")
    let due = try guarded {
      try writer.read { db in
        try AccountID.fetchAll(
          db,
          sql: """
            SELECT DISTINCT accountId FROM account_closure
            WHERE withdrawnAt IS NULL AND erasedAt IS NULL AND effectiveAt <= ?
            ORDER BY accountId
            """,
          arguments: [nowMs])
      }
    }
    guard !due.isEmpty else { return ErasureReport(erased: [], undeletedFiles: []) }
    var files: [String] = []
    for account in due {
      files += try erase(account: account, at: nowMs)
    }
    try checkpointWAL()
    var undeleted: [String] = []
    if let maildir {
      for name in files where !name.isEmpty {
        var removed = false
        for dir in [maildir.new, maildir.cur, maildir.tmp] {
          // cur/ names carry the reader's flags: "<name>:2,S".
          let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
          for candidate in names where candidate == name || candidate.hasPrefix(name + ":") {
            removed = unlink(dir + "/" + candidate) == 0 || removed
          }
        }
        if !removed {
          var info = stat()
          if stat(maildir.new + "/" + name, &info) == 0 { undeleted.append(name) }
        }
      }
    }
    return ErasureReport(erased: due, undeletedFiles: undeleted)
  }

  /// Erases one account in one change; returns the Maildir file names to delete. The key
  /// lists stay in memory, never in a temporary file (`.erasure`).
  private func erase(account: AccountID, at nowMs: Int64) throws -> [String] {
    try change(.erasure) { c in
      let db = c.db
      var files: [String] = []
      try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
      try db.execute(
        sql: """
          UPDATE account_closure SET erasing = 1
          WHERE accountId = ? AND withdrawnAt IS NULL AND erasedAt IS NULL
          """,
        arguments: [account])
      files =
        try String.fetchAll(
          db,
          sql: "SELECT maildirFile FROM outbox WHERE accountId = ? AND maildirFile IS NOT NULL",
          arguments: [account])
        + String.fetchAll(
          db,
          sql: """
            SELECT maildirFile FROM fraud_report
            WHERE accountId = ? AND maildirFile IS NOT NULL
            """,
          arguments: [account])

      // Keys of the account's rows, for tables that reference them.
      try db.execute(sql: "DROP TABLE IF EXISTS temp.erase_order")
      try db.execute(sql: "DROP TABLE IF EXISTS temp.erase_shipment")
      try db.execute(sql: "DROP TABLE IF EXISTS temp.erase_item")
      try db.execute(
        sql: """
          CREATE TEMP TABLE erase_order AS SELECT id FROM "order" WHERE accountId = ?;
          CREATE TEMP TABLE erase_shipment AS
            SELECT id FROM shipment WHERE orderId IN (SELECT id FROM temp.erase_order);
          CREATE TEMP TABLE erase_item AS
            SELECT id FROM item WHERE orderId IN (SELECT id FROM temp.erase_order);
          """,
        arguments: [account])

      // Every table, children before parents where we know them; the rest by column name.
      let core = [
        "item", "shipment", "order", "event", "outbox", "setting", "callback",
        "fraud_report",
      ]
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'order_search%'
            AND name NOT LIKE 'grdb_%'
            AND name NOT IN ('account', 'account_closure', 'seller')
          """)
      let ordered = core.filter(tables.contains) + tables.filter { !core.contains($0) }.sorted()
      for table in ordered {
        let columns = Set(try db.columns(in: table).map(\.name))
        let quoted = "\"\(table.replacingOccurrences(of: "\"", with: "\"\""))\""
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if columns.contains("accountId") {
          conditions.append("accountId = ?")
          arguments.append(account)
        }
        if table == "order" {
          conditions.append("id IN (SELECT id FROM temp.erase_order)")
        } else if columns.contains("orderId") {
          conditions.append("orderId IN (SELECT id FROM temp.erase_order)")
        }
        if table == "shipment" {
          conditions.append("id IN (SELECT id FROM temp.erase_shipment)")
        } else if columns.contains("shipmentId") {
          conditions.append("shipmentId IN (SELECT id FROM temp.erase_shipment)")
        }
        if table == "item" {
          conditions.append("id IN (SELECT id FROM temp.erase_item)")
        } else if columns.contains("itemId") {
          conditions.append("itemId IN (SELECT id FROM temp.erase_item)")
        }
        guard !conditions.isEmpty else { continue }
        try db.execute(
          sql: "DELETE FROM \(quoted) WHERE " + conditions.joined(separator: " OR "),
          arguments: StatementArguments(arguments))
      }
      try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [account])
      // Sellers no item refers to any more (their names only ever came with these orders).
      try db.execute(sql: "DELETE FROM seller WHERE id NOT IN (SELECT sellerId FROM item)")
      try rebuildSearchIndex(db)
      try db.execute(
        sql: """
          UPDATE account_closure SET erasing = 0, erasedAt = ?
          WHERE accountId = ? AND withdrawnAt IS NULL AND erasedAt IS NULL
          """,
        arguments: [nowMs, account])
      try db.execute(sql: "DROP TABLE temp.erase_order")
      try db.execute(sql: "DROP TABLE temp.erase_shipment")
      try db.execute(sql: "DROP TABLE temp.erase_item")
      return files
    }
  }

  /// Empties the contentless search index and indexes the remaining orders again: FTS5's
  /// 'delete' needs the exact original text, and deleted tokens linger in old segments.
  private func rebuildSearchIndex(_ db: Database) throws {
    try db.execute(sql: "INSERT INTO order_search(order_search) VALUES('delete-all')")
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT o.seq, o.id, i.title FROM "order" o
        JOIN shipment s ON s.orderId = o.id
        JOIN item i ON i.shipmentId = s.id
        ORDER BY o.seq, s.position, i.position
        """)
    let insert = try db.cachedStatement(
      sql: "INSERT INTO order_search (rowid, body) VALUES (?, ?)")
    var cache: [String: String] = [:]
    var currentSeq: Int64?
    var currentID = ""
    var titles: [String] = []
    func flush() throws {
      guard let seq = currentSeq else { return }
      try insert.execute(arguments: [
        seq, SearchText.indexBody(titles: titles, orderID: currentID, cache: &cache),
      ])
    }
    while let row = try rows.next() {
      let seq: Int64 = row["seq"]
      if seq != currentSeq {
        try flush()
        currentSeq = seq
        currentID = row["id"]
        titles = []
      }
      titles.append(row["title"])
    }
    try flush()
    try db.execute(sql: "INSERT INTO order_search(order_search) VALUES('optimize')")
  }

  /// The latest closure row of `account`.
  func latestClosure(_ db: Database, account: AccountID) throws -> AccountClosure? {
    guard
      let r = try Row.fetchOne(
        db,
        sql: """
          SELECT accountId, reason, requestedAt, effectiveAt, withdrawnAt, erasedAt
          FROM account_closure WHERE accountId = ? ORDER BY id DESC LIMIT 1
          """,
        arguments: [account])
    else { return nil }
    return try closure(r)
  }

  /// A closure request from a row of the `account_closure` table.
  func closure(_ r: Row) throws -> AccountClosure {
    AccountClosure(
      accountID: r["accountId"], reason: try decode(ClosureReason.self, r["reason"]),
      requestedAt: Date(epochMillis: r["requestedAt"]),
      effectiveAt: Date(epochMillis: r["effectiveAt"]), withdrawnAt: date(r["withdrawnAt"]),
      erasedAt: r.hasColumn("erasedAt") ? date(r["erasedAt"]) : nil)
  }
}
