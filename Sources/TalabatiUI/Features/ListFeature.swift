import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - State (R10, R18)

/// The tabs of Your Orders, in their logical order (first = right in Arabic).
public let listTabs: [OrderListView] = [.orders, .cancelled, .archived]

/// The loaded part of a newest-first order list: at most `maxPages` consecutive pages, never
/// the whole list (the benchmark store holds 1,000,000 orders).
public struct ListWindow: Hashable, Sendable {
  /// One page as the service returned it, with the cursor that asked for it.
  public struct Page: Hashable, Sendable {
    /// Absolute page number from the top of the list (0 = newest).
    public var index: Int
    /// The keyset cursor the page was loaded after (nil for the first page).
    public var after: ListCursor?
    public var rows: [OrderSummary]
    /// Where the following page starts; nil at the end of the list.
    public var next: ListCursor?

    public init(index: Int, after: ListCursor?, rows: [OrderSummary], next: ListCursor?) {
      self.index = index
      self.after = after
      self.rows = rows
      self.next = next
    }
  }

  public var view: OrderListView
  /// The submitted search (titles and order numbers); nil when not searching.
  public var query: String?
  /// Loaded pages, consecutive, in list order.
  public var pages: [Page] = []
  /// Start cursor of every page seen so far (`starts[k]` loads page k): one cursor per page,
  /// so paging back up after a page was dropped costs one keyset query.
  public var starts: [ListCursor?] = [nil]
  /// Rows of the pages dropped above the window (for the position shown to the shopper).
  public var rowsBefore = 0
  /// Selected row, as an index into `rows` (the window).
  public var selected = 0
  /// First visible row of the window (scroll position).
  public var top = 0
  /// The page being fetched, if any (one request at a time).
  public var loadingPage: Int?
  /// True once the first page has arrived.
  public var loaded = false
  /// True when an order entered this view while it was hidden: reloaded when shown again.
  public var stale = false
  /// The order to select again once the reloaded first page arrives.
  public var reselect: OrderID?

  /// Rows per page asked of the service.
  public static let pageSize = 100
  /// Pages kept in memory at most.
  public static let maxPages = 3
  /// Rows from either edge of the window at which the neighbouring page is fetched.
  public static let prefetchMargin = 20

  public init(view: OrderListView, query: String? = nil) {
    self.view = view
    self.query = query
  }

  /// The rows of the window, in order.
  public var rows: [OrderSummary] { pages.flatMap(\.rows) }
  public var rowCount: Int { pages.reduce(0) { $0 + $1.rows.count } }
  /// True when the last loaded page is the end of the list.
  public var atEnd: Bool { loaded && (pages.last.map { $0.next == nil } ?? true) }
  public var atStart: Bool { pages.first.map { $0.index == 0 } ?? true }

  /// The selected row, if any.
  public var selectedRow: OrderSummary? {
    var i = selected
    for p in pages {
      if i < p.rows.count { return p.rows[i] }
      i -= p.rows.count
    }
    return nil
  }
}

/// The search line: what the shopper is typing after `/`.
public struct SearchState: Hashable, Sendable {
  public var text: String
  public init(text: String = "") { self.text = text }
}

// MARK: - Actions

/// What the shopper does on Your Orders besides moving and opening an order.
public enum ListAction: Hashable, Sendable {
  /// The next tab: Orders → Cancelled → Archived (R10, R18).
  case nextView
  case previousView
  /// Open the search line (`/`).
  case startSearch
  /// A character typed into the search line.
  case searchTyped(Character)
  /// The last character of the search line erased (Backspace or Del).
  case searchErased
  /// Search for what the line holds (an empty line shows the whole list again).
  case submitSearch
}

// MARK: - Update

/// `update` for `.list` actions: the tabs and the search line.
func updateList(_ model: inout AppModel, _ action: ListAction) -> [Effect] {
  if model.search != nil { return searchEditing(&model, action) }
  switch action {
  case .nextView, .previousView:
    guard model.route == .list else { return [] }
    let i = listTabs.firstIndex(of: model.list.view) ?? 0
    let step = action == .nextView ? 1 : listTabs.count - 1
    return reloadList(&model, view: listTabs[(i + step) % listTabs.count], query: model.list.query)
  case .startSearch:
    guard model.route == .list else { return [] }
    model.search = SearchState(text: model.list.query ?? "")
    return []
  case .searchTyped, .searchErased, .submitSearch:
    return []
  }
}

/// A list action while the search line is open: typing edits it, submitting searches.
private func searchEditing(_ model: inout AppModel, _ action: ListAction) -> [Effect] {
  switch action {
  case .searchTyped(let c):
    model.search?.text.append(c)
    return []
  case .searchErased:
    if model.search?.text.isEmpty == false { model.search?.text.removeLast() }
    return []
  case .submitSearch:
    return submitSearch(&model)
  case .nextView, .previousView, .startSearch:
    return []
  }
}

/// Keys other than the list's own while the search line is open: Enter submits, Esc clears,
/// quitting still quits; nil when the key is not the search line's (it goes on as usual).
func searchLineKey(_ model: inout AppModel, _ action: Action) -> [Effect]? {
  switch action {
  case .list(let a): return searchEditing(&model, a)
  case .confirm, .openSelected: return submitSearch(&model)
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

private func submitSearch(_ model: inout AppModel) -> [Effect] {
  let text = (model.search?.text ?? "").trimmingCharacters(in: .whitespaces)
  model.search = nil
  return reloadList(&model, view: model.list.view, query: text.isEmpty ? nil : text)
}

/// Moving and opening on Your Orders.
func updateListRoute(_ model: inout AppModel, _ action: Action) -> [Effect] {
  switch action {
  case .jumpTop where !model.list.atStart:
    return reloadList(&model, view: model.list.view, query: model.list.query)
  case .openSelected, .confirm:
    guard let row = model.list.selectedRow else { return [] }
    return openOrder(&model, row.id)
  default:
    // The end of what is loaded, for the last row: the next page follows (keyset paging
    // cannot jump to the oldest of a million orders without walking there).
    guard
      let selected = moved(
        model.list.selected, by: action, count: model.list.rowCount,
        page: model.visibleListRows)
    else { return [] }
    model.list.selected = selected
    scrollList(&model)
    return prefetch(&model)
  }
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

/// A page arrived: added to the window (dropping the farthest page past `maxPages`), or
/// dropped when the shopper has left the list it was asked for.
func pageLoaded(
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
  list.selected = clamped(list.selected, count: list.rowCount)
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
func syncRow(_ model: inout AppModel, with order: Order) {
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
      model.list.selected = clamped(model.list.selected, count: model.list.rowCount)
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
func refreshIfStale(_ model: inout AppModel) -> [Effect] {
  guard model.route == .list, model.list.stale else { return [] }
  let reselect = model.list.reselect
  let effects = reloadList(&model, view: model.list.view, query: model.list.query)
  model.list.reselect = reselect
  return effects
}

// MARK: - Derived values

extension AppModel {
  /// List rows visible at the current size.
  public var visibleListRows: Int { max(1, height - 5) }
}

extension OrderSummary {
  /// A list row rebuilt from a full order (after a cancel or an archive changed it).
  public init(order: Order, at now: Date) {
    self.init(
      id: order.id, placedAt: order.placedAt, total: order.total, itemCount: order.items.count,
      firstTitle: order.items.first?.title ?? "", archived: order.isArchived,
      imported: order.imported, status: order.statusSummary(at: now),
      isReplacement: order.replacementOf != nil)
  }
}
