import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiUI
import Testing

@testable import TalabatiServices

/// Givens: a store with one shopper and her orders, and a shopper service over it.
enum Given {
  /// 2025-10-09 08:53:20 UTC.
  static let t0 = Date(timeIntervalSince1970: 1_760_000_000)
  static let day: TimeInterval = 86_400
  static let sara = Account(id: 1, name: "سارة", email: "sara@example.com", language: .ar)
  static let amazon = Seller(id: "amazon", name: "Amazon.sa")
  static let thirdParty = Seller(id: "s-17", name: "متجر النور")

  /// Order `n` placed at t0: one shipment of a store-sold book and a third-party kettle,
  /// shipping from t0 + 1 h. Item ids are n*100 and n*100+1.
  static func order(_ n: Int) -> Order {
    let items = [
      Item(
        id: Int64(n) * 100, title: "كتاب مقدمة ابن خلدون", seller: amazon, fulfilment: .store,
        unitPrice: Money(minor: 10_000), category: "books"),
      Item(
        id: Int64(n) * 100 + 1, title: "غلاية", seller: thirdParty, fulfilment: .seller,
        unitPrice: Money(minor: 5_000), category: "grocery"),
    ]
    let shipment = Shipment(
      id: Int64(n) * 10,
      timeline: Timeline(
        placedAt: t0, shippingStartsAt: t0.addingTimeInterval(3600),
        expectedDeliveryAt: t0.addingTimeInterval(3 * day)),
      shippingCharge: Money(minor: 1_500), carrier: "SMSA", trackingNumber: "TRK\(n)",
      items: items)
    return Order(
      id: "402-0000000-\(String(format: "%07d", n))", accountID: 1, placedAt: t0,
      paymentMethod: PaymentMethod(kind: .card, last4: "4242"), shipments: [shipment])
  }

  /// Order `n`, delivered at t0 + 2 days.
  static func deliveredOrder(_ n: Int) -> Order {
    var o = order(n)
    o.shipments[0].timeline.shippedAt = t0.addingTimeInterval(day)
    o.shipments[0].timeline.outForDeliveryAt = t0.addingTimeInterval(2 * day - 3600)
    o.shipments[0].timeline.deliveredAt = t0.addingTimeInterval(2 * day)
    return o
  }

  /// A store file in a fresh temporary folder holding Sara and `orders`, opened as the CLI
  /// and the client open it.
  static func storeFile(_ orders: [Order]) throws -> String {
    let dir = NSTemporaryDirectory() + "talabati-services-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/talabati.sqlite"
    let db = try AppDatabase.openFile(at: path)
    try db.createAccount(sara, at: t0)
    _ = try db.insert(orders: orders, account: 1, actor: "test")
    return path
  }

  static func shopper(_ path: String, actor: String, at now: Date) throws -> Shopper {
    try Shopper.open(at: path, clock: FixedClock(now), actor: actor)
  }
}

@Suite("The shopper service: one seam for the CLI and the client")
struct ShopperTests {
  /// Given an order before shipping, when the client's service cancels an item, then the event
  /// names the service's actor and its clock's instant (no hard-coded actor, no wall clock).
  @Test func cancelRecordsTheServicesActorAndClock() throws {
    let o = Given.order(1)
    let path = try Given.storeFile([o])
    let now = Given.t0.addingTimeInterval(600)
    let tui = try Given.shopper(path, actor: "tui", at: now)

    let outcome = try tui.cancel(.items([o.items[0].id]), in: o.id, reason: .foundCheaper)

    #expect(outcome.cancelledItems.map(\.id) == [o.items[0].id])
    let event = try #require(
      try tui.db.events(order: o.id, account: 1).last { $0.kind == .itemsCancelled })
    #expect(event.actor == "tui")
    #expect(event.at == now)
  }

  /// Given a support effect and a returns effect of the client, when the one runner performs
  /// them on the service, then they are recorded under the service's actor ("tui" was written
  /// into the CLI's support adapter before; any front end now names itself).
  @Test func clientEffectsRunOnTheOneServiceUnderItsActor() throws {
    let o = Given.deliveredOrder(2)
    let path = try Given.storeFile([o])
    let now = Given.t0.addingTimeInterval(5 * Given.day)
    let service = try Given.shopper(path, actor: "ssh", at: now)
    let callbackAt = try #require(
      SupportPolicy.parseCallbackTime("2025-10-15 10:00", now: now, timeZone: "Asia/Riyadh"))

    let booked = perform(
      .support(.requestCallback(at: callbackAt, phone: "0501234567", order: o.id)), on: service,
      now: now)
    let returned = perform(
      .returns(
        .request(items: [o.items[0].id], order: o.id, reason: .damaged, resolution: .refund)),
      on: service, now: now)

    guard case .support(.callbackBooked(let callback))? = booked else {
      Issue.record("expected a booked call-back, got \(String(describing: booked))")
      return
    }
    #expect(callback.orderID == o.id)
    guard case .returns(.requested(let receipt))? = returned else {
      Issue.record("expected a return receipt, got \(String(describing: returned))")
      return
    }
    let events = try service.db.events(order: o.id, account: 1)
    let kinds: [Event.Kind] = [.callbackRequested, .returnRequested]
    #expect(events.filter { kinds.contains($0.kind) }.map(\.actor) == ["ssh", "ssh"])
    // R13: the client's receipt carries the QR code and the label saved beside the store.
    #expect(!receipt.qrLines.isEmpty)
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    #expect(receipt.labelFile == dir + "/labels/\(receipt.record.rma).svg")
    #expect(FileManager.default.fileExists(atPath: dir + "/labels/\(receipt.record.rma).svg"))
  }

  /// Given a delivered order, when `show` asks the service for its details ten days after
  /// delivery, then each item carries its cancel answer and its return answer: the book is
  /// returnable until its 30-day window closes, the grocery item's 7 days have passed (R11, R16).
  @Test func detailAnswersCancelAndReturnPerItem() throws {
    let o = Given.deliveredOrder(3)
    let path = try Given.storeFile([o])
    let now = Given.t0.addingTimeInterval(12 * Given.day)
    let cli = try Given.shopper(path, actor: "cli", at: now)

    let detail = try cli.detail(o.id)

    let book = o.items[0].id
    let kettle = o.items[1].id
    #expect(detail.at == now)
    #expect(detail.cancelAnswer(book)?.cancellable == false)
    #expect(detail.cancelAnswer(book)?.refusal == .enteredShipping)
    #expect(detail.returnAnswer(book)?.returnable == true)
    #expect(detail.returnAnswer(book)?.window?.isOpen(at: now) == true)
    #expect(detail.returnAnswer(kettle)?.refusal == .windowClosed)
    #expect(detail.returns.map(\.itemID) == [book, kettle])
  }

  /// Given the same intent from both front ends, when each asks, then they get the same
  /// answer: the client's return screen and `show` agree on what was returned, and a refused
  /// cancel is the same domain refusal for both.
  @Test func theCLIAndTheClientGetTheSameAnswer() throws {
    let o = Given.deliveredOrder(4)
    let path = try Given.storeFile([o])
    let now = Given.t0.addingTimeInterval(5 * Given.day)
    let cli = try Given.shopper(path, actor: "cli", at: now)
    let tui = try Given.shopper(path, actor: "tui", at: now)
    _ = try cli.requestReturn(
      items: [o.items[0].id], in: o.id, reason: .damaged, resolution: .refund)

    let info = try tui.returnInfo(o.id, now: now)
    let detail = try cli.detail(o.id)
    #expect(info.returned == [o.items[0].id])
    #expect(detail.returnAnswer(o.items[0].id)?.refusal == .alreadyReturned)
    #expect(try tui.returns(now: now) == cli.returns(limit: 100))

    let clientAnswer = perform(.cancel(.wholeOrder, order: o.id, reason: .other), on: tui, now: now)
    #expect(throws: Refusal.self) { try cli.cancel(.wholeOrder, in: o.id, reason: .other) }
    do {
      _ = try cli.cancel(.wholeOrder, in: o.id, reason: .other)
    } catch Refusal.cancel(let refusal) {
      #expect(clientAnswer == .cancelRefused(refusal))
    }
  }

  /// Given a return, when the CLI's `label` and the client's label screen ask for it, then both
  /// get the same record and QR code and the same SVG file beside the store (R13); a light
  /// background draws the dark modules instead.
  @Test func theLabelIsTheSameForBothFrontEnds() throws {
    let o = Given.deliveredOrder(7)
    let path = try Given.storeFile([o])
    let now = Given.t0.addingTimeInterval(5 * Given.day)
    let cli = try Given.shopper(path, actor: "cli", at: now)
    let requested = try cli.requestReturn(
      items: [o.items[0].id], in: o.id, reason: .damaged, resolution: .refund)
    let rma = requested.record.rma

    let printed = try cli.returnLabel(rma: rma)
    let shown = try Given.shopper(path, actor: "tui", at: now).label(rma: rma)
    let light = try cli.returnLabel(rma: rma, lightBackground: true)

    #expect(requested.labelError == nil)
    #expect(requested.labelFile == printed.svgFile)
    #expect(shown.record == printed.record)
    #expect(shown.qrLines == printed.qrLines)
    #expect(shown.labelFile == printed.svgFile)
    #expect(light.qrLines != printed.qrLines && light.qrLines.count == printed.qrLines.count)
    let svg = try String(contentsOfFile: printed.svgFile, encoding: .utf8)
    #expect(svg.contains(rma) && svg.contains(o.id))
    #expect(throws: ShopperError.notFound(what: "return RMA-9999999")) {
      try cli.returnLabel(rma: "RMA-9999999")
    }
  }

  /// Given a store error, when it crosses the seam, then front ends see a `ShopperError` or the
  /// domain refusal, worded as the store worded it (the client's status bar is unchanged).
  @Test func storeErrorsCrossTheSeamAsTheServicesOwn() throws {
    let o = Given.order(5)
    let path = try Given.storeFile([o])
    let cli = try Given.shopper(path, actor: "cli", at: Given.t0)

    #expect(throws: ShopperError.notFound(what: "order 402-9999999-9999999")) {
      try cli.order("402-9999999-9999999")
    }
    #expect(
      ShopperError.notFound(what: "order X").description
        == StoreError.notFound(what: "order X").description)
    _ = try cli.archive(o.id)
    #expect(throws: Refusal.archive(.alreadyArchived)) { try cli.archive(o.id) }
    #expect(throws: ShopperError.noAccount) {
      try Shopper(db: AppDatabase.inMemory(), account: nil, actor: "cli").list(.orders, limit: 5)
    }
  }

  /// Given a store file whose closure period has ended, when a front end opens it, then the
  /// closure is carried out before anything is read (R29) and the service acts for no account.
  @Test func openingCarriesOutDueClosures() throws {
    let path = try Given.storeFile([Given.order(6)])
    let before = try Given.shopper(path, actor: "cli", at: Given.t0)
    _ = try before.requestClosure(.other)

    let after = try Given.shopper(
      path, actor: "cli", at: Given.t0.addingTimeInterval(8 * Given.day))

    #expect(before.account?.id == 1)
    #expect(after.account == nil)
  }
}
