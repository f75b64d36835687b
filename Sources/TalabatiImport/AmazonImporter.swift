import Foundation
import TalabatiCSV
import TalabatiDomain
import TalabatiInterchange
import TalabatiStore

// MARK: - Report

/// A row that was not imported, with the physical line where it starts and why.
public struct RejectedRow: Hashable, Sendable, Codable {
  public var file: String
  public var line: Int
  /// The order the row belongs to, when known.
  public var orderID: String?
  /// One English line; untrusted text in it is quoted and escaped.
  public var reason: String
}

/// What an import of Amazon exports did.
public struct AmazonImportReport: Sendable, Codable, Equatable {
  public var files: [String] = []
  public var account: AccountID = 0
  public var accountCreated = false
  /// Data rows read (after the header; notice rows and bad rows included).
  public var rowsRead = 0
  /// Rows that are notices ("This report contains…") or lines before the header: skipped.
  public var noticeRows = 0
  public var ordersImported = 0
  /// Orders already in the store (same order number): left untouched.
  public var ordersSkipped = 0
  /// Orders not imported because one of their rows was rejected.
  public var ordersRejected = 0
  /// Every rejected row, counted.
  public var rejectedRowCount = 0
  /// The first rejected rows (see `AmazonImportOptions.maxReportedRows`).
  public var rejectedRows: [RejectedRow] = []
  /// Rows of `Refund Details.csv`, and how many name an order the store holds (or, in a dry
  /// run, an order of the imported files). Matched refunds are stored as `ImportedRefund`s.
  public var refundRows = 0
  public var refundRowsMatched = 0
  /// Refunds stored by this import, and matched ones already stored by an earlier one.
  public var refundsStored = 0
  public var refundsAlreadyPresent = 0
  /// Readable refund rows naming an order the store does not hold: left out.
  public var refundsUnmatched = 0
  /// Rows of `Return Requests.csv`: counted, not stored (no returns model yet).
  public var returnRequestRows = 0

  public init() {}
}

/// Progress of an import, for a progress line.
public struct AmazonImportProgress: Sendable {
  /// 1 while scanning a file (grouping rows by order), 2 while importing it.
  public var pass: Int
  public var file: String
  public var rowsRead: Int
  /// Data rows of the file (known after pass 1), else nil.
  public var totalRows: Int?
  public var bytesRead: Int64
  public var totalBytes: Int64?
}

/// Tuning of an import.
public struct AmazonImportOptions: Sendable {
  /// Orders per transaction. Each commit writes every page the batch touched in the indexes
  /// on random keys (order numbers); 20,000 orders per batch touch each page once per more
  /// orders than 5,000 did (issue 12).
  public var batchSize = 20_000
  /// How many rejected rows the report lists (all are counted).
  public var maxReportedRows = 100
  /// The `actor` of the `order-imported` events.
  public var actor = "import"
  /// Longest stored title, in Unicode scalars (longer ones are cut, with "…").
  public var maxTitleScalars = 500
  /// Reads and checks everything but stores nothing (`ordersImported` counts what would be).
  public var dryRun = false

  public init() {}
}

// MARK: - Importer

/// Imports Amazon order-history CSV exports into the store (issue 6).
///
/// Two passes per file, in bounded memory: pass 1 streams the file and counts the rows of each
/// order (and marks orders that own a malformed row); pass 2 streams it again, keeps only the
/// orders that are still open, and turns each into one `Order` as soon as its last row has
/// been read. Orders go to the store in batches (one transaction each, idempotent by order
/// number). An order with any rejected row is rejected whole, with all its line numbers.
public final class AmazonImporter {
  public let db: AppDatabase
  public let options: AmazonImportOptions
  /// Called every few thousand rows.
  public var progress: ((AmazonImportProgress) -> Void)?

  /// The seller of every imported item: exports do not name the seller.
  public static let sellerID = "amazon-import"

  public init(db: AppDatabase, options: AmazonImportOptions = AmazonImportOptions()) {
    self.db = db
    self.options = options
  }

  /// The account of the store, created when the store has none: "Amazon import",
  /// `amazon-import@talabati.invalid` (exports carry no account e-mail), Arabic.
  public func targetAccount(now: Date) throws -> (Account, created: Bool) {
    if let a = try db.defaultAccount() { return (a, false) }
    let a = Account(
      id: 1, name: "Amazon import", email: "amazon-import@talabati.invalid", language: .ar)
    return (try db.createAccount(a, at: now), true)
  }

  /// Imports the export at `path` (a CSV file, or the unzipped export folder).
  public func importExport(at path: String, now: Date = Date()) throws -> AmazonImportReport {
    let files = try AmazonExportFiles.locate(path)
    var report = AmazonImportReport()
    let (account, created) =
      options.dryRun
      ? (try db.defaultAccount() ?? Account(id: 1, name: "", email: ""), false)
      : try targetAccount(now: now)
    report.account = account.id
    report.accountCreated = created
    var orderIDs = Set<String>()
    let wantIDs = !(files.refunds.isEmpty && files.returnRequests.isEmpty)
    for file in files.orderHistories {
      report.files.append(file)
      try importOrderHistory(
        file, account: account.id, into: &report, orderIDs: &orderIDs, collectIDs: wantIDs)
    }
    for file in files.refunds {
      report.files.append(file)
      try importRefunds(file, account: account.id, orderIDs: orderIDs, into: &report)
    }
    for file in files.returnRequests {
      report.files.append(file)
      report.returnRequestRows += try countRows(file, matching: orderIDs).rows
    }
    return report
  }

  // MARK: - One order history file

  /// A key for an order number: 17-digit Amazon numbers packed into 64 bits, others as text.
  enum OrderKey: Hashable {
    case packed(UInt64)
    case text(String)

    init(_ id: String) {
      var v: UInt64 = 0
      var digits = 0
      let u = id.utf8
      if u.count == 19 {
        var i = 0
        for c in u {
          if i == 3 || i == 11 {
            guard c == UInt8(ascii: "-") else { break }
          } else {
            guard (48...57).contains(c) else { break }
            v = v * 10 + UInt64(c - 48)
            digits += 1
          }
          i += 1
        }
      }
      self = digits == 17 ? .packed(v) : .text(id)
    }
  }

  /// What pass 1 learns about an order.
  struct Census {
    var rows: Int32 = 0
    var tainted = false
    /// The first unreadable line that may belong to the order.
    var badLine = 0
  }

  /// The rows of an order read so far in pass 2.
  struct OpenOrder {
    var rows: [AmazonRow] = []
    var rejected: [(line: Int, reason: String)] = []
    var remaining: Int32
  }

  func importOrderHistory(
    _ file: String, account: AccountID, into report: inout AmazonImportReport,
    orderIDs: inout Set<String>, collectIDs: Bool
  ) throws {
    let display = file
    // Pass 1: the header, and the rows of each order.
    let (columns, headerLine, census, dataRows) = try scan(file)
    // Order numbers are kept as text only to match refund rows against them.
    if collectIDs {
      for key in census.keys { orderIDs.insert(Self.text(key)) }
    }

    // Pass 2.
    let source: CSVFileSource
    do { source = try CSVFileSource(path: file) } catch {
      throw AmazonImportError.unreadable(String(describing: error))
    }
    let totalBytes = source.size
    let reader = CSVReader(source: source)
    var open: [OrderKey: OpenOrder] = [:]
    var batch: [Order] = []
    var rowsInFile = 0

    func reject(_ line: Int, _ order: String?, _ reason: String) {
      report.rejectedRowCount += 1
      if report.rejectedRows.count < options.maxReportedRows {
        report.rejectedRows.append(
          RejectedRow(file: display, line: line, orderID: order, reason: reason))
      }
    }
    var batchLines: [String: [Int]] = [:]
    func rejectOrder(_ id: String, lines: [Int], own: [Int: String], _ why: String) {
      report.ordersRejected += 1
      for line in lines.sorted() {
        reject(line, id, own[line] ?? "the order is rejected: \(why)")
      }
    }
    func rejectOrder(_ id: String, _ o: OpenOrder, _ why: String) {
      let own = Dictionary(o.rejected.map { ($0.line, $0.reason) }, uniquingKeysWith: { a, _ in a })
      rejectOrder(id, lines: o.rows.map(\.line) + o.rejected.map(\.line), own: own, why)
    }
    func flush() throws {
      guard !batch.isEmpty else { return }
      if options.dryRun {
        report.ordersImported += batch.count
        batch.removeAll(keepingCapacity: true)
        batchLines.removeAll(keepingCapacity: true)
        return
      }
      // Oldest first (file order among equal times): the batch's rows then arrive in
      // ascending keys (seq, and shipment and item ids, which follow the placing time), so
      // each table gains a few neighbouring pages instead of rows scattered over it (issue 12).
      batch = batch.enumerated().sorted {
        ($0.element.placedAt, $0.offset) < ($1.element.placedAt, $1.offset)
      }.map(\.element)
      let (inserted, skipped, failures) = try insert(batch, account: account)
      report.ordersImported += inserted
      report.ordersSkipped += skipped
      for (order, why) in failures {
        rejectOrder(order.id, lines: batchLines[order.id] ?? [], own: [:], why)
      }
      batch.removeAll(keepingCapacity: true)
      batchLines.removeAll(keepingCapacity: true)
    }
    func finish(_ key: OrderKey, _ o: OpenOrder, tainted: Bool, badLine: Int = 0) throws {
      let id = o.rows.first?.orderID ?? o.rejected.first.map { _ in Self.text(key) } ?? ""
      if tainted && o.rejected.isEmpty {
        rejectOrder(
          id, o,
          badLine > 0
            ? "line \(badLine), which names this order, could not be read"
            : "not all of its rows could be read")
        return
      }
      if !o.rejected.isEmpty {
        let first = o.rejected.min { $0.line < $1.line }!
        rejectOrder(id, o, "line \(first.line): \(first.reason)")
        return
      }
      switch build(o.rows, account: account) {
      case .success(let order):
        batch.append(order)
        batchLines[order.id] = o.rows.map(\.line)
        if batch.count >= options.batchSize { try flush() }
      case .failure(let why):
        rejectOrder(id, o, why.message)
      }
    }

    while true {
      let ok: Bool
      do {
        ok = try reader.next()
      } catch let error as CSVError {
        if error.line > headerLine {
          rowsInFile += 1
          report.rowsRead += 1
          // The orders it may belong to were marked in pass 1; the row itself is reported.
          reject(error.line, nil, error.reason)
        }
        continue
      } catch {
        throw AmazonImportError.unreadable(String(describing: error))
      }
      guard ok else { break }
      let line = reader.line
      if line < headerLine {
        report.noticeRows += 1
        continue
      }
      if line == headerLine { continue }
      rowsInFile += 1
      report.rowsRead += 1
      if rowsInFile % 8192 == 0 {
        progress?(
          AmazonImportProgress(
            pass: 2, file: display, rowsRead: rowsInFile, totalRows: dataRows,
            bytesRead: reader.bytesConsumed, totalBytes: totalBytes))
      }
      let idText = reader.string(at: columns.orderID).trimmed
      let known = !idText.isEmpty && census[OrderKey(idText)] != nil
      if !known || reader.fieldCount != columns.count {
        if known {
          // A row of a known order with the wrong number of fields: rejects that order.
        } else if Self.isNotice(reader) {
          report.noticeRows += 1
          continue
        } else if reader.fieldCount != columns.count {
          reject(
            line, nil, "the row has \(reader.fieldCount) fields, the header has \(columns.count)")
          continue
        } else {
          reject(
            line, nil,
            idText.isEmpty || AmazonValues.isMissing(idText)
              ? "the row has no Order ID" : "the file changed while it was being imported")
          continue
        }
      }
      let key = OrderKey(idText)
      guard let c = census[key] else {
        // The file changed between the passes.
        reject(line, idText, "the file changed while it was being imported")
        continue
      }
      var o = open[key] ?? OpenOrder(remaining: c.rows)
      o.remaining -= 1
      if reader.fieldCount != columns.count {
        o.rejected.append(
          (line, "the row has \(reader.fieldCount) fields, the header has \(columns.count)"))
      } else {
        switch AmazonRow.parse(reader, columns: columns, line: line, options: options) {
        case .success(let row): o.rows.append(row)
        case .failure(let why): o.rejected.append((line, why.message))
        }
      }
      if o.remaining <= 0 {
        open[key] = nil
        try finish(key, o, tainted: c.tainted, badLine: c.badLine)
      } else {
        open[key] = o
      }
    }
    // Orders whose rows did not all come back (the file changed, or rows were unreadable).
    for (key, o) in open.sorted(by: {
      ($0.value.rows.first?.line ?? 0) < ($1.value.rows.first?.line ?? 0)
    }) {
      try finish(key, o, tainted: true)
    }
    try flush()
    progress?(
      AmazonImportProgress(
        pass: 2, file: display, rowsRead: rowsInFile, totalRows: dataRows,
        bytesRead: totalBytes ?? 0, totalBytes: totalBytes))
  }

  /// A row that is a notice rather than data: at most two non-empty cells and no Order ID.
  static func isNotice(_ reader: CSVReader) -> Bool {
    var filled = 0
    for i in 0..<reader.fieldCount
    where !reader.string(at: i).trimmed.isEmpty {
      filled += 1
    }
    return filled <= 2
  }

  static func text(_ key: OrderKey) -> String {
    switch key {
    case .packed(let v): unpack(v)
    case .text(let t): t
    }
  }

  static func unpack(_ v: UInt64) -> String {
    var s = String(v)
    while s.count < 17 { s = "0" + s }
    let a = s.index(s.startIndex, offsetBy: 3)
    let b = s.index(a, offsetBy: 7)
    return "\(s[..<a])-\(s[a..<b])-\(s[b...])"
  }

  /// Pass 1: finds the header (lines before it are notices) and counts each order's rows.
  func scan(_ file: String) throws -> (AmazonColumns, Int, [OrderKey: Census], Int) {
    let source: CSVFileSource
    do { source = try CSVFileSource(path: file) } catch {
      throw AmazonImportError.unreadable(String(describing: error))
    }
    let totalBytes = source.size
    let reader = CSVReader(source: source)
    var columns: AmazonColumns?
    var headerLine = 0
    var census: [OrderKey: Census] = [:]
    var rows = 0
    var seen = 0
    func taint(_ raw: [UInt8], line: Int) {
      for id in Self.orderNumbers(in: raw) {
        census[OrderKey(id), default: Census()].tainted = true
        if census[OrderKey(id)]?.badLine == 0 { census[OrderKey(id)]?.badLine = line }
      }
    }
    while true {
      let ok: Bool
      do {
        ok = try reader.next()
      } catch let error as CSVError {
        if columns != nil {
          rows += 1
          taint(error.rawLine, line: error.line)
        }
        continue
      } catch {
        throw AmazonImportError.unreadable(String(describing: error))
      }
      guard ok else { break }
      guard let cols = columns else {
        seen += 1
        let record = reader.fields
        if AmazonColumns.isHeader(record) {
          switch AmazonColumns.find(in: record) {
          case .success(let c):
            columns = c
            headerLine = reader.line
          case .failure(let missing):
            throw AmazonImportError.notAnExport(
              path: file,
              reason: "the header lacks " + missing.names.joined(separator: ", "))
          }
        } else if seen >= 20 {
          break
        }
        continue
      }
      rows += 1
      if rows % 65536 == 0 {
        progress?(
          AmazonImportProgress(
            pass: 1, file: file, rowsRead: rows, totalRows: nil,
            bytesRead: reader.bytesConsumed, totalBytes: totalBytes))
      }
      guard cols.orderID < reader.fieldCount else { continue }
      let id = reader.string(at: cols.orderID).trimmed
      guard !id.isEmpty, !AmazonValues.isMissing(id) else { continue }
      census[OrderKey(id), default: Census()].rows += 1
      if reader.fieldCount != cols.count { census[OrderKey(id)]?.tainted = true }
    }
    guard let columns else {
      throw AmazonImportError.notAnExport(
        path: file, reason: "no header naming 'Order ID' and 'Order Date' in its first lines")
    }
    return (columns, headerLine, census, rows)
  }

  /// Amazon order numbers (`123-1234567-1234567`, `D01-1234567-1234567`) inside raw bytes.
  static func orderNumbers(in raw: [UInt8]) -> [String] {
    var found: [String] = []
    guard raw.count >= 19 else { return found }
    func alnum(_ c: UInt8) -> Bool { (48...57).contains(c) || (65...90).contains(c) }
    var i = 0
    while i + 19 <= raw.count {
      let w = raw[i..<i + 19]
      let ok = w.enumerated().allSatisfy { k, c in
        k == 3 || k == 11 ? c == UInt8(ascii: "-") : (k < 3 ? alnum(c) : (48...57).contains(c))
      }
      let boundary = (i == 0 || !alnum(raw[i - 1])) && (i + 19 == raw.count || !alnum(raw[i + 19]))
      if ok && boundary {
        found.append(String(decoding: w, as: UTF8.self))
        i += 19
      } else {
        i += 1
      }
    }
    return found
  }

  /// Rows of a CSV with an `Order ID` column, and how many name one of `orderIDs`.
  func countRows(_ file: String, matching orderIDs: Set<String>) throws -> (rows: Int, matched: Int)
  {
    let reader: CSVReader
    do { reader = try CSVReader(path: file) } catch {
      throw AmazonImportError.unreadable(String(describing: error))
    }
    var idColumn: Int?
    var rows = 0
    var matched = 0
    while true {
      do {
        guard try reader.next() else { break }
      } catch is CSVError {
        if idColumn != nil { rows += 1 }
        continue
      }
      guard let c = idColumn else {
        idColumn = reader.fields.firstIndex { AmazonColumns.normalise($0) == "order id" }
        continue
      }
      let id = reader.string(at: c).trimmed
      if id.isEmpty && Self.isNotice(reader) { continue }
      rows += 1
      if orderIDs.contains(id) {
        matched += 1
      }
    }
    return (rows, matched)
  }

  // MARK: - Refunds

  /// Reads `Refund Details.csv` (Order ID, Refund Amount, Refund Date, Currency; looked up by
  /// header name) and stores the refunds of orders the store holds. A row that cannot be read
  /// is rejected with its line number; the others still count.
  func importRefunds(
    _ file: String, account: AccountID, orderIDs: Set<String>,
    into report: inout AmazonImportReport
  ) throws {
    let reader: CSVReader
    do { reader = try CSVReader(path: file) } catch {
      throw AmazonImportError.unreadable(String(describing: error))
    }
    func reject(_ line: Int, _ order: String?, _ reason: String) {
      report.rejectedRowCount += 1
      if report.rejectedRows.count < options.maxReportedRows {
        report.rejectedRows.append(
          RejectedRow(file: file, line: line, orderID: order, reason: reason))
      }
    }
    var columns: (id: Int, amount: Int, date: Int, currency: Int?)?
    var refunds: [ImportedRefund] = []
    var seen: [ImportedRefund: Int] = [:]
    while true {
      do {
        guard try reader.next() else { break }
      } catch let error as CSVError {
        if columns != nil {
          report.refundRows += 1
          reject(error.line, nil, error.reason)
        }
        continue
      }
      guard let c = columns else {
        let names = reader.fields.map(AmazonColumns.normalise)
        if let id = names.firstIndex(of: "order id"),
          let amount = names.firstIndex(of: "refund amount"),
          let date = names.firstIndex(of: "refund date")
        {
          columns = (id, amount, date, names.firstIndex(of: "currency"))
        }
        continue
      }
      let id = reader.string(at: c.id).trimmed
      if id.isEmpty && Self.isNotice(reader) { continue }
      report.refundRows += 1
      let line = reader.line
      guard !id.isEmpty else {
        reject(line, nil, "the refund names no order")
        continue
      }
      let currencyCell = c.currency.map { reader.string(at: $0).trimmed } ?? ""
      let currency = AmazonValues.value(currencyCell)?.uppercased() ?? "SAR"
      let amountCell = reader.string(at: c.amount)
      guard let minor = AmazonValues.money(amountCell, currency: currency), minor >= 0 else {
        reject(line, id, "refund amount \(InterchangeError.quote(amountCell)) is not an amount")
        continue
      }
      let dateCell = reader.string(at: c.date)
      guard let date = AmazonValues.date(dateCell) else {
        reject(line, id, "refund date \(InterchangeError.quote(dateCell)) is not a date")
        continue
      }
      var refund = ImportedRefund(
        orderID: id, amount: Money(minor: minor, currency: currency), refundedAt: date)
      let n = seen[refund, default: 0]
      seen[refund] = n + 1
      refund.occurrence = n
      refunds.append(refund)
    }
    guard columns != nil else {
      reject(1, nil, "no header with Order ID, Refund Amount and Refund Date")
      return
    }
    if options.dryRun {
      let matched = refunds.filter { orderIDs.contains($0.orderID) }.count
      report.refundRowsMatched += matched
      report.refundsUnmatched += refunds.count - matched
      return
    }
    for start in stride(from: 0, to: refunds.count, by: max(options.batchSize, 1)) {
      let chunk = Array(refunds[start..<min(start + max(options.batchSize, 1), refunds.count)])
      let r = try db.insertImportedRefunds(chunk, account: account)
      report.refundsStored += r.inserted
      report.refundsAlreadyPresent += r.skipped
      report.refundRowsMatched += r.inserted + r.skipped
      report.refundsUnmatched += r.unmatched
    }
  }

  // MARK: - Storing

  /// Inserts `orders`; a batch the store refuses is split until the refused orders are
  /// found. An order whose shipment or item ids collide with stored ones gets new ids.
  func insert(_ orders: [Order], account: AccountID) throws
    -> (inserted: Int, skipped: Int, failures: [(Order, String)])
  {
    do {
      let r = try db.insert(orders: orders, account: account, actor: options.actor)
      return (r.inserted, r.skipped, [])
    } catch StoreError.invalidInput(let message) {
      if orders.count > 1 {
        let mid = orders.count / 2
        let a = try insert(Array(orders[..<mid]), account: account)
        let b = try insert(Array(orders[mid...]), account: account)
        return (a.inserted + b.inserted, a.skipped + b.skipped, a.failures + b.failures)
      }
      guard var order = orders.first else { return (0, 0, []) }
      if message.contains("already used") {
        for salt in 1...4 {
          AmazonOrderBuilder.assignIDs(&order, salt: UInt64(salt))
          do {
            let r = try db.insert(orders: [order], account: account, actor: options.actor)
            return (r.inserted, r.skipped, [])
          } catch StoreError.invalidInput(let again) where again.contains("already used") {
            continue
          }
        }
      }
      return (0, 0, [(order, "the store refused it: \(message)")])
    }
  }

  func build(_ rows: [AmazonRow], account: AccountID) -> Result<Order, RowProblem> {
    AmazonOrderBuilder.build(rows, account: account)
  }
}

/// Why a row or an order cannot be imported.
struct RowProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
