import Foundation
import GRDB
import TalabatiDomain
import Testing

@testable import TalabatiStore

/// Export and import through the store: byte-identical round trips, all-or-nothing imports.
@Suite("Interchange with the store")
struct InterchangeStoreTests {
  static let now = Date(timeIntervalSince1970: 1_795_765_500)

  /// A store with the demo's first `count` orders, one cancellation and one archive on top.
  static func demoStore(count: Int = 60) throws -> (AppDatabase, Account) {
    let db = try AppDatabase.inMemory()
    let account = try DemoGenerator.populate(
      db, orders: count, seed: DemoGenerator.defaultSeed, now: now)
    let gen = DemoGenerator(seed: DemoGenerator.defaultSeed, now: now, totalOrders: count)
    // R3: the newest order's seller item is still inside its window.
    _ = try db.cancel(
      .items([gen.order(at: 0).items[0].id]), in: gen.order(at: 0).id, account: account.id,
      reason: .foundCheaper, at: now, actor: "tui")
    _ = try db.archive(order: gen.order(at: 13).id, account: account.id, at: now, actor: "tui")
    return (db, account)
  }

  /// Row counts of every table an import writes: what "unchanged" means.
  static func counts(_ db: AppDatabase) throws -> [String: Int] {
    try db.writer.read { d in
      var out: [String: Int] = [:]
      for table in ["account", "\"order\"", "shipment", "item", "seller", "event", "order_search"] {
        out[table] = try Int.fetchOne(d, sql: "SELECT count(*) FROM \(table)") ?? -1
      }
      return out
    }
  }

  @Test("Return, replacement and support events round-trip; older message-sent rows import")
  func returnAndSupportEventsRoundTrip() throws {
    let (a, account) = try Self.demoStore(count: 40)
    // A return and a replacement of delivered items, a call-back, a seller message, a fraud
    // report: every new event kind a shopper can cause from one order.
    var returned = 0
    let page = try a.orders(
      account: account.id, view: .orders, limit: 40, after: nil, now: Self.now)
    for row in page.rows where returned < 2 {
      let ctx = try a.returnContext(order: row.id, account: account.id, at: Self.now)
      guard let item = ctx.eligibility.first(where: \.returnable) else { continue }
      try a.requestReturn(
        items: [item.itemID], in: row.id, account: account.id, reason: .damaged,
        resolution: returned == 0 ? .refund : .replacement, at: Self.now, actor: "tui")
      returned += 1
    }
    #expect(returned == 2, "the demo has returnable items")
    let order = page.rows[0].id
    try a.requestCallback(
      account: account.id, at: Self.now.addingTimeInterval(3600), phone: "0501234567",
      order: order, now: Self.now, actor: "tui")
    try a.reportFraud(account: account.id, text: "fake SMS", url: nil, now: Self.now, actor: "tui")
    let first = try a.exportDocument(account: account.id).encoded()
    let doc = try InterchangeDocument.decode(first)
    let kinds = Set(doc.events.map(\.kind))
    #expect(
      kinds.isSuperset(of: [
        .returnRequested, .replacementRequested, .callbackRequested, .fraudReported,
      ]))

    let b = try AppDatabase.inMemory()
    let report = try b.importDocument(doc, actor: "test")
    #expect(report.events == doc.events.count)
    #expect(try b.exportDocument(account: report.account).encoded() == first)

    // A document written before these kinds: its rows are `message-sent` with the kind in
    // the detail. It still decodes and imports, and the seller message in it is listed.
    var old = try InterchangeDocument.decode(first)
    let seller = try #require(
      old.orders.flatMap { o in o.items.map { (o.id, $0) } }.first { $0.1.fulfilment == .seller })
    old.events = old.events.filter {
      $0.kind.rawValue.hasPrefix("order-") || $0.kind == .itemsCancelled
    }
    old.events.append(
      Event(
        kind: .messageSent, at: Self.now, actor: "cli", orderID: seller.0,
        detail:
          #"{"item":"\#(seller.1.id)","kind":"seller-message","message":"hello","seller":"x"}"#))
    let c = try AppDatabase.inMemory()
    let oldReport = try c.importDocument(
      try InterchangeDocument.decode(try old.encoded()), actor: "test")
    #expect(oldReport.events == old.events.count)
    #expect(
      try c.sellerMessages(order: seller.0, account: oldReport.account).map(\.message)
        == ["hello"])
  }

  @Test("Round trip: export → import into an empty store → export gives the same bytes")
  func roundTrip() throws {
    let (a, account) = try Self.demoStore()
    let first = try a.exportDocument(account: account.id).encoded()
    let doc = try InterchangeDocument.decode(first)
    #expect(doc.orders.count == 60)
    #expect(doc.events.contains { $0.kind == .itemsCancelled })
    #expect(doc.orders.contains { $0.isArchived })

    let b = try AppDatabase.inMemory()
    let report = try b.importDocument(doc, actor: "test")
    #expect(report.imported == 60 && report.skipped.isEmpty && report.accountCreated)
    #expect(report.events == doc.events.count)
    let second = try b.exportDocument(account: report.account).encoded()
    #expect(second == first)
    // And the imported store answers like the original one.
    let pageA = try a.orders(
      account: account.id, view: .orders, limit: 20, after: nil, now: Self.now)
    let pageB = try b.orders(
      account: report.account, view: .orders, limit: 20, after: nil, now: Self.now)
    #expect(pageA == pageB)
  }

  @Test("Importing the same document again skips every order and changes nothing")
  func idempotent() throws {
    let (a, account) = try Self.demoStore(count: 45)
    let doc = try a.exportDocument(account: account.id)
    let before = try Self.counts(a)
    let report = try a.importDocument(doc, actor: "test")
    #expect(report.account == account.id)
    #expect(!report.accountCreated)
    #expect(report.imported == 0)
    #expect(report.skipped == doc.orders.map(\.id))
    #expect(report.events == 0)
    #expect(try Self.counts(a) == before)
  }

  @Test("An account with the same e-mail receives the orders; another gets a new account")
  func accountMapping() throws {
    let gen = DemoGenerator(seed: 9, now: Self.now)
    let doc = InterchangeDocument(
      account: gen.account(), orders: gen.orders(count: 5), events: [])
    let db = try AppDatabase.inMemory()
    try db.createAccount(Account(id: 1, name: "Omar", email: "omar@example.com"), at: Self.now)
    try db.createAccount(
      Account(id: 7, name: "Noura", email: "NOURA@example.com", language: .en), at: Self.now)
    let report = try db.importDocument(doc, actor: "test")
    #expect(report.account == 7 && !report.accountCreated && report.imported == 5)
    #expect(try db.orderCount(account: 7, view: .all) == 5)
    #expect(try db.orderCount(account: 1, view: .all) == 0)

    var stranger = doc
    stranger.account.email = "huda@example.com"
    // Demo ids derive from the order index, so take other indices (ids must not collide).
    stranger.orders = DemoGenerator(seed: 10, now: Self.now).orders(count: 2, startingAt: 5_000)
    let second = try db.importDocument(stranger, actor: "test")
    #expect(second.accountCreated && second.account == 8)  // id 1 was taken
    #expect(try db.account(8).email == "huda@example.com")
  }

  // MARK: Errors leave the store unchanged

  /// Decodes and imports like `talabati import` does.
  static func importFile(_ data: Data, into db: AppDatabase) throws -> ImportReport {
    try db.importDocument(try InterchangeDocument.decode(data), actor: "cli")
  }

  @Test("Malformed JSON, wrong format, wrong version, missing field: an error, store untouched")
  func decodeErrors() throws {
    let (db, account) = try Self.demoStore(count: 41)
    let good = String(decoding: try db.exportDocument(account: account.id).encoded(), as: UTF8.self)
    let before = try Self.counts(db)
    let exported = try db.exportDocument(account: account.id).encoded()
    let cases: [(String, String)] = [
      (String(good.dropLast(40)), "not a JSON document"),
      (good.replacingOccurrences(of: "\"talabati-orders\"", with: "\"orders\""), "wrong format"),
      (
        good.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 9"),
        "unsupported version 9 (supported: 1)"
      ),
      (
        good.replacingOccurrences(of: "\"trackingNumber\" : \"\"", with: "\"tracking\" : \"\""),
        "missing field orders[0].shipments[0].trackingNumber"
      ),
    ]
    for (text, message) in cases {
      #expect(text != good)
      do {
        _ = try Self.importFile(Data(text.utf8), into: db)
        Issue.record("imported a bad document: \(message)")
      } catch let e as InterchangeError {
        #expect(e.description.hasPrefix(message), "\(e)")
      }
      #expect(try Self.counts(db) == before)
    }
    #expect(try db.exportDocument(account: account.id).encoded() == exported)
  }

  @Test("A conflict found mid-import rolls back the orders already written (all or nothing)")
  func rollback() throws {
    let (db, account) = try Self.demoStore(count: 41)
    let before = try Self.counts(db)
    // Two new orders; the second reuses an item id of a stored order: refused by the store.
    let foreign = DemoGenerator(seed: 99, now: Self.now)
    var first = foreign.order(at: 100_000)
    var second = foreign.order(at: 100_001)
    first.accountID = 1
    second.accountID = 1
    second.shipments[0].items[0].id =
      DemoGenerator(seed: DemoGenerator.defaultSeed, now: Self.now)
      .order(at: 20).items[0].id
    let doc = InterchangeDocument(
      account: try db.account(account.id), orders: [first, second],
      events: [
        Event(kind: .orderImported, at: Self.now, actor: "x", orderID: first.id, detail: "{}")
      ])
    #expect(throws: StoreError.self) { try db.importDocument(doc, actor: "test") }
    #expect(try Self.counts(db) == before)
    #expect(throws: StoreError.notFound(what: "order \(first.id)")) {
      try db.order(first.id, account: account.id)
    }
  }

  @Test("An order number that belongs to another account refuses the whole import")
  func foreignOrderNumber() throws {
    let (db, account) = try Self.demoStore(count: 41)
    try db.createAccount(Account(id: 50, name: "Omar", email: "omar@example.com"), at: Self.now)
    var doc = try db.exportDocument(account: account.id)
    doc.account = Account(id: 50, name: "Omar", email: "omar@example.com")
    for i in doc.orders.indices { doc.orders[i].accountID = 50 }
    doc.events = []
    let before = try Self.counts(db)
    #expect(throws: StoreError.self) { try db.importDocument(doc, actor: "test") }
    #expect(try Self.counts(db) == before)
  }

  // MARK: The documented example

  static let exampleURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples/orders.json")

  /// The example of `docs/interchange.md`: the demo's showcase orders 0, 3, 5, 10, 15, 16 and
  /// 18 (seed `defaultSeed`, now 2026-11-27T07:45:00Z) exported with their events.
  static func example() throws -> InterchangeDocument {
    let (db, account) = try Self.demoStore(count: 40)
    var doc = try db.exportDocument(account: account.id)
    let gen = DemoGenerator(seed: DemoGenerator.defaultSeed, now: now)
    let keep = Set([0, 3, 5, 10, 15, 16, 18].map { gen.orderNumber(at: $0) })
    doc.orders = doc.orders.filter { keep.contains($0.id) }
    doc.events = doc.events.filter { $0.orderID.map(keep.contains) ?? true }
    return doc
  }

  @Test("docs/examples/orders.json decodes, and is what the demo exports today")
  func example() throws {
    let expected = try Self.example().encoded()
    if ProcessInfo.processInfo.environment["TALABATI_WRITE_EXAMPLES"] == "1" {
      try expected.write(to: Self.exampleURL)
    }
    let data = try Data(contentsOf: Self.exampleURL)
    let doc = try InterchangeDocument.decode(data)
    #expect(doc.orders.count == 7)
    #expect(try doc.encoded() == data, "the example is not canonical")
    #expect(
      data == expected,
      "docs/examples/orders.json is stale: rerun with TALABATI_WRITE_EXAMPLES=1")
    let db = try AppDatabase.inMemory()
    #expect(try db.importDocument(doc, actor: "test").imported == 7)
  }
}
