import Foundation
import TalabatiCSV
import TalabatiDomain
import TalabatiStore
import Testing

@testable import TalabatiImport

let now = AmazonValues.date("2026-11-27T10:00:00Z")!

func importFile(_ path: String, into db: AppDatabase) throws -> AmazonImportReport {
  try AmazonImporter(db: db).importExport(at: path, now: now)
}

@Suite("Amazon order-history import (issue 6)")
struct AmazonImportTests {
  /// A current-format export with every real-file fact at once.
  static func realistic() -> String {
    var rows: [[String: String]] = []
    // Order A: two items in one shipment; the shipment subtotal repeats on both rows.
    rows.append(
      item(
        "111-0000001-0000001", "Sony WH-1000XM5, Black", price: "1,234.50",
        subtotal: "1,334.50", shipping: "4.99", payment: "Visa - 1234 and Gift Certificate/Card"))
    // Order B (far from its second row): cancelled item, Not Available prices and dates.
    rows.append(
      item(
        "222-0000002-0000002", "Coffee \"beans\",\n1kg", price: "Not Available",
        ship: "Not Available", carrier: "Not Available", status: "Cancelled",
        shipment: "Not Available"))
    rows.append(
      item(
        "111-0000001-0000001", "قهوة عربية", price: "100.00", qty: "2", subtotal: "1,334.50",
        shipping: "4.99"))
    // Order C: SAR on amazon.sa, tax separate, shipped in two shipments, "X and Y" carrier.
    rows.append(
      item(
        "333-0000003-0000003", "سماعات", price: "100.00", currency: "SAR",
        ship: "2024-03-03T08:00:00Z", carrier: "AMZN(TBA1) and SMSA(2)", shipment: "Shipped",
        tax: "15.00", website: "Amazon.sa"))
    rows.append(
      item(
        "333-0000003-0000003", "كابل", price: "10.00", currency: "SAR",
        ship: "2024-03-05T08:00:00Z", carrier: "SMSA(3)", shipment: "Delivered",
        tax: "1.50", website: "Amazon.sa"))
    rows.append(
      item(
        "222-0000002-0000002", "Mug", price: "5.00", ship: "2024-03-04T08:00:00Z",
        carrier: "USPS(9400)", status: "Closed"))
    var text = currentFile(rows)
    text += CSVWriter.record(["This report contains 6 rows."])
    return text
  }

  @Test("current format: orders grouped, money exact, statuses derived, facts handled")
  func currentFormat() throws {
    let dir = TempDir()
    let file = dir.write("Your Amazon Orders/Order History.csv", Self.realistic(), bom: true)
    let db = try AppDatabase.inMemory()
    let report = try importFile(file, into: db)
    #expect(report.rowsRead == 7)
    #expect(report.noticeRows == 2)  // the line before the header and the trailing notice
    #expect(report.ordersImported == 3)
    #expect(report.rejectedRowCount == 0)
    #expect(report.accountCreated)
    let account = try #require(try db.defaultAccount())

    let a = try db.order("111-0000001-0000001", account: account.id)
    #expect(a.imported)
    #expect(a.placedAt == AmazonValues.date("2024-03-01T10:00:00Z"))
    #expect(a.shipments.count == 1)
    #expect(a.items.map(\.title) == ["Sony WH-1000XM5, Black", "قهوة عربية"])
    #expect(a.items.map(\.unitPrice.minor) == [123_450, 10_000])
    #expect(a.items.map(\.quantity) == [1, 2])
    // 1,234.50 + 2 × 100.00 + 4.99 shipping once; the repeated subtotal is never summed.
    #expect(a.total == Money(minor: 123_450 + 20_000 + 499, currency: "USD"))
    #expect(a.shipments[0].carrier == "UPS")
    #expect(a.shipments[0].trackingNumber == "1Z999AA10123456784")
    #expect(a.status(at: now) == .delivered)
    #expect(a.paymentMethod == PaymentMethod(kind: .card, last4: "1234"))
    #expect(a.items[0].seller == Seller(id: "amazon-import:amazon.com", name: "Amazon.com"))

    let b = try db.order("222-0000002-0000002", account: account.id)
    #expect(b.items.map(\.title) == ["Coffee \"beans\",\n1kg", "Mug"])
    #expect(b.items[0].cancellation == Cancellation(at: b.placedAt, reason: .other))
    #expect(b.items[0].unitPrice.minor == 0)
    #expect(b.items[1].status(in: b.shipments[1], at: now) == .delivered)

    let c = try db.order("333-0000003-0000003", account: account.id)
    #expect(c.currency == "SAR")
    #expect(c.shipments.count == 2)
    #expect(c.shipments[0].carrier == "AMZN")
    #expect(c.shipments[0].trackingNumber == "TBA1, 2")
    #expect(c.shipments[0].status(at: now) == .shipped)
    #expect(c.shipments[1].status(at: now) == .delivered)
    // Prices are VAT-inclusive in the domain: Unit Price + Unit Price Tax, rate derived.
    #expect(c.items.map(\.unitPrice.minor) == [11_500, 1_150])
    #expect(c.items.map(\.vatRateBasisPoints) == [1500, 1500])
  }

  @Test("older Retail.OrderHistory format: columns found by name, not position")
  func retailFormat() throws {
    let dir = TempDir()
    var text = CSVWriter.record(retailHeader)
    text += CSVWriter.record(
      row(retailHeader, item("444-0000004-0000004", "Old book", price: "$12.99", qty: "3")))
    let file = dir.write("Retail.OrderHistory.1/Retail.OrderHistory.1.csv", text)
    let db = try AppDatabase.inMemory()
    let report = try AmazonImporter(db: db).importExport(at: dir.path, now: now)
    #expect(report.files == [file])
    #expect(report.ordersImported == 1)
    let o = try db.order("444-0000004-0000004", account: report.account)
    #expect(o.items.map(\.quantity) == [3])
    #expect(o.total.minor == 3 * 1299)
  }

  @Test("importing the same file twice adds nothing")
  func idempotent() throws {
    let dir = TempDir()
    let file = dir.write("Order History.csv", Self.realistic())
    let db = try AppDatabase.inMemory()
    let first = try importFile(file, into: db)
    let account = first.account
    let before = try db.orderCount(account: account, view: .all)
    let second = try importFile(file, into: db)
    #expect(second.ordersImported == 0)
    #expect(second.ordersSkipped == first.ordersImported)
    #expect(try db.orderCount(account: account, view: .all) == before)
    #expect(second.accountCreated == false)
  }

  @Test("a bad row rejects its whole order with every line number; other orders import")
  func rejectedRowsAndLines() throws {
    let dir = TempDir()
    let rows: [[String: String]] = [
      item("555-0000005-0000005", "first, with\nthree\nlines", price: "1.00"),  // line 3–5
      item("666-0000006-0000006", "good", price: "2.00"),  // line 6
      item("555-0000005-0000005", "bad price", price: "12,34"),  // line 7
      item("777-0000007-0000007", "usd", price: "1.00"),  // line 8
      item("777-0000007-0000007", "eur", price: "1.00", currency: "EUR"),  // line 9
      item("888-0000008-0000008", "bad date", price: "1.00", date: "yesterday"),  // line 10
    ]
    let file = dir.write("Order History.csv", currentFile(rows))
    let db = try AppDatabase.inMemory()
    let report = try importFile(file, into: db)
    #expect(report.ordersImported == 1)
    #expect(report.ordersRejected == 3)
    #expect(report.rejectedRowCount == 5)
    let byLine = Dictionary(uniqueKeysWithValues: report.rejectedRows.map { ($0.line, $0) })
    #expect(byLine.keys.sorted() == [3, 7, 8, 9, 10])
    #expect(byLine[7]?.reason == "Unit Price \"12,34\" is not an amount")
    #expect(
      byLine[3]?.reason == "the order is rejected: line 7: Unit Price \"12,34\" is not an amount")
    #expect(byLine[3]?.orderID == "555-0000005-0000005")
    #expect(byLine[9]?.reason.contains("several currencies (EUR, USD)") == true)
    #expect(byLine[10]?.reason == "Order Date \"yesterday\" is not a date")
    #expect(throws: StoreError.self) {
      try db.order("555-0000005-0000005", account: report.account)
    }
    #expect(try db.order("666-0000006-0000006", account: report.account).items.count == 1)
  }

  @Test("an unreadable row rejects the order it names; rows after it keep their lines")
  func csvErrorsTaintOrders() throws {
    let dir = TempDir()
    var text = CSVWriter.record(currentHeader)
    text += CSVWriter.record(row(currentHeader, item("123-0000001-0000009", "ok", price: "1.00")))
    // Line 3: a quote inside an unquoted field, on a row of order 123-0000001-0000009.
    text += CSVWriter.record(row(currentHeader, item("123-0000001-0000009", "x", price: "1.00")))
      .replacingOccurrences(of: "B0TEST0001", with: "B0\"TEST")
    text += CSVWriter.record(row(currentHeader, item("999-0000009-0000009", "fine", price: "3.00")))
    let file = dir.write("Order History.csv", text)
    let db = try AppDatabase.inMemory()
    let report = try importFile(file, into: db)
    #expect(report.ordersImported == 1)
    #expect(report.rejectedRows.map(\.line).sorted() == [2, 3])
    let line3 = report.rejectedRows.first { $0.line == 3 }
    #expect(line3?.reason.hasPrefix("a quote (\") inside unquoted field") == true)
    let line2 = report.rejectedRows.first { $0.line == 2 }
    #expect(
      line2?.reason == "the order is rejected: line 3, which names this order, could not be read")
  }

  @Test("a folder: refunds are stored once with the order, bad refund rows named by line")
  func folderWithRefunds() throws {
    let dir = TempDir()
    dir.write("Your Amazon Orders/Order History.csv", Self.realistic(), bom: true)
    dir.write(
      "Your Returns & Refunds/Refund Details.csv",
      CSVWriter.document([
        ["Creation Date", "Currency", "Order ID", "Refund Amount", "Refund Date"],
        ["2024-03-10T00:00:00Z", "USD", "111-0000001-0000001", "10.00", "2024-03-11T00:00:00Z"],
        ["2024-03-10T00:00:00Z", "USD", "000-0000000-0000000", "1.00", "2024-03-11T00:00:00Z"],
        ["2024-03-10T00:00:00Z", "USD", "111-0000001-0000001", "ten", "2024-03-12T00:00:00Z"],
        // The same refund twice in the file: two refunds, both kept.
        ["2024-03-12T00:00:00Z", "USD", "111-0000001-0000001", "2.50", "2024-03-13T00:00:00Z"],
        ["2024-03-12T00:00:00Z", "USD", "111-0000001-0000001", "2.50", "2024-03-13T00:00:00Z"],
      ]), bom: true)
    dir.write(
      "Your Returns & Refunds/Return Requests.csv",
      CSVWriter.document([["Order ID", "Return Reason"], ["111-0000001-0000001", "damaged"]]))
    let db = try AppDatabase.inMemory()
    let report = try AmazonImporter(db: db).importExport(at: dir.path, now: now)
    #expect(report.ordersImported == 3)
    #expect(report.refundRows == 5)
    #expect(report.refundRowsMatched == 3)
    #expect(report.refundsStored == 3)
    #expect(report.refundsUnmatched == 1)
    #expect(report.returnRequestRows == 1)
    let bad = report.rejectedRows.filter { $0.file.hasSuffix("Refund Details.csv") }
    #expect(bad.map(\.line) == [4])
    #expect(bad.first?.reason == "refund amount \"ten\" is not an amount")

    // What the shopper sees on the order: the refunds, oldest first.
    let refunds = try db.importedRefunds(order: "111-0000001-0000001", account: report.account)
    #expect(refunds.map(\.amount) == [1000, 250, 250].map { Money(minor: $0, currency: "USD") })
    #expect(refunds.first?.refundedAt == AmazonValues.date("2024-03-11T00:00:00Z"))

    // Importing the same export again adds no refund.
    let again = try AmazonImporter(db: db).importExport(at: dir.path, now: now)
    #expect(again.refundsStored == 0)
    #expect(again.refundsAlreadyPresent == 3)
    #expect(
      try db.importedRefunds(order: "111-0000001-0000001", account: report.account).count == 3)

    // R27–R29: closing the account erases the refunds with the orders (the store's foreign
    // keys are checked when the erasure commits: a refund left behind would fail it).
    try db.requestClosure(account: report.account, reason: .other, now: now, actor: "test")
    let erased = try db.applyDueClosures(now: now.addingTimeInterval(8 * 86_400))
    #expect(erased.erased == [report.account])
    #expect(throws: (any Error).self) {
      _ = try db.order("111-0000001-0000001", account: report.account)
    }
  }

  @Test("not an export: clear errors, nothing stored")
  func notAnExport() throws {
    let dir = TempDir()
    let file = dir.write("x.csv", "a,b\n1,2\n")
    let db = try AppDatabase.inMemory()
    #expect(throws: AmazonImportError.self) { _ = try importFile(file, into: db) }
    #expect(throws: AmazonImportError.notFound(dir.path + "/none")) {
      _ = try importFile(dir.path + "/none", into: db)
    }
    let missing = dir.write("y.csv", "Order ID,Order Date\n1,2\n")
    #expect(throws: AmazonImportError.self) { _ = try importFile(missing, into: db) }
  }

  @Test("absurd titles are capped; NUL characters removed")
  func titles() throws {
    let dir = TempDir()
    let long = String(repeating: "ط", count: 5000) + "\u{0}"
    let file = dir.write(
      "Order History.csv", currentFile([item("121-0000001-0000001", long, price: "1")]))
    let db = try AppDatabase.inMemory()
    let report = try importFile(file, into: db)
    let o = try db.order("121-0000001-0000001", account: report.account)
    #expect(o.items[0].title.unicodeScalars.count == 500)
    #expect(o.items[0].title.hasSuffix("…"))
  }
}

@Suite("Amazon cell values")
struct AmazonValueTests {
  @Test("money to integer minor units by currency, no floating point")
  func money() {
    #expect(AmazonValues.money("1,234.50", currency: "USD") == 123_450)
    #expect(AmazonValues.money("$12.99", currency: "USD") == 1299)
    #expect(AmazonValues.money("SAR 15", currency: "SAR") == 1500)
    #expect(AmazonValues.money("0.1", currency: "USD") == 10)
    #expect(AmazonValues.money("1,000", currency: "JPY") == 1000)
    #expect(AmazonValues.money("1.2345", currency: "KWD") == 1235)
    #expect(AmazonValues.money("-3.00", currency: "USD") == -300)
    #expect(AmazonValues.money("(3.00)", currency: "USD") == -300)
    #expect(AmazonValues.money("12,34", currency: "USD") == nil)
    #expect(AmazonValues.money("1.2.3", currency: "USD") == nil)
    #expect(AmazonValues.money("abc", currency: "USD") == nil)
    #expect(AmazonValues.money("", currency: "USD") == nil)
    #expect(AmazonValues.money("99999999999999999999", currency: "USD") == nil)
  }

  @Test("dates: ISO-8601 UTC, offsets, fractions, date only, US style")
  func dates() {
    let base = AmazonValues.date("2024-03-01T10:00:00Z")
    #expect(base == Date(timeIntervalSince1970: 1_709_287_200))
    #expect(AmazonValues.date("2024-03-01T10:00:00.000Z") == base)
    #expect(AmazonValues.date("2024-03-01T13:00:00+03:00") == base)
    #expect(AmazonValues.date("2024-03-01") == Date(timeIntervalSince1970: 1_709_251_200))
    #expect(AmazonValues.date("03/01/2024") == Date(timeIntervalSince1970: 1_709_251_200))
    #expect(AmazonValues.date("2024-02-30T00:00:00Z") == nil)
    #expect(AmazonValues.date("Not Available") == nil)
  }

  @Test("placeholders, X and Y, carriers, payments")
  func cells() {
    #expect(AmazonValues.isMissing(" Not Available "))
    #expect(AmazonValues.isMissing("Not Applicable"))
    #expect(AmazonValues.parts("Visa and Gift Card") == ["Visa", "Gift Card"])
    #expect(AmazonValues.carrier("UPS(1Z1) and USPS(94)") == ("UPS", "1Z1, 94"))
    #expect(AmazonValues.payment("Gift Certificate/Card and Visa").kind == .giftCard)
    #expect(AmazonValues.payment("mada - 4321") == PaymentMethod(kind: .mada, last4: "4321"))
  }
}

extension String {
  func replacingOccurrences(of a: String, with b: String) -> String {
    components(separatedBy: a).joined(separator: b)
  }
}
