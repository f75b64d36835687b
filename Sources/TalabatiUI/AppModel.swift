import Foundation
import TalabatiDomain
import TalabatiText

// MARK: - Routes

/// One screen of the client; the model keeps a stack of them (the top one is shown).
public enum Route: String, Hashable, Sendable, CaseIterable {
  /// Your Orders (طلباتك): the paged order list with its views.
  case list
  /// Order details (عرض تفاصيل الطلب).
  case detail
  /// The checkbox list of the order's items (R5, R8).
  case cancelSelect
  /// The cancellation reason picker (R5).
  case reasonPicker
  /// What will be cancelled and refunded, before it is (R9).
  case confirmCancel
  /// "Archive this order?" (R17).
  case confirmArchive
  /// "Restore this order?" (R18): restoring asks as archiving does (issue 13, item 12).
  case confirmRestore
  /// The outcome of a cancel: refund or refusal (R6, R7, R9).
  case result
  /// The keys of the screen below it, generated from the keymap.
  case help
  /// Support (R19–R21): number, hours, open now, call-backs (Screens/SupportScreen.swift).
  case support
  /// A one-field form: call-back, fraud report, seller message, closure confirmation.
  case supportForm
  /// Account settings and the closure flow (R27–R29).
  case account
  /// Return or replace: pick delivered items (R11, R16), then reason, resolution, confirm.
  case returnSelect, returnReason, returnResolution, returnConfirm
  /// The return's RMA, packing instructions and label (R12, R13, R15).
  case returnResult
  /// Return status (حالة الإرجاع, R14).
  case returnStatus
  /// Track package (R24–R26).
  case tracking
}

// MARK: - List window

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

// MARK: - Flash messages

/// A one-line message on the status line until the next key.
public enum Flash: Hashable, Sendable {
  /// A string-table key and its arguments (localised when drawn).
  case info(String, [String: String] = [:])
  /// An error from the service, shown sanitised as it came.
  case error(String)
}

// MARK: - Screen states

/// The search line: what the shopper is typing after `/`.
public struct SearchState: Hashable, Sendable {
  public var text: String
  public init(text: String = "") { self.text = text }
}

/// The order-details screen and the cancel flow that starts from it.
public struct DetailState: Hashable, Sendable {
  public var orderID: OrderID
  /// Nil while loading.
  public var order: Order?
  /// First visible line of the details (scroll position).
  public var scroll = 0
  /// Refunds already paid for an imported order (issue 6), shown under its total.
  public var refunds: [ImportedRefund] = []

  public init(orderID: OrderID, order: Order? = nil) {
    self.orderID = orderID
    self.order = order
  }
}

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

// MARK: - The model

/// The whole state of the full-screen client. `update` changes it; `view` draws it.
public struct AppModel: Hashable, Sendable {
  /// Screens, bottom to top; never empty (the list is at the bottom).
  public var stack: [Route] = [.list]
  public var list: ListWindow
  public var search: SearchState?
  public var detail: DetailState?
  public var cancel = CancelFlow()
  public var result: ResultState?
  /// The archived order the restore confirmation is about.
  public var restoring: OrderID?
  /// The screen whose keys the help lists.
  public var helpFor: Route = .list
  public var helpScroll = 0
  public var lang: Lang
  public var bidiMode: BidiMode
  public var themeNames: [String]
  public var themeName: String
  /// The shopper's time zone (dates are shown in it).
  public var timeZone: String
  /// Where confirmations are sent (R6); shown in the result.
  public var email: String
  public var now: Date
  public var width: Int
  public var height: Int
  public var flash: Flash?
  /// True while an effect whose result the screen waits for is running.
  public var busy = false
  /// The account's name, shown as a detail to have ready for support (R20).
  public var accountName = ""
  /// The support screen (R19–R21), while open.
  public var support: SupportState?
  /// The open text form (R21, R22, R23, R28).
  public var supportForm: SupportForm?
  /// Account settings and the closure flow (R27–R29), while open.
  public var accountScreen: AccountScreenState?
  /// The return flow, the return-status list and the tracking view (Screens/ReturnsFeature.swift).
  public var returns = ReturnsState()
  /// A demo store's session (every `talabati serve` visitor in open mode, `--presenter`
  /// locally): `+` and `*` move the session clock forward (issue 10).
  public var presenter = false
  /// How far the presenter has moved the clock, in seconds (forward only).
  public var clockOffset: TimeInterval = 0

  public init(
    lang: Lang = .ar, bidiMode: BidiMode = .app, themeNames: [String] = ["default"],
    themeName: String? = nil, timeZone: String = "Asia/Riyadh", email: String = "",
    now: Date, width: Int = 80, height: Int = 24, view: OrderListView = .orders
  ) {
    self.list = ListWindow(view: view)
    self.lang = lang
    self.bidiMode = bidiMode
    self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
    self.themeName = themeName ?? self.themeNames[0]
    self.timeZone = timeZone
    self.email = email
    self.now = now
    self.width = width
    self.height = height
  }

  /// The screen shown.
  public var route: Route { stack.last ?? .list }
  public var direction: Direction { lang.direction }
  /// The loaded order of the details screen, if any.
  public var order: Order? { detail?.order }

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

  /// True below the size at which the client draws anything but a plain message.
  public var tooSmall: Bool { width < 40 || height < 12 }
  /// True between the plain message and the full layout (fewer columns).
  public var compact: Bool { width < 80 || height < 24 }
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
