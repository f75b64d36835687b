import Foundation
import PropertyBased
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// Orders whose amounts and titles are long enough to be cut at 40 columns (issue 13).
enum DisplayFixtures {
  static var now: Date { Fixtures.now }
  static func days(_ d: Double) -> Date { now.addingTimeInterval(d * 86_400) }
  static func minutes(_ m: Double) -> Date { now.addingTimeInterval(m * 60) }

  /// Placed 2 minutes ago: a store item of SAR 1,149.00 and a seller's item (R3: 28 min left).
  static let fryer = Order(
    id: "402-7777777-0000007", accountID: 1, placedAt: minutes(-2),
    paymentMethod: PaymentMethod(kind: .card, last4: "8516"),
    shipments: [
      Shipment(
        id: 71, timeline: Timeline(placedAt: minutes(-2), expectedDeliveryAt: days(3)),
        shippingCharge: Money(minor: 2_500), carrier: "SMSA", trackingNumber: "SMSA700000071",
        items: [
          Item(
            id: 711, title: "Philips Air Fryer XXL HD9650 قلاية هوائية", seller: Fixtures.amazon,
            fulfilment: .store, unitPrice: Money(minor: 114_900), category: "home"),
          Item(
            id: 712, title: "Samsung Galaxy Tab S9 Ultra 512GB تابلت", seller: Fixtures.nour,
            fulfilment: .seller, unitPrice: Money(minor: 1_234_550), category: "electronics"),
        ])
    ])

  /// Delivered 3 days ago: returnable (R16).
  static let deliveredFryer = Order(
    id: "402-8888888-0000008", accountID: 1, placedAt: days(-6),
    paymentMethod: PaymentMethod(kind: .mada, last4: "8516"),
    shipments: [
      Shipment(
        id: 81,
        timeline: Timeline(
          placedAt: days(-6), shippingStartsAt: days(-5.5), shippedAt: days(-5),
          outForDeliveryAt: days(-3.2), deliveredAt: days(-3), expectedDeliveryAt: days(-3)),
        shippingCharge: Money(minor: 0), carrier: "Aramex", trackingNumber: "AX80000081",
        items: [
          Item(
            id: 811, title: "Philips Air Fryer XXL HD9650 قلاية هوائية", seller: Fixtures.amazon,
            fulfilment: .store, unitPrice: Money(minor: 114_900), category: "home"),
          Item(
            id: 812, title: "De'Longhi Dedica Espresso Machine EC685 ماكينة قهوة",
            seller: Fixtures.amazon, fulfilment: .store, quantity: 2,
            unitPrice: Money(minor: 99_950), category: "home"),
        ])
    ])

  /// Placed yesterday; its only shipment was cancelled an hour later (R1, R10).
  static let cancelledShipment = Order(
    id: "402-9999999-0000009", accountID: 1, placedAt: days(-1),
    paymentMethod: PaymentMethod(kind: .applePay),
    shipments: [
      Shipment(
        id: 91, timeline: Timeline(placedAt: days(-1), expectedDeliveryAt: days(2)),
        shippingCharge: Money(minor: 0), carrier: "SMSA", trackingNumber: "SMSA900000091",
        items: [
          Item(
            id: 911, title: "Anker PowerCore 20000", seller: Fixtures.amazon, fulfilment: .store,
            unitPrice: Money(minor: 19_900),
            cancellation: Cancellation(at: days(-1).addingTimeInterval(3600), reason: .changedMind))
        ])
    ])

  static let orders = Fixtures.orders + [fryer, deliveredFryer]
}

/// Drives update → effects like the runner, over `DisplayFixtures.orders`, returns included.
struct DisplayDriver {
  var model: AppModel
  let orders: InMemoryOrderService
  let returns: FakeReturnsService

  init(
    lang: Language, width: Int = 80, height: Int = 24, orders list: [Order] = DisplayFixtures.orders
  ) {
    model = Fixtures.model(lang: lang, width: width, height: height)
    orders = InMemoryOrderService(orders: list, account: Fixtures.account)
    returns = FakeReturnsService(orders: orders)
    send(.resized(width: width, height: height))
    for e in launch(&model) {
      if let r = perform(e, service: orders, now: model.now) { send(r) }
    }
  }

  mutating func send(_ action: Action) {
    var queue = [action]
    var steps = 0
    while !queue.isEmpty, steps < 1_000 {
      steps += 1
      for e in update(&model, queue.removeFirst()) {
        let result: Action?
        if case .returns(let r) = e {
          result = performReturns(r, service: returns, now: model.now)
        } else {
          result = perform(e, service: orders, now: model.now)
        }
        if let result { queue.append(result) }
      }
    }
  }

  mutating func press(_ key: Key) {
    if let a = Keymap.action(for: key, in: model) { send(a) }
  }

  /// Opens the details of the list row showing `id`.
  mutating func open(_ id: OrderID) {
    let index = model.list.rows.firstIndex { $0.id == id } ?? 0
    send(.jumpTop)
    for _ in 0..<index { send(.moveDown) }
    send(.openSelected)
  }
}

/// The screens of the client that show amounts or explain a decision, each reached the way a
/// shopper reaches it.
enum DisplayFlows {
  typealias Flow = (name: String, steps: (inout DisplayDriver) -> Void)

  static var cancelSteps: (inout DisplayDriver) -> Void {
    { d in
      d.open(DisplayFixtures.fryer.id)
      d.send(.cancel(.begin))
    }
  }

  static var returnSteps: (inout DisplayDriver) -> Void {
    { d in
      d.open(DisplayFixtures.deliveredFryer.id)
      d.press(.char("r"))
      d.press(.char(" "))
      d.send(.moveDown)
      d.press(.char(" "))
      d.press(.enter)
      d.press(.char("1"))
    }
  }

  static var flows: [Flow] {
    [
      ("list", { _ in }),
      ("details", { d in d.open(DisplayFixtures.fryer.id) }),
      ("details-preparing", { d in d.open(Fixtures.preparing.id) }),
      ("details-delivered", { d in d.open(DisplayFixtures.deliveredFryer.id) }),
      ("checklist", cancelSteps),
      (
        "checklist-refused",
        { d in
          d.open(Fixtures.preparing.id)
          d.send(.cancel(.begin))
        }
      ),
      (
        "confirm",
        { d in
          cancelSteps(&d)
          d.send(.cancel(.toggleAllCancellable))
          d.send(.confirm)
          d.send(.cancel(.pickReason(0)))
        }
      ),
      (
        "result",
        { d in
          cancelSteps(&d)
          d.send(.cancel(.toggleAllCancellable))
          d.send(.confirm)
          d.send(.cancel(.pickReason(0)))
          d.send(.confirm)
        }
      ),
      (
        "refusal",
        { d in
          d.open(Fixtures.preparing.id)
          let p = Fixtures.preparing
          d.send(
            .cancelRefused(
              .refused([
                CancelPolicy.eligibility(
                  of: p.shipments[0].items[0], in: p.shipments[0], of: p, at: d.model.now)
              ])))
        }
      ),
      (
        "archive-confirm",
        { d in
          d.open(DisplayFixtures.fryer.id)
          d.send(.archive(.archiveOrRestore))
        }
      ),
      (
        "tracking",
        { d in
          d.open(DisplayFixtures.deliveredFryer.id)
          d.press(.char("t"))
        }
      ),
      ("return-resolution", returnSteps),
      (
        "return-confirm",
        { d in
          returnSteps(&d)
          d.press(.enter)
        }
      ),
      (
        "return-result",
        { d in
          returnSteps(&d)
          d.press(.enter)
          d.press(.enter)
        }
      ),
      (
        "return-status",
        { d in
          returnSteps(&d)
          d.press(.enter)
          d.press(.enter)
          d.send(.back)
          d.send(.back)
          d.send(.returns(.openReturns))
        }
      ),
      (
        "closure-warning",
        { d in
          d.send(.support(.openAccount))
          d.send(.support(.closeAccount))
          d.send(.confirm)
        }
      ),
    ]
  }

  static func driver(_ flow: Flow, lang: Language, width: Int, height: Int) -> DisplayDriver {
    var d = DisplayDriver(lang: lang, width: width, height: height)
    flow.steps(&d)
    return d
  }
}

/// Every `Money` reachable from `value` (the model's orders, refunds, returns, previews).
func storedAmounts(_ value: Any, into out: inout Set<String>, depth: Int = 0) {
  if let m = value as? Money {
    out.insert(amountNumber(m))
    return
  }
  // Amounts the domain computes from stored ones: a line's total, an order's total.
  if let item = value as? Item { out.insert(amountNumber(item.lineTotal)) }
  if let order = value as? Order { out.insert(amountNumber(order.total)) }
  guard depth < 24 else { return }
  for child in Mirror(reflecting: value).children {
    storedAmounts(child.value, into: &out, depth: depth + 1)
  }
}

/// The number of an amount as drawn (`1,149.00`), without its currency.
func amountNumber(_ m: Money) -> String {
  String(
    Format.money(minor: m.minor, currency: m.currency, lang: .en).filter {
      $0.isNumber || $0 == "," || $0 == "." || $0 == "-"
    })
}

/// The number-like tokens of a drawn screen that look like amounts: digits with a thousands
/// comma or a decimal point between digits (`1,149.00`, or a cut `1,14`).
func amountTokens(_ screen: Screen) -> [String] { amountTokens(inText: screen.text) }

/// The amount-like tokens of lines of text (see `amountTokens(_:)`).
func amountTokens(inText text: String) -> [String] {
  var out: [String] = []
  for line in text.split(separator: "\n") {
    var token = ""
    func flush() {
      let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,"))
      let scalars = Array(t)
      var looksLikeAmount = false
      for i in scalars.indices.dropFirst().dropLast()
      where (scalars[i] == "," || scalars[i] == ".") && scalars[i - 1].isASCII
        && scalars[i - 1].isNumber && scalars[i + 1].isASCII && scalars[i + 1].isNumber
      {
        looksLikeAmount = true
      }
      if looksLikeAmount { out.append(t) }
      token = ""
    }
    for ch in line {
      if (ch.isASCII && ch.isNumber) || ch == "," || ch == "." { token.append(ch) } else { flush() }
    }
    flush()
  }
  return out
}

@Suite struct DisplayTests {
  // MARK: Item 1: a number is never cut

  /// Over every screen that shows amounts, widths 40–200 and both languages: every amount
  /// drawn is one of the model's amounts, whole, or is not drawn at all.
  @Test func everyAmountDrawnIsAStoredAmountOrAbsent() async {
    await propertyCheck(
      count: 250, input: Gen.int(in: 40...200),
      Gen.int(in: 0...(DisplayFlows.flows.count - 1)), Gen.bool
    ) { width, index, arabic in
      let flow = DisplayFlows.flows[index]
      let lang: Language = arabic ? .ar : .en
      for height in [12, 24] {
        let d = DisplayFlows.driver(flow, lang: lang, width: width, height: height)
        var stored: Set<String> = []
        storedAmounts(d.model, into: &stored)
        if let p = d.model.cancelPreview { storedAmounts(p, into: &stored) }
        if let p = d.model.returnPreview { storedAmounts(p, into: &stored) }
        for token in amountTokens(view(d.model, width: width, height: height))
        where !stored.contains(token) {
          Issue.record(
            "\(flow.name) \(lang) \(width)x\(height): drew \(token), not a stored amount")
        }
      }
    }
  }

  /// The case of the issue, exactly: Arabic order details at 40×12 showed `…1,14 —`.
  @Test func arabicDetailsAt40ColumnsShowThePriceWhole() {
    var d = DisplayDriver(lang: .ar, width: 40, height: 12)
    d.open(DisplayFixtures.fryer.id)
    var tokens: [String] = []
    for _ in 0..<12 {
      tokens += amountTokens(view(d.model, width: 40, height: 12))
      d.send(.moveDown)
    }
    #expect(tokens.contains("1,149.00"))
    #expect(tokens.filter { $0.hasPrefix("1,1") }.allSatisfy { $0 == "1,149.00" }, "\(tokens)")
  }

  // MARK: Item 3: text that explains a decision wraps, it is never cut

  /// At 80×24 and 40×12, in both languages, no body row of a screen that explains a
  /// decision (details, checklist, confirmation, result, refusal, archive and closure
  /// warnings, tracking, returns) ends in the ellipsis of a cut line.
  @Test(arguments: [(80, 24), (40, 12)])
  func explanationsAreNeverCut(size: (Int, Int)) {
    let (w, h) = size
    for lang in Language.allCases {
      for flow in DisplayFlows.flows where flow.name != "list" {
        var d = DisplayFlows.driver(flow, lang: lang, width: w, height: h)
        // Scroll through the whole body where the screen scrolls.
        var seen: Set<String> = []
        for _ in 0..<40 {
          let rows = view(d.model, width: w, height: h).text.split(
            separator: "\n", omittingEmptySubsequences: false)
          for (r, row) in rows.enumerated() where r > 0 && r < h - 2 && row.contains("…") {
            seen.insert("\(flow.name) \(lang) \(w)x\(h) row \(r): \(row)")
          }
          let before = d.model
          d.send(.moveDown)
          if d.model == before || d.model.route != before.route { break }
        }
        for cut in seen.sorted() { Issue.record("cut: \(cut)") }
      }
    }
  }

  /// The explanations of the issue appear whole (English, where the screen text can be
  /// searched as written): the closure warning, the archive confirmation, the reason an item
  /// cannot be cancelled in the checklist.
  @Test func decisiveEnglishTextAppearsWhole() {
    func joined(_ flow: String) -> String {
      let f = DisplayFlows.flows.first { $0.name == flow }!
      let d = DisplayFlows.driver(f, lang: .en, width: 80, height: 24)
      return view(d.model, width: 80, height: 24).text.split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.joined(separator: " ")
    }
    #expect(joined("archive-confirm").contains(tr("archive.explain", .en)))
    let days = Int(ClosurePolicy.pendingPeriod / 86_400)
    #expect(
      joined("closure-warning").contains(
        tr("closure.period", .en, ["period": Format.quantity(days, unit: "day", lang: .en)])))
    #expect(joined("checklist-refused").contains(tr("refusal.entered-shipping", .en)))
  }

  /// A sentence in the string table is never cut in the source itself: the shipment refusal
  /// ended `1 of its items cannot be`. Shown at 80 columns it must end with its verb.
  @Test func shipmentRefusalFlashIsAWholeSentence() {
    var d = DisplayDriver(lang: .en, width: 80, height: 24)
    d.open(Fixtures.preparing.id)
    d.send(.cancel(.begin))
    for _ in 0..<4 { d.send(.moveUp) }
    d.send(.toggleHighlighted)  // the first shipment: preparing for shipment (R1, R4)
    let rows = view(d.model, width: 80, height: 24).text.split(
      separator: "\n", omittingEmptySubsequences: false)
    let message = rows[22].trimmingCharacters(in: .whitespaces)
    #expect(message.hasSuffix("cannot be cancelled"), "\(message)")
    #expect(!message.contains("…"))
  }

  // MARK: Helpers

  /// The screen's rows, trimmed and joined by spaces: a wrapped sentence reads whole.
  func joined(_ d: DisplayDriver, _ w: Int = 120, _ h: Int = 40) -> String {
    view(d.model, width: w, height: h).text.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.joined(separator: " ")
  }

  func rows(_ d: DisplayDriver, _ w: Int, _ h: Int) -> [String] {
    view(d.model, width: w, height: h).text.split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
  }

  /// `logical` as an Arabic screen shows it (shaped, in visual order).
  func shown(_ logical: String, _ lang: Language) -> String {
    Bidi.visual(logical, base: lang.direction).text
  }

  // MARK: Item 4: a return's refund line follows its stage (R14, R15)

  @Test func aReturnsRefundLineFollowsItsStage() {
    var d = DisplayDriver(lang: .en, width: 120, height: 40)
    DisplayFlows.returnSteps(&d)
    d.press(.enter)
    d.press(.enter)
    #expect(d.model.route == .returnResult)
    let start = d.model.now
    func status(afterDays days: Double) -> String {
      var e = d
      e.send(.tick(start.addingTimeInterval(days * 86_400)))
      e.send(.returns(.openReturns))
      return joined(e)
    }
    let initiated = status(afterDays: 0)
    #expect(initiated.contains("goes back to") && initiated.contains("once it arrives"))
    let received = status(afterDays: 4.5)
    #expect(received.contains("is being inspected"), "\(received)")
    #expect(!received.contains("once it arrives"))
    let issued = status(afterDays: 7)
    #expect(issued.contains("was refunded to"), "\(issued)")
    #expect(!issued.contains("once it arrives") && !issued.contains("goes back"))
  }

  // MARK: Item 5: a search result shows the item that matched

  @Test(arguments: Language.allCases)
  func searchResultsShowTheItemThatMatched(lang: Language) {
    var d = DisplayDriver(lang: lang, width: 120, height: 24)
    d.send(.list(.startSearch))
    for ch in "longhi" { d.send(.list(.searchTyped(ch))) }
    d.send(.list(.submitSearch))
    let text = view(d.model, width: 120, height: 24).text
    #expect(text.contains(DisplayFixtures.deliveredFryer.id))
    #expect(text.contains("De'Longhi"), "\(text)")
    #expect(!text.contains("Philips"))
  }

  // MARK: Item 6: a partly cancelled order says so at any width (R10)

  @Test(arguments: [40, 60, 80, 99])
  func aPartlyCancelledOrderSaysSoAtAnyWidth(width: Int) {
    for lang in Language.allCases {
      var d = DisplayDriver(lang: lang, width: width, height: 24)
      d.send(.list(.nextView))  // Cancelled orders
      #expect(d.model.list.view == .cancelled)
      let row = rows(d, width, 24).first { $0.contains(Fixtures.partlyCancelled.id) } ?? ""
      #expect(row.contains(shown(tr("list.partlyCancelled", lang), lang)), "\(lang) \(row)")
    }
  }

  // MARK: Item 8: the details show a return in progress and a delay; tracking a cancel

  @Test func detailsShowAReturnInProgress() {
    for lang in Language.allCases {
      var d = DisplayDriver(lang: lang, width: 120, height: 40)
      DisplayFlows.returnSteps(&d)
      d.press(.enter)
      d.press(.enter)
      d.send(.back)
      #expect(d.model.route == .detail)
      let text = joined(d)
      #expect(text.contains("RMA-0000001"), "\(text)")
      if lang == .en { #expect(text.contains("Return RMA-0000001 · Initiated")) }
    }
  }

  @Test func detailsShowTheDelayTrackingShows() {
    for lang in Language.allCases {
      var d = DisplayDriver(
        lang: lang, width: 80, height: 24, orders: DisplayFixtures.orders + [ReturnsDriver.late])
      d.open(ReturnsDriver.late.id)
      #expect(d.model.order?.id == ReturnsDriver.late.id)
      #expect(joined(d, 80, 24).contains(shown(tr("track.delayed", lang), lang)))
    }
  }

  @Test func aCancelledShipmentsTrackingTicksOrderedThenCancelled() {
    var d = DisplayDriver(
      lang: .en, width: 80, height: 24,
      orders: DisplayFixtures.orders + [DisplayFixtures.cancelledShipment])
    d.open(DisplayFixtures.cancelledShipment.id)
    d.press(.char("t"))
    #expect(d.model.route == .tracking)
    let text = joined(d, 80, 24)
    #expect(text.contains("✓ Ordered ·") && text.contains("✓ Cancelled ·"), "\(text)")
    #expect(!text.contains("○ Ordered"))
  }

  // MARK: Item 19: one way of writing counts, durations, lists and amounts

  @Test func countsTakeTheirPluralForm() {
    var d = DisplayDriver(lang: .en, width: 80, height: 24)
    d.open(Fixtures.preparing.id)
    d.send(.cancel(.begin))
    #expect(joined(d, 80, 24).contains("(1 item)"))
    #expect(!joined(d, 80, 24).contains("(1 items)"))
    var a = DisplayDriver(lang: .ar, width: 80, height: 24)
    a.open(Fixtures.preparing.id)
    a.send(.cancel(.begin))
    #expect(joined(a, 80, 24).contains(shown("(" + tr("unit.item.one", .ar) + ")", .ar)))
    var r = DisplayDriver(lang: .en, width: 80, height: 24)
    r.open(Fixtures.fresh.id)
    r.send(.cancel(.begin))
    r.send(.cancel(.toggleAllCancellable))
    r.send(.confirm)
    r.send(.cancel(.pickReason(0)))
    r.send(.confirm)
    #expect(r.model.route == .result)
    #expect(joined(r, 80, 24).contains("Cancelled 2 items of order"), "\(joined(r, 80, 24))")
  }

  @Test func theSellerCountdownIsADuration() {
    for lang in Language.allCases {
      var d = DisplayDriver(lang: lang, width: 120, height: 40)
      d.open(DisplayFixtures.fryer.id)
      let text = joined(d)
      #expect(!text.contains("28:00"))
      let left = shown(Format.quantity(28, unit: "minute", lang: lang), lang)
      #expect(text.contains(left), "\(text)")
      if lang == .en { #expect(text.contains("28 min left")) }
    }
  }

  /// Arabic numbered lists put the dot on the same side on every screen (after the number in
  /// reading order: on its left).
  @Test func arabicListMarkersPutTheDotOnOneSide() {
    var screens: [[String]] = []
    var picker = DisplayDriver(lang: .ar, width: 80, height: 24)
    DisplayFlows.cancelSteps(&picker)
    picker.send(.cancel(.toggleAllCancellable))
    picker.send(.confirm)
    screens.append(rows(picker, 80, 24))
    var returnReason = DisplayDriver(lang: .ar, width: 80, height: 24)
    returnReason.open(DisplayFixtures.deliveredFryer.id)
    returnReason.press(.char("r"))
    returnReason.press(.char(" "))
    returnReason.press(.enter)
    screens.append(rows(returnReason, 80, 24))
    var tracking = DisplayDriver(lang: .ar, width: 120, height: 60)
    tracking.open(DisplayFixtures.deliveredFryer.id)
    tracking.press(.char("t"))
    screens.append(rows(tracking, 120, 60))
    var closure = DisplayDriver(lang: .ar, width: 80, height: 24)
    closure.send(.support(.openAccount))
    closure.send(.support(.closeAccount))
    screens.append(rows(closure, 80, 24))
    for screen in screens {
      let tokens = screen.flatMap { $0.split(separator: " ").map(String.init) }
      let numberThenDot = tokens.filter { $0.wholeMatch(of: /[0-9]{1,2}\./) != nil }
      let dotThenNumber = tokens.filter { $0.wholeMatch(of: /\.[0-9]{1,2}/) != nil }
      #expect(numberThenDot.isEmpty, "\(screen.joined(separator: "\n"))")
      #expect(!dotThenNumber.isEmpty, "\(screen.joined(separator: "\n"))")
    }
  }

  /// The Arabic list's amounts end in the same column, like the English ones.
  @Test(arguments: Language.allCases)
  func listAmountsAreRightAligned(lang: Language) {
    let d = DisplayDriver(lang: lang, width: 80, height: 24)
    var ends: Set<Int> = []
    for row in rows(d, 80, 24) {
      guard let token = amountTokens(inText: row).first, let r = row.range(of: token) else {
        continue
      }
      ends.insert(row.distance(from: row.startIndex, to: r.upperBound))
    }
    #expect(ends.count == 1, "\(ends)")
  }

}

extension DisplayTests {
  /// The masked card reads `•••• 8516` (dots, then digits) on every Arabic screen that names
  /// it: the details, the refund of a cancel, the return's refund (after an amount).
  @Test func theMaskedCardIsTheSameWayRoundOnEveryArabicScreen() {
    for flow in DisplayFlows.flows {
      var d = DisplayFlows.driver(flow, lang: .ar, width: 120, height: 60)
      if flow.name == "return-result" { d.send(.jumpTop) }
      for row in rows(d, 120, 60) where row.contains("8516") {
        #expect(row.contains("•••• 8516"), "\(flow.name): \(row)")
      }
    }
  }
}

extension DisplayTests {
  /// At 40×12 the confirmation still shows the refund's total, where it goes and the key that
  /// confirms; the result shows the total (the breakdown gives way, never the total).
  @Test func theRefundTotalShowsOnASmallScreen() {
    for lang in Language.allCases {
      for name in ["confirm", "result"] {
        let flow = DisplayFlows.flows.first { $0.name == name }!
        let d = DisplayFlows.driver(flow, lang: lang, width: 40, height: 12)
        let total: Money
        switch (d.model.cancelPreview, d.model.result) {
        case (_, .cancelled(let outcome)?): total = outcome.refund.total
        case (.success(let outcome)?, _): total = outcome.refund.total
        default:
          Issue.record("\(name): no refund")
          continue
        }
        let text = view(d.model, width: 40, height: 12).text
        #expect(text.contains(amountNumber(total)), "\(name) \(lang)\n\(text)")
        #expect(text.contains("8516"), "\(name) \(lang)\n\(text)")
        if name == "confirm", lang == .en { #expect(text.contains("Enter: Cancel checked")) }
      }
    }
  }
}

extension DisplayTests {
  /// A replacement order says what it is and where it came from, in the list and the details,
  /// and its item is not offered for cancelling (issue 13, item 7).
  @Test func aReplacementOrderSaysWhatItIs() {
    var replacement = DisplayFixtures.fryer
    replacement.id = "RPL-0000009"
    for s in replacement.shipments.indices {
      for i in replacement.shipments[s].items.indices {
        replacement.shipments[s].items[i].unitPrice = Money(minor: 0)
        replacement.shipments[s].items[i].id += 1000
      }
      replacement.shipments[s].id += 1000
      replacement.shipments[s].shippingCharge = Money(minor: 0)
    }
    replacement.replacementOf = Order.ReplacementSource(
      rma: "RMA-0000009", orderID: DisplayFixtures.deliveredFryer.id)
    var d = DisplayDriver(
      lang: .en, width: 120, height: 40, orders: DisplayFixtures.orders + [replacement])
    let row = rows(d, 120, 40).first { $0.contains("RPL-0000009") } ?? ""
    #expect(row.contains("(replacement)"), "\(row)")
    d.open(replacement.id)
    let text = joined(d)
    #expect(
      text.contains(
        "Free replacement for return RMA-0000009 of order \(DisplayFixtures.deliveredFryer.id)"))
    #expect(text.contains("Total: SAR 0.00 (replacement, no charge)"))
    #expect(!text.contains("Can be cancelled"))
    #expect(text.contains(tr("refusal.replacement-order", .en)))
  }
}
