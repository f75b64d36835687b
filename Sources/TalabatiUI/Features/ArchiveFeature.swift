import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - Actions (R17, R18)

/// What the shopper does about archiving.
public enum ArchiveAction: Hashable, Sendable {
  /// `A`: archive the order, or restore it when it is archived; each after a confirmation
  /// (R17, R18; issue 13, item 12).
  case archiveOrRestore
}

// MARK: - Update

/// `update` for `.archive` actions. Archiving starts from the order's details (R17);
/// restoring from the details or from the Archived list (R18).
func updateArchive(_ model: inout AppModel, _ action: ArchiveAction) -> [Effect] {
  switch (action, model.route) {
  case (.archiveOrRestore, .list):
    guard let row = model.list.selectedRow else { return [] }
    guard row.archived else {
      model.flash = .info("flash.archiveFromDetails")  // R17: from the order's details
      return []
    }
    askRestore(&model, row.id)
  case (.archiveOrRestore, .detail):
    guard let order = model.order else { return [] }
    if order.isArchived {
      askRestore(&model, order.id)
    } else {
      model.stack.append(.confirmArchive)  // R17: after a confirmation
    }
  default:
    break
  }
  return []
}

/// R18: brought back at any time, after a confirmation as archiving asks (R17).
private func askRestore(_ model: inout AppModel, _ id: OrderID) {
  model.restoring = id
  model.stack.append(.confirmRestore)
}

/// Enter on "Archive this order?" (R17).
func updateConfirmArchive(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy, let order = model.order
  else { return [] }
  model.busy = true
  return [.archive(order.id)]
}

/// Enter on "Restore this order?" (R18).
func updateConfirmRestore(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy, let id = model.restoring
  else { return [] }
  model.busy = true
  return [.unarchive(id)]
}

/// The store archived or restored `order`: the confirmation closes, the details and the
/// list show it as it is now, and the flash says which.
func archiveChanged(
  _ model: inout AppModel, _ order: Order, flash: String
) -> [Effect] {
  model.busy = false
  if model.route == .confirmArchive || model.route == .confirmRestore { model.stack.removeLast() }
  model.restoring = nil
  if model.detail?.orderID == order.id { model.detail?.order = order }
  syncRow(&model, with: order)
  model.flash = .info(flash, ["order": order.id])
  return refreshIfStale(&model)
}
