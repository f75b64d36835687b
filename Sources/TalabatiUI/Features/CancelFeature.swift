import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - State (R4–R9)

/// One row of the cancel checkbox list.
public enum CancelRow: Hashable, Sendable {
  /// A shipment header: Space toggles the whole shipment (R4).
  case shipment(ShipmentID)
  case item(ItemID)
}

/// The cancel flow: checked items, the picked reason.
public struct CancelFlow: Hashable, Sendable {
  public var cursor = 0
  public var checked: Set<ItemID> = []
  /// Set when the checked set came from a shipment header (R4) and still equals it.
  public var shipment: ShipmentID?
  /// Highlighted row in the reason picker.
  public var reasonCursor = 0
  public var reason: CancelReason?

  public init() {}
}

/// What the result screen shows.
public enum ResultState: Hashable, Sendable {
  /// A cancel went through (R6, R9).
  case cancelled(CancelOutcome)
  /// A cancel was refused as a whole (R4, R7).
  case refused(CancelError)
}

// MARK: - Actions

/// What the shopper does in the cancel flow besides moving, ticking the highlighted row and
/// going on with Enter.
public enum CancelAction: Hashable, Sendable {
  /// `c` on an order's details: the checklist of its items (R5, R8).
  case begin
  /// `a`: tick every item that may be cancelled now, or untick all when they all are.
  case toggleAllCancellable
  /// A reason by its index in `CancelReason.allCases` (digits 1–8 pick 0–7).
  case pickReason(Int)
}

// MARK: - Update

/// `update` for `.cancel` actions.
func updateCancel(_ model: inout AppModel, _ action: CancelAction) -> [Effect] {
  switch (action, model.route) {
  case (.begin, .list):
    // `c` acts on an order's details: say so (issue 13, item 13).
    model.flash = .info("flash.openOrderFirst", ["key": "c"])
  case (.begin, .detail):
    beginCancel(&model)
  case (.toggleAllCancellable, .cancelSelect):
    guard let order = model.order else { return [] }
    let eligible = Set(
      CancelPolicy.eligibility(of: order, at: model.now).filter(\.cancellable).map(\.itemID))
    let all = !eligible.isEmpty && eligible.isSubset(of: model.cancel.checked)
    model.cancel.checked = all ? [] : eligible
    model.cancel.shipment = nil
  case (.pickReason(let i), .reasonPicker):
    guard CancelReason.allCases.indices.contains(i) else { return [] }
    model.cancel.reasonCursor = i
    model.cancel.reason = CancelReason.allCases[i]
    model.stack.append(.confirmCancel)
  default:
    break
  }
  return []
}

/// Opens the checklist with the cursor on the first item that may be cancelled, or says
/// there is nothing to tick rather than open an empty one (issue 13, item 13).
private func beginCancel(_ model: inout AppModel) {
  guard let order = model.order else { return }
  guard CancelPolicy.eligibility(of: order, at: model.now).contains(where: \.cancellable) else {
    model.flash = .info("flash.nothingToCancel")
    return
  }
  model.cancel = CancelFlow()
  let firstOK = model.cancelRows.firstIndex {
    if case .item(let id) = $0 { return model.eligibility(of: id)?.cancellable == true }
    return false
  }
  model.cancel.cursor = firstOK ?? (order.items.isEmpty ? 0 : 1)
  model.stack.append(.cancelSelect)
}

/// Moving, ticking and going on in the checklist (R4, R5, R8).
func updateCancelSelect(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard let order = model.order else { return [] }
  let rows = model.cancelRows
  if let cursor = moved(
    model.cancel.cursor, by: action, count: rows.count, page: model.height - 6)
  {
    model.cancel.cursor = cursor
    return []
  }
  switch action {
  case .toggleHighlighted:
    guard rows.indices.contains(model.cancel.cursor) else { return [] }
    switch rows[model.cancel.cursor] {
    case .item(let id):
      // A disabled item (entered shipping, window closed, cancelled) cannot be ticked.
      guard model.eligibility(of: id)?.cancellable == true else {
        model.flash = .info("flash.cannotTick")
        return []
      }
      if model.cancel.checked.remove(id) == nil { model.cancel.checked.insert(id) }
    case .shipment(let sid):
      toggleShipment(&model, sid, in: order)
    }
  case .confirm, .openSelected:
    guard !model.cancel.checked.isEmpty else {
      model.flash = .info("flash.selectItems")
      return []
    }
    if let reason = model.cancel.reason,
      let i = CancelReason.allCases.firstIndex(of: reason)
    {
      model.cancel.reasonCursor = i
    }
    model.stack.append(.reasonPicker)
  default:
    break
  }
  return []
}

/// R4: Space on a shipment header ticks every item of the shipment, or refuses with a note
/// when any of them may not be cancelled (each row already shows its reason).
private func toggleShipment(_ model: inout AppModel, _ sid: ShipmentID, in order: Order) {
  guard let s = order.shipments.first(where: { $0.id == sid }) else { return }
  let live = s.items.filter { !$0.isCancelled }
  let refused = live.filter {
    !CancelPolicy.eligibility(of: $0, in: s, of: order, at: model.now).cancellable
  }
  if !refused.isEmpty || live.isEmpty {
    model.flash = .info("flash.shipmentRefused", ["count": String(max(refused.count, 1))])
    return
  }
  let ids = Set(live.map(\.id))
  if ids.isSubset(of: model.cancel.checked) {
    model.cancel.checked.subtract(ids)
    model.cancel.shipment = nil
  } else {
    model.cancel.checked.formUnion(ids)
    model.cancel.shipment = live.count == s.items.count && model.cancel.checked == ids ? sid : nil
  }
}

/// Moving in the reason picker, and Enter on the highlighted reason (R5).
func updateReasonPicker(_ model: inout AppModel, _ action: Action) -> [Effect] {
  switch action {
  case .moveDown, .moveUp, .jumpTop, .jumpBottom:
    model.cancel.reasonCursor =
      moved(model.cancel.reasonCursor, by: action, count: CancelReason.allCases.count) ?? 0
    return []
  case .confirm, .openSelected:
    return updateCancel(&model, .pickReason(model.cancel.reasonCursor))
  default:
    return []
  }
}

/// Enter on what will be cancelled and refunded (R9): the store is asked.
func updateConfirmCancel(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy,
    let order = model.order, let selection = model.cancelSelection,
    let reason = model.cancel.reason
  else { return [] }
  model.busy = true
  return [.cancel(selection, order: order.id, reason: reason)]
}

/// Shows the result in place of the cancel flow's screens.
func cancelFinished(
  _ model: inout AppModel, _ result: ResultState, order: Order?
) -> [Effect] {
  model.busy = false
  model.result = result
  if let i = model.stack.firstIndex(of: .cancelSelect) { model.stack.removeSubrange(i...) }
  if model.stack.last == .help { model.stack.removeLast() }
  model.stack.append(.result)
  model.cancel = CancelFlow()
  if let order {
    model.detail?.order = order
    syncRow(&model, with: order)
    return []
  }
  // Refused: the order may have moved on since it was loaded; show it as it is now.
  guard let id = model.detail?.orderID else { return [] }
  return [.loadOrder(id)]
}

/// The cancel checkbox list unticks items whose seller window closed while it was open (R3).
func dropLapsedChecks(_ model: inout AppModel) {
  guard model.route == .cancelSelect, !model.cancel.checked.isEmpty else { return }
  let lapsed = model.cancel.checked.filter { model.eligibility(of: $0)?.cancellable != true }
  guard !lapsed.isEmpty else { return }
  model.cancel.checked.subtract(lapsed)
  model.cancel.shipment = nil
  model.flash = .info("flash.windowClosed")
}

// MARK: - Derived values

extension AppModel {
  /// The rows of the cancel checkbox list for the loaded order.
  public var cancelRows: [CancelRow] {
    guard let order else { return [] }
    return order.shipments.flatMap { s in [.shipment(s.id)] + s.items.map { .item($0.id) } }
  }

  /// The selection the checked boxes stand for: the whole order when every live item is
  /// checked (R5), a shipment when it was ticked as one (R4), the items otherwise (R8).
  public var cancelSelection: CancelSelection? {
    guard let order, !cancel.checked.isEmpty else { return nil }
    let live = Set(order.items.filter { !$0.isCancelled }.map(\.id))
    if cancel.checked == live { return .wholeOrder }
    if let sid = cancel.shipment,
      let s = order.shipments.first(where: { $0.id == sid }),
      Set(s.items.map(\.id)) == cancel.checked
    {
      return .shipment(sid)
    }
    return .items(order.items.map(\.id).filter { cancel.checked.contains($0) })
  }

  /// What confirming would do at `now` (R9): computed by the domain policy on the loaded
  /// order, so the confirmation shows exactly what the store will do.
  public var cancelPreview: Result<CancelOutcome, CancelError>? {
    guard let order, let selection = cancelSelection, let reason = cancel.reason else {
      return nil
    }
    return CancelPolicy.cancel(selection, in: order, reason: reason, at: now)
  }

  /// May the item be cancelled at `now` (for the checkbox list and the details)?
  public func eligibility(of itemID: ItemID) -> CancelEligibility? {
    guard let order, let s = order.shipment(containing: itemID), let i = order.item(itemID)
    else { return nil }
    return CancelPolicy.eligibility(of: i, in: s, of: order, at: now)
  }
}
