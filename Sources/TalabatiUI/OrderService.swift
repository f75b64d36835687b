import Foundation
import TalabatiDomain
import TalabatiText

/// What the order effects need from the outside. The one shopper service (`Shopper`, in
/// TalabatiServices) implements it with `ReturnsService` and `SupportService`; tests use
/// `InMemoryOrderService`.
public protocol OrderService {
  /// One page of a newest-first list (keyset pagination).
  func page(
    view: OrderListView, query: String?, after: ListCursor?, limit: Int, now: Date
  ) throws -> OrderPage
  func order(_ id: OrderID) throws -> Order
  /// Cancels all or nothing (R4); throws `CancelError` when the policy refuses.
  func cancel(
    _ selection: CancelSelection, in order: OrderID, reason: CancelReason, at now: Date
  ) throws -> CancelOutcome
  func archive(_ id: OrderID, at now: Date) throws -> Order
  func unarchive(_ id: OrderID, at now: Date) throws -> Order
  func saveLanguage(_ lang: Language) throws
  /// Keeps the theme chosen with `T` for the next run.
  func saveTheme(_ name: String) throws
  /// Refunds Amazon already paid for an imported order, oldest first (issue 6).
  func importedRefunds(_ id: OrderID) throws -> [ImportedRefund]
}

extension OrderService {
  /// Services without imported history have none.
  public func importedRefunds(_ id: OrderID) throws -> [ImportedRefund] { [] }
}

/// Runs one effect synchronously against `service` and returns the action that reports its
/// result (nil for effects the terminal driver handles, or that report nothing).
/// Thrown errors come back as `failed`, except a domain `CancelError`, which is
/// `cancelRefused` so the shopper sees why and what to do instead (R7).
public func perform(_ effect: Effect, service: any OrderService, now: Date) -> Action? {
  do {
    switch effect {
    case .loadPage(let view, let query, let after, let limit, let index):
      let page = try service.page(view: view, query: query, after: after, limit: limit, now: now)
      return .pageLoaded(view: view, query: query, index: index, page)
    case .loadOrder(let id):
      return .orderLoaded(try service.order(id))
    case .loadRefunds(let id):
      return .refundsLoaded(id, try service.importedRefunds(id))
    case .cancel(let selection, let id, let reason):
      do {
        return .cancelSucceeded(try service.cancel(selection, in: id, reason: reason, at: now))
      } catch Refusal.cancel(let error) {
        return .cancelRefused(error)
      } catch let error as CancelError {
        return .cancelRefused(error)
      }
    case .archive(let id):
      return .archived(try service.archive(id, at: now))
    case .unarchive(let id):
      return .unarchived(try service.unarchive(id, at: now))
    case .saveLanguage(let lang):
      try service.saveLanguage(lang)
      return nil
    case .saveTheme(let name):
      try service.saveTheme(name)
      return nil
    case .applyTheme, .redraw, .quit, .moveClock:
      return nil
    case .support:
      return nil  // the runner calls `performSupport` with its `SupportService`
    case .returns:
      return nil  // the runner calls `performReturns` with its `ReturnsService`

    }
  } catch {
    return .failed(String(describing: error))
  }
}

/// Everything the client's effects need from the outside, as one service.
public typealias ShopperEffects = OrderService & ReturnsService & SupportService

/// Runs any effect (order, returns or support) against the one service: the effect runner's
/// single branch for everything the store answers.
public func perform(_ effect: Effect, on service: any ShopperEffects, now: Date) -> Action? {
  switch effect {
  case .support(let e): return performSupport(e, service: service, now: now)
  case .returns(let e): return performReturns(e, service: service, now: now)
  default: return perform(effect, service: service, now: now)
  }
}
