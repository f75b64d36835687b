import Foundation
import Testing

@testable import TalabatiDomain

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
