import Foundation
import TalabatiCSV

/// The current export's header, in Amazon's column order.
let currentHeader = [
  "ASIN", "Billing Address", "Carrier Name & Tracking Number", "Currency", "Gift Message",
  "Gift Recipient Contact", "Gift Sender Name", "Item Serial Number", "Order Date",
  "Order ID", "Order Status", "Original Quantity", "Payment Method Type",
  "Product Condition", "Product Name", "Purchase Order Number", "Ship Date",
  "Shipment Item Subtotal", "Shipment Item Subtotal Tax", "Shipment Status",
  "Shipping Address", "Shipping Charge", "Shipping Option", "Total Amount",
  "Total Discounts", "Unit Price", "Unit Price Tax", "Website",
]

/// The older `Retail.OrderHistory.N.csv` header (another order, other names).
let retailHeader = [
  "Website", "Order ID", "Order Date", "Purchase Order Number", "Currency", "Unit Price",
  "Unit Price Tax", "Shipping Charge", "Total Discounts", "Total Owed", "Shipment Item Subtotal",
  "Shipment Item Subtotal Tax", "ASIN", "Product Condition", "Quantity",
  "Payment Instrument Type", "Order Status", "Shipment Status", "Ship Date", "Shipping Option",
  "Shipping Address", "Billing Address", "Carrier Name & Tracking Number", "Product Name",
  "Gift Message", "Gift Sender Name", "Gift Recipient Contact Details",
]

/// One export row given by column name; every other column is "Not Available".
func row(_ header: [String], _ values: [String: String]) -> [String] {
  header.map { values[$0] ?? "Not Available" }
}

/// A typical delivered item of the current format.
func item(
  _ order: String, _ name: String, price: String, qty: String = "1", currency: String = "USD",
  date: String = "2024-03-01T10:00:00Z", ship: String = "2024-03-02T08:00:00Z",
  carrier: String = "UPS(1Z999AA10123456784)", status: String = "Closed",
  shipment: String = "Delivered", subtotal: String = "0.00", tax: String = "0.00",
  shipping: String = "0.00", website: String = "Amazon.com", payment: String = "Visa - 1234"
) -> [String: String] {
  [
    "Order ID": order, "Product Name": name, "Unit Price": price, "Original Quantity": qty,
    "Quantity": qty, "Currency": currency, "Order Date": date, "Ship Date": ship,
    "Carrier Name & Tracking Number": carrier, "Order Status": status,
    "Shipment Status": shipment, "Shipment Item Subtotal": subtotal, "Unit Price Tax": tax,
    "Shipping Charge": shipping, "Website": website, "Payment Method Type": payment,
    "Payment Instrument Type": payment, "ASIN": "B0TEST0001",
  ]
}

/// A scratch folder removed at deinit.
final class TempDir {
  let path: String
  init() {
    path = NSTemporaryDirectory() + "talabati-import-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` (subfolders created) and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let full = path + "/" + name
    try? FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    return full
  }

  @discardableResult
  func write(_ name: String, _ text: String, bom: Bool = false) -> String {
    write(name, (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
  }
}

/// A current-format file: a BOM, a notice line before the header, the rows, CRLF.
func currentFile(_ rows: [[String: String]], notice: Bool = true) -> String {
  var text = notice ? "This report contains your order history.\r\n" : ""
  text += CSVWriter.record(currentHeader)
  for r in rows { text += CSVWriter.record(row(currentHeader, r)) }
  return text
}
