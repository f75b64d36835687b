import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - State

/// The order-details screen (عرض تفاصيل الطلب), from which the cancel, archive, return,
/// tracking and seller-contact flows start.
public struct DetailState: Hashable, Sendable {
  public var orderID: OrderID
  /// Nil while loading.
  public var order: Order?
  /// First visible row of the details (scroll position).
  public var scroll = 0
  /// Refunds already paid for an imported order (issue 6), shown under its total.
  public var refunds: [ImportedRefund] = []

  public init(orderID: OrderID, order: Order? = nil) {
    self.orderID = orderID
    self.order = order
  }
}

// MARK: - Update

/// Opens the details of `id` above the screen shown and asks for the order.
func openOrder(_ model: inout AppModel, _ id: OrderID) -> [Effect] {
  model.detail = DetailState(orderID: id)
  model.stack.append(.detail)
  model.busy = true
  return [.loadOrder(id)]
}

/// The order arrived (opened, or changed by a cancel, an archive or a return): shown when it
/// is the one on the details, and its row brought up to date in the list.
func orderLoaded(_ model: inout AppModel, _ order: Order) -> [Effect] {
  model.busy = false
  let shown = model.detail?.orderID == order.id
  if shown { model.detail?.order = order }
  syncRow(&model, with: order)
  // The details show a return in progress (issue 13): the returns load with the order.
  guard shown else { return [] }
  // Imported history may come with refunds Amazon already paid (issue 6).
  return [.returns(.loadReturns)] + (order.imported ? [.loadRefunds(order.id)] : [])
}

/// The refunds Amazon already paid for an imported order (issue 6).
func refundsLoaded(_ model: inout AppModel, _ id: OrderID, _ refunds: [ImportedRefund]) {
  if model.detail?.orderID == id { model.detail?.refunds = refunds }
}

/// Scrolling the details: a page is the body's height, and the last row stops at the bottom.
func updateDetailRoute(_ model: inout AppModel, _ action: Action) -> [Effect] {
  // Only a movement measures the details (laying every line out costs more than a key).
  guard Keymap.movements.contains(action), var detail = model.detail,
    let scroll = moved(
      detail.scroll, by: action, count: model.detailScrollLimit + 1,
      page: max(1, model.height - 4))
  else { return [] }
  detail.scroll = scroll
  model.detail = detail
  return []
}

// MARK: - Derived values

extension AppModel {
  /// The loaded order of the details screen, if any.
  public var order: Order? { detail?.order }

  /// How far the details scroll: the rows their lines take at the model's width (long lines
  /// wrap, issue 13), less the rows the body shows.
  ///
  /// Measured on the lines the details screen draws (`DetailScreen.lines`): how many rows a
  /// sentence takes is a fact of its words and the terminal's width, which only laying it
  /// out tells (issue 11 asks that `update` not reach into a view; see the report).
  var detailScrollLimit: Int {
    let rows = wrapBody(DetailScreen.lines(self), width: width, mode: bidiMode).rows
    return max(0, rows.count - max(1, height - 3))
  }
}
