import Foundation
import GRDB
import TalabatiDomain

// MARK: - Schema: v2-returns-tracking

/// The frozen migration "v2-returns-tracking" (R11–R16): the return-policy table with its
/// seeded rows, return requests and their items. Registered after "v1" in `Schema.migrator`.
enum ReturnsSchema {
  static func v2(_ db: Database) throws {
    try db.execute(
      sql: """
        -- R16: the return window per product category; days NULL = not returnable; the '*'
        -- row applies to every category not listed.
        CREATE TABLE return_policy (
          category TEXT PRIMARY KEY NOT NULL,
          days INTEGER CHECK (days IS NULL OR days >= 0),
          position INTEGER NOT NULL
        );
        INSERT INTO return_policy (category, days, position) VALUES
          ('*', 30, 0), ('books', 30, 1), ('fashion', 30, 2), ('home', 30, 3),
          ('toys', 30, 4), ('electronics', 15, 5), ('grocery', 7, 6), ('beauty', 7, 7),
          ('digital', NULL, 8), ('gift-card', NULL, 9);
        CREATE TABLE return_request (
          id INTEGER PRIMARY KEY,
          rma TEXT NOT NULL UNIQUE,
          accountId INTEGER NOT NULL REFERENCES account(id),
          orderId TEXT NOT NULL REFERENCES "order"(id),
          reason TEXT NOT NULL,
          resolution TEXT NOT NULL,
          createdAt INTEGER NOT NULL,
          dropOffBy INTEGER NOT NULL,
          droppedOffAt INTEGER,
          receivedAt INTEGER,
          completedAt INTEGER,
          valueMinor INTEGER NOT NULL,
          currency TEXT NOT NULL,
          paymentKind TEXT NOT NULL,
          paymentLast4 TEXT NOT NULL,
          replacementOrderId TEXT,
          maildirFile TEXT,
          message TEXT
        );
        CREATE INDEX return_by_account ON return_request(accountId);
        CREATE INDEX return_by_order ON return_request(orderId);
        -- An item is returned at most once: the UNIQUE itemId makes two racing sessions end
        -- with exactly one return.
        CREATE TABLE return_item (
          returnId INTEGER NOT NULL REFERENCES return_request(id),
          itemId INTEGER NOT NULL UNIQUE REFERENCES item(id),
          position INTEGER NOT NULL,
          title TEXT NOT NULL,
          quantity INTEGER NOT NULL,
          amountMinor INTEGER NOT NULL,
          PRIMARY KEY (returnId, itemId)
        ) WITHOUT ROWID;
        """)
  }
}

// MARK: - Reads

/// Everything a return screen needs about one order at an instant (R11, R16).
public struct ReturnContext: Hashable, Sendable {
  public var order: Order
  public var policy: ReturnPolicyTable
  /// Items already part of a return.
  public var returned: Set<ItemID>
  /// Per item, in order.
  public var eligibility: [ReturnEligibility]
  /// Returns of this order, oldest first.
  public var returns: [ReturnRecord]
}

extension AppDatabase {
  /// The return-policy table (R16), in display order.
  public func returnPolicy() throws -> ReturnPolicyTable {
    try guarded { try writer.read { db in try loadReturnPolicy(db) } }
  }

  /// Order `id` with its return eligibility at `now` in the account's time zone.
  public func returnContext(order id: OrderID, account: AccountID, at now: Date) throws
    -> ReturnContext
  {
    try guarded {
      try writer.read { db in
        let order = try loadOrder(db, id: id, account: account).order
        let acct = try loadAccount(db, id: account)
        let policy = try loadReturnPolicy(db)
        let returned = try returnedItems(db, order: id)
        let tz = TimeZone(identifier: acct.timeZone) ?? .gmt
        return ReturnContext(
          order: order, policy: policy, returned: returned,
          eligibility: ReturnPolicy.eligibility(
            of: order, policy: policy, timeZone: tz, returned: returned, at: now),
          returns: try loadReturns(db, account: account, order: id))
      }
    }
  }

  /// The account's returns, newest first (R14).
  public func returns(account: AccountID, limit: Int = 100) throws -> [ReturnRecord] {
    try checkLimit(limit)
    return try guarded {
      try writer.read { db in try loadReturns(db, account: account, limit: limit) }
    }
  }

  /// The return with authorisation number `rma`; `.notFound` if it is not the account's.
  public func returnRecord(rma: String, account: AccountID) throws -> ReturnRecord {
    try guarded {
      try writer.read { db in
        guard let r = try loadReturns(db, account: account, rma: rma).first else {
          throw StoreError.notFound(what: "return \(MailFormat.sanitize(rma, limit: 40))")
        }
        return r
      }
    }
  }

  // MARK: - Writes (R11–R15)

  /// Requests a return (refund) or replacement of `items` of `order` at `now`, all or nothing.
  ///
  /// In one transaction: reads the order, the policy (R16) and the items already returned,
  /// asks `ReturnPolicy`, allocates the RMA (R13), stores the request with its planned
  /// timeline (R14), creates the linked replacement order for a replacement, appends its
  /// `return-requested` or `replacement-requested` event, and queues the confirmation e-mail
  /// (outbox kind `return` or `replacement`) with the packing instructions (R12) and the
  /// refund to the original payment method (R15). A refusal throws `Refusal.returns` and
  /// changes nothing; a second session racing for the same items hits the UNIQUE item and gets
  /// `.changedMeanwhile`.
  @discardableResult
  public func requestReturn(
    items: [ItemID], in order: OrderID, account: AccountID, reason: ReturnReason,
    resolution: ReturnResolution, at now: Date, actor: String
  ) throws -> ReturnRecord {
    try requestReturn(
      items: items, in: order, account: account, reason: reason, resolution: resolution,
      at: now, actor: actor, sendMessage: true)
  }

  func requestReturn(
    items: [ItemID], in order: OrderID, account: AccountID, reason: ReturnReason,
    resolution: ReturnResolution, at now: Date, actor: String, sendMessage: Bool
  ) throws -> ReturnRecord {
    let seconds = now.timeIntervalSince1970
    guard seconds.isFinite, seconds >= 0, seconds < Double(1 << 43) / 1000 else {
      throw StoreError.invalidInput("the return time is out of range")
    }
    let at = now.epochMillis
    return try change { c in
      let db = c.db
      let current = try loadOrder(db, id: order, account: account).order
      let acct = try loadAccount(db, id: account)
      let tz = TimeZone(identifier: acct.timeZone) ?? .gmt
      let next = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM return_request") ?? 0) + 1
      let rma = String(format: "RMA-%07lld", next)
      var record: ReturnRecord
      switch ReturnPolicy.request(
        items: items, in: current, reason: reason, resolution: resolution,
        policy: try loadReturnPolicy(db), timeZone: tz,
        returned: try returnedItems(db, order: order), rma: rma, at: now)
      {
      case .success(let r): record = r
      case .failure(let error): throw Refusal.returns(error)
      }
      if resolution == .replacement {
        record.replacementOrderID = try insertReplacement(
          c, for: record, original: current, account: account, actor: actor)
      }
      let t = record.timeline
      do {
        try db.execute(
          sql: """
            INSERT INTO return_request (id, rma, accountId, orderId, reason, resolution,
              createdAt, dropOffBy, droppedOffAt, receivedAt, completedAt, valueMinor,
              currency, paymentKind, paymentLast4, replacementOrderId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            next, rma, account, order, reason.rawValue, resolution.rawValue, at,
            t.dropOffBy.epochMillis, t.droppedOffAt?.epochMillis, t.receivedAt?.epochMillis,
            t.completedAt?.epochMillis, record.itemsValue.minor, record.itemsValue.currency,
            record.paymentMethod.kind.rawValue, record.paymentMethod.last4,
            record.replacementOrderID,
          ])
        for (n, line) in record.lines.enumerated() {
          try db.execute(
            sql: """
              INSERT INTO return_item (returnId, itemId, position, title, quantity,
                amountMinor)
              VALUES (?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              next, line.itemID, n, line.title, line.quantity, line.amount.minor,
            ])
        }
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        throw StoreError.changedMeanwhile
      }
      try c.appendEvent(
        account: account, order: order,
        kind: resolution == .replacement ? .replacementRequested : .returnRequested,
        at: at, actor: actor,
        fields: [
          "rma": rma, "items": record.lines.map { String($0.itemID) }.joined(separator: ","),
          "reason": reason.rawValue, "resolution": resolution.rawValue,
          "valueMinor": String(record.itemsValue.minor),
          "replacementOrder": record.replacementOrderID ?? "",
        ])
      if sendMessage {
        let mail = MailMessage(
          to: acct.email,
          subject: ReturnMessages.subject(record, language: acct.language),
          body: ReturnMessages.body(account: acct, record: record, language: acct.language),
          date: now, timeZone: tz, messageID: Self.messageID(now: now))
        // In the outbox with its own kind and a `message-sent` event (R12, R15).
        let (text, file) = try c.send(
          mail, kind: resolution == .replacement ? .replacementRequested : .returnRequested,
          account: account, order: order, detail: ["rma": rma])
        try db.execute(
          sql: "UPDATE return_request SET maildirFile = ?, message = ? WHERE id = ?",
          arguments: [file, text, next])
      }
      return record
    }
  }

  /// The confirmation message of a return (R12, R15), as sent; nil when none was sent.
  public func returnMessage(rma: String, account: AccountID) throws -> String? {
    try guarded {
      try writer.read { db in
        try String.fetchOne(
          db, sql: "SELECT message FROM return_request WHERE rma = ? AND accountId = ?",
          arguments: [rma, account])
      }
    }
  }

  // MARK: - Helpers

  func loadReturnPolicy(_ db: Database) throws -> ReturnPolicyTable {
    let rows = try Row.fetchAll(
      db, sql: "SELECT category, days FROM return_policy ORDER BY position, category")
    return ReturnPolicyTable(
      rules: rows.map { ReturnWindowRule(category: $0["category"], days: $0["days"]) })
  }

  func returnedItems(_ db: Database, order: OrderID) throws -> Set<ItemID> {
    Set(
      try ItemID.fetchAll(
        db,
        sql: """
          SELECT ri.itemId FROM return_item ri JOIN return_request r ON r.id = ri.returnId
          WHERE r.orderId = ?
          """,
        arguments: [order]))
  }

  /// Returns of `account` (optionally of one order or one RMA), newest first unless `order`
  /// is given (then oldest first).
  func loadReturns(
    _ db: Database, account: AccountID, order: OrderID? = nil, rma: String? = nil,
    limit: Int = 1000
  ) throws -> [ReturnRecord] {
    var sql = """
      SELECT id, rma, orderId, reason, resolution, createdAt, dropOffBy, droppedOffAt,
             receivedAt, completedAt, valueMinor, currency, paymentKind, paymentLast4,
             replacementOrderId
      FROM return_request WHERE accountId = ?
      """
    var args: [any DatabaseValueConvertible] = [account]
    if let order {
      sql += " AND orderId = ?"
      args.append(order)
    }
    if let rma {
      sql += " AND rma = ?"
      args.append(rma)
    }
    sql += order == nil ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ?"
    args.append(limit)
    let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
    return try rows.map { r in
      let id: Int64 = r["id"]
      let currency: String = r["currency"]
      let lines = try Row.fetchAll(
        db,
        sql: """
          SELECT itemId, title, quantity, amountMinor FROM return_item
          WHERE returnId = ? ORDER BY position
          """,
        arguments: [id]
      ).map {
        ReturnLine(
          itemID: $0["itemId"], title: $0["title"], quantity: $0["quantity"],
          amount: Money(minor: $0["amountMinor"], currency: currency))
      }
      return ReturnRecord(
        rma: r["rma"], orderID: r["orderId"], accountID: account,
        reason: try decode(ReturnReason.self, r["reason"]),
        resolution: try decode(ReturnResolution.self, r["resolution"]), lines: lines,
        itemsValue: Money(minor: r["valueMinor"], currency: currency),
        paymentMethod: PaymentMethod(
          kind: try decode(PaymentKind.self, r["paymentKind"]), last4: r["paymentLast4"]),
        timeline: ReturnTimeline(
          initiatedAt: Date(epochMillis: r["createdAt"]),
          dropOffBy: Date(epochMillis: r["dropOffBy"]), droppedOffAt: date(r["droppedOffAt"]),
          receivedAt: date(r["receivedAt"]), completedAt: date(r["completedAt"])),
        replacementOrderID: r["replacementOrderId"])
    }
  }

  /// Stores the replacement order of `record` (same items, no charge, one shipment that
  /// leaves once the return is received) and returns its number: `RPL-` + the return's
  /// sequence.
  private func insertReplacement(
    _ c: Change, for record: ReturnRecord, original: Order, account: AccountID, actor: String
  ) throws -> OrderID {
    let db = c.db
    let id = "RPL-" + record.rma.dropFirst(4)
    let day: TimeInterval = 86_400
    let start = record.timeline.initiatedAt
    let nextShipment = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM shipment") ?? 0) + 1
    var nextItem = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM item") ?? 0) + 1
    let currency = original.currency
    var items: [Item] = []
    for line in record.lines {
      guard var item = original.item(line.itemID) else { continue }
      item.id = nextItem
      nextItem += 1
      item.unitPrice = Money.zero(currency)  // a replacement is not charged again
      item.cancellation = nil
      items.append(item)
    }
    let shipment = Shipment(
      id: nextShipment,
      timeline: Timeline(
        placedAt: start, shippingStartsAt: start.addingTimeInterval(5 * day),
        shippedAt: start.addingTimeInterval(6 * day),
        outForDeliveryAt: start.addingTimeInterval(8 * day),
        deliveredAt: start.addingTimeInterval(8 * day + 4 * 3600),
        expectedDeliveryAt: start.addingTimeInterval(9 * day)),
      shippingCharge: Money.zero(currency), carrier: "Amazon Logistics",
      trackingNumber: "TBA" + record.rma.dropFirst(4), items: items)
    let order = Order(
      id: id, accountID: account, placedAt: start, paymentMethod: original.paymentMethod,
      shipments: [shipment])
    // Built here, not by `PreparedOrder`, so a replacement inserts inside this transaction;
    // every value comes from the stored original (already validated).
    let placedAt = start.epochMillis
    let base = placedAt * 1024
    let last = try Int64.fetchOne(
      db, sql: "SELECT max(seq) FROM \"order\" WHERE seq >= ? AND seq < ?",
      arguments: [base, base + 1024])
    let seq = (last ?? (base - 1)) + 1
    guard seq < base + 1024 else {
      throw StoreError.invalidInput("more than 1024 orders placed in one millisecond")
    }
    let tl = shipment.timeline
    do {
      try db.execute(
        sql: """
          INSERT INTO "order" (seq, id, accountId, placedAt, paymentKind, paymentLast4,
            archived, archivedAt, imported, totalMinor, currency, itemCount, firstTitle,
            cancelledCount)
          VALUES (?, ?, ?, ?, ?, ?, 0, NULL, 0, ?, ?, ?, ?, 0)
          """,
        arguments: [
          seq, id, account, placedAt, order.paymentMethod.kind.rawValue,
          order.paymentMethod.last4, 0, currency, items.count, items.first?.title ?? "",
        ])
      try db.execute(
        sql: """
          INSERT INTO shipment (id, orderId, position, placedAt, shippingStartsAt, shippedAt,
            outForDeliveryAt, deliveredAt, expectedDeliveryAt, shippingMinor, currency,
            carrier, trackingNumber)
          VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
          """,
        arguments: [
          shipment.id, id, placedAt, tl.shippingStartsAt?.epochMillis, tl.shippedAt?.epochMillis,
          tl.outForDeliveryAt?.epochMillis, tl.deliveredAt?.epochMillis,
          tl.expectedDeliveryAt?.epochMillis, currency, shipment.carrier,
          shipment.trackingNumber,
        ])
      for (n, i) in items.enumerated() {
        try db.execute(
          sql: """
            INSERT INTO item (id, shipmentId, orderId, position, title, sellerId, fulfilment,
              quantity, unitPriceMinor, currency, vatRateBasisPoints, category)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
            """,
          arguments: [
            i.id, shipment.id, id, n, i.title, i.seller.id, i.fulfilment.rawValue, i.quantity,
            currency, i.vatRateBasisPoints, i.category,
          ])
      }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
      throw StoreError.invalidInput("the replacement order number \(id) is already used")
    }
    try db.execute(
      sql: "INSERT INTO order_search (rowid, body) VALUES (?, ?)",
      arguments: [seq, SearchText.indexBody(titles: items.map(\.title), orderID: id)])
    try c.appendEvent(
      account: account, order: id, kind: .orderPlaced, at: placedAt, actor: actor,
      detail: "{\"items\":\(items.count),\"replaces\":\"\(original.id)\"}")
    return id
  }
}
