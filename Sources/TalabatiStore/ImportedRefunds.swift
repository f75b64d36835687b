import Foundation
import GRDB
import TalabatiDomain

/// Migration v4: the table of imported refunds. Frozen like the others: never edit, add v5.
enum ImportedRefundsSchema {
  static func v4(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE imported_refund (
          id INTEGER PRIMARY KEY,
          orderId TEXT NOT NULL REFERENCES "order"(id),
          amountMinor INTEGER NOT NULL CHECK (amountMinor >= 0),
          currency TEXT NOT NULL,
          refundedAt INTEGER NOT NULL,
          occurrence INTEGER NOT NULL DEFAULT 0,
          UNIQUE (orderId, refundedAt, amountMinor, currency, occurrence)
        );
        """)
  }
}

extension AppDatabase {
  /// Stores the refunds whose order is in the store and belongs to `account`, in one
  /// transaction. Refunds already stored are skipped (a re-import adds nothing); refunds of
  /// orders the store does not hold are counted as unmatched and left out.
  public func insertImportedRefunds(_ refunds: [ImportedRefund], account: AccountID) throws
    -> (inserted: Int, skipped: Int, unmatched: Int)
  {
    guard !refunds.isEmpty else { return (0, 0, 0) }
    var stamped: [(ImportedRefund, Int64)] = []
    for r in refunds {
      stamped.append((r, try PreparedOrder.millis(r.refundedAt, "refund date of \(r.orderID)")))
    }
    return try change { c in
      let db = c.db
      let exists = try db.makeStatement(
        sql: "SELECT 1 FROM \"order\" WHERE id = ? AND accountId = ?")
      let insert = try db.makeStatement(
        sql: """
          INSERT OR IGNORE INTO imported_refund
            (orderId, amountMinor, currency, refundedAt, occurrence)
          VALUES (?, ?, ?, ?, ?)
          """)
      var inserted = 0
      var skipped = 0
      var unmatched = 0
      for (r, at) in stamped {
        guard try Int.fetchOne(exists, arguments: [r.orderID, account]) != nil else {
          unmatched += 1
          continue
        }
        try insert.execute(arguments: [
          r.orderID, r.amount.minor, r.amount.currency, at, r.occurrence,
        ])
        if db.changesCount > 0 { inserted += 1 } else { skipped += 1 }
      }
      return (inserted, skipped, unmatched)
    }
  }

  /// The imported refunds of order `id` of `account`, oldest first.
  public func importedRefunds(order id: OrderID, account: AccountID) throws -> [ImportedRefund] {
    try guarded {
      try writer.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT r.orderId, r.amountMinor, r.currency, r.refundedAt, r.occurrence
            FROM imported_refund r JOIN "order" o ON o.id = r.orderId
            WHERE r.orderId = ? AND o.accountId = ?
            ORDER BY r.refundedAt, r.id
            """,
          arguments: [id, account])
        return rows.map(ImportedRefund.init(row:))
      }
    }
  }
}

extension ImportedRefund {
  /// A row holding the columns `orderId, amountMinor, currency, refundedAt, occurrence` of
  /// `imported_refund`.
  init(row: Row) {
    self.init(
      orderID: row["orderId"], amount: Money(minor: row["amountMinor"], currency: row["currency"]),
      refundedAt: Date(epochMillis: row["refundedAt"]), occurrence: row["occurrence"])
  }
}
