import Foundation
import TalabatiDomain
import Testing

@testable import TalabatiStore

@Suite("Search: Arabic folding, prefixes, order numbers")
struct StoreSearchTests {
  static let titles = [
    "سمّاعة رأس لاسلكية من سوني",  // shadda, أ
    "قهوة عربية مختصة",  // ة
    "مصحف مُحَمَّد مع تفسير",  // harakat
    "Sony WH-1000XM5 Headphones",
    "إبريق شاي",  // إ
  ]

  func store() throws -> (AppDatabase, [Order]) {
    let db = try Fixture.memoryStore()
    let orders = Self.titles.enumerated().map { (n, title) in
      Fixture.order(
        n + 1, placedAt: Fixture.t0.addingTimeInterval(Double(n) * 60),
        shipments: [[(title, .store)]])
    }
    _ = try db.insert(orders: orders, account: 1, actor: "t")
    return (db, orders)
  }

  func found(_ db: AppDatabase, _ query: String, view: OrderListView = .orders) throws -> [OrderID]
  {
    try db.search(account: 1, query: query, view: view, limit: 50, after: nil, now: Fixture.t0)
      .rows.map(\.id)
  }

  @Test(arguments: [
    ("سماعه", 0),  // ة typed as ه, shadda left out
    ("سماع", 0),  // prefix of a word
    ("راس", 0),  // أ typed as ا
    ("قهوه عربيه", 1),  // two words, both required, ة → ه
    ("مُحمد", 2),  // harakat in the query too
    ("محمد", 2),
    ("ابريق", 4),  // إ typed as ا
    ("sony", 3),  // case-insensitive Latin
    ("wh-1000", 3),
  ])
  func foldedQueriesFindTheOrder(query: String, index: Int) throws {
    let (db, orders) = try store()
    #expect(try found(db, query) == [orders[index].id])
  }

  /// Any digit group of the order number, or its beginning, finds the order; so does the
  /// whole number as typed.
  @Test func orderNumberFragmentsMatch() throws {
    let (db, orders) = try store()
    let target = orders[2].id  // 402-0023757-0000003
    let groups = target.split(separator: "-").map(String.init)
    #expect(try found(db, groups[1]) == [target])
    #expect(try found(db, String(groups[1].prefix(5))) == [target])
    #expect(try found(db, target) == [target])
    #expect(try found(db, "402").count == orders.count)
    #expect(try found(db, "٤٠٢").count == orders.count)  // Arabic-Indic digits fold
  }

  /// Search results are newest first, paged by keyset, and respect the view (R18).
  @Test func resultsArePagedNewestFirstWithinTheView() throws {
    let db = try Fixture.memoryStore()
    let orders = (1...25).map {
      Fixture.order(
        $0, placedAt: Fixture.t0.addingTimeInterval(Double($0)),
        shipments: [[("شاحن سريع", .store)]])
    }
    _ = try db.insert(orders: orders, account: 1, actor: "t")
    try db.archive(order: orders[24].id, account: 1, at: Fixture.t0, actor: "t")
    var ids: [OrderID] = []
    var cursor: ListCursor?
    repeat {
      let page = try db.search(
        account: 1, query: "شاحن", view: .orders, limit: 10, after: cursor, now: Fixture.t0)
      ids += page.rows.map(\.id)
      cursor = page.next
    } while cursor != nil
    #expect(ids == orders.dropLast().reversed().map(\.id))
    #expect(try found(db, "شاحن", view: .archived) == [orders[24].id])
  }

  /// A query with no letters or digits lists the view instead of failing; FTS syntax in the
  /// query is treated as text.
  @Test func oddQueriesDoNotFail() throws {
    let (db, orders) = try store()
    #expect(try found(db, "  -- ").count == orders.count)
    #expect(try found(db, "\"سماعة\" *") == [orders[0].id])
    #expect(try found(db, "سماعة OR قهوة").isEmpty)  // OR is a word here, not an operator
    #expect(try found(db, "NEAR(a b)").isEmpty)
  }
}
