import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// The support, form and account screens (R19–R23, R27–R29): state changes after each action,
/// and snapshots in Arabic and English at 80×24 and 40×12.
@Suite struct SupportScreenTests {
  static let sizes = [(80, 24), (40, 12)]
  let now = Fixtures.now

  /// A driver on the order list in `lang`, the account's name known.
  func driver(_ lang: Language = .ar) -> TestDriver {
    var model = Fixtures.model(lang: lang)
    model.accountName = Fixtures.account.name
    var d = TestDriver(
      model: model,
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    return d
  }

  func callback(_ id: Int64, hours: Double, cancelled: Bool = false) -> CallbackRequest {
    CallbackRequest(
      id: id, accountID: 1, orderID: nil, phone: "0501234567",
      at: now.addingTimeInterval(hours * 3600), requestedAt: now,
      cancelledAt: cancelled ? now : nil)
  }

  // MARK: State

  @Test func supportFromOrderDetailsKeepsTheOrderNumberReady() {
    var d = driver()
    d.send(.openSelected)
    let id = d.model.detail?.orderID
    d.press(.char("s"))
    #expect(d.model.route == .support)
    #expect(d.model.support?.orderID == id, "R20: the order's number is kept ready")
    #expect(d.effects.last == .support(.load))
    let text = view(d.model, width: 80, height: 24).text
    #expect(text.contains(SupportPolicy.phoneNumber) || text.contains("8008500931"))
  }

  @Test func callbackFormChecksHoursBeforeAskingForTheNumber() {
    var d = driver(.en)
    d.press(.char("s"))
    d.press(.char("b"))
    #expect(d.model.route == .supportForm)
    #expect(d.model.supportForm?.kind == .callbackTime)
    for ch in "07:59" { d.press(.char(ch)) }  // R21: 07:59 Riyadh is closed
    d.press(.enter)
    #expect(d.model.supportForm?.errorKey == "support.refusal.callback-outside-hours")
    for _ in 0..<5 { d.press(.backspace) }
    for ch in "08:00" { d.press(.char(ch)) }
    d.press(.enter)
    guard case .callbackPhone(let at)? = d.model.supportForm?.kind else {
      Issue.record("expected the phone step")
      return
    }
    #expect(SupportPolicy.isOpen(at: at))
    for ch in "0501234567" { d.press(.char(ch)) }
    d.press(.enter)
    #expect(d.effects.last == .support(.requestCallback(at: at, phone: "0501234567", order: nil)))
    d.send(.support(.callbackBooked(callback(1, hours: 1))))
    #expect(d.model.route == .support, "the form closes after booking")
    #expect(d.model.supportForm == nil)
  }

  @Test func cancelOnlyThePendingHighlightedCallback() {
    var d = driver()
    d.press(.char("s"))
    d.send(
      .support(
        .loaded(
          callbacks: [callback(1, hours: 1, cancelled: true), callback(2, hours: 2)],
          closure: nil)))
    d.press(.char("x"))
    #expect(d.model.flash == .info("support.refusal.callback-not-pending"))
    d.press(.down)
    d.press(.char("x"))
    #expect(d.effects.last != .support(.cancelCallback(2)), "x asks first (issue 13)")
    d.press(.enter)
    #expect(d.effects.last == .support(.cancelCallback(2)))
  }

  @Test func fraudFormSendsTheTextAsTypedAndRefusesEmpty() {
    var d = driver()
    d.press(.char("s"))
    d.press(.char("f"))
    d.press(.enter)
    #expect(d.model.supportForm?.errorKey == "support.form.empty")
    for ch in "http://x.example \u{202E}" { d.press(.char(ch)) }
    d.press(.enter)
    #expect(d.effects.last == .support(.reportFraud("http://x.example \u{202E}")))
    let text = view(d.model, width: 80, height: 24).text
    #expect(!text.contains("\u{202E}"), "untrusted text is sanitised on screen")
  }

  @Test func contactSellerOnlyFromAnOrderWithASellerItem() {
    var d = driver()
    d.send(.openSelected)  // the first fixture order has a seller item (111)
    d.press(.char("m"))
    #expect(d.model.route == .supportForm)
    guard case .sellerMessage(_, let item)? = d.model.supportForm?.kind else {
      Issue.record("expected the seller form")
      return
    }
    #expect(d.model.order?.item(item)?.fulfilment == .seller)  // R7, R23
  }

  @Test func closeAccountGoesReasonWarningTypedConfirmation() {
    var d = driver(.en)
    d.press(.char(","))
    #expect(d.model.route == .account)
    d.send(.support(.loaded(callbacks: [], closure: nil)))
    d.press(.char("C"))
    #expect(d.model.accountScreen?.step == .reason)
    d.press(.down)
    d.press(.enter)
    #expect(d.model.accountScreen?.step == .warning)  // R28
    let warning = view(d.model, width: 80, height: 24).text
    #expect(warning.contains("order history"))
    d.press(.enter)
    #expect(d.model.route == .supportForm)
    for ch in "yes" { d.press(.char(ch)) }
    d.press(.enter)
    #expect(d.model.supportForm?.errorKey == "support.refusal.confirmation-mismatch")
    for _ in 0..<3 { d.press(.backspace) }
    for ch in "CLOSE" { d.press(.char(ch)) }
    d.press(.enter)
    #expect(d.effects.last == .support(.requestClosure(ClosureReason.allCases[1])))
    let pending = AccountClosure(
      accountID: 1, reason: .privacy, requestedAt: now,
      effectiveAt: now.addingTimeInterval(ClosurePolicy.pendingPeriod))
    d.send(.support(.closureRequested(pending)))
    #expect(d.model.route == .account)
    #expect(d.model.accountScreen?.step == .overview)
    d.press(.char("W"))  // R29: withdraw during the pending period
    #expect(d.effects.last == .support(.withdrawClosure))
  }

  @Test func escapeStepsBackThroughTheClosureFlow() {
    var d = driver()
    d.press(.char(","))
    d.press(.char("C"))
    d.press(.enter)
    d.press(.escape)
    #expect(d.model.accountScreen?.step == .reason)
    d.press(.escape)
    #expect(d.model.accountScreen?.step == .overview)
    d.press(.escape)
    #expect(d.model.route == .list)
  }

  @Test func helpListsTheSupportKeys() {
    let keys = Keymap.bindings(for: .list, direction: .rtl).map(\.helpKey)
    #expect(keys.contains("help.support") && keys.contains("help.account"))
    #expect(
      Keymap.bindings(for: .detail, direction: .ltr).map(\.helpKey).contains(
        "help.contactSeller"))
  }

  // MARK: Snapshots

  func snap(_ name: String, testName: String = #function, _ steps: (inout TestDriver) -> Void) {
    for lang in Language.allCases {
      var d = driver(lang)
      steps(&d)
      for (w, h) in Self.sizes {
        assertScreen(
          view(d.model, width: w, height: h), named: "\(name)-\(lang.rawValue)-\(w)x\(h)",
          testName: testName)
      }
    }
  }

  @Test func supportScreen() {
    snap("support") { d in
      d.send(.openSelected)
      d.press(.char("s"))
      d.send(
        .support(
          .loaded(
            callbacks: [callback(1, hours: 2), callback(2, hours: 3, cancelled: true)],
            closure: nil)))
    }
  }

  @Test func callbackForm() {
    snap("callback-form") { d in
      d.press(.char("s"))
      d.press(.char("b"))
      for ch in "07:59" { d.press(.char(ch)) }
      d.press(.enter)
    }
  }

  @Test func fraudForm() {
    snap("fraud-form") { d in
      d.press(.char("s"))
      d.press(.char("f"))
      for ch in "SMS: your parcel is held" { d.press(.char(ch)) }
    }
  }

  @Test func sellerForm() {
    snap("seller-form") { d in
      d.send(.openSelected)
      d.press(.char("m"))
    }
  }

  @Test func accountScreens() {
    snap("account-pending") { d in
      d.press(.char(","))
      d.send(
        .support(
          .loaded(
            callbacks: [],
            closure: AccountClosure(
              accountID: 1, reason: .privacy, requestedAt: now,
              effectiveAt: now.addingTimeInterval(ClosurePolicy.pendingPeriod)))))
    }
    snap("account-warning") { d in
      d.press(.char(","))
      d.press(.char("C"))
      d.press(.enter)
    }
  }
}
