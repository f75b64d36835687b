import Foundation
import TalabatiDomain
import Testing

@testable import TalabatiStore

/// Measurements, not assertions: run with
/// `TALABATI_BENCH=100000 swift test --filter StoreBench` (use `-c release` for real figures).
@Suite("Store benchmark (opt-in)")
struct StoreBenchTests {
  static let count = Int(ProcessInfo.processInfo.environment["TALABATI_BENCH"] ?? "") ?? 0

  @Test(.enabled(if: count > 0, "set TALABATI_BENCH=<orders> to run"))
  func insertPageAndSearchTimings() throws {
    let dir = try Fixture.tempDir()
    let db = try AppDatabase.openFile(at: dir + "/talabati.sqlite")
    try db.createAccount(Fixture.shopper)
    let nouns = ["سماعة", "شاحن", "كابل", "قهوة", "كتاب", "حقيبة", "عطر", "ساعة", "Kindle", "Lamp"]
    var batch: [Order] = []
    var insertSeconds = 0.0
    for n in 0..<Self.count {
      let titles = (0..<(1 + n % 4)).map { "\(nouns[(n + $0) % nouns.count]) موديل \(n % 997)" }
      batch.append(
        Fixture.order(
          n, placedAt: Fixture.t0.addingTimeInterval(Double(n) * 60),
          shipments: [titles.map { ($0, Fulfilment.store) }]))
      if batch.count == 10_000 || n == Self.count - 1 {
        let t = Date()
        _ = try db.insert(orders: batch, account: 1, actor: "bench")
        insertSeconds += Date().timeIntervalSince(t)
        batch.removeAll(keepingCapacity: true)
      }
    }
    let rate = Int(Double(Self.count) / insertSeconds)
    print("store bench: insert \(Self.count) orders: \(rate) orders/s")
    let now = Fixture.t0.addingTimeInterval(Double(Self.count) * 60)
    for (label, run) in [
      (
        "first page",
        { _ = try db.orders(account: 1, view: .orders, limit: 50, after: nil, now: now) }
      ),
      (
        "search سماعه",
        {
          _ = try db.search(
            account: 1, query: "سماعه", view: .orders, limit: 50, after: nil, now: now)
        }
      ),
      (
        "search 402",
        {
          _ = try db.search(
            account: 1, query: "402", view: .orders, limit: 50, after: nil, now: now)
        }
      ),
      ("count", { _ = try db.orderCount(account: 1, view: .all) }),
    ] as [(String, () throws -> Void)] {
      try run()
      let t = Date()
      try run()
      print(
        "store bench: \(label): \(String(format: "%.2f", Date().timeIntervalSince(t) * 1000)) ms")
    }
  }
}
