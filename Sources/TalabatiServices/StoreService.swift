import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiText
import TalabatiUI

/// The store seen through the operations the full-screen client's effects need, for one
/// account: what `talabati` runs its effects against, and what the benchmark suite measures
/// (one type, so the benchmark cannot drift from the program).
public struct StoreService: OrderService {
  public let db: AppDatabase
  public let account: Account
  /// Who the store's events name as the actor ("tui" for the client).
  public let actor: String

  public init(db: AppDatabase, account: Account, actor: String = "tui") {
    self.db = db
    self.account = account
    self.actor = actor
  }

  public func page(
    view: OrderListView, query: String?, after: ListCursor?, limit: Int, now: Date
  ) throws -> OrderPage {
    if let q = query, !q.trimmingCharacters(in: .whitespaces).isEmpty {
      return try db.search(
        account: account.id, query: q, view: view, limit: limit, after: after, now: now)
    }
    return try db.orders(account: account.id, view: view, limit: limit, after: after, now: now)
  }

  public func order(_ id: OrderID) throws -> Order { try db.order(id, account: account.id) }

  public func cancel(
    _ selection: CancelSelection, in order: OrderID, reason: CancelReason, at now: Date
  ) throws -> CancelOutcome {
    do {
      return try db.cancel(
        selection, in: order, account: account.id, reason: reason, at: now, actor: actor)
    } catch Refusal.cancel(let refusal) {
      throw refusal  // the client shows why and what to do instead (R7)
    }
  }

  public func archive(_ id: OrderID, at now: Date) throws -> Order {
    try db.archive(order: id, account: account.id, at: now, actor: actor)
  }

  public func unarchive(_ id: OrderID, at now: Date) throws -> Order {
    try db.unarchive(order: id, account: account.id, at: now, actor: actor)
  }

  public func saveLanguage(_ lang: Lang) throws {
    try db.setLanguage(lang == .en ? .en : .ar, account: account.id)
  }

  /// Keeps the theme chosen with `T` for the next run, as the language is.
  public func saveTheme(_ name: String) throws {
    try db.setSetting("theme", to: name, account: account.id)
  }

  /// The theme kept by `saveTheme`, if any.
  public func savedTheme() -> String? {
    (try? db.setting("theme", account: account.id)) ?? nil
  }

  public func importedRefunds(_ id: OrderID) throws -> [ImportedRefund] {
    try db.importedRefunds(order: id, account: account.id)
  }
}
