import Foundation
import TalabatiDomain
import TalabatiText

/// The tabs of Your Orders, in their logical order (first = right in Arabic).
public let listTabs: [OrderListView] = [.orders, .cancelled, .archived]

/// What the program does first: load the first page of the model's list view.
public func launch(_ model: inout AppModel) -> [Effect] {
  reloadList(&model, view: model.list.view, query: model.list.query)
}

/// Applies `action` to the model and returns what the outside world must do. Pure: no clock,
/// no I/O; time arrives as `tick`, results as actions.
///
/// A key that neither acts nor explains itself says so (issue 13, item 13): no key is silent,
/// except moving at an edge.
public func update(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard isKeyAction(action), !Keymap.movements.contains(action), !model.busy else {
    return reduce(&model, action)
  }
  var before = model
  let effects = reduce(&model, action)
  if effects.isEmpty, model.flash == nil {
    before.flash = nil
    if model == before { model.flash = .info("flash.nothingHere", ["key": "?"]) }
  }
  return effects
}

/// True for what the shopper did, false for the results effects bring back.
private func isKeyAction(_ action: Action) -> Bool {
  switch action {
  case .tick, .resized, .pageLoaded, .orderLoaded, .refundsLoaded, .cancelSucceeded,
    .cancelRefused, .archived, .unarchived, .failed:
    return false
  case .support(let a):
    switch a {
    case .loaded, .callbackBooked, .callbackCancelled, .fraudReported, .sellerMessaged,
      .closureRequested, .closureWithdrawn, .refused:
      return false
    default: return true
    }
  case .returns(let a):
    switch a {
    case .infoLoaded, .requested, .refused, .listLoaded, .labelLoaded: return false
    default: return true
    }
  default:
    return true
  }
}

private func reduce(_ model: inout AppModel, _ action: Action) -> [Effect] {
  if case .support(let a) = action { return updateSupport(&model, a) }  // R19–R23, R27–R29
  if case .returns(let a) = action { return updateReturns(&model, a) }  // R11–R16, R24–R26
  switch action {
  case .tick(let date):
    model.now = date
    dropLapsedChecks(&model)
    return []
  case .presenterClockAdvanced(let minutes):
    // Forward only, so events stay in order; never on a real store (issue 10).
    guard model.presenter, minutes > 0 else { return [] }
    let seconds = TimeInterval(minutes * 60)
    model.clockOffset += seconds
    model.now = model.now.addingTimeInterval(seconds)
    dropLapsedChecks(&model)
    return [.moveClock(seconds)]
  case .resized(let width, let height):
    model.width = max(0, width)
    model.height = max(0, height)
    scrollList(&model)
    return []
  case .pageLoaded(let view, let query, let index, let page):
    return pageLoaded(&model, view: view, query: query, index: index, page: page)
  case .orderLoaded(let order):
    model.busy = false
    let shown = model.detail?.orderID == order.id
    if shown { model.detail?.order = order }
    syncRow(&model, with: order)
    // The details show a return in progress (issue 13): the returns load with the order.
    guard shown else { return [] }
    // Imported history may come with refunds Amazon already paid (issue 6).
    return [.returns(.loadReturns)] + (order.imported ? [.loadRefunds(order.id)] : [])
  case .refundsLoaded(let id, let refunds):
    if model.detail?.orderID == id { model.detail?.refunds = refunds }
    return []
  case .cancelSucceeded(let outcome):
    return cancelFinished(&model, .cancelled(outcome), order: outcome.order)
  case .cancelRefused(let error):
    return cancelFinished(&model, .refused(error), order: nil)
  case .archived(let order):
    return archiveChanged(&model, order, flash: "flash.archived")
  case .unarchived(let order):
    return archiveChanged(&model, order, flash: "flash.unarchived")
  case .failed(let message):
    model.busy = false
    model.list.loadingPage = nil
    model.flash = .error(message)
    return []
  default:
    break
  }

  // Everything below is something the shopper did: the last flash has been read.
  model.flash = nil
  if model.search != nil, let effects = searchEditing(&model, action) { return effects }

  switch action {
  case .quitApp:
    return [.quit]
  case .quit:
    if model.route == .list || model.tooSmall { return [.quit] }
    return back(&model)
  case .back:
    return back(&model)
  case .switchLanguage:
    model.lang = model.lang == .ar ? .en : .ar
    return [.saveLanguage(model.lang)]
  case .nextTheme:
    let names = model.themeNames
    let i = names.firstIndex(of: model.themeName) ?? -1
    model.themeName = names[(i + 1) % names.count]
    // Say which theme is on, and keep it for the next run as the language is (issue 13, 11).
    model.flash = .info("flash.theme", ["theme": model.themeName])
    return [.applyTheme(model.themeName), .saveTheme(model.themeName)]
  case .redraw:
    return [.redraw]
  case .showHelp:
    if model.route == .help { return back(&model) }
    model.helpFor = model.route
    model.helpScroll = 0
    model.stack.append(.help)
    return []
  default:
    break
  }

  switch model.route {
  case .list: return updateList(&model, action)
  case .detail: return updateDetail(&model, action)
  case .cancelSelect: return updateCancelSelect(&model, action)
  case .reasonPicker: return updateReasonPicker(&model, action)
  case .confirmCancel: return updateConfirmCancel(&model, action)
  case .confirmArchive: return updateConfirmArchive(&model, action)
  case .confirmRestore: return updateConfirmRestore(&model, action)
  case .result:
    if action == .confirm || action == .openSelected { return back(&model) }
    return []
  case .support, .supportForm, .account:
    return updateSupportRoute(&model, action)
  case .returnSelect, .returnReason, .returnResolution, .returnConfirm, .returnResult,
    .returnStatus, .tracking:
    return updateReturnsRoute(&model, action)
  case .help:
    switch action {
    case .moveDown: model.helpScroll += 1
    case .moveUp: model.helpScroll = max(0, model.helpScroll - 1)
    case .jumpTop: model.helpScroll = 0
    default: break
    }
    return []
  }
}

// MARK: - Back

private func back(_ model: inout AppModel) -> [Effect] {
  if supportBack(&model) { return [] }  // the closure flow steps back first (R27)
  switch model.route {
  case .list:
    // Esc on the list clears a submitted search.
    guard model.list.query != nil else { return [] }
    return reloadList(&model, view: model.list.view, query: nil)
  case .detail:
    model.stack.removeLast()
    model.detail = nil
  case .result:
    model.stack.removeLast()
    model.result = nil
  default:
    model.stack.removeLast()
  }
  if model.stack.isEmpty { model.stack = [.list] }
  return refreshIfStale(&model)
}

// MARK: - Search

/// Keys while the search line is open: typing edits it, Enter submits, Esc clears.
private func searchEditing(_ model: inout AppModel, _ action: Action) -> [Effect]? {
  switch action {
  case .searchTyped(let c):
    model.search?.text.append(c)
    return []
  case .searchBackspace:
    if model.search?.text.isEmpty == false { model.search?.text.removeLast() }
    return []
  case .submitSearch, .confirm, .openSelected:
    let text = (model.search?.text ?? "").trimmingCharacters(in: .whitespaces)
    model.search = nil
    return reloadList(&model, view: model.list.view, query: text.isEmpty ? nil : text)
  case .back:
    model.search = nil
    guard model.list.query != nil else { return [] }
    return reloadList(&model, view: model.list.view, query: nil)
  case .quit, .quitApp:
    return nil
  default:
    return []
  }
}

// MARK: - List

private func updateList(_ model: inout AppModel, _ action: Action) -> [Effect] {
  let count = model.list.rowCount
  let page = model.visibleListRows
  switch action {
  case .moveDown: model.list.selected = min(max(0, count - 1), model.list.selected + 1)
  case .moveUp: model.list.selected = max(0, model.list.selected - 1)
  case .pageDown: model.list.selected = min(max(0, count - 1), model.list.selected + page)
  case .pageUp: model.list.selected = max(0, model.list.selected - page)
  case .jumpTop:
    if !model.list.atStart {
      return reloadList(&model, view: model.list.view, query: model.list.query)
    }
    model.list.selected = 0
  case .jumpBottom:
    // The end of what is loaded; the next page follows (keyset paging cannot jump to the
    // oldest of a million orders without walking there).
    model.list.selected = max(0, count - 1)
  case .openSelected, .confirm:
    guard let row = model.list.selectedRow else { return [] }
    model.detail = DetailState(orderID: row.id)
    model.stack.append(.detail)
    model.busy = true
    return [.loadOrder(row.id)]
  case .nextView, .previousView:
    let i = listTabs.firstIndex(of: model.list.view) ?? 0
    let step = action == .nextView ? 1 : listTabs.count - 1
    return reloadList(&model, view: listTabs[(i + step) % listTabs.count], query: model.list.query)
  case .startSearch:
    model.search = SearchState(text: model.list.query ?? "")
    return []
  case .toggleArchive:
    guard let row = model.list.selectedRow else { return [] }
    if row.archived {
      // R18: brought back at any time, after a confirmation as archiving asks (R17).
      model.restoring = row.id
      model.stack.append(.confirmRestore)
      return []
    }
    model.flash = .info("flash.archiveFromDetails")  // R17: from the order's details
    return []
  case .beginCancel:
    model.flash = .info("flash.openOrderFirst", ["key": "c"])
    return []
  default:
    return []
  }
  scrollList(&model)
  return prefetch(&model)
}

/// Starts the list of `view` (and `query`) again from its newest order.
func reloadList(_ model: inout AppModel, view: OrderListView, query: String?) -> [Effect] {
  model.list = ListWindow(view: view, query: query)
  model.list.loadingPage = 0
  return [.loadPage(view: view, query: query, after: nil, limit: ListWindow.pageSize, index: 0)]
}

/// Keeps the selection on screen.
func scrollList(_ model: inout AppModel) {
  let visible = model.visibleListRows
  var top = model.list.top
  let sel = model.list.selected
  if sel < top { top = sel }
  if sel >= top + visible { top = sel - visible + 1 }
  model.list.top = max(0, min(top, max(0, model.list.rowCount - visible)))
}

/// Fetches the neighbouring page when the selection nears an edge of the window.
private func prefetch(_ model: inout AppModel) -> [Effect] {
  let list = model.list
  guard list.loaded, list.loadingPage == nil else { return [] }
  let margin = ListWindow.prefetchMargin
  if list.rowCount - 1 - list.selected < margin, let last = list.pages.last,
    let next = last.next
  {
    model.list.loadingPage = last.index + 1
    return [
      .loadPage(
        view: list.view, query: list.query, after: next, limit: ListWindow.pageSize,
        index: last.index + 1)
    ]
  }
  if list.selected < margin, let first = list.pages.first, first.index > 0,
    first.index - 1 < list.starts.count
  {
    model.list.loadingPage = first.index - 1
    return [
      .loadPage(
        view: list.view, query: list.query, after: list.starts[first.index - 1],
        limit: ListWindow.pageSize, index: first.index - 1)
    ]
  }
  return []
}

private func pageLoaded(
  _ model: inout AppModel, view: OrderListView, query: String?, index: Int, page: OrderPage
) -> [Effect] {
  var list = model.list
  // A page for a list the shopper has left, or one not asked for: drop it.
  guard view == list.view, query == list.query, index == list.loadingPage else { return [] }
  list.loadingPage = nil
  list.loaded = true
  let after = index < list.starts.count ? list.starts[index] : nil
  let new = ListWindow.Page(index: index, after: after, rows: page.rows, next: page.next)
  if let next = page.next {
    if index + 1 < list.starts.count {
      list.starts[index + 1] = next
    } else if index + 1 == list.starts.count {
      list.starts.append(next)
    }
  }
  if list.pages.isEmpty {
    list.pages = [new]
  } else if let last = list.pages.last, index == last.index + 1 {
    list.pages.append(new)
    if list.pages.count > ListWindow.maxPages {
      let dropped = list.pages.removeFirst().rows.count
      list.rowsBefore += dropped
      list.selected -= dropped
      list.top -= dropped
    }
  } else if let first = list.pages.first, index == first.index - 1 {
    list.pages.insert(new, at: 0)
    list.rowsBefore = max(0, list.rowsBefore - new.rows.count)
    list.selected += new.rows.count
    list.top += new.rows.count
    if list.pages.count > ListWindow.maxPages { list.pages.removeLast() }
  } else {
    return []
  }
  if let id = list.reselect, index == 0 {
    // Back from an order that entered this view: it is selected again.
    if let i = new.rows.firstIndex(where: { $0.id == id }) { list.selected = i }
    list.reselect = nil
  }
  list.selected = max(0, min(list.selected, list.rowCount - 1))
  list.top = max(0, list.top)
  model.list = list
  scrollList(&model)
  return []
}

/// Does `order` belong in `view`? The store's own definitions (`Reads.swift`).
func belongs(_ order: Order, in view: OrderListView) -> Bool {
  switch view {
  case .orders: !order.isArchived
  case .archived: order.isArchived
  case .cancelled: order.items.contains(where: \.isCancelled)
  case .all: true
  }
}

/// Brings a changed order's row up to date in the loaded list: updated in place, removed when
/// it left the view. When it entered the view (restored, archived again, cancelled) the list
/// is marked stale and reloaded when it is shown again, so no view goes stale (issue 13,
/// item 9): only the store knows where the order sorts (its insertion order) and whether it
/// matches a search.
private func syncRow(_ model: inout AppModel, with order: Order) {
  let inView = belongs(order, in: model.list.view)
  var found = false
  for p in model.list.pages.indices {
    guard let r = model.list.pages[p].rows.firstIndex(where: { $0.id == order.id }) else {
      continue
    }
    found = true
    if inView {
      var row = OrderSummary(order: order, at: model.now)
      row.matchedTitle = model.list.pages[p].rows[r].matchedTitle  // still the search's match
      model.list.pages[p].rows[r] = row
    } else {
      model.list.pages[p].rows.remove(at: r)
      let flat = model.list.pages[..<p].reduce(0) { $0 + $1.rows.count } + r
      if flat < model.list.selected { model.list.selected -= 1 }
      model.list.selected = max(0, min(model.list.selected, model.list.rowCount - 1))
    }
  }
  if !found, inView, model.list.loaded {
    model.list.stale = true
    model.list.reselect = order.id
  }
  scrollList(&model)
}

/// Reloads the list when it is the screen shown and went stale, selecting again the order it
/// was reloaded for when it is on the first page.
private func refreshIfStale(_ model: inout AppModel) -> [Effect] {
  guard model.route == .list, model.list.stale else { return [] }
  let reselect = model.list.reselect
  let effects = reloadList(&model, view: model.list.view, query: model.list.query)
  model.list.reselect = reselect
  return effects
}

// MARK: - Details

private func updateDetail(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard var detail = model.detail else { return [] }
  let page = max(1, model.height - 4)
  switch action {
  case .moveDown: detail.scroll += 1
  case .moveUp: detail.scroll -= 1
  case .pageDown: detail.scroll += page
  case .pageUp: detail.scroll -= page
  case .jumpTop: detail.scroll = 0
  case .jumpBottom: detail.scroll = Int.max / 2
  case .beginCancel:
    guard let order = detail.order else { return [] }
    // Nothing to tick: say so rather than open an empty checklist (issue 13, item 13).
    guard CancelPolicy.eligibility(of: order, at: model.now).contains(where: \.cancellable) else {
      model.flash = .info("flash.nothingToCancel")
      return []
    }
    model.cancel = CancelFlow()
    // Rest the cursor on the first item that may be cancelled, else the first item.
    let rows = model.cancelRows
    let firstOK = rows.firstIndex {
      if case .item(let id) = $0 { return model.eligibility(of: id)?.cancellable == true }
      return false
    }
    model.cancel.cursor = firstOK ?? (order.items.isEmpty ? 0 : 1)
    model.stack.append(.cancelSelect)
    return []
  case .toggleArchive:
    guard let order = detail.order else { return [] }
    if order.isArchived {
      model.restoring = order.id  // R18, asked as archiving is (R17)
      model.stack.append(.confirmRestore)
      return []
    }
    model.stack.append(.confirmArchive)  // R17: after a confirmation
    return []
  default:
    return []
  }
  // Rows as drawn: long lines wrap (issue 13), so a line can take more than one row.
  let rows = wrapBody(DetailScreen.lines(model), width: model.width, mode: model.bidiMode).rows
  let maxScroll = max(0, rows.count - max(1, model.height - 3))
  detail.scroll = max(0, min(detail.scroll, maxScroll))
  model.detail = detail
  return []
}

// MARK: - Cancel flow (R4, R5, R8, R9)

private func updateCancelSelect(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard let order = model.order else { return [] }
  let rows = model.cancelRows
  switch action {
  case .moveDown: model.cancel.cursor = min(max(0, rows.count - 1), model.cancel.cursor + 1)
  case .moveUp: model.cancel.cursor = max(0, model.cancel.cursor - 1)
  case .pageDown:
    model.cancel.cursor = min(max(0, rows.count - 1), model.cancel.cursor + model.height - 6)
  case .pageUp: model.cancel.cursor = max(0, model.cancel.cursor - (model.height - 6))
  case .jumpTop: model.cancel.cursor = 0
  case .jumpBottom: model.cancel.cursor = max(0, rows.count - 1)
  case .toggleItem:
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
  case .toggleAll:
    let eligible = Set(
      CancelPolicy.eligibility(of: order, at: model.now).filter(\.cancellable).map(\.itemID))
    let all = !eligible.isEmpty && eligible.isSubset(of: model.cancel.checked)
    model.cancel.checked = all ? [] : eligible
    model.cancel.shipment = nil
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

private func updateReasonPicker(_ model: inout AppModel, _ action: Action) -> [Effect] {
  let count = CancelReason.allCases.count
  switch action {
  case .moveDown: model.cancel.reasonCursor = min(count - 1, model.cancel.reasonCursor + 1)
  case .moveUp: model.cancel.reasonCursor = max(0, model.cancel.reasonCursor - 1)
  case .jumpTop: model.cancel.reasonCursor = 0
  case .jumpBottom: model.cancel.reasonCursor = count - 1
  case .pickReason(let i):
    guard CancelReason.allCases.indices.contains(i) else { return [] }
    model.cancel.reasonCursor = i
    model.cancel.reason = CancelReason.allCases[i]
    model.stack.append(.confirmCancel)
  case .confirm, .openSelected:
    model.cancel.reason = CancelReason.allCases[model.cancel.reasonCursor]
    model.stack.append(.confirmCancel)
  default:
    break
  }
  return []
}

private func updateConfirmCancel(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy,
    let order = model.order, let selection = model.cancelSelection,
    let reason = model.cancel.reason
  else { return [] }
  model.busy = true
  return [.cancel(selection, order: order.id, reason: reason)]
}

private func updateConfirmArchive(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy, let order = model.order
  else { return [] }
  model.busy = true
  return [.archive(order.id)]
}

private func updateConfirmRestore(_ model: inout AppModel, _ action: Action) -> [Effect] {
  guard action == .confirm || action == .openSelected, !model.busy, let id = model.restoring
  else { return [] }
  model.busy = true
  return [.unarchive(id)]
}

/// Shows the result in place of the cancel flow's screens.
private func cancelFinished(
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
private func dropLapsedChecks(_ model: inout AppModel) {
  guard model.route == .cancelSelect, !model.cancel.checked.isEmpty else { return }
  let lapsed = model.cancel.checked.filter { model.eligibility(of: $0)?.cancellable != true }
  guard !lapsed.isEmpty else { return }
  model.cancel.checked.subtract(lapsed)
  model.cancel.shipment = nil
  model.flash = .info("flash.windowClosed")
}

// MARK: - Archive (R17, R18)

private func archiveChanged(
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
