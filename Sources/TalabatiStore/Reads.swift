import Foundation
import GRDB
import TalabatiDomain
import TalabatiText

// MARK: - Reads
// Every query names the account: another account's order is "not found", never returned.

extension AppDatabase {
  /// Most rows a page may ask for.
  public static let maxPageSize = 1000

  /// One newest-first page of `view` for `account`, starting after `after` (keyset pagination).
  ///
  /// Rows come from the denormalised order columns (no joins); the status counts of the page's
  /// rows are computed for `now` with one query for the whole page. `next` is nil on the last
  /// page. Orders placed in the same millisecond keep their insertion order.
  public func orders(
    account: AccountID, view: OrderListView, limit: Int, after: ListCursor?, now: Date
  ) throws -> OrderPage {
    try checkLimit(limit)
    return try guarded {
      try writer.read { db in
        let bound = try cursorBound(db, account: account, after: after)
        let sql = """
          SELECT \(Self.summaryColumns) FROM "order" o
          WHERE \(Self.viewFilter(view)) AND o.seq < ?
          ORDER BY o.seq DESC LIMIT ?
          """
        let rows = try Row.fetchAll(db, sql: sql, arguments: [account, bound, limit + 1])
        return try page(db, rows: rows, limit: limit, now: now)
      }
    }
  }

  /// One newest-first page of the orders of `view` whose item titles or order number match
  /// `query` (each word a prefix; Arabic folded as in `SearchText.fold`). An empty query (no
  /// letters or digits) lists the view.
  public func search(
    account: AccountID, query: String, view: OrderListView, limit: Int, after: ListCursor?,
    now: Date
  ) throws -> OrderPage {
    guard let match = SearchText.matchExpression(query) else {
      return try orders(account: account, view: view, limit: limit, after: after, now: now)
    }
    try checkLimit(limit)
    return try guarded {
      try writer.read { db in
        let bound = try cursorBound(db, account: account, after: after)
        // The FTS rowid is the order's seq: FTS5 walks its matches newest first and stops
        // after `limit` rows that pass the account and view filters.
        let sql = """
          SELECT \(Self.summaryColumns) FROM order_search s
          JOIN "order" o ON o.seq = s.rowid
          WHERE order_search MATCH ? AND s.rowid < ? AND \(Self.viewFilter(view))
          ORDER BY s.rowid DESC LIMIT ?
          """
        let rows = try Row.fetchAll(db, sql: sql, arguments: [match, bound, account, limit + 1])
        return try page(db, rows: rows, limit: limit, now: now, query: query)
      }
    }
  }

  /// The number of orders in `view`: exact, counted on the view's index (about 10–40 ms per
  /// million orders; no cache to go stale).
  public func orderCount(account: AccountID, view: OrderListView) throws -> Int {
    try guarded {
      try writer.read { db in
        try Int.fetchOne(
          db, sql: "SELECT count(*) FROM \"order\" o WHERE \(Self.viewFilter(view))",
          arguments: [account]) ?? 0
      }
    }
  }

  /// The whole order `id` of `account`; `.notFound` if it does not exist or is another's.
  public func order(_ id: OrderID, account: AccountID) throws -> Order {
    try guarded { try writer.read { db in try loadOrder(db, id: id, account: account).order } }
  }

  /// The account `id`; `.notFound` if there is none.
  public func account(_ id: AccountID) throws -> Account {
    try guarded { try writer.read { db in try loadAccount(db, id: id) } }
  }

  /// The first account (lowest id), or nil in an empty store.
  public func defaultAccount() throws -> Account? {
    try guarded {
      try writer.read { db in
        guard let id = try AccountID.fetchOne(db, sql: "SELECT min(id) FROM account") else {
          return nil
        }
        return try loadAccount(db, id: id)
      }
    }
  }

  /// The event log of one order, oldest first; `.notFound` if the order is not the account's.
  public func events(order: OrderID, account: AccountID) throws -> [Event] {
    try guarded {
      try writer.read { db in
        _ = try orderSeq(db, id: order, account: account)
        return try Row.fetchAll(
          db,
          sql: """
            SELECT kind, at, actor, orderId, detail FROM event
            WHERE accountId = ? AND orderId = ? ORDER BY id
            """,
          arguments: [account, order]
        ).map(event(_:))
      }
    }
  }

  /// The account's confirmation messages, newest first.
  public func outbox(account: AccountID, limit: Int) throws -> [OutboxMessage] {
    try checkLimit(limit)
    return try guarded {
      try writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, accountId, orderId, kind, createdAt, subject, recipient, maildirFile,
                   message
            FROM outbox WHERE accountId = ? ORDER BY id DESC LIMIT ?
            """,
          arguments: [account, limit]
        ).map { row in
          OutboxMessage(
            id: row["id"], accountID: row["accountId"], orderID: row["orderId"],
            kind: try decode(OutboxMessage.Kind.self, row["kind"]),
            createdAt: Date(epochMillis: row["createdAt"]), subject: row["subject"],
            recipient: row["recipient"], maildirFile: row["maildirFile"],
            message: row["message"])
        }
      }
    }
  }

  /// The folder messages are delivered into (`<store dir>/Maildir`), if any.
  public var maildirPath: String? { maildir?.root }

  // MARK: - Helpers shared with the writes

  static let summaryColumns = """
    o.id, o.placedAt, o.totalMinor, o.currency, o.itemCount, o.firstTitle, o.archived, \
    o.imported, o.seq
    """

  /// The WHERE clause of a view; its first argument is the account id.
  static func viewFilter(_ view: OrderListView) -> String {
    switch view {
    case .orders: "o.accountId = ? AND o.archived = 0"
    case .archived: "o.accountId = ? AND o.archived = 1"
    case .cancelled: "o.accountId = ? AND o.cancelledCount > 0"
    case .all: "o.accountId = ?"
    }
  }

  func checkLimit(_ limit: Int) throws {
    guard (1...Self.maxPageSize).contains(limit) else {
      throw StoreError.invalidInput("page size must be 1…\(Self.maxPageSize), not \(limit)")
    }
  }

  /// The seq strictly below which the next page starts.
  func cursorBound(_ db: Database, account: AccountID, after: ListCursor?) throws -> Int64 {
    guard let after else { return Int64.max }
    guard
      let seq = try Int64.fetchOne(
        db, sql: "SELECT seq FROM \"order\" WHERE id = ? AND accountId = ?",
        arguments: [after.orderID, account])
    else {
      throw StoreError.invalidInput("the list position \(after.text) names no order of yours")
    }
    return seq
  }

  /// Turns fetched summary rows (limit + 1 of them at most) into a page. For a search
  /// (`query`), each row names the item the search matched.
  func page(_ db: Database, rows fetched: [Row], limit: Int, now: Date, query: String? = nil)
    throws -> OrderPage
  {
    let rows = Array(fetched.prefix(limit))
    let ids: [String] = rows.map { $0[0] }
    let counts = try statusCounts(db, orderIDs: ids, now: now)
    let titles = query == nil ? [:] : try itemTitles(db, orderIDs: ids)
    let replacements = try replacementOrders(db, orderIDs: ids)
    let summaries = rows.map { row -> OrderSummary in
      let id: String = row[0]
      var matched: String?
      if let query, let all = titles[id], let i = SearchFolding.bestMatch(query, titles: all) {
        matched = all[i]
      }
      return OrderSummary(
        id: id, placedAt: Date(epochMillis: row[1]),
        total: Money(minor: row[2], currency: row[3]), itemCount: row[4], firstTitle: row[5],
        archived: row[6], imported: row[7],
        status: StatusSummary(counts: counts[id] ?? [:]), matchedTitle: matched,
        isReplacement: replacements.contains(id))
    }
    let next =
      fetched.count > limit
      ? summaries.last.map {
        ListCursor(placedAt: $0.placedAt, orderID: $0.id)
      } : nil
    return OrderPage(rows: summaries, next: next)
  }

  /// Which of the given orders are a return's replacement: one query per page on the
  /// returns of the page's account (a shopper has few returns; the list query is unchanged).
  func replacementOrders(_ db: Database, orderIDs: [String]) throws -> Set<String> {
    guard !orderIDs.isEmpty else { return [] }
    let marks = Array(repeating: "?", count: orderIDs.count).joined(separator: ",")
    return try Set(
      String.fetchAll(
        db,
        sql: "SELECT replacementOrderId FROM return_request WHERE replacementOrderId IN (\(marks))",
        arguments: StatementArguments(orderIDs)))
  }

  /// The item titles of the given orders, in order: one query for a page of search results,
  /// on the same shipment-by-order and item-by-shipment indexes as `statusCounts` (the list
  /// query itself is unchanged: issue 13 asks which item matched, not a slower search).
  func itemTitles(_ db: Database, orderIDs: [String]) throws -> [String: [String]] {
    guard !orderIDs.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: orderIDs.count).joined(separator: ",")
    let rows = try Row.fetchCursor(
      db, sql: Self.itemTitlesSQL + "(\(marks))", arguments: StatementArguments(orderIDs))
    var found: [String: [(position: Int64, title: String)]] = [:]
    while let row = try rows.next() {
      let position = (row[1] as Int64) << 20 | (row[2] as Int64)
      found[row[0], default: []].append((position, row[3]))
    }
    return found.mapValues { $0.sorted { $0.position < $1.position }.map(\.title) }
  }

  /// The item titles of some orders with their positions, followed by `(?, ?, …)`: found
  /// through the shipment-by-order and item-by-shipment indexes, sorted by the caller (a
  /// page holds a few hundred items at most).
  static let itemTitlesSQL =
    "SELECT s.orderId, s.position, i.position, i.title "
    + "FROM shipment s JOIN item i ON i.shipmentId = s.id WHERE s.orderId IN "

  /// Items per status at `now` for the given orders: one query for the whole page.
  func statusCounts(_ db: Database, orderIDs: [String], now: Date) throws
    -> [String: [Status: Int]]
  {
    guard !orderIDs.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: orderIDs.count).joined(separator: ",")
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT s.orderId, i.cancelledAt IS NOT NULL, s.placedAt, s.shippingStartsAt,
               s.shippedAt, s.outForDeliveryAt, s.deliveredAt
        FROM shipment s JOIN item i ON i.shipmentId = s.id
        WHERE s.orderId IN (\(marks))
        """,
      arguments: StatementArguments(orderIDs))
    var result: [String: [Status: Int]] = [:]
    while let row = try rows.next() {
      let id: String = row[0]
      let status: Status
      if row[1] as Bool {
        status = .cancelled
      } else {
        let timeline = Timeline(
          placedAt: Date(epochMillis: row[2]), shippingStartsAt: date(row[3]),
          shippedAt: date(row[4]), outForDeliveryAt: date(row[5]), deliveredAt: date(row[6]))
        status = timeline.stage(at: now)
      }
      result[id, default: [:]][status, default: 0] += 1
    }
    return result
  }

  /// The seq of order `id` of `account`, or `.notFound`.
  func orderSeq(_ db: Database, id: OrderID, account: AccountID) throws -> Int64 {
    guard
      let seq = try Int64.fetchOne(
        db, sql: "SELECT seq FROM \"order\" WHERE id = ? AND accountId = ?",
        arguments: [id, account])
    else { throw StoreError.notFound(what: "order \(id)") }
    return seq
  }

  func loadAccount(_ db: Database, id: AccountID) throws -> Account {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, name, email, language, timeZone FROM account WHERE id = ?",
        arguments: [id])
    else { throw StoreError.notFound(what: "account \(id)") }
    return Account(
      id: row["id"], name: row["name"], email: row["email"],
      language: try decode(Language.self, row["language"]), timeZone: row["timeZone"])
  }

  /// An event from a row of `kind, at, actor, orderId, detail`.
  func event(_ row: Row) throws -> Event {
    Event(
      kind: try decode(Event.Kind.self, row["kind"]), at: Date(epochMillis: row["at"]),
      actor: row["actor"], orderID: row["orderId"], detail: row["detail"])
  }

  /// The whole order and its seq, read inside the caller's transaction.
  func loadOrder(_ db: Database, id: OrderID, account: AccountID) throws -> (
    order: Order, seq: Int64
  ) {
    guard
      let header = try Row.fetchOne(
        db, sql: "SELECT \(Self.headerColumns) FROM \"order\" WHERE id = ? AND accountId = ?",
        arguments: [id, account]),
      let order = try loadOrders(db, headers: [header], account: account).first
    else { throw StoreError.notFound(what: "order \(id)") }
    return (order, header[0])
  }

  /// The columns `loadOrders` expects of each order row, in this order.
  static let headerColumns = "seq, id, placedAt, paymentKind, paymentLast4, archivedAt, imported"

  /// Whole orders for `headers` (rows of `headerColumns`), in the same order, read inside the
  /// caller's transaction with two queries for the whole list (keep lists to a few hundred).
  func loadOrders(_ db: Database, headers: [Row], account: AccountID) throws -> [Order] {
    guard !headers.isEmpty else { return [] }
    let ids: [String] = headers.map { $0[1] }
    let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")

    var itemsByShipment: [ShipmentID: [Item]] = [:]
    let items = try Row.fetchCursor(
      db,
      sql: """
        SELECT i.id, i.shipmentId, i.title, i.sellerId, coalesce(s.name, ''), i.fulfilment,
               i.quantity, i.unitPriceMinor, i.currency, i.vatRateBasisPoints, i.category,
               i.cancelledAt, i.cancelReason
        FROM item i LEFT JOIN seller s ON s.id = i.sellerId
        WHERE i.shipmentId IN (SELECT id FROM shipment WHERE orderId IN (\(marks)))
        ORDER BY i.shipmentId, i.position
        """,
      arguments: StatementArguments(ids))
    while let r = try items.next() {
      var cancellation: Cancellation?
      if let at: Int64 = r[11] {
        let reason: String = r[12] ?? CancelReason.other.rawValue
        cancellation = Cancellation(
          at: Date(epochMillis: at), reason: try decode(CancelReason.self, reason))
      }
      let item = Item(
        id: r[0], title: r[2], seller: Seller(id: r[3], name: r[4]),
        fulfilment: try decode(Fulfilment.self, r[5]), quantity: r[6],
        unitPrice: Money(minor: r[7], currency: r[8]), vatRateBasisPoints: r[9],
        category: r[10], cancellation: cancellation)
      itemsByShipment[r[1], default: []].append(item)
    }

    var shipmentsByOrder: [String: [Shipment]] = [:]
    let shipments = try Row.fetchCursor(
      db,
      sql: """
        SELECT orderId, id, placedAt, shippingStartsAt, shippedAt, outForDeliveryAt,
               deliveredAt, expectedDeliveryAt, shippingMinor, currency, carrier, trackingNumber
        FROM shipment WHERE orderId IN (\(marks)) ORDER BY orderId, position
        """,
      arguments: StatementArguments(ids))
    while let r = try shipments.next() {
      let sid: ShipmentID = r[1]
      let shipment = Shipment(
        id: sid,
        timeline: Timeline(
          placedAt: Date(epochMillis: r[2]), shippingStartsAt: date(r[3]),
          shippedAt: date(r[4]), outForDeliveryAt: date(r[5]), deliveredAt: date(r[6]),
          expectedDeliveryAt: date(r[7])),
        shippingCharge: Money(minor: r[8], currency: r[9]), carrier: r[10],
        trackingNumber: r[11], items: itemsByShipment[sid] ?? [])
      shipmentsByOrder[r[0], default: []].append(shipment)
    }

    // Replacement orders name the return they come from (R11; issue 13: never cancelled).
    var sources: [String: Order.ReplacementSource] = [:]
    let replacements = try Row.fetchCursor(
      db,
      sql: """
        SELECT replacementOrderId, rma, orderId FROM return_request
        WHERE accountId = ? AND replacementOrderId IN (\(marks))
        """,
      arguments: StatementArguments([account]) + StatementArguments(ids))
    while let r = try replacements.next() {
      sources[r[0]] = Order.ReplacementSource(rma: r[1], orderID: r[2])
    }

    return try headers.map { o in
      Order(
        id: o[1], accountID: account, placedAt: Date(epochMillis: o[2]),
        paymentMethod: PaymentMethod(kind: try decode(PaymentKind.self, o[3]), last4: o[4]),
        shipments: shipmentsByOrder[o[1]] ?? [], archivedAt: date(o[5]), imported: o[6],
        replacementOf: sources[o[1]])
    }
  }

  func date(_ millis: Int64?) -> Date? { millis.map(Date.init(epochMillis:)) }

  /// A stored enum value; an unknown one means the file was altered outside talabati.
  func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String) throws -> T
  where T.RawValue == String {
    guard let value = T(rawValue: raw) else { throw StoreError.corrupt(path) }
    return value
  }
}
