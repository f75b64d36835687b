import Foundation
import TalabatiDomain
import TalabatiText

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

/// Hands each action to its feature: a feature's own actions by their type, the results of
/// effects by their name, and the keys every screen shares (moving, Enter, Space) to the
/// feature of the screen shown.
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
    return orderLoaded(&model, order)
  case .refundsLoaded(let id, let refunds):
    refundsLoaded(&model, id, refunds)
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
  if model.search != nil, let effects = searchLineKey(&model, action) { return effects }

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
  case .list(let a):
    return updateList(&model, a)
  case .cancel(let a):
    return updateCancel(&model, a)
  case .archive(let a):
    return updateArchive(&model, a)
  default:
    break
  }

  switch model.route {
  case .list: return updateListRoute(&model, action)
  case .detail: return updateDetailRoute(&model, action)
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
    case .moveDown, .moveUp, .jumpTop:
      // Its end is found when it is drawn (`drawBody` keeps the last row at the bottom).
      model.helpScroll = moved(model.helpScroll, by: action, count: .max) ?? 0
    default: break
    }
    return []
  }
}

// MARK: - Back

/// Esc: the screen above the list closes; on the list, a submitted search is cleared.
private func back(_ model: inout AppModel) -> [Effect] {
  if supportBack(&model) { return [] }  // the closure flow steps back first (R27)
  switch model.route {
  case .list:
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
