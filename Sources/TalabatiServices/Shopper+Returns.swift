import Foundation
import TalabatiDomain
import TalabatiQR
import TalabatiStore
import TalabatiText

// MARK: - Returns (R11–R16)

/// A return just asked for, with the printable label saved beside the store (R13) or why it
/// could not be: a label that cannot be written does not undo the return.
public struct RequestedReturn: Hashable, Sendable {
  public var record: ReturnRecord
  public var labelFile: String?
  public var labelError: String?
}

/// A return's label: the QR code of its RMA drawn for a terminal, and the SVG file saved.
public struct ReturnLabel: Hashable, Sendable {
  public var record: ReturnRecord
  public var qrVersion: Int
  /// Half-block lines of the code, quiet zone included.
  public var qrLines: [String]
  public var svgFile: String
}

extension Shopper {
  /// The account's returns, newest first (R14).
  public func returns(limit: Int) throws -> [ReturnRecord] {
    let account = try accountID
    return try translatingStoreErrors { try db.returns(account: account, limit: limit) }
  }

  /// The return-policy table (R16), in display order.
  public func returnPolicy() throws -> ReturnPolicyTable {
    try translatingStoreErrors { try db.returnPolicy() }
  }

  /// The return with authorisation number `rma`.
  public func returnRecord(rma: String) throws -> ReturnRecord {
    let account = try accountID
    return try translatingStoreErrors { try db.returnRecord(rma: rma, account: account) }
  }

  /// Asks for a refund or replacement of `items`, all or nothing; a refusal throws the
  /// domain's `ReturnError` and changes nothing. The label is saved beside the store.
  public func requestReturn(
    items: [ItemID], in order: OrderID, reason: ReturnReason, resolution: ReturnResolution,
    at now: Date? = nil
  ) throws -> RequestedReturn {
    let account = try accountID
    let record = try translatingStoreErrors {
      try db.requestReturn(
        items: items, in: order, account: account, reason: reason, resolution: resolution,
        at: now ?? self.now, actor: actor)
    }
    var result = RequestedReturn(record: record)
    if labelsDirectory != nil {
      do {
        result.labelFile = try saveLabel(record, to: nil)
      } catch {
        result.labelError = "\(error)"
      }
    }
    return result
  }

  /// The label of return `rma`: its QR code (light modules drawn for a dark terminal unless
  /// `lightBackground`) and the SVG written to `svgPath` or `labels/<RMA>.svg` beside the store.
  public func returnLabel(rma: String, svgPath: String? = nil, lightBackground: Bool = false)
    throws -> ReturnLabel
  {
    let record = try returnRecord(rma: rma)
    let matrix: QRMatrix
    do {
      matrix = try QRCode.encode(record.rma)
    } catch {
      throw ShopperError.file("\(error)")
    }
    let file = try saveLabel(record, to: svgPath)
    return ReturnLabel(
      record: record, qrVersion: matrix.version,
      qrLines: matrix.halfBlockLines(quietZone: 4, inverted: !lightBackground), svgFile: file)
  }

  /// Where labels go: `labels/` beside the store file (or beside its Maildir for a store
  /// without a file); nil when neither exists.
  var labelsDirectory: URL? {
    if let storePath {
      return URL(fileURLWithPath: storePath).deletingLastPathComponent()
        .appendingPathComponent("labels")
    }
    if let maildir = db.maildirPath {
      return URL(fileURLWithPath: maildir).deletingLastPathComponent()
        .appendingPathComponent("labels")
    }
    return nil
  }

  /// Writes the printable label of `record` as SVG: to `path`, or to `labels/<RMA>.svg` beside
  /// the store. Returns the path written.
  func saveLabel(_ record: ReturnRecord, to path: String?) throws -> String {
    let target: String
    if let path, !path.isEmpty {
      target = path
    } else {
      guard let dir = labelsDirectory else {
        throw ShopperError.file("this store has no folder for labels")
      }
      do {
        try FileManager.default.createDirectory(
          at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw ShopperError.file("cannot create \(dir.path): \(error.localizedDescription)")
      }
      // The RMA is the store's own (RMA-NNNNNNN); keep only safe characters in a file name.
      let safe = String(
        record.rma.unicodeScalars.filter {
          $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-")
        }.map(Character.init))
      target = dir.appendingPathComponent((safe.isEmpty ? "label" : safe) + ".svg").path
    }
    let svg: String
    do {
      svg = try labelSVG(record)
    } catch {
      throw ShopperError.file("\(error)")
    }
    do {
      try Data(svg.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
    } catch {
      throw ShopperError.file("cannot write the label to \(Sanitizer.clean(target))")
    }
    return target
  }
}

/// The printable label: RMA, order, return address and the QR code of the RMA, on a
/// 100 × 150 mm page (R13).
func labelSVG(_ record: ReturnRecord) throws -> String {
  let qr = try QRCode.encode(record.rma)
  func esc(_ s: String) -> String {
    Sanitizer.clean(s).replacingOccurrences(of: "&", with: "&amp;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
  var y = 18
  var text = ""
  func line(_ s: String, size: Int, bold: Bool = false) {
    let weight = bold ? " font-weight=\"bold\"" : ""
    text +=
      "<text x=\"8\" y=\"\(y)\" font-family=\"sans-serif\" font-size=\"\(size)\"\(weight)>"
      + esc(s) + "</text>"
    y += size + 4
  }
  line("RETURN / إرجاع", size: 9, bold: true)
  line(record.rma, size: 11, bold: true)
  line("Order " + record.orderID, size: 5)
  y += 2
  line("SHIP TO:", size: 5, bold: true)
  for l in ReturnAddress.lines { line(l, size: 5) }
  let qrSize = 60
  let inner = qr.svg(moduleSize: 1).replacingOccurrences(
    of: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(qr.size + 8)\" "
      + "height=\"\(qr.size + 8)\"",
    with: "<svg x=\"20\" y=\"\(y + 4)\" width=\"\(qrSize)\" height=\"\(qrSize)\"")
  return """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="150mm" viewBox="0 0 100 150">\
    <rect width="100" height="150" fill="#fff" stroke="#000" stroke-width="0.5"/>\
    \(text)\(inner)</svg>

    """
}

// MARK: - Support, call-backs, seller messages, closure (R19–R23, R27–R29)

extension Shopper {
  public func callbacks() throws -> [CallbackRequest] {
    let account = try accountID
    return try translatingStoreErrors { try db.callbacks(account: account) }
  }

  /// R21: books a call-back; `SupportRefusal` outside the rules.
  public func requestCallback(at time: Date, phone: String, order: OrderID?) throws
    -> CallbackRequest
  {
    try requestCallback(at: time, phone: phone, order: order, now: now)
  }

  public func requestCallback(at time: Date, phone: String, order: OrderID?, now: Date) throws
    -> CallbackRequest
  {
    let account = try accountID
    return try translatingStoreErrors {
      try db.requestCallback(
        account: account, at: time, phone: phone, order: order, now: now, actor: actor)
    }
  }

  public func cancelCallback(_ id: Int64) throws -> CallbackRequest {
    try cancelCallback(id, now: now)
  }

  public func cancelCallback(_ id: Int64, now: Date) throws -> CallbackRequest {
    let account = try accountID
    return try translatingStoreErrors {
      try db.cancelCallback(id: id, account: account, now: now, actor: actor)
    }
  }

  /// R22: e-mails the report to the fraud address (the store's Maildir).
  public func reportFraud(_ text: String, url: String?) throws -> FraudReport {
    try reportFraud(text, url: url, now: now)
  }

  public func reportFraud(_ text: String, url: String?, now: Date) throws -> FraudReport {
    let account = try accountID
    return try translatingStoreErrors {
      try db.reportFraud(account: account, text: text, url: url, now: now, actor: actor)
    }
  }

  /// R7, R23: a message to the third-party seller of an item; `SupportRefusal` for the
  /// store's own items.
  public func contactSeller(order: OrderID, item: ItemID, message: String) throws
    -> SellerMessage
  {
    try contactSeller(order: order, item: item, message: message, now: now)
  }

  public func contactSeller(order: OrderID, item: ItemID, message: String, now: Date) throws
    -> SellerMessage
  {
    let account = try accountID
    return try translatingStoreErrors {
      try db.contactSeller(
        order: order, item: item, account: account, message: message, now: now, actor: actor)
    }
  }

  public func closure() throws -> AccountClosure? {
    let account = try accountID
    return try translatingStoreErrors { try db.closure(account: account) }
  }

  /// R27, R28: a closure, pending 7 days.
  public func requestClosure(_ reason: ClosureReason) throws -> AccountClosure {
    try requestClosure(reason, now: now)
  }

  public func requestClosure(_ reason: ClosureReason, now: Date) throws -> AccountClosure {
    let account = try accountID
    return try translatingStoreErrors {
      try db.requestClosure(account: account, reason: reason, now: now, actor: actor)
    }
  }

  /// R29: withdraws the pending closure; `SupportRefusal` when none is pending.
  public func withdrawClosure() throws -> AccountClosure { try withdrawClosure(now: now) }

  public func withdrawClosure(now: Date) throws -> AccountClosure {
    let account = try accountID
    return try translatingStoreErrors {
      try db.withdrawClosure(account: account, now: now, actor: actor)
    }
  }
}
