import Foundation
import GRDB
import TalabatiDomain

// MARK: - Writes
// Each write is one call of `change` (Change.swift): one IMMEDIATE transaction (sessions queue
// up, busy timeout 5 s) with its event rows and its message. Orders are never deleted (R18).

extension AppDatabase {
  /// Stores a new account (`createdAt` = `now`, else the store's clock); `.invalidInput` if
  /// the id is taken or a field cannot go into an e-mail header.
  @discardableResult
  public func createAccount(_ account: Account, at now: Date? = nil) throws -> Account {
    for (field, value) in [("name", account.name), ("e-mail", account.email)]
    where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw StoreError.invalidInput("the account \(field) contains control characters")
    }
    guard account.email.contains("@"), account.email.count <= 254 else {
      throw StoreError.invalidInput("\(account.email) is not an e-mail address")
    }
    guard TimeZone(identifier: account.timeZone) != nil else {
      throw StoreError.invalidInput("unknown time zone \(account.timeZone)")
    }
    let createdAt = try PreparedOrder.millis(now ?? clock.now(), "the account's creation time")
    return try change { c in
      if try Bool.fetchOne(
        c.db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [account.id]) ?? false
      {
        throw StoreError.invalidInput("account \(account.id) already exists")
      }
      try c.db.execute(
        sql: """
          INSERT INTO account (id, name, email, language, timeZone, createdAt)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          account.id, account.name, account.email, account.language.rawValue,
          account.timeZone, createdAt,
        ])
      return account
    }
  }

  /// Persists the account's language choice (it also selects the language of its e-mails).
  public func setLanguage(_ language: Language, account: AccountID) throws {
    try change { c in
      try c.db.execute(
        sql: "UPDATE account SET language = ? WHERE id = ?",
        arguments: [language.rawValue, account])
      guard c.db.changesCount == 1 else { throw StoreError.notFound(what: "account \(account)") }
      try c.db.execute(
        sql: """
          INSERT INTO setting (accountId, key, value) VALUES (?, 'language', ?)
          ON CONFLICT (accountId, key) DO UPDATE SET value = excluded.value
          """,
        arguments: [account, language.rawValue])
    }
  }

  // MARK: - Bulk insert

  /// Stores `orders` of `account` in one transaction (call it with batches of ~10,000).
  ///
  /// Idempotent: an order whose id already exists (in any account) is skipped with all its
  /// children. Each stored order gets its search-index row and an `order-placed` event at its
  /// placing time (or `order-imported` at the store clock's now, for an order flagged
  /// `imported`). Every order is validated first; one bad order rejects the batch with
  /// `.invalidInput` naming it. Written through `OrderWriter`, the store's one insert path.
  public func insert(orders: [Order], account: AccountID, actor: String) throws -> InsertReport {
    var prepared: [PreparedOrder] = []
    prepared.reserveCapacity(orders.count)
    for order in orders { prepared.append(try PreparedOrder(order, account: account)) }
    let importedAt = try PreparedOrder.millis(clock.now(), "the import time")
    return try change(.batch) { c in
      _ = try loadAccount(c.db, id: account)
      let orders = try OrderWriter(
        c, account: account, events: .perOrder(actor: actor, importedAt: importedAt))
      return try orders.write(prepared)
    }
  }

  // MARK: - Cancelling (R1–R9)

  /// Cancels the selected items of `order` at `now` for `reason`, all or nothing (R4).
  ///
  /// In one change: reads the order fresh, asks `CancelPolicy` (R1–R4), records the
  /// cancellation on the items and the order's summary, appends `items-cancelled` and
  /// `message-sent` events, and sends the confirmation e-mail with the refund (R6, R9). A
  /// refusal throws `Refusal.cancel` and changes nothing; a second session racing for the
  /// same items finds them cancelled (`.alreadyCancelled`): exactly one refund.
  @discardableResult
  public func cancel(
    _ selection: CancelSelection, in order: OrderID, account: AccountID, reason: CancelReason,
    at now: Date, actor: String
  ) throws -> CancelOutcome {
    let at = try PreparedOrder.millis(now, "the cancellation time")
    return try change { c in
      let (current, seq) = try loadOrder(c.db, id: order, account: account)
      let outcome: CancelOutcome
      switch CancelPolicy.cancel(selection, in: current, reason: reason, at: now) {
      case .success(let result): outcome = result
      case .failure(let error): throw Refusal.cancel(error)
      }
      let update = try c.db.cachedStatement(
        sql: """
          UPDATE item SET cancelledAt = ?, cancelReason = ?
          WHERE id = ? AND orderId = ? AND cancelledAt IS NULL
          """)
      for item in outcome.cancelledItems {
        try update.execute(arguments: [at, reason.rawValue, item.id, order])
        guard c.db.changesCount == 1 else { throw StoreError.changedMeanwhile }
      }
      try c.fault(.afterItemUpdate)
      try c.db.execute(
        sql: "UPDATE \"order\" SET cancelledCount = cancelledCount + ? WHERE seq = ?",
        arguments: [outcome.cancelledItems.count, seq])
      let refund = outcome.refund
      let detail = CancelDetail(
        items: outcome.cancelledItems.map(\.id), shipments: outcome.cancelledShipments,
        reason: reason.rawValue, currency: refund.total.currency,
        refundItems: refund.items.minor, refundVAT: refund.itemsVAT.minor,
        refundShipping: refund.shipping.minor, refundTotal: refund.total.minor,
        payment: refund.paymentMethod.kind.rawValue)
      try c.appendEvent(
        account: account, order: order, kind: .itemsCancelled, at: at, actor: actor,
        encoding: detail)
      let acct = try loadAccount(c.db, id: account)
      let mail = MailMessage(
        to: acct.email,
        subject: MessageTemplates.cancellationSubject(order: order, language: acct.language),
        body: MessageTemplates.cancellationBody(
          account: acct, outcome: outcome, reason: reason, language: acct.language),
        date: now, timeZone: TimeZone(identifier: acct.timeZone) ?? .gmt,
        messageID: Self.messageID(now: now))
      try c.send(mail, kind: .cancellation, account: account, order: order)
      return outcome
    }
  }

  // MARK: - Archiving (R17, R18)

  /// Archives `order` (R17): it leaves the default list and shows in the archive view (R18);
  /// nothing is deleted. Appends an `order-archived` event and sends a confirmation message;
  /// `Refusal.archive` when it is archived already.
  @discardableResult
  public func archive(order: OrderID, account: AccountID, at now: Date, actor: String) throws
    -> Order
  {
    let at = try PreparedOrder.millis(now, "the archive time")
    return try change { c in
      let (current, seq) = try loadOrder(c.db, id: order, account: account)
      let archived: Order
      switch ArchivePolicy.archive(current, at: now) {
      case .success(let o): archived = o
      case .failure(let error): throw Refusal.archive(error)
      }
      try c.db.execute(
        sql: "UPDATE \"order\" SET archived = 1, archivedAt = ? WHERE seq = ?",
        arguments: [at, seq])
      try c.appendEvent(
        account: account, order: order, kind: .orderArchived, at: at, actor: actor,
        detail: "{}")
      let acct = try loadAccount(c.db, id: account)
      let mail = MailMessage(
        to: acct.email,
        subject: MessageTemplates.archiveSubject(order: order, language: acct.language),
        body: MessageTemplates.archiveBody(
          account: acct, order: archived, language: acct.language),
        date: now, timeZone: TimeZone(identifier: acct.timeZone) ?? .gmt,
        messageID: Self.messageID(now: now))
      try c.send(mail, kind: .archive, account: account, order: order)
      var stored = archived
      stored.archivedAt = Date(epochMillis: at)
      return stored
    }
  }

  /// Brings an archived order back into the default list (R18) and appends an
  /// `order-unarchived` event; `Refusal.archive` when it is not archived.
  @discardableResult
  public func unarchive(order: OrderID, account: AccountID, at now: Date, actor: String) throws
    -> Order
  {
    let at = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let (current, seq) = try loadOrder(c.db, id: order, account: account)
      let restored: Order
      switch ArchivePolicy.unarchive(current) {
      case .success(let o): restored = o
      case .failure(let error): throw Refusal.archive(error)
      }
      try c.db.execute(
        sql: "UPDATE \"order\" SET archived = 0, archivedAt = NULL WHERE seq = ?",
        arguments: [seq])
      try c.appendEvent(
        account: account, order: order, kind: .orderUnarchived, at: at, actor: actor,
        detail: "{}")
      return restored
    }
  }

  // MARK: - Messages

  /// A unique Message-ID: the message's time, the Maildir process/counter part, and random
  /// bits.
  static func messageID(now: Date) -> String {
    let unique = Maildir.uniqueName(now: now).split(separator: ".")[1]
    return "\(now.epochMillis).\(unique).\(UInt32.random(in: 0...UInt32.max))@talabati.invalid"
  }
}

/// The `detail` JSON of an `items-cancelled` event (R9: what was refunded, and to what).
private struct CancelDetail: Encodable {
  var items: [ItemID]
  var shipments: [ShipmentID]
  var reason: String
  var currency: String
  var refundItems: Int64
  var refundVAT: Int64
  var refundShipping: Int64
  var refundTotal: Int64
  var payment: String
}

// MARK: - Validation

/// An order checked for storage, with its derived summary columns computed once.
///
/// Rejects what would later crash or mislead: mixed currencies, amounts that overflow,
/// dates out of range, duplicate ids inside the order, odd order numbers. Runs once per order
/// of every bulk load, so it checks bytes, not `Character`s, and builds no text unless a
/// check fails.
struct PreparedOrder {
  /// A shipment's timeline in epoch milliseconds, as stored.
  struct Millis {
    var placedAt: Int64
    var shippingStartsAt: Int64?
    var shippedAt: Int64?
    var outForDeliveryAt: Int64?
    var deliveredAt: Int64?
    var expectedDeliveryAt: Int64?
  }

  let order: Order
  let placedAt: Int64
  let archivedAt: Int64?
  let timelines: [Millis]
  let totalMinor: Int64
  let currency: String
  let itemCount: Int
  let firstTitle: String
  let cancelledCount: Int

  init(_ order: Order, account: AccountID) throws {
    let id = order.id
    func bad(_ message: String) -> StoreError { .invalidInput("order \(id): \(message)") }
    guard order.accountID == account else {
      throw bad("belongs to account \(order.accountID), not \(account)")
    }
    guard Self.isOrderNumber(id) else {
      throw StoreError.invalidInput(
        "order number \(MailFormat.sanitize(id, limit: 70)) must be 1–64 letters, digits, - _ .")
    }
    self.order = order
    placedAt = try Self.millis(order.placedAt, "order \(id) placed-at date")
    archivedAt = try order.archivedAt.map { try Self.millis($0, "order \(id) archived date") }
    let currency = order.currency
    guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (0x41...0x5A).contains($0) })
    else {
      throw bad("currency \(MailFormat.sanitize(currency, limit: 10)) is not an ISO 4217 code")
    }
    self.currency = currency
    var total: Int64 = 0
    var itemIDs = SmallIDSet()
    var shipmentIDs = SmallIDSet()
    var timelines: [Millis] = []
    timelines.reserveCapacity(order.shipments.count)
    var cancelled = 0
    func add(_ amount: Int64) throws {
      let (sum, overflow) = total.addingReportingOverflow(amount)
      guard !overflow else { throw bad("the total is too large") }
      total = sum
    }
    func ms(_ date: Date?) throws -> Int64? {
      try date.map { try Self.millis($0, "order \(id) date") }
    }
    for s in order.shipments {
      guard shipmentIDs.insert(s.id) else { throw bad("shipment \(s.id) twice") }
      guard s.shippingCharge.currency == currency else { throw bad("mixed currencies") }
      guard (0...1_000_000_000_000).contains(s.shippingCharge.minor) else {
        throw bad("shipping charge out of range")
      }
      try add(s.shippingCharge.minor)
      let t = s.timeline
      timelines.append(
        Millis(
          placedAt: try Self.millis(t.placedAt, "order \(id) date"),
          shippingStartsAt: try ms(t.shippingStartsAt), shippedAt: try ms(t.shippedAt),
          outForDeliveryAt: try ms(t.outForDeliveryAt), deliveredAt: try ms(t.deliveredAt),
          expectedDeliveryAt: try ms(t.expectedDeliveryAt)))
      for i in s.items {
        guard itemIDs.insert(i.id) else { throw bad("item \(i.id) twice") }
        guard i.unitPrice.currency == currency else { throw bad("mixed currencies") }
        guard (1...100_000).contains(i.quantity) else { throw bad("quantity out of range") }
        guard (0...1_000_000_000_000).contains(i.unitPrice.minor) else {
          throw bad("price out of range")
        }
        guard (0...10_000).contains(i.vatRateBasisPoints) else {
          throw bad("VAT rate out of range")
        }
        guard !i.seller.id.isEmpty else { throw bad("item \(i.id) has no seller id") }
        try add(i.unitPrice.minor * Int64(i.quantity))
        if let c = i.cancellation {
          _ = try Self.millis(c.at, "order \(id) cancellation date")
          cancelled += 1
        }
      }
    }
    self.timelines = timelines
    totalMinor = total
    itemCount = itemIDs.count
    firstTitle = order.shipments.first(where: { !$0.items.isEmpty })?.items.first?.title ?? ""
    cancelledCount = cancelled
  }

  /// True for 1–64 ASCII letters, digits, `-`, `_` and `.` (what an order number may hold).
  static func isOrderNumber(_ id: String) -> Bool {
    let bytes = id.utf8
    guard (1...64).contains(bytes.count) else { return false }
    return bytes.allSatisfy { b in
      (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }
  }

  /// Epoch milliseconds of `date`, refusing dates outside 1970…2248 (and NaN); `what` names
  /// the date in the error (built only then).
  static func millis(_ date: Date, _ what: @autoclosure () -> String) throws -> Int64 {
    let seconds = date.timeIntervalSince1970
    guard seconds.isFinite, seconds >= 0, seconds < Double(1 << 43) / 1000 else {
      throw StoreError.invalidInput("\(what()) is out of range")
    }
    return Int64((seconds * 1000).rounded())
  }
}

/// A set of ids that stays a small array while it is small: an order holds a handful of ids,
/// and a linear scan of a few beats hashing; a huge imported order still checks in O(n).
struct SmallIDSet {
  private var few: [Int64] = []
  private var many: Set<Int64>?

  /// The number of ids inserted.
  var count: Int { many?.count ?? few.count }

  /// Inserts `id`; false when it was already there.
  mutating func insert(_ id: Int64) -> Bool {
    if many != nil { return many?.insert(id).inserted ?? false }
    if few.contains(id) { return false }
    few.append(id)
    if few.count > 16 {
      many = Set(few)
      few = []
    }
    return true
  }
}
