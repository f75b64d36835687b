import Foundation
import PropertyBased
import TalabatiCSV
import TalabatiDomain
import TalabatiStore
import Testing

@testable import TalabatiImport

@Suite("Amazon import properties")
struct ImportPropertyTests {
  @Test("random bytes after a valid header never crash the importer; the store stays consistent")
  func randomBytes() async throws {
    let header = Array(CSVWriter.record(currentHeader).utf8)
    let good = Array(
      CSVWriter.record(row(currentHeader, item("101-0000001-0000001", "ok", price: "1.00"))).utf8)
    let bytes = Gen.uint8(in: 0...255).array(of: 0...400).map { raw in
      raw.map { b -> UInt8 in
        switch b % 9 {
        case 0: 34
        case 1: 44
        case 2: 10
        case 3: UInt8(ascii: "-")
        case 4: UInt8(48 + b % 10)
        default: b
        }
      }
    }
    await propertyCheck(count: 60, input: bytes) { noise in
      let dir = TempDir()
      let file = dir.write("Order History.csv", header + good + noise + [10] + good)
      do {
        let db = try AppDatabase.inMemory()
        let report = try importFile(file, into: db)
        let stored = try db.orderCount(account: report.account, view: .all)
        #expect(stored == report.ordersImported)
        // Every stored order loads whole, with items.
        let page = try db.orders(
          account: report.account, view: .all, limit: 100, after: nil, now: now)
        for s in page.rows {
          let o = try db.order(s.id, account: report.account)
          #expect(!o.items.isEmpty)
          #expect(o.imported)
        }
        #expect(report.rejectedRows.allSatisfy { $0.line >= 2 })
        let again = try importFile(file, into: db)
        #expect(again.ordersImported == 0)
      } catch {
        Issue.record("import threw \(error)")
      }
    }
  }
}
