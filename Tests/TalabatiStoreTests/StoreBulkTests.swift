import Foundation
import GRDB
import TalabatiDomain
import TalabatiInterchange
import TalabatiText
import Testing

@testable import TalabatiStore

/// The one insert path (`OrderWriter`) and the demo's bulk load into an empty store.
@Suite("Bulk writes: one insert path, bulk load, bulk export")
struct StoreBulkTests {
  static let now = Date(timeIntervalSince1970: 1_795_765_500)

  /// Every row of the tables an insert writes, in key order, as text: what "the same store"
  /// means (the search index is contentless: its matches are compared through `search`).
  static func rows(_ db: AppDatabase) throws -> [String] {
    try db.writer.read { d in
      var out: [String] = []
      for (table, key) in [
        ("\"order\"", "seq"), ("shipment", "id"), ("item", "id"), ("seller", "id"),
        ("event", "id"),
      ] {
        let rows = try Row.fetchAll(d, sql: "SELECT * FROM \(table) ORDER BY \(key)")
        out += rows.map { "\(table) \($0)" }
      }
      return out
    }
  }

  /// The demo's orders `0..<count` at `now`, the newest first.
  static func demoOrders(_ count: Int, seed: UInt64 = 5) -> [Order] {
    DemoGenerator(seed: seed, now: now, totalOrders: count).orders(count: count)
  }

  static func demoAccount() -> Account {
    DemoGenerator(seed: 5, now: now).account()
  }

  // MARK: One insert path

  /// Given the same orders, `insert(orders:…)` and `importDocument` store the same rows (the
  /// import without events), with the same seqs and the same search matches: one path.
  @Test func insertAndImportStoreTheSameRows() throws {
    let orders = Self.demoOrders(120)
    let a = try AppDatabase.inMemory()
    try a.createAccount(Self.demoAccount(), at: Self.now)
    _ = try a.insert(orders: orders, account: 1, actor: "demo")

    let b = try AppDatabase.inMemory()
    let report = try b.importDocument(
      InterchangeDocument(account: Self.demoAccount(), orders: orders, events: []), actor: "t")
    #expect(report.imported == 120)

    let rowsA = try Self.rows(a).filter { !$0.hasPrefix("event") }
    let rowsB = try Self.rows(b)
    #expect(rowsA == rowsB)
    #expect(rowsA.count > 400)
    for query in ["402", "سماع", "kindle", String(orders[77].id.suffix(7))] {
      let found = { (db: AppDatabase) in
        try db.search(
          account: 1, query: query, view: .all, limit: 1000, after: nil, now: Self.now
        ).rows.map(\.id)
      }
      #expect(try found(a) == found(b), "\(query)")
    }
  }

  /// Text columns that are empty stay empty strings (not NULL) through the raw binding, and
  /// NULL dates stay NULL: the stored order reads back equal.
  @Test func emptyTextAndMissingDatesRoundTrip() throws {
    let db = try Fixture.memoryStore()
    var order = Fixture.order(7, placedAt: Fixture.t0)
    order.paymentMethod = PaymentMethod(kind: .cashOnDelivery, last4: "")
    order.shipments[0].trackingNumber = ""
    order.shipments[0].carrier = ""
    _ = try db.insert(orders: [order], account: 1, actor: "t")
    #expect(try db.order(order.id, account: 1) == order)
    let nulls = try db.writer.read { d in
      try Int.fetchOne(
        d, sql: "SELECT count(*) FROM shipment WHERE trackingNumber IS NULL OR carrier IS NULL")
    }
    #expect(nulls == 0)
  }

  /// A duplicate item id is found however large the order (the id set switches from a list
  /// to a hash set past 16 ids), and the batch is refused with the order named.
  @Test func duplicateItemIDInALargeOrderIsRefused() throws {
    let db = try Fixture.memoryStore()
    let lines = (0..<30).map { ("كتاب \($0)", Fulfilment.store) }
    var order = Fixture.order(3, placedAt: Fixture.t0, shipments: [lines])
    order.shipments[0].items[29].id = order.shipments[0].items[2].id
    #expect(throws: StoreError.invalidInput("order \(order.id): item \(order.items[2].id) twice")) {
      try db.insert(orders: [order], account: 1, actor: "t")
    }
    #expect(try db.orderCount(account: 1, view: .all) == 0)
  }

  /// Orders inserted newest first still get seqs by placing time, same-millisecond orders in
  /// insertion order, and every one is found by search (the index is written in seq order).
  @Test func newestFirstBatchIsIndexedAndOrdered() throws {
    let db = try Fixture.memoryStore()
    let orders = (0..<40).map { n in
      Fixture.order(
        n, placedAt: Fixture.t0.addingTimeInterval(Double(40 - n / 2) * 60),
        shipments: [[("شاحن \(n)", .store)]])
    }
    _ = try db.insert(orders: orders, account: 1, actor: "t")
    let listed = try db.orders(account: 1, view: .all, limit: 100, after: nil, now: Fixture.t0)
    // Pairs share a minute; within a pair the later-inserted order is newer (higher seq).
    let expected = stride(from: 0, to: 40, by: 2).flatMap { [orders[$0 + 1].id, orders[$0].id] }
    #expect(listed.rows.map(\.id) == expected)
    let found = try db.search(
      account: 1, query: "شاحن", view: .all, limit: 100, after: nil, now: Fixture.t0)
    #expect(found.rows.map(\.id) == expected)
  }

  // MARK: Bulk load into an empty store

  /// The demo of a new store (one transaction, indexes rebuilt at the end) gives exactly the
  /// rows of the batch-by-batch path, keeps every index, and restores the connection settings.
  @Test func bulkLoadEqualsBatchInserts() throws {
    let dir = try Fixture.tempDir()
    let bulk = try AppDatabase.openFile(at: dir + "/bulk.sqlite")
    let syncBefore = try bulk.writer.writeWithoutTransaction { d in
      try Int.fetchOne(d, sql: "PRAGMA synchronous")
    }
    var seen: [Int] = []
    let account = try DemoGenerator.populate(
      bulk, orders: 2_500, seed: 5, now: Self.now, progress: { seen.append($0) })
    #expect(seen == [2_500])

    let batched = try AppDatabase.openFile(at: dir + "/batched.sqlite")
    try batched.createAccount(Self.demoAccount(), at: Self.now)
    let gen = DemoGenerator(seed: 5, now: Self.now, totalOrders: 2_500)
    for start in stride(from: 0, to: 2_500, by: 700) {
      _ = try batched.insert(
        orders: gen.orders(count: min(700, 2_500 - start), startingAt: start), account: 1,
        actor: "demo")
    }
    #expect(try Self.rows(bulk) == Self.rows(batched))
    #expect(
      try bulk.exportDocument(account: account.id).encoded()
        == batched.exportDocument(account: 1).encoded())

    // The writer connection's own settings (readers never change theirs).
    let (indexes, fk, sync, problems) = try bulk.writer.writeWithoutTransaction { d in
      (
        Set(try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")),
        try Int.fetchOne(d, sql: "PRAGMA foreign_keys"),
        try Int.fetchOne(d, sql: "PRAGMA synchronous"),
        try Row.fetchAll(d, sql: "PRAGMA foreign_key_check").count
      )
    }
    let wanted: Set = [
      "order_by_number", "order_by_account_archived", "order_by_account", "order_cancelled",
      "shipment_by_order", "item_by_shipment", "event_by_order",
    ]
    #expect(wanted.isSubset(of: indexes), "\(wanted.subtracting(indexes))")
    #expect(fk == 1)
    #expect(sync == syncBefore)
    #expect(problems == 0)
    // The unique order number is enforced again: the same order twice is skipped.
    #expect(
      try bulk.insert(orders: [gen.order(at: 9)], account: 1, actor: "t")
        == InsertReport(inserted: 0, skipped: 1))
    try bulk.verifyIntegrity()
  }

  /// A bulk load that fails midway leaves the store as it was: no orders, every index.
  @Test func failedBulkLoadLeavesNothing() throws {
    let db = try AppDatabase.openFile(at: try Fixture.tempDir() + "/t.sqlite")
    try db.createAccount(Self.demoAccount(), at: Self.now)
    let gen = DemoGenerator(seed: 5, now: Self.now, totalOrders: 300)
    struct Stop: Error {}
    #expect(throws: StoreError.io("Stop()")) {
      try db.loadIntoEmptyStore(
        account: 1, actor: "demo", batches: 3,
        batch: { k in
          if k == 2 { throw Stop() }
          return gen.orders(count: 100, startingAt: k * 100)
        }, progress: nil)
    }
    #expect(try db.orderCount(account: 1, view: .all) == 0)
    let indexes = try db.writer.read { d in
      try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    #expect(indexes.contains("order_by_number") && indexes.contains("event_by_order"))
    // And a store that already holds orders is never bulk loaded: the call declines.
    _ = try db.insert(orders: [gen.order(at: 0)], account: 1, actor: "t")
    let loaded = try db.loadIntoEmptyStore(
      account: 1, actor: "demo", batches: 1, batch: { _ in gen.orders(count: 5) },
      progress: nil)
    #expect(!loaded)
    #expect(try db.orderCount(account: 1, view: .all) == 1)
  }

  // MARK: Bulk export

  /// Export reads orders 500 at a time: across chunk boundaries every order equals the one
  /// read alone, newest first.
  @Test func exportAcrossChunksEqualsSingleReads() throws {
    let db = try AppDatabase.inMemory()
    let account = try DemoGenerator.populate(db, orders: 1_234, seed: 5, now: Self.now)
    let doc = try db.exportDocument(account: account.id)
    #expect(doc.orders.count == 1_234)
    for i in [0, 1, 499, 500, 501, 999, 1_000, 1_233] {
      #expect(doc.orders[i] == (try db.order(doc.orders[i].id, account: account.id)), "\(i)")
    }
    #expect(doc.orders.map(\.id) == Self.demoOrders(1_234).map(\.id))
  }

  // MARK: Search folding fast paths

  /// The fast paths of `SearchFolding.fold` (pure ASCII; ASCII plus basic Arabic) give what
  /// the plain definition gives, on catalogue titles and on adversarial mixes: combining
  /// hamza (NFKC composes it), presentation forms, honorific marks, controls, odd spaces.
  @Test func foldFastPathsMatchTheDefinition() {
    var samples = Set(Self.demoOrders(400).flatMap { $0.items.map(\.title) })
    samples.formUnion([
      "", " ", "  Sony   WH-1000XM5\n", "ABC\tdef\u{7F}x", "\u{1}lead", "trail\r\n",
      "ا\u{0654}حمد", "و\u{0654}", "ي\u{0654}", "ا\u{0653}", "ا\u{0655}", "ﻻ تنسى", "ﷺ",
      "ب\u{0610}\u{0618}", "ب\u{0618}\u{0610}", "مُحَمَّد", "هديـــة", "٤٠٢-١٢٣", "۱۲۳",
      "\u{200F}رقم\u{2066}402\u{2069}", "ＡＢＣ", "Straße", "İstanbul", "ٵ", "ٱلطلب",
      "كتاب\u{00A0}جديد", "a\u{0301}", "\u{061C}علامة", "سلام\u{0670}",
    ])
    var rng = SplitMix64(seed: 42)
    let alphabet: [Unicode.Scalar] = [
      "a", "Z", " ", "\t", "-", "1", "\u{0627}", "\u{0623}", "\u{0654}", "\u{064E}", "\u{0651}",
      "\u{0629}", "\u{0660}", "\u{0640}", "\u{0610}", "\u{0618}", "\u{FEFB}", "\u{200C}",
      "\u{0670}", "\u{06CC}", "\u{0653}", "\u{00C9}", "\u{0301}",
    ]
    for _ in 0..<3_000 {
      var s = String.UnicodeScalarView()
      for _ in 0..<Int(rng.next() % 12) {
        s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
      }
      samples.insert(String(s))
    }
    for s in samples {
      #expect(
        SearchFolding.fold(s) == SearchFolding.referenceFold(s),
        "\(s.unicodeScalars.map(\.value))")
    }
  }

  /// The bulk path's search text (titles folded through a byte-keyed cache) equals the plain
  /// one.
  @Test func cachedIndexBodyEqualsPlain() {
    var cache: [TitleKey: String] = [:]
    for order in Self.demoOrders(300) {
      #expect(
        SearchText.indexBody(of: order, cache: &cache)
          == SearchText.indexBody(titles: order.items.map(\.title), orderID: order.id))
    }
  }
}
