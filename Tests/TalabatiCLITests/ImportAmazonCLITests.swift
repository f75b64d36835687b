import Foundation
import TalabatiText
import Testing

/// End to end: `talabati import-amazon` on an export folder, in Arabic and English, then the
/// imported order and its refund as `show` presents them (issue 6).
@Suite(.serialized) struct ImportAmazonCLITests {
  typealias JSON = [String: Any]

  static let header = [
    "ASIN", "Billing Address", "Carrier Name & Tracking Number", "Currency", "Gift Message",
    "Gift Recipient Contact", "Gift Sender Name", "Item Serial Number", "Order Date",
    "Order ID", "Order Status", "Original Quantity", "Payment Method Type",
    "Product Condition", "Product Name", "Purchase Order Number", "Ship Date",
    "Shipment Item Subtotal", "Shipment Item Subtotal Tax", "Shipment Status",
    "Shipping Address", "Shipping Charge", "Shipping Option", "Total Amount",
    "Total Discounts", "Unit Price", "Unit Price Tax", "Website",
  ]

  static func record(_ fields: [String]) -> String {
    fields.map { f in
      f.contains(where: { ",\"\r\n".contains($0) })
        ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }.joined(separator: ",") + "\r\n"
  }

  static func row(_ values: [String: String]) -> String {
    record(header.map { values[$0] ?? "Not Available" })
  }

  /// An export folder: two good orders, one row with a price that is not an amount, a refund
  /// for the first order and one for an order the export does not hold.
  static func export() throws -> URL {
    let dir = CLI.tempDir().appendingPathComponent("export")
    let orders = dir.appendingPathComponent("Your Amazon Orders")
    let refunds = dir.appendingPathComponent("Your Returns & Refunds")
    try FileManager.default.createDirectory(at: orders, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: refunds, withIntermediateDirectories: true)
    func item(_ id: String, _ name: String, _ price: String) -> [String: String] {
      [
        "Order ID": id, "Product Name": name, "Unit Price": price, "Original Quantity": "1",
        "Currency": "SAR", "Order Date": "2024-03-01T10:00:00Z",
        "Ship Date": "2024-03-02T08:00:00Z", "Order Status": "Closed",
        "Shipment Status": "Delivered", "Shipment Item Subtotal": price,
        "Shipping Charge": "0", "Website": "Amazon.sa", "Payment Method Type": "Visa - 1234",
        "Carrier Name & Tracking Number": "SMSA(123456)", "ASIN": "B0TEST0001",
      ]
    }
    var csv = "This report contains your order history.\r\n" + record(header)
    csv += row(item("402-0000001-0000001", "سماعات, لاسلكية", "199.00"))
    csv += row(item("402-0000002-0000002", "Kindle Paperwhite", "549.00"))
    csv += row(item("402-0000003-0000003", "Broken row", "twelve"))
    try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(csv.utf8)).write(
      to: orders.appendingPathComponent("Order History.csv"))
    let refund =
      record(["Creation Date", "Currency", "Order ID", "Refund Amount", "Refund Date"])
      + record([
        "2024-03-10T00:00:00Z", "SAR", "402-0000001-0000001", "50.00", "2024-03-11T00:00:00Z",
      ])
      + record([
        "2024-03-10T00:00:00Z", "SAR", "999-0000000-0000000", "1.00", "2024-03-11T00:00:00Z",
      ])
    try Data(refund.utf8).write(to: refunds.appendingPathComponent("Refund Details.csv"))
    return dir
  }

  @Test func importsInArabicAndEnglishOnceThenShowsTheRefund() throws {
    let dir = try Self.export()
    let store = dir.deletingLastPathComponent().appendingPathComponent("s.sqlite").path
    let ar = try CLI.run(
      ["import-amazon", dir.path, "--store", store, "--now", CLI.now],
      env: ["TALABATI_LANG": "ar"])
    #expect(ar.code == 0, "\(ar.stderr)")
    // Piped output is logical Arabic text: the summary, the rejected row with its line, the
    // refunds (one stored, one for an order not in the store).
    // Arabic number agreement: طلبان (2, the subject of استُورد), 3 أسطر, سطر واحد.
    #expect(ar.stdout.contains("استُورد طلبان من 3 أسطر"), "\(ar.stdout)")
    #expect(ar.stdout.contains("رُفض سطر واحد (تُرك طلب واحد"), "\(ar.stdout)")
    #expect(ar.stdout.contains("Order History.csv:5"), "\(ar.stdout)")
    #expect(ar.stdout.contains("الطلب 402-0000003-0000003"), "\(ar.stdout)")
    #expect(ar.stdout.contains("الاستردادات من سطرين: سُجّل 1،"), "\(ar.stdout)")
    #expect(ar.stdout.contains("ولطلبات ليست في المتجر 1"), "\(ar.stdout)")

    // The same export again, in English: nothing new.
    let en = try CLI.run(
      ["import-amazon", dir.path, "--store", store, "--now", CLI.now],
      env: ["TALABATI_LANG": "en"])
    #expect(en.code == 0, "\(en.stderr)")
    #expect(en.stdout.contains("Imported 0 orders from 3 rows"), "\(en.stdout)")
    #expect(en.stdout.contains("already present: 2"), "\(en.stdout)")
    #expect(en.stdout.contains("Refunds from 2 rows: 0 recorded, 1 already recorded"))

    // The shopper opens the order: the refund is there, once.
    let show = try CLI.run(
      ["show", "402-0000001-0000001", "--store", store, "--now", CLI.now],
      env: ["TALABATI_LANG": "en"])
    #expect(show.code == 0, "\(show.stderr)")
    #expect(show.stdout.contains("سماعات, لاسلكية"))
    let refundLines = show.stdout.split(separator: "\n").filter { $0.hasPrefix("Refunded ") }
    #expect(refundLines.count == 1, "\(show.stdout)")
    #expect(refundLines.first?.contains("50.00") == true, "\(show.stdout)")
    let (code, value, _) = try CLI.json(["show", "402-0000001-0000001"], store: store)
    #expect(code == 0)
    let refunds = (value as? JSON)?["importedRefunds"] as? [JSON] ?? []
    #expect(refunds.count == 1)
    #expect((refunds.first?["amount"] as? JSON)?["minor"] as? Int == 5000)
  }

  @Test func jsonIsQuietAndBadPathsHaveTheirExitCodes() throws {
    let dir = try Self.export()
    let store = dir.deletingLastPathComponent().appendingPathComponent("s.sqlite").path
    let (code, value, r) = try CLI.json(["import-amazon", dir.path], store: store)
    #expect(code == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty, "progress or noise on stderr with --json: \(r.stderr)")
    let j = value as? JSON ?? [:]
    #expect(j["ordersImported"] as? Int == 2)
    #expect(j["refundsStored"] as? Int == 1)
    #expect(j["refundsUnmatched"] as? Int == 1)
    #expect((j["rejectedRows"] as? [JSON])?.first?["line"] as? Int == 5)

    let missing = try CLI.run(
      ["import-amazon", dir.path + "/nope", "--store", store, "--now", CLI.now])
    #expect(missing.code == 4, "\(missing.stderr)")
    let other = dir.appendingPathComponent("notes.csv")
    try Data("a,b\n1,2\n".utf8).write(to: other)
    let notExport = try CLI.run(
      ["import-amazon", other.path, "--store", store, "--now", CLI.now])
    #expect(notExport.code == 2, "\(notExport.stderr)")
    #expect(!notExport.stderr.isEmpty)
  }

  /// On a terminal the summary is laid out for the reader: a line longer than the terminal
  /// wraps instead of losing its end, and the English reason inside an Arabic line keeps its
  /// left-to-right order on the line it wraps onto.
  @Test(
    .enabled(if: TmuxTests.hasTmux, "tmux is not installed: run `make test`"),
    arguments: ["ar", "en"])
  func aLongLineWrapsOnATerminal(lang: String) throws {
    let dir = try Self.export()
    let store = dir.deletingLastPathComponent().appendingPathComponent("t.sqlite").path
    let s = try TmuxTests.Session(
      store: store, lang: lang, width: 60, height: 16, arguments: ["import-amazon", dir.path])
    let screen = try s.waitFor("EXITED:")
    #expect(screen.contains("EXITED:0"), "\(screen)")
    let lines = screen.split(separator: "\n").map(String.init)
    for line in lines { #expect(TextWidth.columns(line) <= 60, "too wide: \(line)") }
    // The rejected row's reason is whole, in reading order, on the line it wrapped onto.
    let reason = lines.first { $0.contains("is not an amount") }
    #expect(reason?.contains("\"twelve\" is not an amount") == true, "\(screen)")
    #expect(lines.contains { $0.contains("Order History.csv:5") }, "\(screen)")
    #expect(!screen.contains("…"), "a line was cut instead of wrapped:\n\(screen)")
  }
}
