import Foundation
import GRDB
import TalabatiDomain
import TalabatiInterchange

/// The optional sections of the interchange document (`docs/interchange.md`): returns and
/// replacements (R11–R16), imported refunds (issue 6), call-backs (R21) and closure requests
/// (R27–R29), read for an export and written by an import inside its one transaction.
struct InterchangeSections {
  var returns: [ReturnRecord] = []
  var importedRefunds: [InterchangeDocument.Refund] = []
  var callbacks: [CallbackRequest] = []
  var closures: [AccountClosure] = []
}

/// What the sections of one import added or left out (part of `ImportReport`).
struct SectionCounts {
  var returns = 0
  var importedRefunds = 0
  var callbacks = 0
  var closures = 0
  var closuresNotImported = 0
}

extension AppDatabase {
  // MARK: - Export

  /// Every return, imported refund, call-back and closure request of `account`, inside the
  /// export's read transaction. Closure rows of an erased account (tombstones) are left out.
  func exportSections(_ db: Database, account: AccountID) throws -> InterchangeSections {
    var out = InterchangeSections()
    out.returns = try loadReturns(db, account: account, limit: Int(Int32.max))
    out.importedRefunds = try Row.fetchAll(
      db,
      sql: """
        SELECT r.orderId, r.amountMinor, r.currency, r.refundedAt, r.occurrence
        FROM imported_refund r JOIN "order" o ON o.id = r.orderId
        WHERE o.accountId = ? ORDER BY r.id
        """,
      arguments: [account]
    ).map(ImportedRefund.init(row:))
    out.callbacks = try Row.fetchAll(
      db,
      sql: """
        SELECT id, accountId, orderId, phone, at, requestedAt, cancelledAt FROM callback
        WHERE accountId = ? ORDER BY id
        """,
      arguments: [account]
    ).map(Self.callback(_:))
    out.closures = try Row.fetchAll(
      db,
      sql: """
        SELECT accountId, reason, requestedAt, effectiveAt, withdrawnAt FROM account_closure
        WHERE accountId = ? AND erasedAt IS NULL ORDER BY id
        """,
      arguments: [account]
    ).map(closure(_:))
    return out
  }

  // MARK: - Import

  /// Writes the sections of `doc` (canonical, validated) for account `target`, inside the
  /// import's transaction; any throw rolls the whole import back.
  ///
  /// - Returns, imported refunds and call-backs of an order the import stored (`fresh`) are
  ///   added; those of a skipped order are skipped with it, like its events. An account-wide
  ///   call-back is skipped when an identical one is already there.
  /// - An RMA already in the store refuses the whole import: it is printed on a label (R13),
  ///   so it is never renumbered. A return keeps the row id its RMA's number gives
  ///   (`RMA-0000007` → 7) when that id is free, so the next RMA the store allocates (the
  ///   largest id + 1) never repeats an imported one.
  /// - A call-back keeps its id when free (events name it), else takes the next free one.
  /// - Closures go only into an account this import `created` (a file must not close an
  ///   existing account without the R28 warning), and a pending closure whose end has passed
  ///   at `now` is left out (it would erase the copy the shopper just imported).
  func importSections(
    _ db: Database, doc: InterchangeDocument, target: AccountID, fresh: Set<OrderID>,
    created: Bool, now: Int64
  ) throws -> SectionCounts {
    var counts = SectionCounts()

    // 1. Returns and replacements (R11–R16).
    for r in doc.returns where fresh.contains(r.orderID) {
      if let other = try String.fetchOne(
        db, sql: "SELECT orderId FROM return_request WHERE rma = ?", arguments: [r.rma])
      {
        throw StoreError.invalidInput(
          "return \(InterchangeError.quote(r.rma)) is already in the store (order "
            + "\(InterchangeError.quote(other))); nothing was imported")
      }
      var id = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM return_request") ?? 0) + 1
      if let n = Self.rmaNumber(r.rma),
        try Int64.fetchOne(db, sql: "SELECT 1 FROM return_request WHERE id = ?", arguments: [n])
          == nil
      {
        id = n
      }
      let t = r.timeline
      let what = "a date of return \(InterchangeError.quote(r.rma))"
      try db.execute(
        sql: """
          INSERT INTO return_request (id, rma, accountId, orderId, reason, resolution,
            createdAt, dropOffBy, droppedOffAt, receivedAt, completedAt, valueMinor,
            currency, paymentKind, paymentLast4, replacementOrderId)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, r.rma, target, r.orderID, r.reason.rawValue, r.resolution.rawValue,
          try PreparedOrder.millis(t.initiatedAt, what),
          try PreparedOrder.millis(t.dropOffBy, what),
          try t.droppedOffAt.map { try PreparedOrder.millis($0, what) },
          try t.receivedAt.map { try PreparedOrder.millis($0, what) },
          try t.completedAt.map { try PreparedOrder.millis($0, what) },
          r.itemsValue.minor, r.itemsValue.currency, r.paymentMethod.kind.rawValue,
          r.paymentMethod.last4, r.replacementOrderID,
        ])
      for (n, line) in r.lines.enumerated() {
        try db.execute(
          sql: """
            INSERT INTO return_item (returnId, itemId, position, title, quantity, amountMinor)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
          arguments: [id, line.itemID, n, line.title, line.quantity, line.amount.minor])
      }
      counts.returns += 1
    }

    // 2. Refunds imported from Amazon (issue 6).
    let insertRefund = try db.makeStatement(
      sql: """
        INSERT INTO imported_refund (orderId, amountMinor, currency, refundedAt, occurrence)
        VALUES (?, ?, ?, ?, ?)
        """)
    for f in doc.importedRefunds where fresh.contains(f.orderID) {
      let at = try PreparedOrder.millis(
        f.refundedAt, "the refund date of order \(InterchangeError.quote(f.orderID))")
      try insertRefund.execute(arguments: [
        f.orderID, f.amount.minor, f.amount.currency, at, f.occurrence,
      ])
      counts.importedRefunds += 1
    }

    // 3. Call-backs (R21), cancelled and past ones included.
    for cb in doc.callbacks {
      let at = try PreparedOrder.millis(cb.at, "the time of call-back \(cb.id)")
      let requested = try PreparedOrder.millis(cb.requestedAt, "the time of call-back \(cb.id)")
      let cancelled = try cb.cancelledAt.map {
        try PreparedOrder.millis($0, "the time of call-back \(cb.id)")
      }
      if let order = cb.orderID {
        guard fresh.contains(order) else { continue }
      } else if try Bool.fetchOne(
        db,
        sql: """
          SELECT 1 FROM callback WHERE accountId = ? AND orderId IS NULL AND phone = ?
            AND at = ? AND requestedAt = ?
          """,
        arguments: [target, cb.phone, at, requested]) ?? false
      {
        continue
      }
      let taken =
        try Bool.fetchOne(db, sql: "SELECT 1 FROM callback WHERE id = ?", arguments: [cb.id])
        ?? false
      let id =
        taken ? (try Int64.fetchOne(db, sql: "SELECT max(id) FROM callback") ?? 0) + 1 : cb.id
      try db.execute(
        sql: """
          INSERT INTO callback (id, accountId, orderId, phone, at, requestedAt, cancelledAt)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [id, target, cb.orderID, cb.phone, at, requested, cancelled])
      counts.callbacks += 1
    }

    // 4. Closure requests (R27–R29).
    for k in doc.closures {
      let what = "a date of the closure requested at \(InterchangeDate.string(from: k.requestedAt))"
      let requested = try PreparedOrder.millis(k.requestedAt, what)
      let effective = try PreparedOrder.millis(k.effectiveAt, what)
      let withdrawn = try k.withdrawnAt.map { try PreparedOrder.millis($0, what) }
      guard created, withdrawn != nil || effective > now else {
        counts.closuresNotImported += 1
        continue
      }
      try db.execute(
        sql: """
          INSERT INTO account_closure (accountId, reason, requestedAt, effectiveAt, withdrawnAt)
          VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [target, k.reason.rawValue, requested, effective, withdrawn])
      counts.closures += 1
    }
    return counts
  }

  /// The number of a store-allocated RMA (`RMA-` and 1–12 digits), else nil.
  static func rmaNumber(_ rma: String) -> Int64? {
    guard rma.hasPrefix("RMA-") else { return nil }
    let digits = rma.utf8.dropFirst(4)
    guard (1...12).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) })
    else { return nil }
    guard let n = Int64(String(decoding: digits, as: UTF8.self)), n > 0 else { return nil }
    return n
  }
}
