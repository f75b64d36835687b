import Foundation
import GRDB
import TalabatiDomain
import TalabatiInterchange
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
      for table in [
        "account", "\"order\"", "shipment", "item", "seller", "event", "order_search",
        "return_request", "return_item", "imported_refund", "callback", "account_closure",
      ] {
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

  @Test("R29: a new account never takes the id of an erased one, nor its closure history")
  func erasedAccountIdIsNotReused() throws {
    let db = try AppDatabase.inMemory()
    let gen = DemoGenerator(seed: 9, now: Self.now)
    var first = gen.account()
    first.email = "leaving@example.com"
    let doc = InterchangeDocument(account: first, orders: gen.orders(count: 2), events: [])
    let leaving = try db.importDocument(doc, actor: "test", at: Self.now).account
    try db.requestClosure(account: leaving, reason: .privacy, now: Self.now, actor: "test")
    let erased = try db.applyDueClosures(now: Self.now.addingTimeInterval(8 * 86_400))
    #expect(erased.erased == [leaving])

    // Someone else's document, with the same account id as the erased one.
    var other = InterchangeDocument(
      account: first, orders: DemoGenerator(seed: 10, now: Self.now).orders(count: 1), events: [])
    other.account.email = "newcomer@example.com"
    let report = try db.importDocument(other, actor: "test", at: Self.now)
    #expect(report.accountCreated)
    #expect(report.account != leaving, "the erased account's id was handed out again")
    #expect(try db.closure(account: report.account) == nil, "inherited a closure")
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

  // MARK: Returns, imported refunds, call-backs and closures

  /// A demo store with a refund return and a replacement (R11–R16), two imported refunds
  /// (issue 6), a pending and a cancelled call-back (R21), a withdrawn and a pending closure
  /// (R27–R29).
  static func storeWithSections(count: Int = 40) throws -> (AppDatabase, Account) {
    let (db, account) = try Self.demoStore(count: count)
    var returned = 0
    let page = try db.orders(
      account: account.id, view: .orders, limit: count, after: nil, now: now)
    var refundOrder: OrderID?
    for row in page.rows where returned < 2 {
      let ctx = try db.returnContext(order: row.id, account: account.id, at: now)
      guard let item = ctx.eligibility.first(where: \.returnable) else { continue }
      try db.requestReturn(
        items: [item.itemID], in: row.id, account: account.id, reason: .damaged,
        resolution: returned == 0 ? .refund : .replacement, at: now, actor: "tui")
      returned += 1
      refundOrder = refundOrder ?? row.id
    }
    #expect(returned == 2, "the demo has returnable items")
    let order = try #require(refundOrder)
    let r = try db.insertImportedRefunds(
      [
        ImportedRefund(
          orderID: order, amount: Money(minor: 1_999, currency: "SAR"),
          refundedAt: now.addingTimeInterval(-86_400)),
        ImportedRefund(
          orderID: order, amount: Money(minor: 1_999, currency: "SAR"),
          refundedAt: now.addingTimeInterval(-86_400), occurrence: 1),
      ], account: account.id)
    #expect(r.inserted == 2)
    try db.requestCallback(
      account: account.id, at: now.addingTimeInterval(3600), phone: "050 123 4567",
      order: order, now: now, actor: "tui")
    let cancelled = try db.requestCallback(
      account: account.id, at: now.addingTimeInterval(7200), phone: "+966501234567",
      order: nil, now: now, actor: "cli")
    try db.cancelCallback(
      id: cancelled.id, account: account.id, now: now.addingTimeInterval(60), actor: "cli")
    try db.requestClosure(account: account.id, reason: .privacy, now: now, actor: "tui")
    try db.withdrawClosure(account: account.id, now: now.addingTimeInterval(60), actor: "tui")
    try db.requestClosure(
      account: account.id, reason: .noLongerNeeded, now: now.addingTimeInterval(120),
      actor: "tui")
    return (db, account)
  }

  @Test("Returns, a replacement, imported refunds, call-backs and closures round-trip exactly")
  func sectionsRoundTrip() throws {
    let (a, account) = try Self.storeWithSections()
    let first = try a.exportDocument(account: account.id).encoded()
    let doc = try InterchangeDocument.decode(first)
    #expect(doc.returns.map(\.resolution) == [.refund, .replacement])
    #expect(doc.importedRefunds.count == 2 && doc.callbacks.count == 2)
    #expect(doc.closures.map { $0.withdrawnAt == nil } == [false, true])

    let b = try AppDatabase.inMemory()
    let report = try b.importDocument(doc, actor: "test", at: Self.now)
    #expect(report.returns == 2 && report.importedRefunds == 2 && report.callbacks == 2)
    #expect(report.closures == 2 && report.closuresNotImported == 0)
    #expect(try b.exportDocument(account: report.account).encoded() == first)

    // The new store answers what the shopper sees like the old one (R14, R15, R21, R29).
    #expect(try b.returns(account: report.account) == a.returns(account: account.id))
    let rma = doc.returns[1].rma
    #expect(
      try b.returnRecord(rma: rma, account: report.account).replacementOrderID
        == doc.returns[1].replacementOrderID)
    #expect(try b.callbacks(account: report.account) == a.callbacks(account: account.id))
    #expect(try b.closure(account: report.account) == a.closure(account: account.id))
    let refunded = doc.importedRefunds[0].orderID
    #expect(
      try b.importedRefunds(order: refunded, account: report.account)
        == a.importedRefunds(order: refunded, account: account.id))
    // Returned items stay returned: the same item cannot be returned twice (R11).
    let ctx = try b.returnContext(
      order: doc.returns[0].orderID, account: report.account, at: Self.now)
    #expect(ctx.returned.contains(doc.returns[0].lines[0].itemID))

    // The next RMA the new store allocates repeats none of the imported ones (R13).
    let page = try b.orders(
      account: report.account, view: .orders, limit: 40, after: nil, now: Self.now)
    var next: ReturnRecord?
    for row in page.rows where next == nil {
      let c = try b.returnContext(order: row.id, account: report.account, at: Self.now)
      guard let item = c.eligibility.first(where: \.returnable) else { continue }
      next = try b.requestReturn(
        items: [item.itemID], in: row.id, account: report.account, reason: .other,
        resolution: .replacement, at: Self.now, actor: "test")
    }
    let fresh = try #require(next)
    #expect(!doc.returns.map(\.rma).contains(fresh.rma))
    #expect(fresh.rma == "RMA-0000003")
    #expect(fresh.replacementOrderID.map { id in !doc.orders.contains { $0.id == id } } == true)

    // Importing the same document again adds nothing.
    let again = try b.importDocument(doc, actor: "test", at: Self.now)
    #expect(again.returns == 0 && again.importedRefunds == 0 && again.callbacks == 0)

    // Imported RMA numbers stay ahead of the store's own: after RMA-0000005 and RMA-0000006
    // the next one is RMA-0000007, so no later return ever collides with an imported one.
    var renamed = doc
    renamed.returns[0].rma = "RMA-0000005"
    renamed.returns[1].rma = "RMA-0000006"
    let c = try AppDatabase.inMemory()
    let rc = try c.importDocument(renamed, actor: "test", at: Self.now)
    let item = try #require(
      try c.returnContext(order: fresh.orderID, account: rc.account, at: Self.now)
        .eligibility.first(where: \.returnable))
    let later = try c.requestReturn(
      items: [item.itemID], in: fresh.orderID, account: rc.account, reason: .other,
      resolution: .refund, at: Self.now, actor: "test")
    #expect(later.rma == "RMA-0000007")
  }

  @Test("A return that clashes with the store rolls the whole import back, naming the RMA")
  func badReturnRollsBack() throws {
    let (a, account) = try Self.storeWithSections()
    var doc = try a.exportDocument(account: account.id)
    // The target holds this document's returns; a second account's document, its orders
    // and items renumbered apart, carries the same RMAs.
    let target = try AppDatabase.inMemory()
    #expect(try target.importDocument(doc, actor: "test", at: Self.now).returns == 2)
    let before = try Self.counts(target)
    doc.account.email = "someone@example.com"
    doc.account.id = 99
    for i in doc.orders.indices {
      doc.orders[i].id = "X" + doc.orders[i].id
      doc.orders[i].accountID = 99
      for s in doc.orders[i].shipments.indices {
        doc.orders[i].shipments[s].id += 1_000_000
        for t in doc.orders[i].shipments[s].items.indices {
          doc.orders[i].shipments[s].items[t].id += 1_000_000
        }
      }
    }
    for i in doc.returns.indices {
      doc.returns[i].orderID = "X" + doc.returns[i].orderID
      doc.returns[i].accountID = 99
      doc.returns[i].replacementOrderID = doc.returns[i].replacementOrderID.map { "X" + $0 }
      for l in doc.returns[i].lines.indices { doc.returns[i].lines[l].itemID += 1_000_000 }
    }
    for i in doc.importedRefunds.indices {
      doc.importedRefunds[i].orderID = "X" + doc.importedRefunds[i].orderID
    }
    for i in doc.callbacks.indices {
      doc.callbacks[i].accountID = 99
      doc.callbacks[i].orderID = doc.callbacks[i].orderID.map { "X" + $0 }
    }
    for i in doc.closures.indices { doc.closures[i].accountID = 99 }
    doc.events = []
    #expect(throws: Never.self) { try doc.validate() }
    do {
      _ = try target.importDocument(doc, actor: "test", at: Self.now)
      Issue.record("imported a document whose RMA is already in the store")
    } catch let e as StoreError {
      #expect(e.exitCode == 2)
      #expect(e.description.contains("return \"RMA-0000001\" is already in the store"), "\(e)")
    }
    #expect(try Self.counts(target) == before)  // no order, account or return of it stayed

    // A return the validation refuses never reaches the store either (exit 2, its path).
    var broken = try a.exportDocument(account: account.id)
    broken.returns[0].lines[0].amount.minor = -1
    let empty = try AppDatabase.inMemory()
    let emptyCounts = try Self.counts(empty)
    #expect(
      throws: StoreError.invalidInput(
        "invalid field returns[0].lines[0].amount.minor: must not be negative")
    ) { try empty.importDocument(broken, actor: "test", at: Self.now) }
    #expect(try Self.counts(empty) == emptyCounts)
  }

  @Test("Closures go only into an account the import creates, and only while pending (R28, R29)")
  func closuresImportDecisions() throws {
    let (a, account) = try Self.storeWithSections()
    let doc = try a.exportDocument(account: account.id)
    // Into an existing account with the same e-mail: the orders go in, the closures do not.
    let existing = try AppDatabase.inMemory()
    try existing.createAccount(account, at: Self.now)
    let r1 = try existing.importDocument(doc, actor: "test", at: Self.now)
    #expect(!r1.accountCreated && r1.closures == 0 && r1.closuresNotImported == 2)
    #expect(try existing.closure(account: r1.account) == nil)
    // A fresh store after the pending period ended: the copy is kept, the closure is not.
    let later = try AppDatabase.inMemory()
    let r2 = try later.importDocument(
      doc, actor: "test", at: Self.now.addingTimeInterval(8 * 86_400))
    #expect(r2.accountCreated && r2.closures == 1 && r2.closuresNotImported == 1)
    #expect(try later.closure(account: r2.account)?.withdrawnAt != nil)
    #expect(try later.applyDueClosures(now: Self.now.addingTimeInterval(9 * 86_400)).erased == [])
  }

  // MARK: The documented example

  static let exampleURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples/orders.json")

  /// The example of `docs/interchange.md`: the demo's showcase orders 0, 3, 5, 10, 15, 16 and
  /// 18 (seed `defaultSeed`, now 2026-11-27T07:45:00Z), plus the orders the sections of
  /// `storeWithSections` name (a returned one, a replacement, …), exported with their events,
  /// so every section of the format shows.
  static func example() throws -> InterchangeDocument {
    let (db, account) = try Self.storeWithSections(count: 40)
    var doc = try db.exportDocument(account: account.id)
    let gen = DemoGenerator(seed: DemoGenerator.defaultSeed, now: now)
    var keep = Set([0, 3, 5, 10, 15, 16, 18].map { gen.orderNumber(at: $0) })
    keep.formUnion(
      doc.returns.flatMap { [$0.orderID] + ($0.replacementOrderID.map { [$0] } ?? []) })
    keep.formUnion(doc.importedRefunds.map(\.orderID))
    keep.formUnion(doc.callbacks.compactMap(\.orderID))
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
    #expect(doc.orders.count >= 7)
    #expect(!doc.returns.isEmpty && !doc.importedRefunds.isEmpty)
    #expect(!doc.callbacks.isEmpty && !doc.closures.isEmpty)
    #expect(try doc.encoded() == data, "the example is not canonical")
    #expect(
      data == expected,
      "docs/examples/orders.json is stale: rerun with TALABATI_WRITE_EXAMPLES=1")
    let db = try AppDatabase.inMemory()
    #expect(try db.importDocument(doc, actor: "test", at: Self.now).imported == doc.orders.count)
  }
}
