import TalabatiDomain
import TalabatiText

/// One key of the keymap: the key, what it does, where, and its help text. The decoder, the
/// help screen and the status-line hints all read the same table (tig-style keymap as data).
public struct KeyBinding: Hashable, Sendable {
  public var key: Key
  public var action: Action
  /// String-table key of its help text (`help.*`).
  public var helpKey: String
  /// Screens where it applies.
  public var screens: Set<Route>
  /// Only in this layout direction (←/→ follow what the shopper sees); nil in both.
  public var direction: Direction?
  /// Shown among the main keys on the status line.
  public var hint: Bool

  public init(
    _ key: Key, _ action: Action, help helpKey: String, on screens: Set<Route>,
    direction: Direction? = nil, hint: Bool = false
  ) {
    self.key = key
    self.action = action
    self.helpKey = helpKey
    self.screens = screens
    self.direction = direction
    self.hint = hint
  }

  /// The key as the help and the status line name it (Latin, left to right).
  public var keyLabel: String { Self.label(key) }

  static func label(_ key: Key) -> String {
    switch key {
    case .char(" "): "Space"
    case .char(let c): String(c)
    case .ctrl(let c): "Ctrl-\(String(c).uppercased())"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .backspace: "Backspace"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .delete: "Del"
    case .function(let n): "F\(n)"
    case .resize: "resize"
    }
  }
}

/// The keymap: every key the client knows, per screen.
public enum Keymap {
  private static let all = Set(Route.allCases)
  private static let moving: Set<Route> = [
    .list, .detail, .cancelSelect, .reasonPicker, .help, .confirmCancel,
  ]

  /// Every binding, in the order the help lists them.
  public static let bindings: [KeyBinding] = {
    var b: [KeyBinding] = [
      KeyBinding(.down, .moveDown, help: "help.down", on: moving),
      KeyBinding(.char("j"), .moveDown, help: "help.down", on: moving),
      KeyBinding(.up, .moveUp, help: "help.up", on: moving),
      KeyBinding(.char("k"), .moveUp, help: "help.up", on: moving),
      KeyBinding(.pageDown, .pageDown, help: "help.pageDown", on: [.list, .detail, .cancelSelect]),
      KeyBinding(.pageUp, .pageUp, help: "help.pageUp", on: [.list, .detail, .cancelSelect]),
      KeyBinding(.home, .jumpTop, help: "help.top", on: moving),
      KeyBinding(.char("g"), .jumpTop, help: "help.top", on: moving),
      KeyBinding(.end, .jumpBottom, help: "help.bottom", on: moving),
      KeyBinding(.char("G"), .jumpBottom, help: "help.bottom", on: moving),
      KeyBinding(.enter, .openSelected, help: "help.open", on: [.list], hint: true),
      KeyBinding(.tab, .list(.nextView), help: "help.nextView", on: [.list], hint: true),
      KeyBinding(.backTab, .list(.previousView), help: "help.previousView", on: [.list]),
      // ←/→ follow what the shopper sees: tabs run right to left in Arabic.
      KeyBinding(.right, .list(.nextView), help: "help.rightTab", on: [.list], direction: .ltr),
      KeyBinding(.left, .list(.previousView), help: "help.leftTab", on: [.list], direction: .ltr),
      KeyBinding(.left, .list(.nextView), help: "help.leftTab", on: [.list], direction: .rtl),
      KeyBinding(.right, .list(.previousView), help: "help.rightTab", on: [.list], direction: .rtl),
      KeyBinding(.char("/"), .list(.startSearch), help: "help.search", on: [.list], hint: true),
      // On the list, c (and r, t below) say to open the order first (issue 13, item 13).
      KeyBinding(
        .char("c"), .cancel(.begin), help: "help.cancel", on: [.list, .detail], hint: true),
      // A archives, or restores an archived order: `helpKey(for:in:)` names which.
      KeyBinding(
        .char("A"), .archive(.archiveOrRestore), help: "help.archive", on: [.list, .detail],
        hint: true),
      KeyBinding(
        .char(" "), .toggleHighlighted, help: "help.toggle", on: [.cancelSelect], hint: true),
      KeyBinding(
        .char("a"), .cancel(.toggleAllCancellable), help: "help.toggleAll", on: [.cancelSelect],
        hint: true),
      KeyBinding(
        .enter, .confirm, help: "help.next", on: [.cancelSelect, .reasonPicker], hint: true),
      KeyBinding(
        .enter, .confirm, help: "help.confirm",
        on: [.confirmCancel, .confirmArchive, .confirmRestore], hint: true),
      KeyBinding(.enter, .confirm, help: "help.done", on: [.result], hint: true),
    ]
    for n in 1...CancelReason.allCases.count {
      let digit = Character(String(n))
      b.append(
        KeyBinding(
          .char(digit), .cancel(.pickReason(n - 1)), help: "help.pickReason", on: [.reasonPicker]))
    }
    // Support, seller contact and account closure (R19–R23, R27–R29).
    b += [
      KeyBinding(.char("s"), .support(.openSupport), help: "help.support", on: [.list, .detail]),
      KeyBinding(.char(","), .support(.openAccount), help: "help.account", on: [.list]),
      KeyBinding(.char("S"), .support(.openAccount), help: "help.account", on: [.list]),
      KeyBinding(.char("m"), .support(.contactSeller), help: "help.contactSeller", on: [.detail]),
      KeyBinding(.down, .moveDown, help: "help.down", on: [.support, .account]),
      KeyBinding(.char("j"), .moveDown, help: "help.down", on: [.support, .account]),
      KeyBinding(.up, .moveUp, help: "help.up", on: [.support, .account]),
      KeyBinding(.char("k"), .moveUp, help: "help.up", on: [.support, .account]),
      KeyBinding(
        .char("b"), .support(.requestCallback), help: "help.callback", on: [.support], hint: true),
      KeyBinding(
        .char("x"), .support(.cancelCallback), help: "help.cancelCallback", on: [.support],
        hint: true),
      KeyBinding(
        .char("f"), .support(.reportFraud), help: "help.fraud", on: [.support], hint: true),
      KeyBinding(
        .char("C"), .support(.closeAccount), help: "help.closeAccount", on: [.account], hint: true),
      KeyBinding(
        .char("W"), .support(.withdrawClosure), help: "help.withdrawClosure", on: [.account],
        hint: true),
      KeyBinding(.enter, .confirm, help: "help.next", on: [.account], hint: true),
      // Enter confirms cancelling the highlighted call-back, once `x` asked (issue 13, item 14).
      KeyBinding(.enter, .confirm, help: "help.confirm", on: [.support], hint: true),
      KeyBinding(.enter, .support(.submit), help: "help.submit", on: [.supportForm], hint: true),
    ]
    // The closure reasons by number, as in the cancel reason picker (issue 13, item 13).
    for n in 1...ClosureReason.allCases.count {
      b.append(
        KeyBinding(
          .char(Character(String(n))), .support(.pickClosureReason(n - 1)),
          help: "help.pickReason", on: [.account]))
    }
    // Returns, replacements and tracking (R11–R16, R24–R26): Screens/ReturnsFeature.swift.
    let returnMoving: Set<Route> = [
      .returnSelect, .returnReason, .returnResolution, .returnResult, .returnStatus, .tracking,
    ]
    b += [
      KeyBinding(
        .char("r"), .returns(.beginReturn), help: "help.returnItems", on: [.list, .detail],
        hint: true),
      KeyBinding(
        .char("t"), .returns(.openTracking), help: "help.track", on: [.list, .detail], hint: true),
      KeyBinding(
        .char("R"), .returns(.openReturns), help: "help.returnStatus", on: [.list, .detail]),
      KeyBinding(.down, .moveDown, help: "help.down", on: returnMoving),
      KeyBinding(.char("j"), .moveDown, help: "help.down", on: returnMoving),
      KeyBinding(.up, .moveUp, help: "help.up", on: returnMoving),
      KeyBinding(.char("k"), .moveUp, help: "help.up", on: returnMoving),
      KeyBinding(
        .char(" "), .toggleHighlighted, help: "help.toggle", on: [.returnSelect], hint: true),
      KeyBinding(
        .enter, .confirm, help: "help.next", on: [.returnSelect, .returnReason, .returnResolution],
        hint: true),
      KeyBinding(.enter, .confirm, help: "help.confirm", on: [.returnConfirm], hint: true),
      KeyBinding(.enter, .confirm, help: "help.done", on: [.returnResult], hint: true),
      KeyBinding(
        .enter, .returns(.showLabel), help: "help.returnLabel", on: [.returnStatus], hint: true),
      KeyBinding(.char("l"), .returns(.showLabel), help: "help.returnLabel", on: [.returnStatus]),
      KeyBinding(
        .char("s"), .returns(.contactSupport), help: "help.support", on: [.tracking], hint: true),
    ]
    for n in 1...ReturnReason.allCases.count {
      b.append(
        KeyBinding(
          .char(Character(String(n))), .returns(.pickReason(n - 1)), help: "help.pickReason",
          on: [.returnReason]))
    }
    for n in 1...ReturnResolution.allCases.count {
      b.append(
        KeyBinding(
          .char(Character(String(n))), .returns(.pickResolution(n - 1)),
          help: "help.pickResolution", on: [.returnResolution]))
    }
    b += [
      KeyBinding(.escape, .back, help: "help.back", on: all.subtracting([.list]), hint: true),
      KeyBinding(.backspace, .back, help: "help.back", on: all.subtracting([.list])),
      KeyBinding(.escape, .back, help: "help.clearSearch", on: [.list], hint: true),
      KeyBinding(.char("?"), .showHelp, help: "help.help", on: all, hint: true),
      KeyBinding(.char("L"), .switchLanguage, help: "help.language", on: all),
      KeyBinding(.char("T"), .nextTheme, help: "help.theme", on: all),
      KeyBinding(.ctrl("l"), .redraw, help: "help.redraw", on: all),
      KeyBinding(.char("q"), .quit, help: "help.quit", on: [.list], hint: true),
      KeyBinding(.char("q"), .quit, help: "help.close", on: all.subtracting([.list])),
      // Quit from any screen in one key; Ctrl-C too, as in lazygit and htop (issue 13).
      KeyBinding(.char("Q"), .quitApp, help: "help.quitNow", on: all),
      KeyBinding(.ctrl("c"), .quitApp, help: "help.quitNow", on: all),
    ]
    return b
  }()

  /// A screen in one layout direction: what the per-screen tables are keyed by.
  private struct TableKey: Hashable {
    var route: Route
    var direction: Direction
  }

  /// `bindings` split per screen and direction once, at first use: filtering the whole table
  /// on every key and every status line was ~5% of a move's CPU (docs/performance.md).
  private static let tables: [TableKey: [KeyBinding]] = {
    var t: [TableKey: [KeyBinding]] = [:]
    for route in Route.allCases {
      for direction in [Direction.ltr, .rtl] {
        t[TableKey(route: route, direction: direction)] = bindings.filter {
          $0.screens.contains(route) && ($0.direction == nil || $0.direction == direction)
        }
      }
    }
    return t
  }()

  /// The status-line hints per screen and direction: hint bindings, one per help text.
  private static let hintTables: [TableKey: [KeyBinding]] = tables.mapValues { table in
    var seen = Set<String>()
    return table.filter { $0.hint && seen.insert($0.helpKey).inserted }
  }

  /// The bindings of one screen in one layout direction, in help order.
  public static func bindings(for route: Route, direction: Direction) -> [KeyBinding] {
    tables[TableKey(route: route, direction: direction)] ?? []
  }

  /// The bindings the status line names on one screen (`hint`), the first of each help text,
  /// in help order.
  public static func hints(for route: Route, direction: Direction) -> [KeyBinding] {
    hintTables[TableKey(route: route, direction: direction)] ?? []
  }

  /// The action a key means on the model's screen, or nil. Letters typed on the Arabic
  /// layout are looked up by their physical key when no binding names them directly.
  public static func action(for key: Key, in model: AppModel) -> Action? {
    if case .resize(let w, let h) = key { return .resized(width: w, height: h) }
    // Ctrl-C quits from anywhere, text fields included (raw mode makes it a key).
    if key == .ctrl("c") { return .quitApp }
    if let typing = supportTextAction(for: key, in: model) { return typing }  // form fields
    if model.search != nil {
      switch key {
      case .char(let c): return .list(.searchTyped(c))
      case .backspace, .delete: return .list(.searchErased)
      case .enter: return .list(.submitSearch)
      case .escape: return .back
      case .ctrl("l"): return .redraw
      default: return nil
      }
    }
    if model.tooSmall {
      // The plain "too small" message still obeys q (and Ctrl-L).
      switch key {
      case .char("q"), .char("Q"): return .quit
      case .char(let c) where ArabicKeyboard.latinKey(for: c) == "q": return .quit
      case .ctrl("l"): return .redraw
      default: return nil
      }
    }
    // The presenter's clock (demo stores only, issue 10): + five minutes, * one hour.
    if model.presenter, case .char(let c) = key, c == "+" || c == "*" {
      return .presenterClockAdvanced(minutes: c == "+" ? 5 : 60)
    }
    let table = bindings(for: model.route, direction: model.direction)
    if let hit = table.first(where: { $0.key == key }) { return hit.action }
    if case .char(let c) = key, let latin = ArabicKeyboard.latinKey(for: c),
      let hit = table.first(where: { $0.key == .char(latin) })
    {
      return hit.action
    }
    return nil
  }
}

// MARK: - What a key does in this state (issue 13, item 12)

extension Keymap {
  /// Moving keys: listed while anything on the screen moves, even at an edge.
  static let movements: Set<Action> = [
    .moveDown, .moveUp, .pageDown, .pageUp, .jumpTop, .jumpBottom,
  ]

  /// True when `action` changes something on the model's screen: a screen, a selection, a
  /// setting, or asks the outside world for something. A key that would only explain itself
  /// (a flash) or do nothing does not act. Found by running the pure `update` on a copy, so
  /// the hints and the help say exactly what the keys do.
  public static func acts(_ action: Action, in model: AppModel) -> Bool {
    var before = model
    before.flash = nil
    var after = before
    if !update(&after, action).isEmpty { return true }
    after.flash = nil
    return after != before
  }

  /// The help text of a binding in this state: `A` restores an archived order.
  public static func helpKey(for binding: KeyBinding, in model: AppModel) -> String {
    guard binding.action == .archive(.archiveOrRestore) else { return binding.helpKey }
    let archived =
      model.route == .list
      ? model.list.selectedRow?.archived == true : model.order?.isArchived == true
    return archived ? "help.unarchive" : "help.archive"
  }

  /// The keys the status line names on the model's screen, in this state: the hint bindings
  /// whose action acts here (`acts`), one per help text. The search line has its own.
  public static func hints(in model: AppModel) -> [KeyBinding] {
    if model.search != nil {
      return [
        KeyBinding(.enter, .list(.submitSearch), help: "help.submitSearch", on: [.list]),
        KeyBinding(.escape, .back, help: "help.cancelSearch", on: [.list]),
      ]
    }
    if model.tooSmall { return [] }
    let all = hints(for: model.route, direction: model.direction)
    // A form's Enter always answers: it sends, or says what to correct.
    if model.route == .supportForm { return all }
    return all.filter { acts($0.action, in: model) }
  }

  /// The bindings the help lists for the model's screen in this state: those that act there;
  /// the moving keys when anything moves; each with its help text for this state.
  public static func helpBindings(in model: AppModel) -> [(binding: KeyBinding, help: String)] {
    let table = bindings(for: model.route, direction: model.direction)
    let moves = movements.contains { m in
      table.contains { $0.action == m } && acts(m, in: model)
    }
    var known: [Action: Bool] = [:]
    return table.compactMap { b in
      let ok: Bool
      if movements.contains(b.action) {
        ok = moves
      } else if let k = known[b.action] {
        ok = k
      } else {
        ok = acts(b.action, in: model)
        known[b.action] = ok
      }
      return ok ? (b, helpKey(for: b, in: model)) : nil
    } + presenterBindings(in: model).map { ($0, $0.helpKey) }
  }

  /// The presenter's clock keys, on every screen of a demo session (issue 10): `+` five
  /// minutes, `*` one hour forward. Not in the tables: they exist only where `presenter` is on.
  static func presenterBindings(in model: AppModel) -> [KeyBinding] {
    guard model.presenter, model.search == nil, !model.tooSmall else { return [] }
    return [
      KeyBinding(
        .char("+"), .presenterClockAdvanced(minutes: 5), help: "help.presenter5",
        on: [model.route]),
      KeyBinding(
        .char("*"), .presenterClockAdvanced(minutes: 60), help: "help.presenter60",
        on: [model.route]),
    ]
  }
}
