import Foundation
import GRDB
import TalabatiDomain

// MARK: - Schema v3 (support and account closure)

/// The frozen migration "v3-support-account": call-backs (R21), fraud reports (R22), closure
/// requests (R27–R29), and an event trigger that lets an account's erasure (R29) — and only
/// that — delete its event rows.
enum SupportSchema {
  static func v3(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE callback (
          id INTEGER PRIMARY KEY,
          accountId INTEGER NOT NULL REFERENCES account(id),
          orderId TEXT,
          phone TEXT NOT NULL,
          at INTEGER NOT NULL,
          requestedAt INTEGER NOT NULL,
          cancelledAt INTEGER
        );
        CREATE INDEX callback_by_account ON callback(accountId, at);
        CREATE TABLE fraud_report (
          id INTEGER PRIMARY KEY,
          accountId INTEGER NOT NULL REFERENCES account(id),
          createdAt INTEGER NOT NULL,
          text TEXT NOT NULL,
          url TEXT,
          recipient TEXT NOT NULL,
          maildirFile TEXT,
          message TEXT NOT NULL
        );
        CREATE INDEX fraud_report_by_account ON fraud_report(accountId);
        -- No foreign key: the row outlives the account as a tombstone holding no personal
        -- data (id, reason code, dates). erasing = 1 only inside the erasing transaction.
        CREATE TABLE account_closure (
          id INTEGER PRIMARY KEY,
          accountId INTEGER NOT NULL,
          reason TEXT NOT NULL,
          requestedAt INTEGER NOT NULL,
          effectiveAt INTEGER NOT NULL,
          withdrawnAt INTEGER,
          erasedAt INTEGER,
          erasing INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX account_closure_by_account ON account_closure(accountId);
        CREATE INDEX account_closure_open ON account_closure(effectiveAt)
          WHERE withdrawnAt IS NULL AND erasedAt IS NULL;
        DROP TRIGGER event_append_only_delete;
        CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
          WHEN NOT EXISTS (
            SELECT 1 FROM account_closure WHERE accountId = OLD.accountId AND erasing = 1)
          BEGIN SELECT RAISE(ABORT, 'event is append-only'); END;
        """)
  }
}

// MARK: - Support writes and reads (R19–R23)

extension AppDatabase {
  /// R21: books a call-back at `time` to `phone`, about `order` if given.
  ///
  /// Refused with `Refusal.support` (outside 08:00–24:00 Riyadh, in the past, more than 14
  /// days ahead); `.invalidInput` for a malformed phone number; `.notFound` for an order that
  /// is not the account's.
  @discardableResult
  public func requestCallback(
    account: AccountID, at time: Date, phone: String, order: OrderID?, now: Date, actor: String
  ) throws -> CallbackRequest {
    guard let number = CallbackRequest.normalisePhone(phone) else {
      throw StoreError.invalidInput(
        "'\(MailFormat.sanitize(phone, limit: 30))' is not a phone number (7–15 digits)")
    }
    let at = try PreparedOrder.millis(time, "the call-back time")
    let nowMs = try PreparedOrder.millis(now, "the time")
    if let refusal = SupportPolicy.checkCallback(at: time, now: now) {
      throw Refusal.support(refusal)
    }
    return try change { c in
      let db = c.db
      _ = try loadAccount(db, id: account)
      if let order { _ = try orderSeq(db, id: order, account: account) }
      try db.execute(
        sql: """
          INSERT INTO callback (accountId, orderId, phone, at, requestedAt)
          VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [account, order, number, at, nowMs])
      let id = db.lastInsertedRowID
      try c.appendEvent(
        account: account, order: order, kind: .callbackRequested, at: nowMs, actor: actor,
        fields: ["callback": "\(id)", "at": "\(at)"])
      return CallbackRequest(
        id: id, accountID: account, orderID: order, phone: number,
        at: Date(epochMillis: at), requestedAt: Date(epochMillis: nowMs))
    }
  }

  /// R21: the account's call-backs, soonest first (cancelled and past ones included).
  public func callbacks(account: AccountID) throws -> [CallbackRequest] {
    try guarded {
      try writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, accountId, orderId, phone, at, requestedAt, cancelledAt FROM callback
            WHERE accountId = ? ORDER BY at, id
            """,
          arguments: [account]
        ).map(Self.callback)
      }
    }
  }

  /// R21: cancels call-back `id` of `account`; only a pending one (`Refusal.support`).
  @discardableResult
  public func cancelCallback(id: Int64, account: AccountID, now: Date, actor: String) throws
    -> CallbackRequest
  {
    let nowMs = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let db = c.db
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT id, accountId, orderId, phone, at, requestedAt, cancelledAt FROM callback
            WHERE id = ? AND accountId = ?
            """,
          arguments: [id, account])
      else { throw StoreError.notFound(what: "call-back \(id)") }
      var request = Self.callback(row)
      if let refusal = SupportPolicy.checkCancel(request, now: now) {
        throw Refusal.support(refusal)
      }
      try db.execute(
        sql: "UPDATE callback SET cancelledAt = ? WHERE id = ? AND cancelledAt IS NULL",
        arguments: [nowMs, id])
      guard db.changesCount == 1 else { throw StoreError.changedMeanwhile }
      try c.appendEvent(
        account: account, order: request.orderID, kind: .callbackCancelled, at: nowMs,
        actor: actor, fields: ["callback": "\(id)"])
      request.cancelledAt = Date(epochMillis: nowMs)
      return request
    }
  }

  /// A call-back from a row of the `callback` table.
  static func callback(_ row: Row) -> CallbackRequest {
    CallbackRequest(
      id: row["id"], accountID: row["accountId"], orderID: row["orderId"],
      phone: row["phone"], at: Date(epochMillis: row["at"]),
      requestedAt: Date(epochMillis: row["requestedAt"]),
      cancelledAt: (row["cancelledAt"] as Int64?).map(Date.init(epochMillis:)))
  }

  // MARK: Fraud reports (R22)

  /// R22: records a report of a suspicious message or site and e-mails it to
  /// `SupportPolicy.fraudAddress` (into the Maildir), in one transaction.
  ///
  /// The text and URL are kept as typed (data); the e-mail carries them sanitised, the URL
  /// defanged (`hxxps://evil[.]example`). `.invalidInput` for an empty or over-long text.
  @discardableResult
  public func reportFraud(
    account: AccountID, text: String, url: String?, now: Date, actor: String
  ) throws -> FraudReport {
    let clean = MailFormat.sanitize(text, limit: SupportPolicy.maxTextLength + 1)
    guard !clean.isEmpty else {
      throw StoreError.invalidInput("the report is empty: describe the message or site")
    }
    guard text.count <= SupportPolicy.maxTextLength else {
      throw StoreError.invalidInput(
        "the report is longer than \(SupportPolicy.maxTextLength) characters")
    }
    let link = url.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    if let link, link.count > SupportPolicy.maxURLLength {
      throw StoreError.invalidInput("the URL is longer than \(SupportPolicy.maxURLLength)")
    }
    let nowMs = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let db = c.db
      let acct = try loadAccount(db, id: account)
      let mail = MailMessage(
        to: SupportPolicy.fraudAddress,
        subject: "Fraud report from account \(acct.id) / بلاغ احتيال",
        body: Self.fraudBody(account: acct, text: text, url: link, now: now),
        date: now, timeZone: TimeZone(identifier: acct.timeZone) ?? .gmt,
        messageID: Self.messageID(now: now))
      // The report, its `fraud-reported` event, then its e-mail: an outbox row of kind
      // `fraud-report` with its `message-sent` event, like every message the store sends.
      try db.execute(
        sql: """
          INSERT INTO fraud_report (accountId, createdAt, text, url, recipient,
            maildirFile, message)
          VALUES (?, ?, ?, ?, ?, NULL, '')
          """,
        arguments: [account, nowMs, text, link, SupportPolicy.fraudAddress])
      let id = db.lastInsertedRowID
      try c.appendEvent(
        account: account, order: nil, kind: .fraudReported, at: nowMs, actor: actor,
        fields: ["report": "\(id)"])
      let (rendered, file) = try c.send(
        mail, kind: .fraudReport, account: account, order: nil, detail: ["report": "\(id)"])
      try db.execute(
        sql: "UPDATE fraud_report SET maildirFile = ?, message = ? WHERE id = ?",
        arguments: [file, rendered, id])
      return FraudReport(
        id: id, accountID: account, text: text, url: link,
        createdAt: Date(epochMillis: nowMs), recipient: SupportPolicy.fraudAddress,
        maildirFile: file)
    }
  }

  /// R22: the account's fraud reports, newest first.
  public func fraudReports(account: AccountID) throws -> [FraudReport] {
    try guarded {
      try writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, accountId, text, url, createdAt, recipient, maildirFile
            FROM fraud_report WHERE accountId = ? ORDER BY id DESC
            """,
          arguments: [account]
        ).map { r in
          FraudReport(
            id: r["id"], accountID: r["accountId"], text: r["text"], url: r["url"],
            createdAt: Date(epochMillis: r["createdAt"]), recipient: r["recipient"],
            maildirFile: r["maildirFile"])
        }
      }
    }
  }

  static func fraudBody(account: Account, text: String, url: String?, now: Date) -> String {
    var lines = [
      "A shopper reports a suspicious message or site claiming to be talabati (R22).",
      "يبلّغ متسوّق عن رسالة أو موقع مشبوه يدّعي أنه طلباتي.",
      "",
      "Account: \(account.id) <\(MailFormat.headerSafe(account.email))>",
      "Reported at: \(MailFormat.rfc5322Date(now, timeZone: .gmt))",
    ]
    if let url {
      lines.append(
        "Site (defanged): \(SupportPolicy.defang(MailFormat.sanitize(url, limit: 2000)))")
    }
    lines += ["", "What the shopper saw:"]
    // Sanitised, wrapped at 76 columns so no line comes near the 998-octet limit.
    var line = ""
    for word in MailFormat.sanitize(text, limit: SupportPolicy.maxTextLength).split(separator: " ")
    {
      if !line.isEmpty && line.count + word.count + 1 > 76 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word.prefix(76)
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }

  // MARK: Seller contact (R7, R23)

  /// R7, R23: records a message to the seller of `item` in `order`'s history (an event row).
  ///
  /// Refused with `Refusal.support(.storeFulfilled)` for items the store fulfils;
  /// `.notFound` for an unknown order or item; `.invalidInput` for an empty or over-long text.
  @discardableResult
  public func contactSeller(
    order: OrderID, item: ItemID, account: AccountID, message: String, now: Date, actor: String
  ) throws -> SellerMessage {
    guard !MailFormat.sanitize(message).isEmpty else {
      throw StoreError.invalidInput("the message to the seller is empty")
    }
    guard message.count <= SupportPolicy.maxTextLength else {
      throw StoreError.invalidInput(
        "the message is longer than \(SupportPolicy.maxTextLength) characters")
    }
    let nowMs = try PreparedOrder.millis(now, "the time")
    return try change { c in
      let (current, _) = try loadOrder(c.db, id: order, account: account)
      guard let it = current.item(item) else {
        throw StoreError.notFound(what: "item \(item) in order \(order)")
      }
      if let refusal = SupportPolicy.checkSellerContact(it) { throw Refusal.support(refusal) }
      try c.appendEvent(
        account: account, order: order, kind: .sellerContacted, at: nowMs, actor: actor,
        fields: ["item": "\(item)", "seller": it.seller.id, "message": message])
      return SellerMessage(
        orderID: order, itemID: item, sellerID: it.seller.id, sellerName: it.seller.name,
        message: message, at: Date(epochMillis: nowMs))
    }
  }

  /// R23: the messages written to sellers about `order`, oldest first: `seller-contacted`
  /// events, and the `message-sent` rows of kind `seller-message` older builds wrote.
  public func sellerMessages(order: OrderID, account: AccountID) throws -> [SellerMessage] {
    try guarded {
      try writer.read { db in
        let (current, _) = try loadOrder(db, id: order, account: account)
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT at, detail, kind FROM event
            WHERE accountId = ? AND orderId = ? AND kind IN (?, ?) ORDER BY id
            """,
          arguments: [
            account, order, Event.Kind.sellerContacted.rawValue,
            Event.Kind.messageSent.rawValue,
          ])
        return rows.compactMap { row -> SellerMessage? in
          let kind: String = row["kind"]
          let detail: String = row["detail"]
          let at = Date(epochMillis: row["at"])
          let event = Event(
            kind: Event.Kind(rawValue: kind) ?? .messageSent, at: at, actor: "",
            orderID: order, detail: detail)
          guard event.meaning == .sellerContacted,
            let fields = try? JSONDecoder().decode(
              [String: String].self, from: Data(detail.utf8)),
            let itemText = fields["item"], let itemID = ItemID(itemText),
            let message = fields["message"]
          else { return nil }
          let seller = current.item(itemID)?.seller
          return SellerMessage(
            orderID: order, itemID: itemID, sellerID: fields["seller"] ?? seller?.id ?? "",
            sellerName: seller?.name ?? "", message: message, at: at)
        }
      }
    }
  }
}
