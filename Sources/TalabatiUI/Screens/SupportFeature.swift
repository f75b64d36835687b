import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - State (R19–R23, R27–R29)

/// The support screen: call-backs listed with a cursor, the order the shopper came from (R20).
public struct SupportState: Hashable, Sendable {
  /// The order whose number to have ready (R20), when support was opened from it.
  public var orderID: OrderID?
  public var callbacks: [CallbackRequest] = []
  /// Highlighted call-back.
  public var cursor = 0
  /// The call-back `x` asked about: Enter cancels it, anything else keeps it (R21).
  public var confirmingCancel: Int64?
  /// The call-back just booked: highlighted once the list reloads.
  public var focus: Int64?

  public init(orderID: OrderID? = nil) { self.orderID = orderID }
}

/// What a text form is for.
public enum SupportFormKind: Hashable, Sendable {
  /// R21: the call-back time (13:30, 2026-11-28 09:15), then the phone number.
  case callbackTime
  case callbackPhone(at: Date)
  /// R22: the suspicious message or site.
  case fraud
  /// R7, R23: a message to the seller of an item.
  case sellerMessage(order: OrderID, item: ItemID)
  /// R28: the typed confirmation of a closure (e-mail, إغلاق or CLOSE).
  case closeConfirm(ClosureReason)
}

/// A one-field text form.
public struct SupportForm: Hashable, Sendable {
  public var kind: SupportFormKind
  public var text = ""
  /// Why the last submission was not accepted (a string-table key).
  public var errorKey: String?

  public init(kind: SupportFormKind) { self.kind = kind }
}

/// The account-settings screen and its closure flow: reason → warning → typed confirmation.
public struct AccountScreenState: Hashable, Sendable {
  public enum Step: Hashable, Sendable {
    case overview, reason, warning
  }
  public var step: Step = .overview
  public var closure: AccountClosure?
  public var reasonCursor = 0

  public init() {}
}

/// What the shopper did on the support and account screens, and the results of their effects.
public enum SupportAction: Hashable, Sendable {
  /// `s`: open support (from an order's details, its number is kept ready, R20).
  case openSupport
  /// `,`: open account settings.
  case openAccount
  /// `b`: ask for a call-back (R21).
  case requestCallback
  /// `x`: cancel the highlighted call-back (R21).
  case cancelCallback
  /// `f`: report fraud (R22).
  case reportFraud
  /// `m`: write to the seller of the order's first seller item (R7, R23).
  case contactSeller
  /// `C`: start closing the account (R27).
  case closeAccount
  /// `W`: withdraw a pending closure (R29).
  case withdrawClosure
  /// A digit in the closure reason picker: that reason, then the warning (R27, R28).
  case pickClosureReason(Int)
  case typed(Character)
  case backspace
  case submit
  // Results of effects.
  case loaded(callbacks: [CallbackRequest], closure: AccountClosure?)
  case callbackBooked(CallbackRequest)
  case callbackCancelled(CallbackRequest)
  case fraudReported(FraudReport)
  case sellerMessaged(SellerMessage)
  case closureRequested(AccountClosure)
  case closureWithdrawn(AccountClosure)
  case refused(SupportRefusal)
}

/// What the support screens ask the outside world to do.
public enum SupportEffect: Hashable, Sendable {
  case load
  case requestCallback(at: Date, phone: String, order: OrderID?)
  case cancelCallback(Int64)
  case reportFraud(String)
  case contactSeller(order: OrderID, item: ItemID, message: String)
  case requestClosure(ClosureReason)
  case withdrawClosure
}

/// The store operations behind the support screens (the lead adapts `AppDatabase`).
public protocol SupportService {
  func callbacks() throws -> [CallbackRequest]
  func closure() throws -> AccountClosure?
  func requestCallback(at: Date, phone: String, order: OrderID?, now: Date) throws
    -> CallbackRequest
  func cancelCallback(_ id: Int64, now: Date) throws -> CallbackRequest
  func reportFraud(_ text: String, now: Date) throws -> FraudReport
  func contactSeller(order: OrderID, item: ItemID, message: String, now: Date) throws
    -> SellerMessage
  func requestClosure(_ reason: ClosureReason, now: Date) throws -> AccountClosure
  func withdrawClosure(now: Date) throws -> AccountClosure
}

/// Runs one support effect; a `SupportRefusal` comes back as `.refused`, other errors as
/// `.failed`.
public func performSupport(_ effect: SupportEffect, service: any SupportService, now: Date)
  -> Action
{
  do {
    let result: SupportAction
    switch effect {
    case .load:
      result = .loaded(callbacks: try service.callbacks(), closure: try service.closure())
    case .requestCallback(let at, let phone, let order):
      result = .callbackBooked(
        try service.requestCallback(at: at, phone: phone, order: order, now: now))
    case .cancelCallback(let id):
      result = .callbackCancelled(try service.cancelCallback(id, now: now))
    case .reportFraud(let text):
      result = .fraudReported(try service.reportFraud(text, now: now))
    case .contactSeller(let order, let item, let message):
      result = .sellerMessaged(
        try service.contactSeller(order: order, item: item, message: message, now: now))
    case .requestClosure(let reason):
      result = .closureRequested(try service.requestClosure(reason, now: now))
    case .withdrawClosure:
      result = .closureWithdrawn(try service.withdrawClosure(now: now))
    }
    return .support(result)
  } catch Refusal.support(let refusal) {
    return .support(.refused(refusal))
  } catch let refusal as SupportRefusal {
    return .support(.refused(refusal))
  } catch {
    return .failed(String(describing: error))
  }
}

// MARK: - Keys

/// While a form is open every character is text (Esc leaves, Enter submits).
func supportTextAction(for key: Key, in model: AppModel) -> Action? {
  guard model.route == .supportForm else { return nil }
  switch key {
  case .char(let c): return .support(.typed(c))
  case .backspace, .delete: return .support(.backspace)
  case .enter: return .support(.submit)
  case .escape: return .back
  case .ctrl("l"): return .redraw
  default: return nil
  }
}

// MARK: - Update

/// `update` for `.support` actions and for every action on the support routes.
func updateSupport(_ model: inout AppModel, _ action: SupportAction) -> [Effect] {
  switch action {
  case .loaded(let callbacks, let closure):
    model.busy = false
    model.support?.callbacks = callbacks
    if let s = model.support {
      // The call-back just booked is highlighted, not the entry the cursor rested on.
      if let id = s.focus, let i = callbacks.firstIndex(where: { $0.id == id }) {
        model.support?.cursor = i
      } else {
        model.support?.cursor = clamped(s.cursor, count: callbacks.count)
      }
      model.support?.focus = nil
    }
    model.accountScreen?.closure = closure
    return []
  case .callbackBooked(let c):
    finishForm(&model)
    model.support?.focus = c.id
    // The message line sanitises and isolates its values itself: hand it the time without
    // the isolates `Format.date` adds, or they would show as replacement characters.
    let time = String(
      String.UnicodeScalarView(
        timeText(c.at, model).unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }))
    model.flash = .info("support.flash.booked", ["time": time])
    return [.support(.load)]
  case .callbackCancelled:
    model.busy = false
    model.flash = .info("support.flash.cancelled")
    return [.support(.load)]
  case .fraudReported(let r):
    finishForm(&model)
    model.flash = .info("support.flash.reported", ["address": r.recipient])
    return []
  case .sellerMessaged:
    finishForm(&model)
    model.flash = .info("support.flash.sellerMessaged")
    return []
  case .closureRequested(let c), .closureWithdrawn(let c):
    finishForm(&model)
    model.accountScreen?.closure = c
    model.accountScreen?.step = .overview
    model.flash = .info(c.withdrawnAt == nil ? "closure.flash.requested" : "closure.withdrawn")
    return []
  case .refused(let refusal):
    model.busy = false
    if model.route == .supportForm {
      model.supportForm?.errorKey = "support.refusal.\(refusal.rawValue)"
    } else {
      model.flash = .info("support.refusal.\(refusal.rawValue)")
    }
    return []
  default:
    break
  }
  model.flash = nil
  model.support?.confirmingCancel = nil  // any other key keeps the call-back
  switch action {
  case .openSupport:
    // R20: opened from an order's details (or a screen above them, e.g. tracking for R25/R26),
    // that order's number is the one to have ready.
    model.support = SupportState(
      orderID: model.stack.contains(.detail) ? model.detail?.orderID : nil)
    model.stack.append(.support)
    return [.support(.load)]
  case .openAccount:
    model.accountScreen = AccountScreenState()
    model.stack.append(.account)
    return [.support(.load)]
  case .requestCallback:
    openForm(&model, .callbackTime)
  case .reportFraud:
    openForm(&model, .fraud)
  case .contactSeller:
    // R7, R23: only an item a third-party seller ships, the first of the order; the domain
    // says which (`SupportPolicy.checkSellerContact`) and why not.
    guard let order = model.order else { return [] }
    guard let item = order.items.first(where: { SupportPolicy.checkSellerContact($0) == nil })
    else {
      let refusal = order.items.first.flatMap(SupportPolicy.checkSellerContact) ?? .storeFulfilled
      model.flash = .info("support.refusal.\(refusal.rawValue)")
      return []
    }
    openForm(&model, .sellerMessage(order: order.id, item: item.id))
  case .cancelCallback:
    guard let s = model.support, s.callbacks.indices.contains(s.cursor) else { return [] }
    let c = s.callbacks[s.cursor]
    if let refusal = SupportPolicy.checkCancel(c, now: model.now) {
      model.flash = .info("support.refusal.\(refusal.rawValue)")
      return []
    }
    // Asked first, as every other cancel is (issue 13, item 14); Enter confirms.
    model.support?.confirmingCancel = c.id
    return []
  case .closeAccount:
    guard model.route == .account, model.accountScreen?.step == .overview else { return [] }
    // R27: the domain decides whether a closure may be requested now (none pending or due);
    // asked before the reason and the warning, so a refusal comes at once.
    if case .failure(let refusal) = ClosurePolicy.request(
      account: 0, reason: ClosureReason.allCases[0], at: model.now,
      current: model.accountScreen?.closure)
    {
      model.flash = .info("support.refusal.\(refusal.rawValue)")
      return []
    }
    model.accountScreen?.step = .reason
    model.accountScreen?.reasonCursor = 0
  case .withdrawClosure:
    // R29: only inside the pending period; the domain says so (`ClosurePolicy.withdraw`).
    if case .failure(let refusal) = ClosurePolicy.withdraw(
      model.accountScreen?.closure, at: model.now)
    {
      model.flash = .info("support.refusal.\(refusal.rawValue)")
      return []
    }
    model.busy = true
    return [.support(.withdrawClosure)]
  case .pickClosureReason(let i):
    guard model.route == .account, model.accountScreen?.step == .reason,
      ClosureReason.allCases.indices.contains(i)
    else { return [] }
    model.accountScreen?.reasonCursor = i
    model.accountScreen?.step = .warning  // R28: the warning comes next
  case .typed(let ch):
    guard var form = model.supportForm, form.text.count < SupportPolicy.maxTextLength else {
      return []
    }
    form.text.append(ch)
    form.errorKey = nil
    model.supportForm = form
  case .backspace:
    if model.supportForm?.text.isEmpty == false { model.supportForm?.text.removeLast() }
    model.supportForm?.errorKey = nil
  case .submit:
    return submitForm(&model)
  default:
    break
  }
  return []
}

/// Moving and confirming on the support and account screens.
func updateSupportRoute(_ model: inout AppModel, _ action: Action) -> [Effect] {
  let confirming = model.support?.confirmingCancel
  model.support?.confirmingCancel = nil  // any key but Enter keeps the call-back
  switch (model.route, action) {
  case (.support, .confirm):
    guard let id = confirming else { return [] }
    model.busy = true
    return [.support(.cancelCallback(id))]
  case (.support, .moveDown), (.support, .moveUp):
    guard var s = model.support else { return [] }
    s.cursor = moved(s.cursor, by: action, count: s.callbacks.count) ?? s.cursor
    model.support = s
  case (.account, .moveDown), (.account, .moveUp):
    guard var a = model.accountScreen, a.step == .reason else { return [] }
    a.reasonCursor =
      moved(a.reasonCursor, by: action, count: ClosureReason.allCases.count) ?? a.reasonCursor
    model.accountScreen = a
  case (.account, .confirm):
    switch model.accountScreen?.step {
    case .reason?: model.accountScreen?.step = .warning  // R28: the warning comes next
    case .warning?:
      let reasons = ClosureReason.allCases
      let reason = reasons[min(model.accountScreen?.reasonCursor ?? 0, reasons.count - 1)]
      openForm(&model, .closeConfirm(reason))
    default: break
    }
  default:
    break
  }
  return []
}

/// Back on the account screen steps back through the closure flow before leaving.
func supportBack(_ model: inout AppModel) -> Bool {
  if model.route == .support, model.support?.confirmingCancel != nil {
    model.support?.confirmingCancel = nil  // Esc keeps the call-back
    return true
  }
  guard model.route == .account, let step = model.accountScreen?.step, step != .overview else {
    if model.route == .supportForm { model.supportForm = nil }
    return false
  }
  model.accountScreen?.step = step == .warning ? .reason : .overview
  return true
}

private func openForm(_ model: inout AppModel, _ kind: SupportFormKind) {
  model.supportForm = SupportForm(kind: kind)
  model.stack.append(.supportForm)
}

private func finishForm(_ model: inout AppModel) {
  model.busy = false
  if model.route == .supportForm { model.stack.removeLast() }
  model.supportForm = nil
}

private func timeText(_ d: Date, _ model: AppModel) -> String {
  Format.date(d, lang: model.lang, timeZone: model.timeZone, style: .numericDateTime)
}

/// Enter on a form: checks what the domain can check at once, then asks the store.
private func submitForm(_ model: inout AppModel) -> [Effect] {
  guard let form = model.supportForm else { return [] }
  let text = form.text.trimmingCharacters(in: .whitespaces)
  func reject(_ key: String) -> [Effect] {
    model.supportForm?.errorKey = key
    return []
  }
  switch form.kind {
  case .callbackTime:
    guard
      let at = SupportPolicy.parseCallbackTime(text, now: model.now, timeZone: model.timeZone)
    else { return reject("support.form.badTime") }
    if let refusal = SupportPolicy.checkCallback(at: at, now: model.now) {
      return reject("support.refusal.\(refusal.rawValue)")  // R21, before asking for a number
    }
    model.supportForm = SupportForm(kind: .callbackPhone(at: at))
    return []
  case .callbackPhone(let at):
    guard let phone = CallbackRequest.normalisePhone(text) else {
      return reject("support.form.badPhone")
    }
    model.busy = true
    return [
      .support(.requestCallback(at: at, phone: phone, order: model.support?.orderID))
    ]
  case .fraud:
    guard !Sanitizer.clean(text).isEmpty else { return reject("support.form.empty") }
    model.busy = true
    return [.support(.reportFraud(form.text))]
  case .sellerMessage(let order, let item):
    guard !Sanitizer.clean(text).isEmpty else { return reject("support.form.empty") }
    model.busy = true
    return [.support(.contactSeller(order: order, item: item, message: form.text))]
  case .closeConfirm(let reason):
    // R28: the typed word must match; otherwise nothing happens.
    let account = Account(id: 0, name: "", email: model.email)
    guard ClosurePolicy.isConfirmation(text, for: account) else {
      return reject("support.refusal.confirmation-mismatch")
    }
    model.busy = true
    return [.support(.requestClosure(reason))]
  }
}
