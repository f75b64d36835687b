import Foundation
import TalabatiDomain
import TalabatiText
import TalabatiUI

/// Errors of the in-memory service that are not domain errors.
public enum InMemoryServiceError: Error, Hashable, Sendable, CustomStringConvertible {
  case orderNotFound(OrderID)

  public var description: String {
    switch self {
    case .orderNotFound(let id): "no order numbered \(id)"
    }
  }
}

/// An `OrderService` over orders held in memory, for tests: the same domain policies as the
/// store (`CancelPolicy`, `ArchivePolicy`), newest-first keyset paging, and a record of the
/// confirmation messages a cancel sends (R6).
public final class InMemoryOrderService: OrderService {
  public private(set) var orders: [OrderID: Order]
  public let account: Account
  /// Language saved by `saveLanguage`.
  public private(set) var savedLanguage: Language?
  /// Confirmation messages "sent" after cancellations (R6, R9): the order and the refund.
  public private(set) var sentConfirmations: [(order: OrderID, refund: Refund)] = []
  /// Every page request, to check the client never asks for more than a page at a time.
  public private(set) var pageRequests: [(after: ListCursor?, limit: Int)] = []

  /// Refunds Amazon already paid, by imported order (issue 6).
  public var importedRefundsByOrder: [OrderID: [ImportedRefund]] = [:]

  public func importedRefunds(_ id: OrderID) throws -> [ImportedRefund] {
    importedRefundsByOrder[id] ?? []
  }

  public init(orders: [Order], account: Account) {
    self.orders = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.account = account
  }

  public func page(
    view: OrderListView, query: String?, after: ListCursor?, limit: Int, now: Date
  ) throws -> OrderPage {
    pageRequests.append((after, limit))
    let needle = query?.lowercased()
    let matching = orders.values.filter { o in
      switch view {
      case .orders: if o.isArchived { return false }
      case .archived: if !o.isArchived { return false }
      case .cancelled: if !o.items.contains(where: \.isCancelled) { return false }
      case .all: break
      }
      guard let needle, !needle.isEmpty else { return true }
      return o.id.lowercased().contains(needle)
        || o.items.contains { $0.title.lowercased().contains(needle) }
    }
    .sorted { ($0.placedAt, $0.id) > ($1.placedAt, $1.id) }
    let rest = matching.filter { o in
      guard let after else { return true }
      return (o.placedAt, o.id) < (after.placedAt, after.orderID)
    }
    let rows = Array(rest.prefix(max(0, limit)))
    let next =
      rest.count > rows.count
      ? rows.last.map {
        ListCursor(placedAt: $0.placedAt, orderID: $0.id)
      } : nil
    return OrderPage(
      rows: rows.map { o in
        var row = OrderSummary(order: o, at: now)
        // Like the store: a search result names the item it matched (issue 13).
        if let query, let i = SearchFolding.bestMatch(query, titles: o.items.map(\.title)) {
          row.matchedTitle = o.items[i].title
        }
        return row
      }, next: next)
  }

  public func order(_ id: OrderID) throws -> Order {
    guard let o = orders[id] else { throw InMemoryServiceError.orderNotFound(id) }
    return o
  }

  public func cancel(
    _ selection: CancelSelection, in id: OrderID, reason: CancelReason, at now: Date
  ) throws -> CancelOutcome {
    let o = try order(id)
    let outcome = try CancelPolicy.cancel(selection, in: o, reason: reason, at: now).get()
    orders[id] = outcome.order
    sentConfirmations.append((id, outcome.refund))
    return outcome
  }

  public func archive(_ id: OrderID, at now: Date) throws -> Order {
    let o = try ArchivePolicy.archive(try order(id), at: now).get()
    orders[id] = o
    return o
  }

  public func unarchive(_ id: OrderID, at now: Date) throws -> Order {
    let o = try ArchivePolicy.unarchive(try order(id)).get()
    orders[id] = o
    return o
  }

  public func saveLanguage(_ lang: Language) throws { savedLanguage = lang }

  /// Theme saved by `saveTheme`.
  public private(set) var savedTheme: String?
  public func saveTheme(_ name: String) throws { savedTheme = name }
}
