import Foundation
import TalabatiDomain

// MARK: - Document

/// One account, its orders and its events as a portable JSON document (`talabati export`,
/// `talabati import FILE.json`). The format is specified in `docs/interchange.md`.
///
/// The encoding is canonical, so export → import → export gives the same bytes: keys sorted,
/// pretty printed with 2 spaces, dates as ISO-8601 UTC with milliseconds, money as
/// `{"currency": "SAR", "minor": 123450}`, orders newest first then by id, shipments and items
/// by id, events by time (ties keep their order).
///
/// Four optional sections (version 1 still: a document without them reads as before, and an
/// empty section is not written) carry the shopper's returns and replacements (R11–R16),
/// refunds imported from Amazon (issue 6), call-backs (R21) and closure requests (R27–R29).
public struct InterchangeDocument: Codable, Hashable, Sendable {
  /// The value of the `format` field.
  public static let formatName = "talabati-orders"
  /// The versions this build reads. It writes the last one.
  public static let supportedVersions: [Int] = [1]
  /// The version this build writes.
  public static let currentVersion = 1

  /// A refund Amazon already paid for an imported order (issue 6): the domain's
  /// `ImportedRefund`, written as it is encoded (orderID, amount, refundedAt, occurrence).
  public typealias Refund = ImportedRefund

  public var format: String
  public var version: Int
  public var account: Account
  public var orders: [Order]
  public var events: [Event]
  /// Returns and replacements (R11–R16); optional section `returns`.
  public var returns: [ReturnRecord]
  /// Refunds imported from an Amazon export (issue 6); optional section `importedRefunds`.
  public var importedRefunds: [Refund]
  /// Call-backs, cancelled and past ones included (R21); optional section `callbacks`.
  public var callbacks: [CallbackRequest]
  /// Closure requests, withdrawn ones and at most one pending (R27–R29); optional section
  /// `closures`.
  public var closures: [AccountClosure]

  /// A version-1 document, put in canonical order.
  public init(
    account: Account, orders: [Order], events: [Event], returns: [ReturnRecord] = [],
    importedRefunds: [Refund] = [], callbacks: [CallbackRequest] = [],
    closures: [AccountClosure] = []
  ) {
    self.format = Self.formatName
    self.version = Self.currentVersion
    self.account = account
    self.orders = orders
    self.events = events
    self.returns = returns
    self.importedRefunds = importedRefunds
    self.callbacks = callbacks
    self.closures = closures
    canonicalise()
  }

  private enum CodingKeys: String, CodingKey {
    case format, version, account, orders, events, returns, importedRefunds, callbacks, closures
  }

  /// Reads a document; the four optional sections may be absent or `null` (documents written
  /// before they existed).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = try c.decode(String.self, forKey: .format)
    version = try c.decode(Int.self, forKey: .version)
    account = try c.decode(Account.self, forKey: .account)
    orders = try c.decode([Order].self, forKey: .orders)
    events = try c.decode([Event].self, forKey: .events)
    returns = try c.decodeIfPresent([ReturnRecord].self, forKey: .returns) ?? []
    importedRefunds = try c.decodeIfPresent([Refund].self, forKey: .importedRefunds) ?? []
    callbacks = try c.decodeIfPresent([CallbackRequest].self, forKey: .callbacks) ?? []
    closures = try c.decodeIfPresent([AccountClosure].self, forKey: .closures) ?? []
  }

  /// Writes a document; an empty optional section is left out, so an account without
  /// returns, refunds, call-backs or closures exports exactly what older builds wrote.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(format, forKey: .format)
    try c.encode(version, forKey: .version)
    try c.encode(account, forKey: .account)
    try c.encode(orders, forKey: .orders)
    try c.encode(events, forKey: .events)
    if !returns.isEmpty { try c.encode(returns, forKey: .returns) }
    if !importedRefunds.isEmpty { try c.encode(importedRefunds, forKey: .importedRefunds) }
    if !callbacks.isEmpty { try c.encode(callbacks, forKey: .callbacks) }
    if !closures.isEmpty { try c.encode(closures, forKey: .closures) }
  }

  /// Sorts orders (newest first, then id), shipments and items (by id), events (by time,
  /// stable), returns (by request time, then RMA), imported refunds (by time, order, amount,
  /// occurrence), call-backs (by request time, then id) and closures (by request time), so
  /// equal content always encodes to equal bytes. A return's lines keep their order (the
  /// order of its label).
  public mutating func canonicalise() {
    for oi in orders.indices {
      orders[oi].shipments.sort { $0.id < $1.id }
      for si in orders[oi].shipments.indices {
        orders[oi].shipments[si].items.sort { $0.id < $1.id }
      }
    }
    orders.sort { a, b in
      a.placedAt != b.placedAt ? a.placedAt > b.placedAt : a.id < b.id
    }
    events = events.enumerated().sorted { a, b in
      a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
    }.map(\.element)
    returns.sort { a, b in
      a.timeline.initiatedAt != b.timeline.initiatedAt
        ? a.timeline.initiatedAt < b.timeline.initiatedAt : a.rma < b.rma
    }
    importedRefunds.sort { a, b in
      if a.refundedAt != b.refundedAt { return a.refundedAt < b.refundedAt }
      if a.orderID != b.orderID { return a.orderID < b.orderID }
      if a.amount.minor != b.amount.minor { return a.amount.minor < b.amount.minor }
      if a.amount.currency != b.amount.currency { return a.amount.currency < b.amount.currency }
      return a.occurrence < b.occurrence
    }
    callbacks.sort { a, b in
      a.requestedAt != b.requestedAt ? a.requestedAt < b.requestedAt : a.id < b.id
    }
    closures.sort { a, b in
      a.requestedAt != b.requestedAt
        ? a.requestedAt < b.requestedAt : a.effectiveAt < b.effectiveAt
    }
  }

  /// The canonical JSON bytes of this document (a trailing newline included).
  public func encoded() throws -> Data {
    var doc = self
    doc.canonicalise()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var c = encoder.singleValueContainer()
      try c.encode(InterchangeDate.string(from: date))
    }
    var data = try encoder.encode(doc)
    data.append(0x0A)
    return data
  }

  /// Reads and validates a document; every failure is an `InterchangeError` with a one-line,
  /// human-readable message. Nothing here traps on bad input.
  public static func decode(_ data: Data) throws -> InterchangeDocument {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let c = try decoder.singleValueContainer()
      let text = try c.decode(String.self)
      guard let date = InterchangeDate.date(from: text) else {
        throw DecodingError.dataCorruptedError(
          in: c,
          debugDescription: "expected an ISO-8601 UTC time like 2026-11-27T07:45:00.000Z, got "
            + InterchangeError.quote(text))
      }
      return date
    }

    // The header first: a wrong format or version says so, not "missing field orders".
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch let error as DecodingError {
      throw InterchangeError(decoding: error)
    } catch {
      throw InterchangeError.notJSON(InterchangeError.quote(String(describing: error)))
    }
    guard let format = header.format else { throw InterchangeError.missingField(path: "format") }
    guard format == formatName else { throw InterchangeError.wrongFormat(found: format) }
    guard let version = header.version else {
      throw InterchangeError.missingField(path: "version")
    }
    guard supportedVersions.contains(version) else {
      throw InterchangeError.unsupportedVersion(version)
    }

    let doc: InterchangeDocument
    do {
      doc = try decoder.decode(InterchangeDocument.self, from: data)
    } catch let error as DecodingError {
      throw InterchangeError(decoding: error)
    } catch {
      throw InterchangeError.notJSON(InterchangeError.quote(String(describing: error)))
    }
    try doc.validate()
    return doc
  }

  private struct Header: Decodable {
    var format: String?
    var version: Int?
  }
}

// MARK: - Validation

extension InterchangeDocument {
  /// The largest amount accepted in one money field: 1,000,000,000.00 (keeps every sum far
  /// from Int64 overflow).
  public static let maxMinor: Int64 = 100_000_000_000
  /// The largest quantity accepted on one line.
  public static let maxQuantity = 9_999
  /// The longest text accepted in one field, in Unicode scalars.
  public static let maxTextLength = 1_000

  /// Checks what the type system cannot: unique ids, one account, sane amounts, no empty
  /// orders or shipments, events that name orders of this document.
  public func validate() throws {
    func fail(_ path: String, _ reason: String) -> InterchangeError {
      .invalidField(path: path, reason: reason)
    }
    func checkText(_ s: String, _ path: String, allowEmpty: Bool = false) throws {
      if !allowEmpty && s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw fail(path, "must not be empty")
      }
      if s.unicodeScalars.count > Self.maxTextLength {
        throw fail(path, "longer than \(Self.maxTextLength) characters")
      }
      if s.unicodeScalars.contains(where: { $0.value == 0 }) {
        throw fail(path, "contains a NUL character")
      }
    }
    func checkMoney(_ m: Money, _ path: String, currency: String?) throws {
      guard m.minor >= 0 else { throw fail(path + ".minor", "must not be negative") }
      guard m.minor <= Self.maxMinor else { throw fail(path + ".minor", "is too large") }
      let ok =
        m.currency.count == 3 && m.currency.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
      guard ok else {
        throw fail(path + ".currency", "must be an ISO 4217 code like SAR")
      }
      if let currency, m.currency != currency {
        throw fail(path + ".currency", "differs from the order's currency \(currency)")
      }
    }

    try checkText(account.name, "account.name")
    try checkText(account.email, "account.email")
    guard account.email.contains("@") else {
      throw fail("account.email", "is not an e-mail address")
    }
    try checkText(account.timeZone, "account.timeZone")
    guard TimeZone(identifier: account.timeZone) != nil else {
      throw fail(
        "account.timeZone", "unknown time zone " + InterchangeError.quote(account.timeZone))
    }

    var orderIDs = Set<OrderID>()
    var shipmentOwner: [ShipmentID: OrderID] = [:]
    var itemOwner: [ItemID: OrderID] = [:]
    for (oi, order) in orders.enumerated() {
      let op = "orders[\(oi)]"
      try checkText(order.id, op + ".id")
      // The store's rule for order numbers: 1–64 ASCII letters, digits, - _ .
      let idOK =
        order.id.utf8.count <= 64
        && order.id.unicodeScalars.allSatisfy {
          $0.isASCII
            && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
              || "-_.".unicodeScalars.contains($0))
        }
      guard idOK else {
        throw fail(
          op + ".id",
          "must be 1–64 ASCII letters, digits, - _ . (got \(InterchangeError.quote(order.id)))")
      }
      guard orderIDs.insert(order.id).inserted else {
        throw InterchangeError.duplicateOrder(order.id)
      }
      guard order.accountID == account.id else {
        throw fail(
          op + ".accountID", "is \(order.accountID), the document's account is \(account.id)")
      }
      // Decision: an order without items, or a shipment without items, means nothing to the
      // shopper (no status, no total): refused.
      guard !order.shipments.isEmpty else { throw fail(op + ".shipments", "must not be empty") }
      try checkText(order.paymentMethod.last4, op + ".paymentMethod.last4", allowEmpty: true)
      let currency = order.shipments.first?.items.first?.unitPrice.currency
      for (si, shipment) in order.shipments.enumerated() {
        let sp = op + ".shipments[\(si)]"
        if let other = shipmentOwner.updateValue(order.id, forKey: shipment.id) {
          throw InterchangeError.duplicateShipment(shipment.id, orders: [other, order.id])
        }
        guard !shipment.items.isEmpty else { throw fail(sp + ".items", "must not be empty") }
        try checkMoney(shipment.shippingCharge, sp + ".shippingCharge", currency: currency)
        try checkText(shipment.carrier, sp + ".carrier", allowEmpty: true)
        try checkText(shipment.trackingNumber, sp + ".trackingNumber", allowEmpty: true)
        for (ii, item) in shipment.items.enumerated() {
          let ip = sp + ".items[\(ii)]"
          if let other = itemOwner.updateValue(order.id, forKey: item.id) {
            throw InterchangeError.duplicateItem(item.id, orders: [other, order.id])
          }
          try checkText(item.title, ip + ".title")
          try checkText(item.seller.id, ip + ".seller.id")
          try checkText(item.seller.name, ip + ".seller.name")
          try checkText(item.category, ip + ".category")
          guard (1...Self.maxQuantity).contains(item.quantity) else {
            throw fail(ip + ".quantity", "must be between 1 and \(Self.maxQuantity)")
          }
          guard (0...10_000).contains(item.vatRateBasisPoints) else {
            throw fail(ip + ".vatRateBasisPoints", "must be between 0 and 10000")
          }
          try checkMoney(item.unitPrice, ip + ".unitPrice", currency: currency)
          guard item.unitPrice.minor <= Self.maxMinor / Int64(Self.maxQuantity) else {
            throw fail(ip + ".unitPrice.minor", "is too large")
          }
        }
      }
    }
    for (ei, event) in events.enumerated() {
      let ep = "events[\(ei)]"
      try checkText(event.actor, ep + ".actor")
      try checkText(event.detail, ep + ".detail", allowEmpty: true)
      if let id = event.orderID, !orderIDs.contains(id) {
        throw fail(
          ep + ".orderID", "names order \(InterchangeError.quote(id)), not in this document")
      }
    }
    try validateSections(checkText: checkText, checkMoney: checkMoney)
  }

  /// True for the store's identifiers (order numbers, RMAs): 1–64 ASCII letters, digits,
  /// `-`, `_`, `.`.
  static func isStoreIdentifier(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.count <= 64
      && s.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "-_.".unicodeScalars.contains($0))
      }
  }

  /// Checks the optional sections: returns (R11–R16), imported refunds (issue 6), call-backs
  /// (R21) and closures (R27–R29). Each names an order of this document, and this account.
  private func validateSections(
    checkText: (String, String, Bool) throws -> Void,
    checkMoney: (Money, String, String?) throws -> Void
  ) throws {
    func fail(_ path: String, _ reason: String) -> InterchangeError {
      .invalidField(path: path, reason: reason)
    }
    var byID: [OrderID: Order] = [:]
    for order in orders { byID[order.id] = order }
    func order(_ id: OrderID, _ path: String) throws -> Order {
      guard let o = byID[id] else {
        throw fail(path, "names order \(InterchangeError.quote(id)), not in this document")
      }
      return o
    }
    func checkAccount(_ id: AccountID, _ path: String) throws {
      guard id == account.id else {
        throw fail(path, "is \(id), the document's account is \(account.id)")
      }
    }

    // Returns and replacements (R11–R16). The store keeps an item in at most one return and
    // an RMA once (its UNIQUE constraints); a return's value is what its lines add up to.
    var rmas = Set<String>()
    var returnedItem: [ItemID: String] = [:]
    for (ri, r) in returns.enumerated() {
      let rp = "returns[\(ri)]"
      guard Self.isStoreIdentifier(r.rma) else {
        throw fail(
          rp + ".rma",
          "must be 1–64 ASCII letters, digits, - _ . (got \(InterchangeError.quote(r.rma)))")
      }
      guard rmas.insert(r.rma).inserted else {
        throw fail(rp + ".rma", "return \(InterchangeError.quote(r.rma)) appears more than once")
      }
      try checkAccount(r.accountID, rp + ".accountID")
      let o = try order(r.orderID, rp + ".orderID")
      let currency = o.currency
      try checkText(r.paymentMethod.last4, rp + ".paymentMethod.last4", true)
      guard !r.lines.isEmpty else { throw fail(rp + ".lines", "must not be empty") }
      var sum: Int64 = 0
      for (li, line) in r.lines.enumerated() {
        let lp = rp + ".lines[\(li)]"
        guard let item = o.item(line.itemID) else {
          throw fail(
            lp + ".itemID",
            "item \(line.itemID) is not part of order \(InterchangeError.quote(o.id))")
        }
        if let other = returnedItem.updateValue(r.rma, forKey: line.itemID) {
          throw fail(
            lp + ".itemID",
            "item \(line.itemID) is already in return \(InterchangeError.quote(other))")
        }
        try checkText(line.title, lp + ".title", false)
        guard (1...item.quantity).contains(line.quantity) else {
          throw fail(lp + ".quantity", "must be between 1 and the \(item.quantity) ordered")
        }
        try checkMoney(line.amount, lp + ".amount", currency)
        sum += line.amount.minor  // each ≤ maxMinor, lines ≤ items: far from overflow
      }
      try checkMoney(r.itemsValue, rp + ".itemsValue", currency)
      guard r.itemsValue.minor == sum else {
        throw fail(rp + ".itemsValue.minor", "is \(r.itemsValue.minor), its lines add up to \(sum)")
      }
      switch (r.resolution, r.replacementOrderID) {
      case (.refund, nil): break
      case (.refund, .some):
        throw fail(rp + ".replacementOrderID", "a refund has no replacement order")
      case (.replacement, nil):
        throw fail(rp + ".replacementOrderID", "missing: a replacement names its order")
      case (.replacement, .some(let id)):
        _ = try order(id, rp + ".replacementOrderID")
        guard id != r.orderID else {
          throw fail(rp + ".replacementOrderID", "is the returned order itself")
        }
      }
    }

    // Imported refunds (issue 6): the store keeps one row per (order, instant, amount,
    // occurrence).
    var refundKeys = Set<Refund>()
    for (fi, f) in importedRefunds.enumerated() {
      let fp = "importedRefunds[\(fi)]"
      let o = try order(f.orderID, fp + ".orderID")
      try checkMoney(f.amount, fp + ".amount", o.currency)
      guard (0...Self.maxQuantity).contains(f.occurrence) else {
        throw fail(fp + ".occurrence", "must be between 0 and \(Self.maxQuantity)")
      }
      guard refundKeys.insert(f).inserted else {
        throw fail(fp, "the same refund appears more than once")
      }
    }

    // Call-backs (R21): history as well as pending ones, so no open-hours check here.
    var callbackIDs = Set<Int64>()
    for (ci, cb) in callbacks.enumerated() {
      let cp = "callbacks[\(ci)]"
      guard cb.id > 0 else { throw fail(cp + ".id", "must be positive") }
      guard callbackIDs.insert(cb.id).inserted else {
        throw fail(cp + ".id", "call-back \(cb.id) appears more than once")
      }
      try checkAccount(cb.accountID, cp + ".accountID")
      if let id = cb.orderID { _ = try order(id, cp + ".orderID") }
      guard CallbackRequest.normalisePhone(cb.phone) == cb.phone else {
        throw fail(
          cp + ".phone",
          "must be 7–15 digits with an optional leading + (got "
            + InterchangeError.quote(cb.phone) + ")")
      }
      if let cancelled = cb.cancelledAt, cancelled < cb.requestedAt {
        throw fail(cp + ".cancelledAt", "is before requestedAt")
      }
    }

    // Closures (R27–R29): an erased account has nothing left to export; one pending at most.
    var pending = 0
    for (ki, k) in closures.enumerated() {
      let kp = "closures[\(ki)]"
      try checkAccount(k.accountID, kp + ".accountID")
      guard k.erasedAt == nil else {
        throw fail(kp + ".erasedAt", "an erased account cannot be imported (R29)")
      }
      guard k.effectiveAt >= k.requestedAt else {
        throw fail(kp + ".effectiveAt", "is before requestedAt")
      }
      if let w = k.withdrawnAt {
        guard w >= k.requestedAt else { throw fail(kp + ".withdrawnAt", "is before requestedAt") }
      } else {
        pending += 1
        guard pending == 1 else {
          throw fail(kp, "a second pending closure (withdraw one: at most one is pending, R29)")
        }
      }
    }
  }
}

// MARK: - Errors

/// Why a document cannot be read. `description` is one human-readable line; any text taken
/// from the document is quoted with control and bidi characters escaped.
public enum InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The bytes are not JSON (or not UTF-8). The associated text says where, if known.
  case notJSON(String)
  /// The `format` field names another format.
  case wrongFormat(found: String)
  /// The `version` is not one this build reads.
  case unsupportedVersion(Int)
  /// A required field is absent, at a coding path like `orders[2].shipments[0].items`.
  case missingField(path: String)
  /// A field holds the wrong kind of value or a value out of range.
  case invalidField(path: String, reason: String)
  /// The same order id appears twice.
  case duplicateOrder(OrderID)
  /// The same shipment id appears twice (in these orders).
  case duplicateShipment(ShipmentID, orders: [OrderID])
  /// The same item id appears twice (in these orders: an item in two orders, or twice in one).
  case duplicateItem(ItemID, orders: [OrderID])

  public var description: String {
    switch self {
    case .notJSON(let detail):
      return "not a JSON document" + (detail.isEmpty ? "" : ": " + detail)
    case .wrongFormat(let found):
      return "wrong format \(Self.quote(found)) (expected \"\(InterchangeDocument.formatName)\")"
    case .unsupportedVersion(let n):
      let supported = InterchangeDocument.supportedVersions.map(String.init).joined(separator: ", ")
      return "unsupported version \(n) (supported: \(supported))"
    case .missingField(let path):
      return "missing field \(path)"
    case .invalidField(let path, let reason):
      return "invalid field \(path): \(reason)"
    case .duplicateOrder(let id):
      return "order \(Self.quote(id)) appears more than once"
    case .duplicateShipment(let id, let orders):
      return "shipment \(id) appears more than once (orders "
        + orders.map(Self.quote).joined(separator: ", ") + ")"
    case .duplicateItem(let id, let orders):
      return "item \(id) appears more than once (orders "
        + orders.map(Self.quote).joined(separator: ", ") + ")"
    }
  }

  /// `text` in double quotes, cut to 60 scalars, with control, format (bidi) and separator
  /// characters written as `\u{XXXX}` so untrusted text cannot move the cursor or reorder a
  /// line when the message is printed.
  public static func quote(_ text: String) -> String {
    var out = "\""
    var n = 0
    for s in text.unicodeScalars {
      if n == 60 {
        out += "…"
        break
      }
      n += 1
      switch s.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned,
        .privateUse:
        out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
      default:
        if s == "\"" || s == "\\" { out += "\\" }
        out.unicodeScalars.append(s)
      }
    }
    return out + "\""
  }

  /// Maps a `DecodingError` to a message that names the field's path.
  init(decoding error: DecodingError) {
    func path(_ keys: [any CodingKey]) -> String {
      var p = ""
      for k in keys {
        if let i = k.intValue {
          p += "[\(i)]"
        } else {
          p += (p.isEmpty ? "" : ".") + k.stringValue
        }
      }
      return p.isEmpty ? "(document)" : p
    }
    func kind(_ type: Any.Type) -> String {
      switch type {
      case is String.Type: return "text"
      case is Int.Type, is Int64.Type: return "a whole number"
      case is Bool.Type: return "true or false"
      case is Double.Type: return "a number"
      default:
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "a list" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return name
      }
    }
    switch error {
    case .keyNotFound(let key, let ctx):
      self = .missingField(path: path(ctx.codingPath + [key]))
    case .valueNotFound(let type, let ctx):
      self = .invalidField(path: path(ctx.codingPath), reason: "is null, expected \(kind(type))")
    case .typeMismatch(let type, let ctx):
      self = .invalidField(path: path(ctx.codingPath), reason: "expected \(kind(type))")
    case .dataCorrupted(let ctx):
      if ctx.codingPath.isEmpty {
        let detail = ctx.underlyingError.map { String(describing: $0) } ?? ctx.debugDescription
        self = .notJSON(Self.quote(detail))
      } else {
        // Our own date message is already quoted; others (bad enum values) are library text.
        let reason =
          ctx.debugDescription.unicodeScalars.count > 200
          ? String(ctx.debugDescription.prefix(200)) + "…" : ctx.debugDescription
        self = .invalidField(
          path: path(ctx.codingPath),
          reason: reason.unicodeScalars.contains { $0.properties.generalCategory == .control }
            ? Self.quote(reason) : reason)
      }
    @unknown default:
      self = .notJSON("")
    }
  }
}

// MARK: - Dates

/// ISO-8601 UTC timestamps with milliseconds (`2026-11-27T07:45:00.000Z`), written and read
/// with integer arithmetic: no formatter, no locale, no calendar surprises.
public enum InterchangeDate {
  /// Milliseconds since 1970 of `date`, rounded to the nearest.
  public static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// The date at `ms` milliseconds since 1970.
  public static func date(milliseconds ms: Int64) -> Date {
    Date(timeIntervalSince1970: Double(ms) / 1000)
  }

  /// `2026-11-27T07:45:00.000Z`.
  public static func string(from date: Date) -> String {
    let ms = milliseconds(date)
    let (days, msOfDay) = floorDiv(ms, 86_400_000)
    let (y, m, d) = civil(fromDays: days)
    let h = msOfDay / 3_600_000
    let mi = msOfDay / 60_000 % 60
    let s = msOfDay / 1000 % 60
    let f = msOfDay % 1000
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
      + ".\(pad(f, 3))Z"
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z`; nil for anything else (including invalid dates).
  public static func date(from text: String) -> Date? {
    let u = Array(text.utf8)
    guard u.count >= 20, u.last == UInt8(ascii: "Z") else { return nil }
    func num(_ from: Int, _ len: Int) -> Int64? {
      guard from + len <= u.count else { return nil }
      var v: Int64 = 0
      for c in u[from..<from + len] {
        guard (48...57).contains(c) else { return nil }
        v = v * 10 + Int64(c - 48)
      }
      return v
    }
    func lit(_ at: Int, _ c: Character) -> Bool { u[at] == c.asciiValue }
    guard let y = num(0, 4), lit(4, "-"), let mo = num(5, 2), lit(7, "-"), let d = num(8, 2),
      lit(10, "T"), let h = num(11, 2), lit(13, ":"), let mi = num(14, 2), lit(16, ":"),
      let s = num(17, 2)
    else { return nil }
    var frac: Int64 = 0
    let rest = u.count - 1 - 19
    if rest > 0 {
      guard lit(19, "."), (2...4).contains(rest), let f = num(20, rest - 1) else { return nil }
      frac = f * [100, 10, 1][rest - 2]
    }
    guard (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d), h < 24, mi < 60,
      s < 60
    else { return nil }
    let days = self.days(fromCivil: y, mo, d)
    return date(milliseconds: ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + frac)
  }

  private static func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a >= 0 ? a / b : -((-a + b - 1) / b)
    return (q, a - q * b)
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
  private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
  }
}
