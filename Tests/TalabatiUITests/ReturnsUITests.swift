import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// A returns service over the in-memory orders: the same domain policy as the store (R11,
/// R16), RMAs counted from 1, and a fixed stand-in for the QR code (the real one comes from
/// libqrencode in the runner and is tested in TalabatiQRTests).
final class FakeReturnsService: ReturnsService {
  let orders: InMemoryOrderService
  private(set) var records: [ReturnRecord] = []
  static let qr = ["█▀▀▀█ ▄ █▀▀▀█", "█ █ █ ▀▄█ █ █", "▀▀▀▀▀ ▀ ▀▀▀▀▀"]

  init(orders: InMemoryOrderService) { self.orders = orders }

  var returned: Set<ItemID> { Set(records.flatMap { $0.lines.map(\.itemID) }) }

  func returnInfo(_ order: OrderID, now: Date) throws -> ReturnInfo {
    _ = try orders.order(order)
    return ReturnInfo(policy: .standard, returned: returned)
  }

  func requestReturn(
    items: [ItemID], in order: OrderID, reason: ReturnReason, resolution: ReturnResolution,
    now: Date
  ) throws -> ReturnReceipt {
    var r = try ReturnPolicy.request(
      items: items, in: try orders.order(order), reason: reason, resolution: resolution,
      policy: .standard, timeZone: TimeZone(identifier: "Asia/Riyadh")!, returned: returned,
      rma: "RMA-000000\(records.count + 1)", at: now
    ).get()
    if resolution == .replacement { r.replacementOrderID = "RPL-000000\(records.count + 1)" }
    records.append(r)
    return ReturnReceipt(record: r, qrLines: Self.qr, labelFile: "/tmp/labels/\(r.rma).svg")
  }

  func returns(now: Date) throws -> [ReturnRecord] { records.reversed() }

  func label(rma: String) throws -> ReturnReceipt {
    guard let r = records.first(where: { $0.rma == rma }) else {
      throw InMemoryServiceError.orderNotFound(rma)
    }
    return ReturnReceipt(record: r, qrLines: Self.qr, labelFile: nil)
  }
}

/// Drives update → effects like the runner: returns effects through `performReturns`, the
/// others through `perform`.
struct ReturnsDriver {
  var model: AppModel
  let orders: InMemoryOrderService
  let service: FakeReturnsService

  /// 27 Nov 2026 09:00 UTC.
  static var now: Date { Fixtures.now }
  static func days(_ d: Double) -> Date { now.addingTimeInterval(d * 86_400) }

  /// Delivered 8 days ago: a book (30 days: returnable), coffee (grocery, 7 days: closed
  /// yesterday) and a gift card (not returnable), R16.
  static let delivered = Order(
    id: "402-5555555-0000005", accountID: 1, placedAt: days(-12),
    paymentMethod: PaymentMethod(kind: .mada, last4: "4242"),
    shipments: [
      Shipment(
        id: 51,
        timeline: Timeline(
          placedAt: days(-12), shippingStartsAt: days(-11), shippedAt: days(-10),
          outForDeliveryAt: days(-8.2), deliveredAt: days(-8), expectedDeliveryAt: days(-8)),
        shippingCharge: Money(minor: 1_500), carrier: "Aramex", trackingNumber: "AX55500051",
        items: [
          Item(
            id: 511, title: "كتاب مقدمة ابن خلدون", seller: Fixtures.amazon, fulfilment: .store,
            unitPrice: Money(minor: 8_500), category: "books"),
          Item(
            id: 512, title: "قهوة عربية 500 جم", seller: Fixtures.amazon, fulfilment: .store,
            quantity: 2, unitPrice: Money(minor: 4_200), category: "grocery"),
          Item(
            id: 513, title: "Gift card 100 SAR", seller: Fixtures.amazon, fulfilment: .store,
            unitPrice: Money(minor: 10_000), category: "gift-card"),
        ])
    ])

  /// Shipped 3 days ago, expected yesterday: "Delayed in transit" (R24, R25).
  static let late = Order(
    id: "402-6666666-0000006", accountID: 1, placedAt: days(-4),
    paymentMethod: PaymentMethod(kind: .card, last4: "1881"),
    shipments: [
      Shipment(
        id: 61,
        timeline: Timeline(
          placedAt: days(-4), shippingStartsAt: days(-3.5), shippedAt: days(-3),
          expectedDeliveryAt: days(-1)),
        shippingCharge: Money(minor: 0), carrier: "SMSA", trackingNumber: "",
        items: [
          Item(
            id: 611, title: "Kindle Paperwhite", seller: Fixtures.amazon, fulfilment: .store,
            unitPrice: Money(minor: 59_900), category: "electronics")
        ])
    ])

  init(lang: Language = .ar, width: Int = 80, height: Int = 24) {
    model = Fixtures.model(lang: lang, width: width, height: height)
    orders = InMemoryOrderService(
      orders: Fixtures.orders + [Self.delivered, Self.late], account: Fixtures.account)
    service = FakeReturnsService(orders: orders)
  }

  mutating func send(_ action: Action) {
    var queue = [action]
    var steps = 0
    while !queue.isEmpty, steps < 1_000 {
      steps += 1
      for e in update(&model, queue.removeFirst()) {
        let result: Action?
        if case .returns(let r) = e {
          result = performReturns(r, service: service, now: model.now)
        } else {
          result = perform(e, service: orders, now: model.now)
        }
        if let result { queue.append(result) }
      }
    }
  }

  mutating func start() {
    send(.resized(width: model.width, height: model.height))
    for e in launch(&model) {
      if let r = perform(e, service: orders, now: model.now) { send(r) }
    }
  }

  /// Opens the details of the list row showing `id`.
  mutating func open(_ id: OrderID) {
    let index = model.list.rows.firstIndex { $0.id == id } ?? 0
    send(.jumpTop)
    for _ in 0..<index { send(.moveDown) }
    send(.openSelected)
  }

  mutating func press(_ key: Key) {
    if let a = Keymap.action(for: key, in: model) { send(a) }
  }
}

// MARK: - State tests

@Suite struct ReturnsStateTests {
  func opened(_ id: OrderID = ReturnsDriver.delivered.id, lang: Language = .ar) -> ReturnsDriver {
    var d = ReturnsDriver(lang: lang)
    d.start()
    d.open(id)
    return d
  }

  @Test func rOnTheDetailsOpensThePickerOnTheFirstReturnableItem() {
    var d = opened()
    #expect(d.model.order?.id == ReturnsDriver.delivered.id)
    d.press(.char("r"))
    #expect(d.model.route == .returnSelect)
    #expect(d.model.returns.flow?.info?.policy == .standard)
    // R16: the book is returnable; the coffee's 7 days closed; the gift card never.
    #expect(d.model.returnEligibility(of: 511)?.returnable == true)
    #expect(d.model.returnEligibility(of: 512)?.refusal == .windowClosed)
    #expect(d.model.returnEligibility(of: 513)?.refusal == .notReturnable)
    #expect(d.model.returns.flow?.cursor == 0)
  }

  @Test func disabledItemsCannotBeTicked() {
    var d = opened()
    d.press(.char("r"))
    d.send(.moveDown)  // the coffee
    var before = d.model
    d.press(.char(" "))
    before.flash = .info("flash.cannotTick")  // it says why nothing happened (issue 13)
    #expect(d.model == before)
    d.send(.moveUp)
    d.press(.char(" "))
    #expect(d.model.returns.flow?.checked == [511])
  }

  @Test func theWholeFlowRequestsOnceAndShowsTheRMA() {
    var d = opened()
    d.press(.char("r"))
    d.press(.enter)  // nothing ticked yet
    #expect(d.model.route == .returnSelect)
    #expect(d.model.flash == .info("flash.selectItems"))
    d.press(.char(" "))
    d.press(.enter)
    #expect(d.model.route == .returnReason)
    d.press(.char("2"))  // defective
    #expect(d.model.returns.flow?.reason == .defective)
    #expect(d.model.route == .returnResolution)
    d.press(.enter)  // refund
    #expect(d.model.route == .returnConfirm)
    #expect(d.model.returns.flow?.resolution == .refund)
    // R15: the confirmation shows the refund to the original payment method.
    guard case .success(let preview)? = d.model.returnPreview else {
      Issue.record("no preview")
      return
    }
    #expect(preview.refundAmount == Money(minor: 8_500))
    d.press(.enter)
    #expect(d.model.route == .returnResult)
    #expect(d.model.stack == [.list, .detail, .returnResult])
    #expect(d.model.returns.flow?.receipt?.record.rma == "RMA-0000001")
    #expect(d.service.records.count == 1)
    // Enter on the result goes back to the details; asking again is refused (R11).
    d.press(.enter)
    #expect(d.model.route == .detail)
    d.press(.char("r"))
    #expect(d.model.returnEligibility(of: 511)?.refusal == .alreadyReturned)
    #expect(d.model.flash == .info("returns.noneReturnable"))
  }

  @Test func aReplacementReloadsTheListForItsNewOrder() {
    var d = opened()
    d.press(.char("r"))
    d.press(.char(" "))
    d.press(.enter)
    d.press(.char("1"))
    d.press(.char("2"))  // replacement
    #expect(d.model.returns.flow?.resolution == .replacement)
    d.press(.enter)
    #expect(d.model.returns.flow?.receipt?.record.replacementOrderID == "RPL-0000001")
    #expect(d.model.list.loaded)
  }

  @Test func aRefusalIsShownWithTheClosingDate() {
    var d = opened()
    d.press(.char("r"))
    d.send(.returns(.refused(.refused([d.model.returnEligibility(of: 512)!]))))
    #expect(d.model.route == .returnResult)
    #expect(d.model.returns.flow?.receipt == nil)
    #expect(d.model.returns.flow?.refusal != nil)
  }

  @Test func returnStatusListsReturnsAndTogglesTheLabel() {
    var d = opened()
    d.press(.char("r"))
    d.press(.char(" "))
    d.press(.enter)
    d.press(.char("1"))
    d.press(.char("1"))
    d.press(.enter)
    d.press(.enter)
    d.press(.char("R"))
    #expect(d.model.route == .returnStatus)
    #expect(d.model.returns.list?.map(\.rma) == ["RMA-0000001"])
    d.press(.enter)
    #expect(d.model.returns.label?.record.rma == "RMA-0000001")
    d.press(.char("l"))
    #expect(d.model.returns.label == nil)
    // R14: the stage moves with time.
    d.send(.tick(ReturnsDriver.days(1.5)))
    #expect(d.model.returns.list?.first?.stage(at: d.model.now) == .droppedOff)
  }

  @Test func trackingOpensFromTheDetailsAndSupportKeepsTheOrderNumber() {
    var d = opened(ReturnsDriver.late.id)
    d.press(.char("t"))
    #expect(d.model.route == .tracking)
    d.press(.char("s"))
    // R20, R25: support opens with the order number ready.
    #expect(d.model.route == .support)
    #expect(d.model.support?.orderID == ReturnsDriver.late.id)
  }

  @Test func theHelpListsTheNewKeys() {
    let detail = Keymap.bindings(for: .detail, direction: .ltr).map(\.helpKey)
    #expect(detail.contains("help.returnItems") && detail.contains("help.track"))
    #expect(
      Keymap.bindings(for: .list, direction: .rtl).map(\.helpKey).contains("help.returnStatus"))
    for key in ["help.returnItems", "help.track", "help.returnStatus", "help.returnLabel"] {
      #expect(tr(key, .ar) != key && tr(key, .en) != key)
    }
  }
}

// MARK: - Snapshots

@Suite struct ReturnsSnapshotTests {
  static let sizes = [(80, 24), (40, 12)]

  func snap(
    _ name: String, order: OrderID = ReturnsDriver.delivered.id, _ keys: [Key],
    testName: String = #function
  ) {
    for lang in Language.allCases {
      var d = ReturnsDriver(lang: lang)
      d.start()
      d.open(order)
      for k in keys { d.press(k) }
      for (w, h) in Self.sizes {
        assertScreen(
          view(d.model, width: w, height: h), named: "\(name)-\(lang.rawValue)-\(w)x\(h)",
          testName: testName)
      }
    }
  }

  @Test func select() { snap("return-select", [.char("r"), .char(" ")]) }
  @Test func reason() { snap("return-reason", [.char("r"), .char(" "), .enter, .down]) }
  @Test func resolution() {
    snap("return-resolution", [.char("r"), .char(" "), .enter, .char("1")])
  }
  @Test func confirm() {
    snap("return-confirm", [.char("r"), .char(" "), .enter, .char("1"), .char("1")])
  }
  @Test func result() {
    snap("return-result", [.char("r"), .char(" "), .enter, .char("2"), .char("1"), .enter])
  }
  @Test func status() {
    snap(
      "return-status",
      [.char("r"), .char(" "), .enter, .char("2"), .char("1"), .enter, .enter, .char("R"), .enter])
  }
  @Test func trackingDelivered() { snap("tracking-delivered", [.char("t")]) }
  @Test func trackingDelayed() {
    snap("tracking-delayed", order: ReturnsDriver.late.id, [.char("t"), .down, .down])
  }
}
