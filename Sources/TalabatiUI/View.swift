import Foundation
import TalabatiDomain
import TalabatiText

/// One screen of the client behind one interface (tig's view table): its title and how it
/// draws its body. The frame (title bar, message line, status line) is drawn around it.
protocol ScreenRenderer {
  /// The title shown on the first row.
  static func title(_ model: AppModel, _ c: Canvas) -> String
  /// Draws the body into `rows` of the canvas.
  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>)
}

/// The renderer of each route.
func renderer(for route: Route) -> any ScreenRenderer.Type {
  switch route {
  case .list: OrderListScreen.self
  case .detail: OrderDetailScreen.self
  case .cancelSelect: CancelSelectScreen.self
  case .reasonPicker: ReasonPickerScreen.self
  case .confirmCancel: ConfirmScreen.self
  case .confirmArchive: ConfirmArchiveScreen.self
  case .confirmRestore: ConfirmRestoreScreen.self
  case .result: ResultScreen.self
  case .help: HelpScreen.self
  case .support: SupportScreen.self
  case .supportForm: SupportFormScreen.self
  case .account: AccountScreen.self
  case .returnSelect: ReturnSelectScreen.self
  case .returnReason: ReturnReasonScreen.self
  case .returnResolution: ReturnResolutionScreen.self
  case .returnConfirm: ReturnConfirmScreen.self
  case .returnResult: ReturnResultScreen.self
  case .returnStatus: ReturnStatusScreen.self
  case .tracking: TrackingScreen.self
  }
}

/// Draws the model into a `Screen` of `width` × `height` cells, in memory. Never fails: below
/// 40×12 it draws a plain message; down to 1×1 (and 0×0) it draws what fits.
public func view(_ model: AppModel, width: Int, height: Int) -> Screen {
  var c = Canvas(
    width: max(0, width), height: max(0, height), lang: model.lang, mode: model.bidiMode,
    timeZone: model.timeZone)
  guard c.width > 0, c.height > 0 else { return c.screen }
  if c.width < 40 || c.height < 12 {
    drawTooSmall(&c)
    return c.screen
  }
  var sized = model
  sized.width = c.width
  sized.height = c.height
  let r = renderer(for: sized.route)

  // Title bar: the app's name at the start, the screen's title after it.
  c.text(c.t("app.name") + " · " + r.title(sized, c), row: 0, role: .title)
  c.paint(row: 0, role: .title)
  r.draw(sized, &c, rows: 1..<(c.height - 2))
  drawMessageLine(sized, &c, row: c.height - 2)
  drawStatusLine(sized, &c, row: c.height - 1)
  return c.screen
}

/// Below 40×12: a plain message that still says how to quit.
private func drawTooSmall(_ c: inout Canvas) {
  let lines = [c.t("tooSmall.title"), c.t("tooSmall.hint", ["key": Bidi.isolate("q")])]
  for (i, line) in lines.enumerated() where i < c.height {
    c.text(line, row: i, role: i == 0 ? .warning : .normal)
  }
}

/// The line above the status line: the search being typed, the submitted search, or a flash.
private func drawMessageLine(_ model: AppModel, _ c: inout Canvas, row: Int) {
  if let search = model.search {
    let typed = c.untrusted(search.text)
    c.text(c.t("search.prompt") + " " + typed, row: row, role: .accent)
    // The caret rests after the typed text, at the logical end of the line.
    let used = min(c.width - 1, TextWidth.columns(c.t("search.prompt") + " " + typed))
    c.screen.cursor = (row, c.direction == .rtl ? max(0, c.width - 1 - used) : used)
    return
  }
  if model.route == .support, let s = model.support, let id = s.confirmingCancel,
    let callback = s.callbacks.first(where: { $0.id == id })
  {
    // Cancelling a call-back asks first (R21; issue 13, item 14).
    let time = Format.date(
      callback.at, lang: model.lang, timeZone: model.timeZone, style: .numericDateTime)
    c.text(c.t("support.confirmCancel", ["time": time]), row: row, role: .warning)
    return
  }
  switch model.flash {
  case .info(let key, let args)?:
    let safe = args.mapValues { Bidi.isolate(Sanitizer.clean($0)) }
    c.text(c.t(key, safe), row: row, role: .success)
  case .error(let message)?:
    c.text(c.t("flash.error", ["message": c.untrusted(message)]), row: row, role: .error)
  case nil:
    if model.busy {
      c.text(c.t("ui.working"), row: row, role: .dim)
    } else if model.route == .list, let q = model.list.query {
      c.text(c.t("search.active", ["query": c.untrusted(q)]), row: row, role: .accent)
    }
  }
}

/// The status line: where the shopper is, and the main keys of this screen.
private func drawStatusLine(_ model: AppModel, _ c: inout Canvas, row: Int) {
  var place = c.t("view.\(model.list.view.rawValue)")
  // Columns kept free after the position so the hints do not move when it gains a digit
  // (9 → 10, 99 → 100): moving the hints rewrote the whole status line, ~80 bytes.
  var spare = 0
  if model.route == .list {
    let l = model.list
    if l.rowCount > 0 {
      let pos = l.rowsBefore + l.selected + 1
      let known = l.rowsBefore + l.rowCount
      let position = Bidi.isolate("\(pos)/\(known)\(l.atEnd ? "" : "+")")
      spare = max(0, String(known).utf8.count - String(pos).utf8.count)
      // Narrow terminals keep the position and drop the view's name (the tabs above show it).
      let full = place + " " + position
      place = TextWidth.columns(full) + 1 + spare <= c.width / 3 ? full : position
    }
  } else {
    place = renderer(for: model.route).title(model, c)
  }
  if model.presenter && model.clockOffset > 0 {
    // The presenter's clock: how far this demo session has moved forward (issue 10).
    let offset = c.t("presenter.offset", ["minutes": "\(Int(model.clockOffset / 60))"])
    place = Bidi.isolate(offset) + " " + place
  }
  // Only keys that act on this screen in this state (issue 13, item 12).
  var hints = Keymap.hints(in: model).map {
    (
      help: $0.action == .showHelp,
      text: Bidi.isolate($0.keyLabel) + " " + c.t(hintKey(Keymap.helpKey(for: $0, in: model)))
    )
  }
  if model.compact { hints = Array(hints.prefix(4)) + hints.dropFirst(4).filter(\.help) }
  if model.route == .support, model.support?.confirmingCancel != nil {
    // The call-back question (R21) is answered by Enter (cancel it) or Esc (keep it); the
    // screen's other keys only dismiss it, so the line names the answers (issue 13 review).
    hints =
      [
        (help: false, text: Bidi.isolate("Enter") + " " + c.t("hint.answerCancelCallback")),
        (help: false, text: Bidi.isolate("Esc") + " " + c.t("hint.keepCallback")),
      ] + hints.filter(\.help)
  }
  // Where the shopper is gives way whole, never cut mid-word (issue 13 review: the Arabic
  // search results showed `…ﺥ q`): a screen's name wider than a third of the line is left
  // out; the title row above names the screen.
  if TextWidth.columns(place) + 1 + spare > c.width / 3 { place = "" }
  let placeWidth = place.isEmpty ? 0 : TextWidth.columns(place) + 1 + spare
  // Whole hints only: a hint cut short ("Ent…") names no key. `?` keeps its place: it lists
  // the rest.
  var room = c.width - placeWidth - 2
  if let help = hints.first(where: \.help) { room -= TextWidth.columns(help.text) + 2 }
  var shown: [String] = []
  for h in hints {
    let w = TextWidth.columns(h.text) + 2
    if h.help || w <= room {
      shown.append(h.text)
      if !h.help { room -= w }
    } else {
      room = -1  // keep the order: nothing after a hint that did not fit, but `?`
    }
  }
  c.paint(row: row, role: .statusLine)
  if !place.isEmpty { c.text(place, row: row, start: 0, width: placeWidth, role: .statusLine) }
  c.text(
    (place.isEmpty ? " " : "│ ") + shown.joined(separator: "  "), row: row, start: placeWidth,
    width: c.width - placeWidth, role: .statusLine)
}

/// The short status-line label of a help key: `help.open` → `hint.open`.
func hintKey(_ helpKey: String) -> String {
  helpKey.hasPrefix("help.") ? "hint." + helpKey.dropFirst(5) : helpKey
}
