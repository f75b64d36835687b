import Foundation
import GRDB
import TalabatiDomain

// MARK: - The one change primitive
//
// Every state change of the store — cancel, archive, return, call-back, fraud report, seller
// message, closure, erasure, settings, accounts, order batches, imports, the demo's load —
// is one call of `change(_:_:)`. This file is the only one in TalabatiStore that opens a
// write transaction or inserts an event row; `StoreRuleTests` scans the sources to keep it
// so.

extension AppDatabase {
  /// How a change uses its connection while it runs; every setting is restored afterwards.
  struct ChangeMode {
    /// `PRAGMA cache_size = -<KiB>` for the change (a large batch that would otherwise spill
    /// into the WAL midway).
    var cacheKiB: Int?
    /// `PRAGMA synchronous = OFF`: no fsync while it runs (only for loading an empty store,
    /// where a crash can lose nothing but the load itself).
    var unsynced = false
    /// `PRAGMA foreign_keys = OFF` (only for generated rows consistent by construction).
    var foreignKeysOff = false
    /// `PRAGMA temp_store = MEMORY`: temporary tables stay in memory, never in a file (the key
    /// lists of an erasure, R28).
    var tempStoreInMemory = false

    /// An ordinary change: one order, one request.
    static let standard = ChangeMode()
    /// A batch of up to ~10,000 orders: a 64 MB page cache so it does not spill into the WAL
    /// midway. `synchronous` stays FULL: with a few commits per 100,000 orders, NORMAL
    /// measured no faster.
    static let batch = ChangeMode(cacheKiB: 65_536)
    /// Loading a store that holds no order yet (`loadIntoEmptyStore`): 24 MB of page cache
    /// (128 MB held the peak at 250 MB, 32 MB at 104 MB; issue 12 asks ≤ 100 MB), no fsync, no
    /// foreign-key checks.
    static let emptyStoreLoad = ChangeMode(cacheKiB: 24_576, unsynced: true, foreignKeysOff: true)
    /// Erasing a closed account (R29).
    static let erasure = ChangeMode(tempStoreInMemory: true)
  }

  /// The one way the store changes.
  ///
  /// In order: refuses a store opened for reading (`.readOnly`, nothing attempted); applies
  /// `mode`; opens ONE IMMEDIATE transaction (concurrent sessions queue for up to 5 s);
  /// runs `body`, which writes its rows, its event rows (`Change.appendEvent`) and at most
  /// the messages it sends (`Change.send`: written into Maildir `tmp/` with their outbox row
  /// and `message-sent` event); passes the `.beforeCommit` fault point; COMMITs; then moves
  /// each message into Maildir `new/` and, if the body asked, checkpoints the WAL. If
  /// anything throws, the transaction rolls back and the messages' `tmp/` files are deleted:
  /// no row, no event, no message.
  ///
  /// Errors: a `Refusal` (a rule said no) is thrown as it is, as is a domain refusal type
  /// thrown raw (wrapped into its `Refusal`); everything else becomes a `StoreError`.
  func change<T>(_ mode: ChangeMode = .standard, _ body: (Change) throws -> T) throws -> T {
    if isReadOnly { throw StoreError.readOnly(path) }
    var files: [String] = []
    var checkpoint = false
    do {
      let value = try writer.writeWithoutTransaction { db -> T in
        let restore = try apply(mode, db)
        defer { for sql in restore { try? db.execute(sql: sql) } }
        var result: T?
        try db.inTransaction(.immediate) {
          let change = Change(db: db, store: self)
          defer {
            files = change.files
            checkpoint = change.checkpointAfterCommit
          }
          result = try body(change)
          try injectFault(.beforeCommit)
          return .commit
        }
        guard let result else { throw StoreError.io("a change produced no result") }
        if checkpoint {
          // A large change went through the WAL: copy it into the database and truncate it
          // now, rather than leaving it for the next session.
          try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return result
      }
      if let maildir {
        // Committed: deliver. Should a rename fail, the outbox row exists and the next open
        // moves the file (`Maildir.recover`); the change itself has happened: success.
        for name in files { try? maildir.deliver(name) }
      }
      return value
    } catch {
      for name in files { maildir?.discard(name) }
      throw Self.changeError(error, path: path, readOnly: isReadOnly)
    }
  }

  /// Sets the pragmas of `mode` on `db` (outside any transaction: `foreign_keys` and
  /// `synchronous` cannot change inside one); returns the statements that restore them.
  private func apply(_ mode: ChangeMode, _ db: Database) throws -> [String] {
    var restore: [String] = []
    func set(_ pragma: String, _ value: String) throws {
      let old = try Int.fetchOne(db, sql: "PRAGMA \(pragma)") ?? 0
      try db.execute(sql: "PRAGMA \(pragma) = \(value)")
      restore.append("PRAGMA \(pragma) = \(old)")
    }
    if let kib = mode.cacheKiB { try set("cache_size", "-\(kib)") }
    if mode.unsynced { try set("synchronous", "OFF") }
    if mode.foreignKeysOff { try set("foreign_keys", "OFF") }
    if mode.tempStoreInMemory { try set("temp_store", "MEMORY") }
    return restore.reversed()
  }

  /// The error a change reports: refusals as they are, the rest as `StoreError`.
  static func changeError(_ error: any Error, path: String, readOnly: Bool) -> any Error {
    switch error {
    case let refusal as Refusal: return refusal
    case let refusal as CancelError: return Refusal.cancel(refusal)
    case let refusal as ArchiveError: return Refusal.archive(refusal)
    case let refusal as ReturnError: return Refusal.returns(refusal)
    case let refusal as SupportRefusal: return Refusal.support(refusal)
    default: return mapError(error, path: path, readOnly: readOnly)
    }
  }

  /// Throws at `point` when the store was opened with that fault (atomicity tests).
  func injectFault(_ point: FaultPoint) throws {
    if fault.withLock({ $0 }) == point { throw StoreError.io("injected failure at \(point)") }
  }

  /// Copies the WAL into the database and truncates it (after erasures, R28): maintenance,
  /// not a change (no transaction, nothing of the shopper's is written).
  func checkpointWAL() throws {
    try guarded {
      try writer.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
  }
}

// MARK: - Inside a change

/// What the body of a change writes through: its connection (`db`, inside the one
/// transaction), its event rows and its messages. Lives only inside `change(_:_:)`.
final class Change {
  /// The connection, inside the change's IMMEDIATE transaction.
  let db: Database
  private let store: AppDatabase
  /// Maildir `tmp/` files of the messages sent: delivered after COMMIT, deleted on failure.
  fileprivate(set) var files: [String] = []
  /// Set by a body that wrote much (a load, an erasure): the WAL is checkpointed after COMMIT.
  var checkpointAfterCommit = false
  /// The event insert, prepared on first use (bulk paths append one per order).
  private var insertEvent: RawStatement?

  fileprivate init(db: Database, store: AppDatabase) {
    self.db = db
    self.store = store
  }

  /// Throws at `point` when the store was opened with that fault (atomicity tests).
  func fault(_ point: AppDatabase.FaultPoint) throws {
    try store.injectFault(point)
  }

  // MARK: Events

  /// Appends one row to the append-only event log: the store's only `INSERT INTO event`.
  /// `detail` is the event's JSON text, stored as given (an import keeps a document's bytes).
  func appendEvent(
    account: AccountID, order: OrderID?, kind: Event.Kind, at: Int64, actor: String,
    detail: String
  ) throws {
    if insertEvent == nil {
      insertEvent = try RawStatement(
        db,
        """
        INSERT INTO event (accountId, orderId, kind, at, actor, detail)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    }
    try insertEvent?.run(account, order, kind.rawValue, at, actor, detail)
  }

  /// Appends an event whose detail is `fields` as a flat JSON object (keys sorted).
  func appendEvent(
    account: AccountID, order: OrderID?, kind: Event.Kind, at: Int64, actor: String,
    fields: [String: String]
  ) throws {
    try appendEvent(
      account: account, order: order, kind: kind, at: at, actor: actor, detail: json(fields))
  }

  /// Appends an event whose detail is `value` encoded as JSON (keys sorted).
  func appendEvent<Detail: Encodable>(
    account: AccountID, order: OrderID?, kind: Event.Kind, at: Int64, actor: String,
    encoding value: Detail
  ) throws {
    try appendEvent(
      account: account, order: order, kind: kind, at: at, actor: actor, detail: json(value))
  }

  private func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  // MARK: Messages

  /// Sends `mail` as every confirmation is sent (R6): written into Maildir `tmp/` (when the
  /// store has a Maildir; named after the message's date), its outbox row of `kind` inserted,
  /// a `message-sent` event `{"kind": <kind>, "file": …, …detail}` appended. The file moves
  /// into `new/` after COMMIT or is deleted if the change fails. Returns the rendered text
  /// and the file name.
  @discardableResult
  func send(
    _ mail: MailMessage, kind: OutboxMessage.Kind, account: AccountID, order: OrderID?,
    detail: [String: String] = [:]
  ) throws -> (text: String, file: String?) {
    var message = mail
    message.kind = kind
    let text = message.rendered()
    let file = try store.maildir?.writeTemporary(text, now: message.date)
    if let file { files.append(file) }
    let at = message.date.epochMillis
    try db.execute(
      sql: """
        INSERT INTO outbox (accountId, orderId, kind, createdAt, subject, recipient,
          maildirFile, message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        account, order, kind.rawValue, at, MailFormat.sanitize(message.subject, limit: 400),
        message.to, file, text,
      ])
    var fields = detail
    fields["kind"] = kind.rawValue
    fields["file"] = file ?? ""
    try appendEvent(
      account: account, order: order, kind: .messageSent, at: at, actor: "system",
      fields: fields)
    return (text, file)
  }
}
