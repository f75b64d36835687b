import Foundation
import GRDB
import TalabatiDomain
import TalabatiInterchange

/// What an import did (see `docs/interchange.md`).
public struct ImportReport: Hashable, Sendable {
  /// The store account the orders went into.
  public var account: AccountID
  /// True when that account was created by this import (no account had the document's e-mail).
  public var accountCreated: Bool
  /// Orders stored.
  public var imported: Int
  /// Orders left untouched because this account already has an order with that number.
  public var skipped: [OrderID]
  /// Events appended (those of imported orders, and account-wide ones not already present).
  public var events: Int
  /// Returns and replacements stored (those of imported orders, R11–R16).
  public var returns: Int
  /// Refunds imported from Amazon stored (those of imported orders, issue 6).
  public var importedRefunds: Int
  /// Call-backs stored (R21).
  public var callbacks: Int
  /// Closure requests stored (R27–R29): only into an account this import created.
  public var closures: Int
  /// Closure requests of the document left out: the orders went into an existing account
  /// (closing it needs the R28 warning), or a pending closure had already ended.
  public var closuresNotImported: Int

  public init(
    account: AccountID, accountCreated: Bool, imported: Int, skipped: [OrderID], events: Int,
    returns: Int = 0, importedRefunds: Int = 0, callbacks: Int = 0, closures: Int = 0,
    closuresNotImported: Int = 0
  ) {
    self.account = account
    self.accountCreated = accountCreated
    self.imported = imported
    self.skipped = skipped
    self.events = events
    self.returns = returns
    self.importedRefunds = importedRefunds
    self.callbacks = callbacks
    self.closures = closures
    self.closuresNotImported = closuresNotImported
  }
}

// MARK: - Export and import

extension AppDatabase {
  /// Everything of `account` as an interchange document: the account, every order (archived
  /// and cancelled ones included), the whole event log, its returns and replacements,
  /// imported refunds, call-backs and closure requests, in canonical order.
  ///
  /// Read in one transaction, so a concurrent write is either wholly in it or not at all.
  public func exportDocument(account: AccountID) throws -> InterchangeDocument {
    try guarded {
      try writer.read { db in
        let acct = try loadAccount(db, id: account)
        // Bulk reads: the order rows at once, then shipments and items for 500 orders per
        // query pair (not two queries per order).
        let headers = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(Self.headerColumns) FROM "order" WHERE accountId = ? ORDER BY seq DESC
            """,
          arguments: [account])
        var orders: [Order] = []
        var chunk: [Row] = []
        chunk.reserveCapacity(500)
        while let row = try headers.next() {
          chunk.append(row.copy())
          if chunk.count == 500 {
            orders += try loadOrders(db, headers: chunk, account: account)
            chunk.removeAll(keepingCapacity: true)
          }
        }
        orders += try loadOrders(db, headers: chunk, account: account)
        let events = try Row.fetchAll(
          db,
          sql: """
            SELECT kind, at, actor, orderId, detail FROM event
            WHERE accountId = ? ORDER BY id
            """,
          arguments: [account]
        ).map(event(_:))
        let sections = try exportSections(db, account: account)
        return InterchangeDocument(
          account: acct, orders: orders, events: events, returns: sections.returns,
          importedRefunds: sections.importedRefunds, callbacks: sections.callbacks,
          closures: sections.closures)
      }
    }
  }

  /// Imports `doc` all or nothing, in one transaction: any error leaves the store unchanged.
  ///
  /// - The account: the store's account with the same e-mail (case-insensitive), else a new
  ///   one (with the document's id when free). Every order and event is re-homed to it.
  /// - An order whose number this account already has is skipped and reported, never
  ///   overwritten; its events are skipped too. An order number held by ANOTHER account, or a
  ///   shipment or item id already used by another order, refuses the whole import.
  /// - The document's events are appended verbatim; the import adds none of its own, so
  ///   export → import into an empty store → export gives the same bytes. `actor` is recorded
  ///   on account-less work only (it is kept for the API; the caller reports the import).
  /// - Returns, imported refunds, call-backs and closures: see `importSections`; `now` (else
  ///   the store's clock) decides whether a pending closure has already ended (R29), and is
  ///   the creation time of an account the import creates.
  public func importDocument(_ doc: InterchangeDocument, actor: String, at now: Date? = nil)
    throws -> ImportReport
  {
    do {
      try doc.validate()
    } catch let error as InterchangeError {
      throw StoreError.invalidInput(error.description)
    }
    let source = doc.account
    for (field, value) in [("name", source.name), ("e-mail", source.email)]
    where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw StoreError.invalidInput("the account \(field) contains control characters")
    }
    _ = actor
    var canonical = doc
    canonical.canonicalise()
    let nowMs = try PreparedOrder.millis(now ?? clock.now(), "the import time")
    let createdAt = nowMs

    return try change { c in
      let db = c.db
      // 1. The account.
      var target: AccountID
      var created = false
      if let existing = try AccountID.fetchOne(
        db, sql: "SELECT id FROM account WHERE lower(email) = lower(?) ORDER BY id LIMIT 1",
        arguments: [source.email])
      {
        target = existing
      } else {
        target = source.id
        // An id is taken by a live account, or by an erased one whose closure record stays
        // (R29): a new account must never inherit another's closure history.
        let taken =
          try Bool.fetchOne(
            db,
            sql: """
              SELECT 1 FROM account WHERE id = ?
              UNION ALL SELECT 1 FROM account_closure WHERE accountId = ?
              """,
            arguments: [target, target]) ?? false
        if taken || target <= 0 {
          target =
            (try AccountID.fetchOne(
              db,
              sql: """
                SELECT max(id) FROM (SELECT max(id) AS id FROM account
                  UNION ALL SELECT max(accountId) FROM account_closure)
                """) ?? 0) + 1
        }
        try db.execute(
          sql: """
            INSERT INTO account (id, name, email, language, timeZone, createdAt)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            target, source.name, source.email, source.language.rawValue, source.timeZone,
            createdAt,
          ])
        created = true
      }

      // 2. Which orders are new; refuse numbers that belong to someone else.
      var fresh: [PreparedOrder] = []
      var skipped: [OrderID] = []
      let ownerOf = try db.cachedStatement(sql: "SELECT accountId FROM \"order\" WHERE id = ?")
      for var order in canonical.orders {
        if let owner = try AccountID.fetchOne(ownerOf, arguments: [order.id]) {
          guard owner == target else {
            throw StoreError.invalidInput(
              "order \(InterchangeError.quote(order.id)) belongs to another account")
          }
          skipped.append(order.id)
          continue
        }
        order.accountID = target
        fresh.append(try PreparedOrder(order, account: target))
      }

      // 3. The orders, through the store's one insert path (without its events).
      let stored = try OrderWriter(c, account: target, events: .none).write(fresh)
      guard stored.skipped == 0 else {
        throw StoreError.invalidInput("the document holds an order number twice")
      }

      // 4. Returns, imported refunds, call-backs and closures (same transaction).
      let freshIDs = Set(fresh.map(\.order.id))
      let sections = try importSections(
        db, doc: canonical, target: target, fresh: freshIDs, created: created, now: nowMs)

      // 5. The events of the imported orders, and account-wide ones not already there.
      var eventCount = 0
      for e in canonical.events {
        let at = try PreparedOrder.millis(e.at, "an event's date")
        if let id = e.orderID {
          guard freshIDs.contains(id) else { continue }
        } else if try Bool.fetchOne(
          db,
          sql: """
            SELECT 1 FROM event WHERE accountId = ? AND orderId IS NULL AND kind = ?
              AND at = ? AND actor = ? AND detail = ?
            """,
          arguments: [target, e.kind.rawValue, at, e.actor, e.detail]) ?? false
        {
          continue
        }
        try c.appendEvent(
          account: target, order: e.orderID, kind: e.kind, at: at, actor: e.actor,
          detail: e.detail)
        eventCount += 1
      }
      return ImportReport(
        account: target, accountCreated: created, imported: fresh.count, skipped: skipped,
        events: eventCount, returns: sections.returns,
        importedRefunds: sections.importedRefunds, callbacks: sections.callbacks,
        closures: sections.closures, closuresNotImported: sections.closuresNotImported)
    }
  }
}
