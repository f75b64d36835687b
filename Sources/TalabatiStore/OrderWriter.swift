import Foundation
import GRDB
import TalabatiDomain

// MARK: - The one insert path

/// The one path by which orders enter the store: `insert(orders:account:actor:)`,
/// `importDocument` and the demo's bulk load all write through it, inside the caller's
/// change (its events through `Change.appendEvent`).
///
/// For each order: its row (`seq` = placedAt in ms × 1024 + a tie-breaker, so orders placed in
/// the same millisecond keep their insertion order), its shipments and items, sellers not seen
/// yet, and, when asked, its event. Search-index rows are
/// written after each `write` call in ascending `seq`: FTS5 flushes its pending terms to a new
/// segment whenever a rowid arrives below the previous one, so newest-first rows would make a
/// segment per order. An order whose number is already stored is skipped (`INSERT OR IGNORE`)
/// with all its children, and counted.
final class OrderWriter {
  /// Which event each stored order gets.
  enum Events {
    /// None: the caller appends its own (an import appends the document's events verbatim).
    case none
    /// `order-placed` at the order's placing time, or `order-imported` at `importedAt` for an
    /// order flagged `imported`; `actor` is recorded on each.
    case perOrder(actor: String, importedAt: Int64)
  }

  private let account: AccountID
  private let events: Events
  private let change: Change
  private let maxSeq: RawStatement
  private let insertOrder: RawStatement
  private let insertShipment: RawStatement
  private let insertItem: RawStatement
  private let insertSeller: RawStatement
  private let insertSearch: RawStatement
  /// Sellers already written by this writer (`INSERT OR IGNORE` once each).
  private var sellers = Set<String>()
  /// Folded titles: folding is the costly part of a search row and catalogue titles repeat.
  private var folded: [TitleKey: String] = [:]
  /// Search rows of the current `write` call, written at its end in ascending `seq`.
  private var searchRows: [(seq: Int64, body: String)] = []

  /// Prepares the statements on the connection of `change` for orders of `account`.
  init(_ change: Change, account: AccountID, events: Events) throws {
    self.account = account
    self.events = events
    self.change = change
    let db = change.db
    maxSeq = try RawStatement(db, "SELECT max(seq) FROM \"order\" WHERE seq >= ? AND seq < ?")
    insertOrder = try RawStatement(
      db,
      """
      INSERT OR IGNORE INTO "order" (seq, id, accountId, placedAt, paymentKind, paymentLast4,
        archived, archivedAt, imported, totalMinor, currency, itemCount, firstTitle,
        cancelledCount)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertShipment = try RawStatement(
      db,
      """
      INSERT INTO shipment (id, orderId, position, placedAt, shippingStartsAt, shippedAt,
        outForDeliveryAt, deliveredAt, expectedDeliveryAt, shippingMinor, currency, carrier,
        trackingNumber)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertItem = try RawStatement(
      db,
      """
      INSERT INTO item (id, shipmentId, orderId, position, title, sellerId, fulfilment,
        quantity, unitPriceMinor, currency, vatRateBasisPoints, category, cancelledAt,
        cancelReason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertSeller = try RawStatement(db, "INSERT OR IGNORE INTO seller (id, name) VALUES (?, ?)")
    insertSearch = try RawStatement(db, "INSERT INTO order_search (rowid, body) VALUES (?, ?)")
  }

  /// Writes `orders` (validated, of this writer's account) in the given order.
  ///
  /// Throws `.invalidInput` when more than 1024 orders share a millisecond or a shipment or
  /// item id belongs to another order; the caller's transaction then rolls everything back.
  func write(_ orders: [PreparedOrder]) throws -> InsertReport {
    var report = InsertReport(inserted: 0, skipped: 0)
    searchRows.removeAll(keepingCapacity: true)
    searchRows.reserveCapacity(orders.count)
    for p in orders {
      if try write(p) { report.inserted += 1 } else { report.skipped += 1 }
    }
    searchRows.sort { $0.seq < $1.seq }
    for row in searchRows {
      try insertSearch.run(row.seq, row.body)
    }
    searchRows.removeAll(keepingCapacity: true)
    return report
  }

  /// Writes one order; false when its number is already stored (nothing written).
  private func write(_ p: PreparedOrder) throws -> Bool {
    let o = p.order
    let base = p.placedAt * 1024
    let seq = (try maxSeq.int64(base, base + 1024) ?? (base - 1)) + 1
    guard seq < base + 1024 else {
      throw StoreError.invalidInput("more than 1024 orders placed in one millisecond")
    }
    let stored = try insertOrder.run(
      seq, o.id, account, p.placedAt, o.paymentMethod.kind.rawValue, o.paymentMethod.last4,
      p.archivedAt != nil, p.archivedAt, o.imported, p.totalMinor, p.currency, p.itemCount,
      p.firstTitle, p.cancelledCount)
    guard stored == 1 else { return false }
    do {
      try writeShipments(p)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
      throw StoreError.invalidInput(
        "order \(o.id): a shipment or item id is already used by another order")
    }
    searchRows.append((seq, SearchText.indexBody(of: o, cache: &folded)))
    if case .perOrder(let actor, let importedAt) = events {
      try change.appendEvent(
        account: account, order: o.id, kind: o.imported ? .orderImported : .orderPlaced,
        at: o.imported ? importedAt : p.placedAt, actor: actor,
        detail: "{\"items\":\(p.itemCount)}")
    }
    return true
  }

  private func writeShipments(_ p: PreparedOrder) throws {
    for (position, shipment) in p.order.shipments.enumerated() {
      let t = p.timelines[position]
      try insertShipment.run(
        shipment.id, p.order.id, position, t.placedAt, t.shippingStartsAt, t.shippedAt,
        t.outForDeliveryAt, t.deliveredAt, t.expectedDeliveryAt, shipment.shippingCharge.minor,
        p.currency, shipment.carrier, shipment.trackingNumber)
      for (itemPosition, item) in shipment.items.enumerated() {
        if sellers.insert(item.seller.id).inserted {
          try insertSeller.run(item.seller.id, item.seller.name)
        }
        try insertItem.run(
          item.id, shipment.id, p.order.id, itemPosition, item.title, item.seller.id,
          item.fulfilment.rawValue, item.quantity, item.unitPrice.minor, p.currency,
          item.vatRateBasisPoints, item.category, item.cancellation.map { $0.at.epochMillis },
          item.cancellation?.reason.rawValue)
      }
    }
  }
}

/// A dictionary key comparing strings by their UTF-8 bytes.
///
/// `String`'s own hashing normalises non-ASCII text (canonical equivalence) on every lookup;
/// a cache of folded titles needs none: two spellings of one title are folded twice, alike.
struct TitleKey: Hashable {
  let text: String

  init(_ text: String) { self.text = text }

  func hash(into hasher: inout Hasher) {
    var copy = text
    copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  static func == (a: TitleKey, b: TitleKey) -> Bool {
    a.text.utf8.elementsEqual(b.text.utf8)
  }
}

// MARK: - Bulk load into an empty store

extension AppDatabase {
  /// Loads orders into a store that holds no order yet, all in ONE transaction; returns false
  /// (having written nothing) when the store already holds orders.
  ///
  /// `batch(k)` gives the k-th of `batches` batches (each one `OrderWriter.write` call; its
  /// orders get `order-placed` events by `actor`); `progress` gets the running order count
  /// after each. Because nothing else can be in the store and the transaction is all or
  /// nothing, this mode may:
  /// - drop the indexes whose keys (order numbers) arrive in random order and rebuild each
  ///   with one sort before COMMIT (same definitions, read back from the schema). A failure or
  ///   a crash rolls the drop back with everything else;
  /// - skip foreign-key checks (the generated rows are consistent by construction, and the
  ///   order-number index they would need is being rebuilt);
  /// - turn off `synchronous` (no fsync) while it runs: a crash loses the uncommitted load,
  ///   never earlier data, since there is none. `journal_mode` stays WAL.
  /// Never used for anything but a store without orders (the demo of a new store).
  func loadIntoEmptyStore(
    account: AccountID, actor: String, batches: Int, batch: (Int) throws -> [Order],
    progress: ((Int) -> Void)?
  ) throws -> Bool {
    try change(.emptyStoreLoad) { c in
      let db = c.db
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \"order\" LIMIT 1") == nil else {
        return false  // nothing written: the change commits nothing
      }
      _ = try loadAccount(db, id: account)
      let deferred = try Row.fetchAll(
        db,
        sql: """
          SELECT name, sql FROM sqlite_master
          WHERE type = 'index'
            AND name IN ('order_by_number', 'shipment_by_order', 'event_by_order')
            AND sql IS NOT NULL
          """
      ).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
      for index in deferred { try db.execute(sql: "DROP INDEX \"\(index.name)\"") }
      let orders = try OrderWriter(
        c, account: account, events: .perOrder(actor: actor, importedAt: 0))
      var done = 0
      for k in 0..<batches {
        let generated = try batch(k)
        var prepared: [PreparedOrder] = []
        prepared.reserveCapacity(generated.count)
        for order in generated { prepared.append(try PreparedOrder(order, account: account)) }
        done += try orders.write(prepared).inserted
        progress?(done)
      }
      for index in deferred { try db.execute(sql: index.sql) }
      // The load went through the WAL: copied into the database and truncated after COMMIT,
      // rather than leaving hundreds of megabytes of WAL for the next session.
      c.checkpointAfterCommit = true
      return true
    }
  }
}
