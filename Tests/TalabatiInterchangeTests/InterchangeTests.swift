import Foundation
import TalabatiDomain
import Testing

@testable import TalabatiInterchange

/// The JSON interchange document: canonical bytes, clear errors, validation.
@Suite("Interchange document")
struct InterchangeTests {
  static func sample() -> InterchangeDocument {
    let account = Account(id: 1, name: "نورة العتيبي", email: "noura@example.com")
    var older = Fx.order([
      Fx.shipment(
        20, [Fx.item(200, .seller, price: 4_999, cancelled: Fx.at(-86_000))], shipping: 1_500)
    ])
    older.id = "402-0000001-0000001"
    older.placedAt = Fx.at(-86_400)
    older.archivedAt = Fx.at(-3600)
    var newer = Fx.order([
      Fx.shipment(11, [Fx.item(111, .store), Fx.item(110, .store, price: 2_050, quantity: 2)]),
      Fx.shipment(10, [Fx.item(100, .seller)], startsAt: 60, shippedAt: 0.5),
    ])
    newer.shipments[0].items[0].title = "سماعات Sony WH-1000XM5 (أسود) \"إصدار\" \\ /"
    let events = [
      Event(kind: .orderPlaced, at: Fx.t0, actor: "system", orderID: newer.id, detail: "{}"),
      Event(kind: .orderPlaced, at: Fx.at(-86_400), actor: "system", orderID: older.id, detail: ""),
      Event(kind: .orderArchived, at: Fx.at(-3600), actor: "tui", orderID: older.id, detail: ""),
    ]
    return InterchangeDocument(account: account, orders: [older, newer], events: events)
  }

  static func text(_ doc: InterchangeDocument) throws -> String {
    String(decoding: try doc.encoded(), as: UTF8.self)
  }

  @Test("Encoding is canonical: orders newest first, ids sorted, keys sorted, ms UTC dates")
  func canonical() throws {
    let doc = Self.sample()
    #expect(doc.orders.map(\.id) == ["402-1234567-1234567", "402-0000001-0000001"])
    #expect(doc.orders[0].shipments.map(\.id) == [10, 11])
    #expect(doc.orders[0].shipments[1].items.map(\.id) == [110, 111])
    #expect(doc.events.map(\.at) == [Fx.at(-86_400), Fx.at(-3600), Fx.t0])
    let s = try Self.text(doc)
    #expect(s.hasPrefix("{\n  \"account\" : {\n"))
    #expect(s.hasSuffix("}\n"))
    #expect(s.contains("\"placedAt\" : \"2026-11-27T07:45:00.000Z\""))
    #expect(s.contains("\"shippedAt\" : \"2026-11-27T07:45:00.500Z\""))
    #expect(s.contains("\"unitPrice\" : {\n"))
    #expect(s.contains("\"currency\" : \"SAR\",\n") && s.contains("\"minor\" : 2050\n"))
    #expect(s.contains("سماعات Sony WH-1000XM5 (أسود) \\\"إصدار\\\" \\\\ /"))
    #expect(!s.contains("\"archivedAt\" : null"))
  }

  @Test("Round trip: encode → decode → encode gives the same bytes")
  func roundTrip() throws {
    let first = try Self.sample().encoded()
    let doc = try InterchangeDocument.decode(first)
    #expect(doc == Self.sample())
    #expect(try doc.encoded() == first)
  }

  @Test("Dates: ISO-8601 UTC with milliseconds, both ways, leap days and bad dates")
  func dates() {
    #expect(InterchangeDate.string(from: Fx.t0) == "2026-11-27T07:45:00.000Z")
    #expect(
      InterchangeDate.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(
      InterchangeDate.string(from: Date(timeIntervalSince1970: -0.001))
        == "1969-12-31T23:59:59.999Z")
    #expect(InterchangeDate.date(from: "2024-02-29T23:59:59.999Z") != nil)
    let leap = InterchangeDate.date(from: "2024-02-29T12:00:00.250Z")
    #expect(leap.map(InterchangeDate.string(from:)) == "2024-02-29T12:00:00.250Z")
    #expect(InterchangeDate.date(from: "2026-11-27T07:45:00Z") == Fx.t0)
    #expect(InterchangeDate.date(from: "2026-11-27T07:45:00.5Z") == Fx.at(0.5))
    for bad in [
      "2023-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-27T24:00:00.000Z",
      "2026-11-27T07:45:00.000", "2026-11-27 07:45:00.000Z", "2026-11-27T07:45:00.0000Z",
      "2026-11-27T07:45:00+03:00", "", "yesterday",
    ] {
      #expect(InterchangeDate.date(from: bad) == nil, "\(bad)")
    }
  }

  // MARK: Errors

  static func error(_ json: String) -> InterchangeError? {
    do {
      _ = try InterchangeDocument.decode(Data(json.utf8))
      return nil
    } catch let e as InterchangeError {
      return e
    } catch {
      return nil
    }
  }

  /// The sample's JSON with one textual replacement applied.
  static func sampleJSON(replacing a: String, with b: String) throws -> String {
    let s = try text(sample())
    #expect(s.contains(a), "fixture lacks \(a)")
    return s.replacingOccurrences(of: a, with: b)
  }

  @Test("Not JSON, or not an object, is said plainly")
  func notJSON() {
    let e = Self.error("{\"format\": ")
    #expect(e?.description.hasPrefix("not a JSON document") == true)
    if case .notJSON = e {} else { Issue.record("expected notJSON, got \(String(describing: e))") }
    #expect(Self.error("[1, 2]")?.description == "invalid field (document): expected an object")
  }

  @Test("A wrong format name or version is named before any other field")
  func formatAndVersion() throws {
    let wrong = try Self.sampleJSON(replacing: "\"talabati-orders\"", with: "\"amazon-orders\"")
    #expect(Self.error(wrong) == .wrongFormat(found: "amazon-orders"))
    #expect(
      Self.error(wrong)?.description
        == "wrong format \"amazon-orders\" (expected \"talabati-orders\")")
    let v2 = try Self.sampleJSON(replacing: "\"version\" : 1", with: "\"version\" : 2")
    #expect(Self.error(v2)?.description == "unsupported version 2 (supported: 1)")
    #expect(Self.error("{\"version\": 1}") == .missingField(path: "format"))
    #expect(Self.error("{\"format\": \"talabati-orders\"}") == .missingField(path: "version"))
    #expect(
      Self.error("{\"format\": \"talabati-orders\", \"version\": \"1\"}")
        == .invalidField(path: "version", reason: "expected a whole number"))
  }

  @Test("A missing or mistyped field is reported at its path, on one line")
  func fieldPaths() throws {
    let noTitle = try Self.sampleJSON(replacing: "\"title\" : \"سلعة 110\",", with: "")
    #expect(Self.error(noTitle) == .missingField(path: "orders[0].shipments[1].items[0].title"))
    let badQty = try Self.sampleJSON(replacing: "\"quantity\" : 2", with: "\"quantity\" : \"two\"")
    let e = Self.error(badQty)
    #expect(
      e
        == .invalidField(
          path: "orders[0].shipments[1].items[0].quantity", reason: "expected a whole number"))
    let badDate = try Self.sampleJSON(
      replacing: "\"2026-11-27T07:45:00.500Z\"", with: "\"27/11/2026\"")
    #expect(
      Self.error(badDate)?.description
        == "invalid field orders[0].shipments[0].timeline.shippedAt: expected an ISO-8601 UTC "
        + "time like 2026-11-27T07:45:00.000Z, got \"27/11/2026\"")
    let badEnum = try Self.sampleJSON(
      replacing: "\"fulfilment\" : \"seller\"", with: "\"fulfilment\" : \"drone\"")
    if case .invalidField(let path, _) = Self.error(badEnum) {
      #expect(path == "orders[0].shipments[0].items[0].fulfilment")
    } else {
      Issue.record("expected invalidField")
    }
    for e in [Self.error(noTitle), Self.error(badQty), Self.error(badDate), Self.error(badEnum)] {
      #expect(e?.description.contains("\n") == false)
    }
  }

  // MARK: Validation

  @Test("Validation: an item in two orders, duplicate orders, negative prices, empty orders")
  func validation() throws {
    var doc = Self.sample()
    doc.orders[1].shipments[0].items[0].id = 100  // also in the newer order
    #expect(
      throws: InterchangeError.duplicateItem(
        100, orders: ["402-1234567-1234567", "402-0000001-0000001"])
    ) {
      try InterchangeDocument.decode(try doc.encoded())
    }

    doc = Self.sample()
    doc.orders[1].id = doc.orders[0].id
    #expect(throws: InterchangeError.duplicateOrder("402-1234567-1234567")) { try doc.validate() }

    doc = Self.sample()
    doc.orders[0].shipments[1].items[0].unitPrice.minor = -1
    #expect(
      throws: InterchangeError.invalidField(
        path: "orders[0].shipments[1].items[0].unitPrice.minor", reason: "must not be negative")
    ) { try doc.validate() }

    doc = Self.sample()
    doc.orders[0].shipments[1].shippingCharge.currency = "USD"
    #expect(
      throws: InterchangeError.invalidField(
        path: "orders[0].shipments[1].shippingCharge.currency",
        reason: "differs from the order's currency SAR")
    ) { try doc.validate() }

    doc = Self.sample()
    doc.orders[1].shipments = []
    #expect(
      throws: InterchangeError.invalidField(
        path: "orders[1].shipments", reason: "must not be empty")
    ) { try doc.validate() }

    doc = Self.sample()
    doc.orders[0].shipments[0].items = []
    #expect(
      throws: InterchangeError.invalidField(
        path: "orders[0].shipments[0].items", reason: "must not be empty")
    ) { try doc.validate() }

    doc = Self.sample()
    doc.orders[0].shipments[0].items[0].quantity = 0
    #expect(throws: InterchangeError.self) { try doc.validate() }

    doc = Self.sample()
    doc.events.append(Event(kind: .orderPlaced, at: Fx.t0, actor: "x", orderID: "nope", detail: ""))
    #expect(throws: InterchangeError.self) { try doc.validate() }

    doc = Self.sample()
    doc.orders[0].accountID = 2
    #expect(throws: InterchangeError.self) { try doc.validate() }

    #expect(throws: Never.self) { try Self.sample().validate() }
  }

  @Test("Untrusted text in an error message is quoted with control and bidi characters escaped")
  func quoting() {
    let e = InterchangeError.wrongFormat(found: "x\u{1B}[2J\u{202E}y\"")
    #expect(
      e.description == "wrong format \"x\\u{1B}[2J\\u{202E}y\\\"\" (expected \"talabati-orders\")")
    #expect(InterchangeError.quote(String(repeating: "ب", count: 100)).count == 63)
  }
}

/// The optional sections: returns and replacements (R11–R16), imported refunds (issue 6),
/// call-backs (R21) and closure requests (R27–R29).
@Suite("Interchange sections")
struct InterchangeSectionTests {
  static let newer = "402-1234567-1234567"
  static let older = "402-0000001-0000001"

  /// The sample of `InterchangeTests` plus a replacement order and one of each section.
  static func sample() -> InterchangeDocument {
    var doc = InterchangeTests.sample()
    var replacement = Fx.order([Fx.shipment(30, [Fx.item(300, .store, price: 0)])])
    replacement.id = "RPL-0000002"
    replacement.placedAt = Fx.at(7200)
    doc.orders.append(replacement)
    let card = PaymentMethod(kind: .mada, last4: "4242")
    doc.returns = [
      ReturnRecord(
        rma: "RMA-0000002", orderID: newer, accountID: 1, reason: .damaged,
        resolution: .replacement,
        lines: [
          ReturnLine(itemID: 111, title: "سماعات", quantity: 1, amount: Fx.sar(11_500))
        ],
        itemsValue: Fx.sar(11_500), paymentMethod: card,
        timeline: .planned(from: Fx.at(7200)), replacementOrderID: "RPL-0000002"),
      ReturnRecord(
        rma: "RMA-0000001", orderID: newer, accountID: 1, reason: .noLongerNeeded,
        resolution: .refund,
        lines: [ReturnLine(itemID: 110, title: "سلعة 110", quantity: 2, amount: Fx.sar(4_100))],
        itemsValue: Fx.sar(4_100), paymentMethod: card,
        timeline: ReturnTimeline(initiatedAt: Fx.at(3600), dropOffBy: Fx.at(90_000))),
    ]
    doc.importedRefunds = [
      .init(orderID: older, amount: Fx.sar(4_999), refundedAt: Fx.at(-3000), occurrence: 1),
      .init(orderID: older, amount: Fx.sar(4_999), refundedAt: Fx.at(-3000)),
    ]
    doc.callbacks = [
      CallbackRequest(
        id: 4, accountID: 1, orderID: nil, phone: "0501234567", at: Fx.at(7200),
        requestedAt: Fx.at(60), cancelledAt: Fx.at(120)),
      CallbackRequest(
        id: 3, accountID: 1, orderID: newer, phone: "+966501234567", at: Fx.at(3600),
        requestedAt: Fx.t0),
    ]
    doc.closures = [
      AccountClosure(
        accountID: 1, reason: .privacy, requestedAt: Fx.at(600), effectiveAt: Fx.at(605_400)),
      AccountClosure(
        accountID: 1, reason: .other, requestedAt: Fx.at(-500), effectiveAt: Fx.at(604_300),
        withdrawnAt: Fx.at(-400)),
    ]
    doc.canonicalise()
    return doc
  }

  @Test("Sections round-trip byte-identically, each in its canonical order")
  func roundTrip() throws {
    let doc = Self.sample()
    #expect(doc.returns.map(\.rma) == ["RMA-0000001", "RMA-0000002"])  // by request time
    #expect(doc.importedRefunds.map(\.occurrence) == [0, 1])
    #expect(doc.callbacks.map(\.id) == [3, 4])
    #expect(doc.closures.map(\.reason) == [.other, .privacy])
    #expect(throws: Never.self) { try doc.validate() }
    let bytes = try doc.encoded()
    let back = try InterchangeDocument.decode(bytes)
    #expect(back == doc)
    #expect(try back.encoded() == bytes)
    let s = String(decoding: bytes, as: UTF8.self)
    #expect(s.contains("\"replacementOrderID\" : \"RPL-0000002\""))
    #expect(s.contains("\"importedRefunds\" : ["))
    #expect(s.contains("\"dropOffBy\" : \"2026-11-28T08:45:00.000Z\""))
  }

  @Test("A document without the sections is written and read exactly as before")
  func emptySectionsAreLeftOut() throws {
    let s = String(decoding: try InterchangeTests.sample().encoded(), as: UTF8.self)
    for key in ["returns", "importedRefunds", "callbacks", "closures"] {
      #expect(!s.contains("\"\(key)\""), "\(key) written while empty")
    }
  }

  /// A version-1 document as builds before the sections wrote it (no returns, refunds,
  /// call-backs or closures; `null` for an absent optional, which readers accept).
  static let oldDocument = """
    {
      "account" : {"email" : "noura@example.com", "id" : 1, "language" : "ar",
                   "name" : "نورة", "timeZone" : "Asia/Riyadh"},
      "events" : [{"actor" : "system", "at" : "2026-11-27T07:45:00Z",
                   "detail" : "", "kind" : "order-placed", "orderID" : "402-1111111-1111111"}],
      "format" : "talabati-orders",
      "orders" : [{
        "accountID" : 1, "archivedAt" : null, "id" : "402-1111111-1111111", "imported" : false,
        "paymentMethod" : {"kind" : "mada", "last4" : "4242"},
        "placedAt" : "2026-11-27T07:45:00.000Z",
        "shipments" : [{
          "carrier" : "SMSA", "id" : 7, "trackingNumber" : "",
          "shippingCharge" : {"currency" : "SAR", "minor" : 0},
          "timeline" : {"placedAt" : "2026-11-27T07:45:00.000Z"},
          "items" : [{
            "category" : "books", "fulfilment" : "store", "id" : 70, "quantity" : 1,
            "seller" : {"id" : "amazon", "name" : "Amazon.sa"}, "title" : "كتاب",
            "unitPrice" : {"currency" : "SAR", "minor" : 4500}, "vatRateBasisPoints" : 1500
          }]
        }]
      }],
      "version" : 1
    }
    """

  @Test("A literal document written before the sections still decodes, with none of them")
  func oldDocumentDecodes() throws {
    let doc = try InterchangeDocument.decode(Data(Self.oldDocument.utf8))
    #expect(doc.orders.map(\.id) == ["402-1111111-1111111"])
    #expect(doc.events.count == 1)
    #expect(doc.returns.isEmpty && doc.importedRefunds.isEmpty)
    #expect(doc.callbacks.isEmpty && doc.closures.isEmpty)
    // `null` sections read as absent too.
    let nulls = Self.oldDocument.replacingOccurrences(
      of: "\"version\" : 1", with: "\"version\" : 1, \"returns\" : null, \"callbacks\" : null")
    #expect(try InterchangeDocument.decode(Data(nulls.utf8)).returns.isEmpty)
  }

  /// The error `doc` is refused with, or nil.
  static func refusal(_ doc: InterchangeDocument) -> InterchangeError? {
    do {
      try doc.validate()
      return nil
    } catch {
      return error as? InterchangeError
    }
  }

  @Test("A return naming an item of another order, or no item, is refused at its path (R11)")
  func returnItemsBelongToTheirOrder() {
    var doc = Self.sample()
    doc.returns[0].lines[0].itemID = 200  // an item of the older order
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[0].lines[0].itemID",
          reason: "item 200 is not part of order \"402-1234567-1234567\""))
    doc = Self.sample()
    doc.returns[1].lines[0].itemID = 110  // already in RMA-0000001
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[1].lines[0].itemID",
          reason: "item 110 is already in return \"RMA-0000001\""))
    doc = Self.sample()
    doc.returns[0].lines = []
    #expect(
      Self.refusal(doc) == .invalidField(path: "returns[0].lines", reason: "must not be empty"))
    doc = Self.sample()
    doc.returns[0].lines[0].quantity = 3  // 2 were ordered
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[0].lines[0].quantity", reason: "must be between 1 and the 2 ordered"))
    doc = Self.sample()
    doc.returns[0].orderID = "402-9999999-9999999"
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[0].orderID",
          reason: "names order \"402-9999999-9999999\", not in this document"))
  }

  @Test("Return amounts: never negative, one currency, and the value is what the lines add to")
  func returnAmounts() {
    var doc = Self.sample()
    doc.returns[0].lines[0].amount.minor = -4_100
    #expect(
      Self.refusal(doc)
        == .invalidField(path: "returns[0].lines[0].amount.minor", reason: "must not be negative"))
    doc = Self.sample()
    doc.returns[1].itemsValue.currency = "USD"
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[1].itemsValue.currency", reason: "differs from the order's currency SAR"))
    doc = Self.sample()
    doc.returns[0].itemsValue.minor = 9_999  // R15: the refund shown must match the lines
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[0].itemsValue.minor", reason: "is 9999, its lines add up to 4100"))
  }

  @Test("RMAs are unique; a replacement names an order of the document, a refund none (R13)")
  func rmaAndReplacement() {
    var doc = Self.sample()
    doc.returns[1].rma = "RMA-0000001"
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[1].rma", reason: "return \"RMA-0000001\" appears more than once"))
    doc = Self.sample()
    doc.returns[1].rma = "RMA 2\u{202E}"
    #expect(
      Self.refusal(doc)?.description
        == "invalid field returns[1].rma: must be 1–64 ASCII letters, digits, - _ . "
        + "(got \"RMA 2\\u{202E}\")")
    doc = Self.sample()
    doc.orders.removeAll { $0.id == "RPL-0000002" }
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[1].replacementOrderID",
          reason: "names order \"RPL-0000002\", not in this document"))
    doc = Self.sample()
    doc.returns[1].replacementOrderID = nil
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[1].replacementOrderID",
          reason: "missing: a replacement names its order"))
    doc = Self.sample()
    doc.returns[0].replacementOrderID = "RPL-0000002"
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "returns[0].replacementOrderID", reason: "a refund has no replacement order"))
  }

  @Test("Imported refunds, call-backs and closures are checked against the document")
  func otherSections() {
    var doc = Self.sample()
    doc.importedRefunds[0].amount.currency = "EUR"
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "importedRefunds[0].amount.currency",
          reason: "differs from the order's currency SAR"))
    doc = Self.sample()
    doc.importedRefunds[1].occurrence = 0
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "importedRefunds[1]", reason: "the same refund appears more than once"))
    doc = Self.sample()
    doc.callbacks[0].phone = "call me\u{1B}[2J"
    #expect(
      Self.refusal(doc)?.description
        == "invalid field callbacks[0].phone: must be 7–15 digits with an optional leading + "
        + "(got \"call me\\u{1B}[2J\")")
    doc = Self.sample()
    doc.callbacks[1].id = 3
    #expect(
      Self.refusal(doc)
        == .invalidField(path: "callbacks[1].id", reason: "call-back 3 appears more than once"))
    doc = Self.sample()
    doc.closures[0].withdrawnAt = nil  // R29: two pending closures
    #expect(
      Self.refusal(doc)?.description.hasPrefix("invalid field closures[1]: a second pending")
        == true)
    doc = Self.sample()
    doc.closures[1].erasedAt = Fx.at(700_000)
    #expect(
      Self.refusal(doc)
        == .invalidField(
          path: "closures[1].erasedAt", reason: "an erased account cannot be imported (R29)"))
  }

  @Test("A mistyped field inside a section is reported at its path")
  func sectionFieldPaths() throws {
    let s = String(decoding: try Self.sample().encoded(), as: UTF8.self)
    let bad = s.replacingOccurrences(of: "\"resolution\" : \"refund\"", with: "\"resolution\" : 1")
    #expect(bad != s)
    #expect(
      InterchangeTests.error(bad)
        == .invalidField(path: "returns[0].resolution", reason: "expected text"))
    let missing = s.replacingOccurrences(of: "\"rma\" : \"RMA-0000001\",", with: "")
    #expect(InterchangeTests.error(missing) == .missingField(path: "returns[0].rma"))
  }
}
