import Foundation
import TalabatiCSV
import TalabatiDomain
import TalabatiInterchange

/// One data row of an order history, parsed: one item of one shipment.
struct AmazonRow {
  var line: Int
  var orderID: String
  var orderDate: Date
  var currency: String
  /// VAT-inclusive unit price: `Unit Price` + `Unit Price Tax`, minor units.
  var unitPrice: Int64
  var unitTax: Int64
  var quantity: Int
  var title: String
  var shipDate: Date?
  /// The raw carrier cell (part of the shipment key).
  var carrierCell: String
  var cancelled: Bool
  var delivered: Bool
  var shipped: Bool
  var shippingCharge: Int64
  var website: String
  var payment: String

  /// Parses the reader's current record.
  static func parse(
    _ r: CSVReader, columns c: AmazonColumns, line: Int, options: AmazonImportOptions
  ) -> Result<AmazonRow, RowProblem> {
    func cell(_ i: Int?) -> String { i.map { r.string(at: $0) } ?? "" }
    func q(_ s: String) -> String { InterchangeError.quote(s) }
    let id = cell(c.orderID).trimmed
    let idOK =
      (1...64).contains(id.utf8.count)
      && id.unicodeScalars.allSatisfy {
        $0.isASCII
          && (("0"..."9").contains($0) || ("A"..."Z").contains($0) || ("a"..."z").contains($0)
            || "-_.".unicodeScalars.contains($0))
      }
    guard idOK else {
      return .failure(
        RowProblem("Order ID \(q(id)) is not an order number (1–64 letters, digits, - _ .)"))
    }
    let dateCell = cell(c.orderDate)
    guard let orderDate = AmazonValues.parts(dateCell).lazy.compactMap(AmazonValues.date).first
    else { return .failure(RowProblem("Order Date \(q(dateCell)) is not a date")) }
    let currency = cell(c.currency).trimmed.uppercased()
    guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (65...90).contains($0) }) else {
      return .failure(RowProblem("Currency \(q(currency)) is not a currency code such as USD"))
    }
    let orderStatus = cell(c.orderStatus).asciiLowercased
    let shipmentStatus = cell(c.shipmentStatus).asciiLowercased
    let cancelled = orderStatus.has("cancel") || shipmentStatus.has("cancel")
    let priceCell = cell(c.unitPrice)
    var price: Int64 = 0
    if let text = AmazonValues.value(priceCell) {
      guard let p = AmazonValues.money(text, currency: currency), p >= 0 else {
        return .failure(RowProblem("Unit Price \(q(priceCell)) is not an amount"))
      }
      price = p
    } else if !cancelled {
      return .failure(RowProblem("Unit Price is missing"))
    }
    var tax: Int64 = 0
    if let text = AmazonValues.value(cell(c.unitPriceTax)) {
      guard let t = AmazonValues.money(text, currency: currency), t >= 0 else {
        return .failure(RowProblem("Unit Price Tax \(q(text)) is not an amount"))
      }
      tax = t
    }
    var quantity = 1
    if let text = AmazonValues.value(cell(c.quantity)) {
      guard let n = AmazonValues.quantity(text) else {
        return .failure(RowProblem("Quantity \(q(text)) is not a whole number from 1 to 100000"))
      }
      quantity = n
    }
    var shipDate: Date?
    let shipCell = cell(c.shipDate)
    if AmazonValues.value(shipCell) != nil {
      let dates = AmazonValues.parts(shipCell).compactMap(AmazonValues.date)
      guard let first = dates.min() else {
        return .failure(RowProblem("Ship Date \(q(shipCell)) is not a date"))
      }
      shipDate = first
    }
    var shipping: Int64 = 0
    if let text = AmazonValues.value(cell(c.shippingCharge)) {
      guard let s = AmazonValues.money(text, currency: currency), s >= 0 else {
        return .failure(RowProblem("Shipping Charge \(q(text)) is not an amount"))
      }
      shipping = s
    }
    // The shipment's own status wins; without one, a closed or complete order is taken as
    // delivered (Amazon closes an order once everything has arrived).
    let delivered =
      AmazonValues.isMissing(shipmentStatus)
      ? orderStatus.has("deliver") || orderStatus.has("closed")
        || orderStatus.has("complete")
      : shipmentStatus.has("deliver")
    let shipped = delivered || shipmentStatus.has("ship") || orderStatus.has("ship")
    let name = AmazonValues.value(cell(c.productName))
    let asin = AmazonValues.value(cell(c.asin))
    let title = cap(name ?? asin.map { "ASIN \($0)" } ?? "Amazon item", options.maxTitleScalars)
    return .success(
      AmazonRow(
        line: line, orderID: id, orderDate: orderDate, currency: currency,
        unitPrice: price + tax, unitTax: tax, quantity: quantity, title: title,
        shipDate: shipDate, carrierCell: cell(c.carrier).trimmed,
        cancelled: cancelled, delivered: delivered, shipped: shipped,
        shippingCharge: shipping, website: AmazonValues.value(cell(c.website)) ?? "",
        payment: cell(c.payment)))
  }

  /// `text` without NUL characters, cut to `limit` scalars (the last one "…").
  static func cap(_ text: String, _ limit: Int) -> String {
    // Fast path: fewer UTF-8 bytes than the limit means fewer scalars; no NUL, nothing to do.
    if text.utf8.count < limit && !text.utf8.contains(0) { return text }
    var scalars = String.UnicodeScalarView()
    var n = 0
    for s in text.unicodeScalars where s.value != 0 {
      if n == limit - 1 {
        scalars.append("…")
        return String(scalars)
      }
      scalars.append(s)
      n += 1
    }
    return String(scalars)
  }
}

/// Turns the rows of one order into a domain `Order`.
enum AmazonOrderBuilder {
  /// Groups `rows` (all of one order) into shipments by Ship Date and carrier cell, in the
  /// order they first appear. Rejects an order that mixes currencies.
  static func build(_ rows: [AmazonRow], account: AccountID) -> Result<Order, RowProblem> {
    guard let first = rows.first else { return .failure(RowProblem("the order has no rows")) }
    let currencies = Set(rows.map(\.currency))
    guard currencies.count == 1 else {
      return .failure(
        RowProblem(
          "its rows use several currencies (\(currencies.sorted().joined(separator: ", ")))"))
    }
    let currency = first.currency
    let placedAt = rows.map(\.orderDate).min() ?? first.orderDate
    var keys: [String] = []
    var groups: [String: [AmazonRow]] = [:]
    for r in rows {
      let key = "\(r.shipDate.map { String($0.timeIntervalSince1970) } ?? "-")|\(r.carrierCell)"
      if groups[key] == nil { keys.append(key) }
      groups[key, default: []].append(r)
    }
    var shipments: [Shipment] = []
    for key in keys {
      let group = groups[key] ?? []
      guard let head = group.first else { continue }
      let live = group.filter { !$0.cancelled }
      var timeline = Timeline(placedAt: placedAt)
      let shippedAt = head.shipDate.map { max($0, placedAt) }
      if let shippedAt, !live.isEmpty {
        timeline.shippingStartsAt = shippedAt
        timeline.shippedAt = shippedAt
        if live.contains(where: \.delivered) { timeline.deliveredAt = shippedAt }
      } else if !live.isEmpty, live.contains(where: \.shipped) {
        // Historic and shipped, with no ship date: shipped (and delivered) when placed.
        timeline.shippingStartsAt = placedAt
        timeline.shippedAt = placedAt
        if live.contains(where: \.delivered) { timeline.deliveredAt = placedAt }
      }
      let (carrier, tracking) = AmazonValues.carrier(head.carrierCell)
      let items = group.map { r -> Item in
        let vat =
          r.unitPrice > r.unitTax && r.unitTax > 0
          ? Int(
            (r.unitTax * 10_000 * 2 + (r.unitPrice - r.unitTax)) / ((r.unitPrice - r.unitTax) * 2))
          : 0
        let site = r.website.asciiLowercased
        return Item(
          id: 0, title: r.title,
          seller: Seller(
            id: site.isEmpty ? AmazonImporter.sellerID : "\(AmazonImporter.sellerID):\(site)",
            name: r.website.isEmpty ? "Amazon" : AmazonRow.cap(r.website, 100)),
          fulfilment: .store, quantity: r.quantity,
          unitPrice: Money(minor: r.unitPrice, currency: currency),
          vatRateBasisPoints: min(max(vat, 0), 10_000), category: "general",
          cancellation: r.cancelled ? Cancellation(at: placedAt, reason: .other) : nil)
      }
      shipments.append(
        Shipment(
          id: 0, timeline: timeline,
          // Repeated on the rows of a shipment: taken once, never summed.
          shippingCharge: Money(minor: group.map(\.shippingCharge).max() ?? 0, currency: currency),
          carrier: AmazonRow.cap(carrier, 200), trackingNumber: AmazonRow.cap(tracking, 200),
          items: items))
    }
    var order = Order(
      id: first.orderID, accountID: account, placedAt: placedAt,
      paymentMethod: AmazonValues.payment(first.payment), shipments: shipments, imported: true)
    assignIDs(&order, salt: 0)
    return .success(order)
  }

  /// Gives the order's shipments and items ids derived from its placing time and its number
  /// (and `salt`): the same file always gives the same ids. Each second of placing time owns a
  /// block of 100,000 ids in [10^12, 10^12 + 9·10^14), far from the small sequential ids of
  /// orders placed in talabati; inside it the order number's hash picks where the order's ids
  /// start. Ids that follow the orders' dates keep a batch's rows together in the shipment
  /// and item tables (whose rowid the id is): hashed ids scattered them over the whole table,
  /// so every batch rewrote most of its pages (issue 12). A collision is retried with
  /// another salt by the importer.
  static func assignIDs(_ order: inout Order, salt: UInt64) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ b: UInt8) {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    for b in order.id.utf8 { mix(b) }
    for k in 0..<8 { mix(UInt8(truncatingIfNeeded: salt >> (k * 8))) }
    // Final avalanche (splitmix64).
    h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    h ^= h >> 31
    let seconds = order.placedAt.timeIntervalSince1970
    let second = seconds.isFinite ? Int64(min(max(seconds, 0), 8_999_999_999)) : 0
    let start = 1_000_000_000_000 + second * 100_000 + Int64(h % 95_000)
    func id(_ index: Int) -> Int64 { start + Int64(index) }
    var itemIndex = 0
    for s in order.shipments.indices {
      order.shipments[s].id = id(s)
      for i in order.shipments[s].items.indices {
        order.shipments[s].items[i].id = id(itemIndex)
        itemIndex += 1
      }
    }
  }
}
