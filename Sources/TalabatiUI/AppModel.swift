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

// MARK: - Flash messages

/// A one-line message on the status line until the next key.
public enum Flash: Hashable, Sendable {
  /// A string-table key and its arguments (localised when drawn).
  case info(String, [String: String] = [:])
  /// An error from the service, shown sanitised as it came.
  case error(String)
}

// MARK: - Screen states

// Each feature keeps its state in its own file: `ListWindow` and `SearchState`
// (Features/ListFeature.swift), `DetailState` (Features/DetailFeature.swift), `CancelFlow` and
// `ResultState` (Features/CancelFeature.swift), support and returns (Screens/*Feature.swift).

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
  public var lang: Language
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
    lang: Language = .ar, bidiMode: BidiMode = .app, themeNames: [String] = ["default"],
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
  /// True below the size at which the client draws anything but a plain message.
  public var tooSmall: Bool { width < 40 || height < 12 }
  /// True between the plain message and the full layout (fewer columns).
  public var compact: Bool { width < 80 || height < 24 }
}
