import Foundation

/// Where the columns the import needs sit in one export file, found by header name (never by
/// position), for both the current `Order History.csv` and the older
/// `Retail.OrderHistory.N.csv`.
public struct AmazonColumns: Sendable, Equatable {
  public var count: Int
  public var orderID: Int
  public var orderDate: Int
  public var currency: Int
  public var unitPrice: Int
  public var unitPriceTax: Int?
  public var quantity: Int?
  public var productName: Int
  public var asin: Int?
  public var shipDate: Int?
  public var carrier: Int?
  public var orderStatus: Int?
  public var shipmentStatus: Int?
  public var shippingCharge: Int?
  public var payment: Int?
  public var website: Int?

  /// The columns of `header`, or the names of the required ones that are missing.
  public static func find(in header: [String]) -> Result<AmazonColumns, MissingColumns> {
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      let key = normalise(name)
      if index[key] == nil { index[key] = i }
    }
    func col(_ names: String...) -> Int? {
      for n in names { if let i = index[normalise(n)] { return i } }
      return nil
    }
    let required: [(String, Int?)] = [
      ("Order ID", col("Order ID")), ("Order Date", col("Order Date")),
      ("Currency", col("Currency")), ("Unit Price", col("Unit Price")),
      ("Product Name", col("Product Name", "Title")),
    ]
    let missing = required.filter { $0.1 == nil }.map(\.0)
    guard missing.isEmpty,
      let orderID = required[0].1, let orderDate = required[1].1, let currency = required[2].1,
      let unitPrice = required[3].1, let productName = required[4].1
    else { return .failure(MissingColumns(names: missing)) }
    return .success(
      AmazonColumns(
        count: header.count, orderID: orderID, orderDate: orderDate, currency: currency,
        unitPrice: unitPrice, unitPriceTax: col("Unit Price Tax"),
        quantity: col("Original Quantity", "Quantity"), productName: productName,
        asin: col("ASIN", "ASIN/ISBN"), shipDate: col("Ship Date", "Shipment Date"),
        carrier: col("Carrier Name & Tracking Number"), orderStatus: col("Order Status"),
        shipmentStatus: col("Shipment Status"), shippingCharge: col("Shipping Charge"),
        payment: col("Payment Method Type", "Payment Instrument Type"),
        website: col("Website")))
  }

  /// A header cell compared without case, surrounding spaces or a stray BOM.
  static func normalise(_ name: String) -> String {
    name.trimmingCharacters(in: CharacterSet.whitespaces.union(["\u{FEFF}"])).lowercased()
  }

  /// True when `record` looks like an order-history header (it names Order ID and Order Date).
  static func isHeader(_ record: [String]) -> Bool {
    let names = Set(record.map(normalise))
    return names.contains("order id") && names.contains("order date")
  }
}

/// Required columns a file lacks.
public struct MissingColumns: Error, Equatable, Sendable {
  public var names: [String]
}

/// The files of an unzipped Amazon "Request Your Data" export that the import reads.
public struct AmazonExportFiles: Sendable, Equatable {
  /// `Order History.csv` and `Retail.OrderHistory.N.csv` files, sorted by path.
  public var orderHistories: [String] = []
  /// `Refund Details.csv` files.
  public var refunds: [String] = []
  /// `Return Requests.csv` files.
  public var returnRequests: [String] = []

  /// The files under `path`: a single CSV file is taken as an order history; a folder is
  /// searched (5 levels deep) for the files above by name.
  public static func locate(_ path: String) throws -> AmazonExportFiles {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw AmazonImportError.notFound(path)
    }
    var files = AmazonExportFiles()
    guard isDir.boolValue else {
      files.orderHistories = [path]
      return files
    }
    let root = URL(fileURLWithPath: path)
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { throw AmazonImportError.notFound(path) }
    for case let url as URL in walker {
      if walker.level > 5 {
        walker.skipDescendants()
        continue
      }
      let name = url.lastPathComponent.lowercased()
      guard name.hasSuffix(".csv") else { continue }
      if name == "order history.csv"
        || (name.hasPrefix("retail.orderhistory.") && !name.contains("return"))
      {
        files.orderHistories.append(url.path)
      } else if name == "refund details.csv" {
        files.refunds.append(url.path)
      } else if name == "return requests.csv" {
        files.returnRequests.append(url.path)
      }
    }
    files.orderHistories.sort()
    files.refunds.sort()
    files.returnRequests.sort()
    guard !files.orderHistories.isEmpty else {
      throw AmazonImportError.notAnExport(
        path: path,
        reason: "no 'Order History.csv' or 'Retail.OrderHistory.N.csv' inside (unzip the export "
          + "first, or name the CSV file itself)")
    }
    return files
  }
}

/// Why an import could not start (a bad row never stops it: see `AmazonImportReport`).
public enum AmazonImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No file or folder at the path.
  case notFound(String)
  /// The file or folder is not an Amazon order-history export.
  case notAnExport(path: String, reason: String)
  /// Reading failed (permissions, I/O).
  case unreadable(String)

  public var description: String {
    switch self {
    case .notFound(let p): "no such file or folder: \(p)"
    case .notAnExport(let p, let reason): "\(p) is not an Amazon order history: \(reason)"
    case .unreadable(let m): m
    }
  }
}
