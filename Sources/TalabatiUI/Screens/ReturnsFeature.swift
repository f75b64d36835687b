import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - State (R11–R16, R24–R26)

/// What the return screens need besides the order: the policy table (R16) and the items
/// already being returned. Eligibility itself is computed from them at `model.now`, so the
/// screens show exactly what the store will decide.
public struct ReturnInfo: Hashable, Sendable {
  public var policy: ReturnPolicyTable
  public var returned: Set<ItemID>

  public init(policy: ReturnPolicyTable, returned: Set<ItemID>) {
    self.policy = policy
    self.returned = returned
  }
}

/// A return as the result screen shows it: the record, and its label (R13) drawn by the
/// runner (the QR code comes from libqrencode, outside this module).
public struct ReturnReceipt: Hashable, Sendable {
  public var record: ReturnRecord
  /// The QR code of the RMA in half blocks (▀▄█ and space), quiet zone included.
  public var qrLines: [String]
  /// Where the printable SVG was saved, if it was.
  public var labelFile: String?

  public init(record: ReturnRecord, qrLines: [String], labelFile: String?) {
    self.record = record
    self.qrLines = qrLines
    self.labelFile = labelFile
  }
}

/// The return flow started from an order's details: pick delivered items → reason → refund or
/// replacement → confirm → result (R11).
public struct ReturnFlow: Hashable, Sendable {
  public var orderID: OrderID
  /// Nil while loading.
  public var info: ReturnInfo?
  /// Cursor over the order's items (in order).
  public var cursor = 0
  public var checked: Set<ItemID> = []
  public var reasonCursor = 0
  public var reason: ReturnReason?
  public var resolutionCursor = 0
  public var resolution: ReturnResolution?
  /// Set after the request: what was done, or why nothing was.
  public var receipt: ReturnReceipt?
  public var refusal: ReturnError?
  /// First visible line of the result (its label can be taller than the screen).
  public var scroll = 0

  public init(orderID: OrderID) { self.orderID = orderID }
}

/// Everything the return and tracking screens keep.
public struct ReturnsState: Hashable, Sendable {
  public var flow: ReturnFlow?
  /// The return-status list (R14): nil until loaded.
  public var list: [ReturnRecord]?
  public var listCursor = 0
  /// A label opened from the status list.
  public var label: ReturnReceipt?
  /// First visible line of the tracking view (R24).
  public var trackingScroll = 0

  public init() {}
}

// MARK: - Actions and effects

/// What the shopper did on the return and tracking screens, and the results of their effects.
public enum ReturnsAction: Hashable, Sendable {
  /// `r` on the details: return or replace items (R11).
  case beginReturn
  /// `t` on the details: track the shipments (R24).
  case openTracking
  /// `R`: the return-status list (R14).
  case openReturns
  /// `l` on the status list, or Enter: show the label of the highlighted return (R13).
  case showLabel
  /// `s` on tracking: support with the order number ready (R20, R25, R26).
  case contactSupport
  /// A return reason by its index in `ReturnReason.allCases`.
  case pickReason(Int)
  /// 1 = refund, 2 = replacement.
  case pickResolution(Int)
  // Results of effects.
  case infoLoaded(OrderID, ReturnInfo)
  case requested(ReturnReceipt)
  case refused(ReturnError)
  case listLoaded([ReturnRecord])
  case labelLoaded(ReturnReceipt)
}

/// What the return screens ask of the store; run by `performReturns`.
public enum ReturnsEffect: Hashable, Sendable {
  case loadInfo(OrderID)
  case request(items: [ItemID], order: OrderID, reason: ReturnReason, resolution: ReturnResolution)
  case loadReturns
  case loadLabel(rma: String)
}

/// The store, seen from the return screens. The runner adapts the store to it; a refusal is
/// thrown as `Refusal.returns` (the store's) or `ReturnError`.
public protocol ReturnsService {
  func returnInfo(_ order: OrderID, now: Date) throws -> ReturnInfo
  func requestReturn(
    items: [ItemID], in order: OrderID, reason: ReturnReason, resolution: ReturnResolution,
    now: Date
  ) throws -> ReturnReceipt
  func returns(now: Date) throws -> [ReturnRecord]
  func label(rma: String) throws -> ReturnReceipt
}

/// Runs one returns effect against `service` and returns the action reporting its result.
public func performReturns(_ effect: ReturnsEffect, service: any ReturnsService, now: Date)
  -> Action?
{
  do {
    switch effect {
    case .loadInfo(let id):
      return .returns(.infoLoaded(id, try service.returnInfo(id, now: now)))
    case .request(let items, let order, let reason, let resolution):
      do {
        return .returns(
          .requested(
            try service.requestReturn(
              items: items, in: order, reason: reason, resolution: resolution, now: now)))
      } catch Refusal.returns(let error) {
        return .returns(.refused(error))
      } catch let error as ReturnError {
        return .returns(.refused(error))
      }
    case .loadReturns:
      return .returns(.listLoaded(try service.returns(now: now)))
    case .loadLabel(let rma):
      return .returns(.labelLoaded(try service.label(rma: rma)))
    }
  } catch {
    return .failed(String(describing: error))
  }
}

// MARK: - Derived values

extension AppModel {
  /// The time zone the return windows count days in (R16).
  var returnTimeZone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }

  /// The items the return picker lists, in order.
  public var returnItems: [Item] { order?.items ?? [] }

  /// May the item be returned at `now` (for the picker)? Nil until the policy is loaded.
  public func returnEligibility(of itemID: ItemID) -> ReturnEligibility? {
    guard let order, let info = returns.flow?.info, let s = order.shipment(containing: itemID),
      let item = order.item(itemID)
    else { return nil }
    return ReturnPolicy.eligibility(
      of: item, in: s, policy: info.policy, timeZone: returnTimeZone, returned: info.returned,
      at: now)
  }

  /// What confirming would request (checked items in order, reason, resolution), if complete.
  public var returnPreview: Result<ReturnRecord, ReturnError>? {
    guard let order, let flow = returns.flow, let info = flow.info, let reason = flow.reason,
      let resolution = flow.resolution
    else { return nil }
    let ids = order.items.map(\.id).filter { flow.checked.contains($0) }
    return ReturnPolicy.request(
      items: ids, in: order, reason: reason, resolution: resolution, policy: info.policy,
      timeZone: returnTimeZone, returned: info.returned, rma: "", at: now)
  }
}

// MARK: - Update

/// Applies a returns action (from a key or an effect's result).
func updateReturns(_ model: inout AppModel, _ action: ReturnsAction) -> [Effect] {
  switch action {
  case .infoLoaded(let id, let info):
    model.busy = false
    guard model.returns.flow?.orderID == id else { return [] }
    model.returns.flow?.info = info
    // Rest the cursor on the first item that can go back.
    let items = model.returnItems
    if let i = items.firstIndex(where: { model.returnEligibility(of: $0.id)?.returnable == true }) {
      model.returns.flow?.cursor = i
    } else {
      model.flash = .info("returns.noneReturnable")
    }
    return []
  case .requested(let receipt):
    return returnFinished(&model, receipt: receipt, refusal: nil)
  case .refused(let error):
    return returnFinished(&model, receipt: nil, refusal: error)
  case .listLoaded(let list):
    model.busy = false
    model.returns.list = list
    model.returns.listCursor = clamped(model.returns.listCursor, count: list.count)
    return []
  case .labelLoaded(let receipt):
    model.busy = false
    model.returns.label = receipt
    return []
  default:
    break
  }
  model.flash = nil
  switch action {
  case .beginReturn:
    if model.route == .list { return openOrderFirst(&model, key: "r") }
    guard model.route == .detail, let order = model.order else { return [] }
    // Only delivered items go back (R11): say so rather than open a list of refusals.
    let delivered = order.shipments.contains { s in
      s.timeline.stage(at: model.now) == .delivered && s.items.contains { !$0.isCancelled }
    }
    guard delivered else {
      model.flash = .info("flash.nothingDelivered")
      return []
    }
    // Every delivered item already has a return (R14): say so here, so the details do not
    // offer `r` for a list where nothing can be ticked (issue 13 review).
    let returned = Set(
      (model.returns.list ?? []).filter { $0.orderID == order.id }.flatMap {
        $0.lines.map(\.itemID)
      })
    let open = order.shipments.contains { s in
      s.timeline.stage(at: model.now) == .delivered
        && s.items.contains { !$0.isCancelled && !returned.contains($0.id) }
    }
    guard open else {
      model.flash = .info("returns.noneReturnable")
      return []
    }
    model.returns.flow = ReturnFlow(orderID: order.id)
    model.stack.append(.returnSelect)
    model.busy = true
    return [.returns(.loadInfo(order.id))]
  case .openTracking:
    if model.route == .list { return openOrderFirst(&model, key: "t") }
    guard model.route == .detail, model.order != nil else { return [] }
    model.returns.trackingScroll = 0
    model.stack.append(.tracking)
    return []
  case .openReturns:
    model.returns.list = nil
    model.returns.label = nil
    model.stack.append(.returnStatus)
    model.busy = true
    return [.returns(.loadReturns)]
  case .showLabel:
    guard model.route == .returnStatus, let list = model.returns.list,
      list.indices.contains(model.returns.listCursor)
    else { return [] }
    if model.returns.label != nil {
      model.returns.label = nil  // `l` again hides it
      return []
    }
    model.busy = true
    return [.returns(.loadLabel(rma: list[model.returns.listCursor].rma))]
  case .contactSupport:
    // R20: support opens with this order's number ready.
    let id = model.detail?.orderID
    let effects = update(&model, .support(.openSupport))
    if model.support != nil, model.support?.orderID == nil { model.support?.orderID = id }
    return effects
  case .pickReason(let i):
    guard model.route == .returnReason, ReturnReason.allCases.indices.contains(i) else {
      return []
    }
    model.returns.flow?.reasonCursor = i
    model.returns.flow?.reason = ReturnReason.allCases[i]
    model.stack.append(.returnResolution)
    return []
  case .pickResolution(let i):
    guard model.route == .returnResolution, ReturnResolution.allCases.indices.contains(i) else {
      return []
    }
    model.returns.flow?.resolutionCursor = i
    model.returns.flow?.resolution = ReturnResolution.allCases[i]
    model.stack.append(.returnConfirm)
    return []
  default:
    return []
  }
}

/// Generic keys (moving, Space, Enter) on the return and tracking screens.
func updateReturnsRoute(_ model: inout AppModel, _ action: Action) -> [Effect] {
  switch model.route {
  case .returnSelect:
    guard var flow = model.returns.flow else { return [] }
    let count = model.returnItems.count
    switch action {
    case .moveDown, .moveUp, .jumpTop, .jumpBottom:
      flow.cursor = moved(flow.cursor, by: action, count: count) ?? flow.cursor
    case .toggleHighlighted:
      guard model.returnItems.indices.contains(flow.cursor) else { return [] }
      let id = model.returnItems[flow.cursor].id
      // R16: an item outside its window (or not returnable) cannot be ticked.
      guard model.returnEligibility(of: id)?.returnable == true else {
        model.flash = .info("flash.cannotTick")
        return []
      }
      if flow.checked.remove(id) == nil { flow.checked.insert(id) }
    case .confirm, .openSelected:
      guard !flow.checked.isEmpty else {
        model.flash = .info("flash.selectItems")
        return []
      }
      model.returns.flow = flow
      model.stack.append(.returnReason)
      return []
    default:
      return []
    }
    model.returns.flow = flow
    return []
  case .returnReason:
    let cur = model.returns.flow?.reasonCursor ?? 0
    switch action {
    case .moveDown, .moveUp:
      model.returns.flow?.reasonCursor =
        moved(cur, by: action, count: ReturnReason.allCases.count) ?? cur
    case .confirm, .openSelected: return updateReturns(&model, .pickReason(cur))
    default: break
    }
    return []
  case .returnResolution:
    let cur = model.returns.flow?.resolutionCursor ?? 0
    switch action {
    case .moveDown, .moveUp:
      model.returns.flow?.resolutionCursor =
        moved(
          cur, by: action, count: ReturnResolution.allCases.count) ?? cur
    case .confirm, .openSelected: return updateReturns(&model, .pickResolution(cur))
    default: break
    }
    return []
  case .returnConfirm:
    guard action == .confirm || action == .openSelected, !model.busy,
      let flow = model.returns.flow, let order = model.order, let reason = flow.reason,
      let resolution = flow.resolution
    else { return [] }
    model.busy = true
    let ids = order.items.map(\.id).filter { flow.checked.contains($0) }
    return [.returns(.request(items: ids, order: order.id, reason: reason, resolution: resolution))]
  case .returnResult:
    switch action {
    case .moveDown, .moveUp:
      // Its end is found when it is drawn (`drawBody` keeps the last row at the bottom).
      let scroll = model.returns.flow?.scroll ?? 0
      model.returns.flow?.scroll = moved(scroll, by: action, count: .max) ?? scroll
    case .confirm, .openSelected:
      model.stack.removeLast()
      model.returns.flow = nil
    default: break
    }
    return []
  case .returnStatus:
    let count = model.returns.list?.count ?? 0
    switch action {
    case .moveDown, .moveUp:
      model.returns.listCursor =
        moved(model.returns.listCursor, by: action, count: count) ?? model.returns.listCursor
      model.returns.label = nil
    case .confirm, .openSelected: return updateReturns(&model, .showLabel)
    default: break
    }
    return []
  case .tracking:
    switch action {
    case .moveDown, .moveUp, .jumpTop:
      // Its end is found when it is drawn (`drawBody` keeps the last row at the bottom).
      model.returns.trackingScroll =
        moved(model.returns.trackingScroll, by: action, count: .max) ?? 0
    default: break
    }
    return []
  default:
    return []
  }
}

/// `r` or `t` on the list: they act on an order's details (issue 13, item 13).
private func openOrderFirst(_ model: inout AppModel, key: String) -> [Effect] {
  model.flash = .info("flash.openOrderFirst", ["key": key])
  return []
}

/// Shows the result in place of the flow's screens and refreshes the order (a replacement
/// adds an order to the list).
private func returnFinished(
  _ model: inout AppModel, receipt: ReturnReceipt?, refusal: ReturnError?
) -> [Effect] {
  model.busy = false
  if let i = model.stack.firstIndex(of: .returnSelect) { model.stack.removeSubrange(i...) }
  if model.stack.last == .help { model.stack.removeLast() }
  model.returns.flow?.receipt = receipt
  model.returns.flow?.refusal = refusal
  model.returns.flow?.scroll = 0
  model.stack.append(.returnResult)
  var effects: [Effect] = []
  if let id = model.returns.flow?.orderID { effects.append(.loadOrder(id)) }
  if receipt?.record.replacementOrderID != nil {
    effects += reloadList(&model, view: model.list.view, query: model.list.query)
  }
  return effects
}

// MARK: - Lines shared by the screens

extension Labels {
  /// "returnable until 8 Nov 2026", or why not (R16).
  func returnLine(_ e: ReturnEligibility) -> BodyLine {
    if let refusal = e.refusal {
      var args: [String: String] = [:]
      if let w = e.window { args["date"] = date(w.lastDay, style: .date) }
      return BodyLine(text: t("returnRefusal.\(refusal.rawValue)", args), role: .disabled)
    }
    if let w = e.window {
      return BodyLine(
        text: t("returns.select.until", ["date": date(w.lastDay, style: .date)]), role: .success)
    }
    return BodyLine(text: "", role: .dim)
  }

  /// The stages of a return with their times (R14).
  func returnStageLines(_ r: ReturnRecord, now: Date) -> [BodyLine] {
    let current = r.stage(at: now)
    return ReturnStage.stages(for: r.resolution).map { s in
      let name = t("returnStage.\(s.rawValue)")
      if s <= current, let at = r.timeline.moment(of: s) {
        return BodyLine(
          text: t("returns.status.stagePassed", ["stage": name, "date": date(at)]),
          role: s == current ? .accent : .normal, indent: 4)
      }
      return BodyLine(text: t("returns.status.stageAhead", ["stage": name]), role: .dim, indent: 4)
    }
  }

  /// The packing instructions of R12.
  func packingLines() -> [BodyLine] {
    let keys = [
      "returns.pack.safely", "returns.pack.accessories", "returns.pack.personalData",
      "returns.pack.label",
    ]
    return [BodyLine(text: t("returns.pack.title"), role: .header)]
      + keys.enumerated().map {
        BodyLine(text: listMarker($0.offset + 1) + t($0.element), indent: 2)
      }
  }

  /// The label (R13): RMA, address and the QR code, drawn left to right as it is.
  func labelLines(_ receipt: ReturnReceipt) -> [BodyLine] {
    var lines = [
      BodyLine(text: t("returns.label.title"), role: .header),
      BodyLine(text: t("returns.label.rma", ["rma": id(receipt.record.rma)]), indent: 2),
      BodyLine(text: t("returns.label.address"), indent: 2),
    ]
    lines += ReturnAddress.lines.map { BodyLine(text: Bidi.isolate($0), role: .dim, indent: 4) }
    // Each QR line is one LTR isolate of ▀▄█ and spaces: laid out unchanged in both languages.
    lines += receipt.qrLines.map { BodyLine(text: Bidi.isolate($0), indent: 2, wrap: false) }
    if let file = receipt.labelFile {
      lines.append(
        BodyLine(text: t("returns.label.saved", ["path": untrusted(file)]), role: .dim, indent: 2))
    }
    return lines
  }
}
