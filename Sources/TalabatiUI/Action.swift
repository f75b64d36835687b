import Foundation
import TalabatiDomain
import TalabatiText

/// What happened: named after what the shopper did, or after the result an effect brought back.
/// A feature's own actions are nested (`.list`, `.cancel`, `.archive`, `.support`, `.returns`);
/// the keys every screen shares and the results of effects are not.
public enum Action: Hashable, Sendable {
  // MARK: Moving (every screen that moves clamps through `moved`)
  case moveDown, moveUp, pageDown, pageUp, jumpTop, jumpBottom
  // MARK: Screens
  /// Enter on a list: open the highlighted order.
  case openSelected
  case back, quit, showHelp, redraw
  /// `Q` or Ctrl-C: leave the program from any screen (`quit` closes the screen above the list).
  case quitApp
  /// Enter where a step is confirmed or a flow goes on.
  case confirm
  /// Space: tick or untick the highlighted row of a checklist (an item; in the cancel
  /// checklist a shipment header ticks its whole shipment, R4).
  case toggleHighlighted
  // MARK: Features (each reduced in its own file: Features/, Screens/*Feature.swift)
  /// Your Orders: its tabs and the search line (Features/ListFeature.swift).
  case list(ListAction)
  /// Cancelling items (R4–R9, Features/CancelFeature.swift).
  case cancel(CancelAction)
  /// Archiving and restoring (R17, R18, Features/ArchiveFeature.swift).
  case archive(ArchiveAction)
  /// Support, seller contact, account closure (R19–R23, R27–R29).
  case support(SupportAction)
  /// Returns, replacements, tracking (R11–R16, R24–R26).
  case returns(ReturnsAction)
  // MARK: Settings
  case switchLanguage, nextTheme
  // MARK: Results of effects (returned by `perform`)
  case pageLoaded(view: OrderListView, query: String?, index: Int, OrderPage)
  case orderLoaded(Order)
  /// The refunds Amazon already paid for an imported order (issue 6).
  case refundsLoaded(OrderID, [ImportedRefund])
  case cancelSucceeded(CancelOutcome)
  case cancelRefused(CancelError)
  case archived(Order)
  case unarchived(Order)
  case failed(String)
  // MARK: Time and terminal
  case tick(Date)
  /// The presenter moved the session clock forward (demo stores only; never backward).
  case presenterClockAdvanced(minutes: Int)
  case resized(width: Int, height: Int)
}

/// What `update` asks the outside world to do. `perform` runs the service ones; the terminal
/// driver handles `applyTheme`, `redraw` and `quit`.
public enum Effect: Hashable, Sendable {
  /// Fetch one page of a newest-first list after a keyset cursor; `index` tags the result.
  case loadPage(view: OrderListView, query: String?, after: ListCursor?, limit: Int, index: Int)
  case loadOrder(OrderID)
  /// Fetch the imported refunds of an imported order.
  case loadRefunds(OrderID)
  case cancel(CancelSelection, order: OrderID, reason: CancelReason)
  case archive(OrderID)
  case unarchive(OrderID)
  case saveLanguage(Language)
  /// Keep the theme for the next run, as the language is (issue 13, item 11).
  case saveTheme(String)
  /// Switch the terminal to the named theme.
  case applyTheme(String)
  /// A support or account operation: run by `performSupport` (Screens/SupportFeature.swift).
  case support(SupportEffect)
  /// A return operation: run by `performReturns` (Screens/ReturnsFeature.swift).
  case returns(ReturnsEffect)
  /// Repaint the whole terminal (Ctrl-L).
  case redraw
  case quit
  /// Move the session clock forward by this many seconds (the presenter's clock).
  case moveClock(TimeInterval)
}
