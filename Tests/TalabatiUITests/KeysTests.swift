import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

// Issue 13, items 9, 11–14: views that go stale, the theme key, hints that must match what
// the keys do, keys that must never be silent, and the support call-back keys.

/// Call-backs held in memory; the other support operations are not needed here and fail.
final class FakeSupportService: SupportService {
  var list: [CallbackRequest]
  private var nextID: Int64 = 100

  init(_ list: [CallbackRequest] = []) { self.list = list }

  struct Unsupported: Error {}

  func callbacks() throws -> [CallbackRequest] { list }
  func closure() throws -> AccountClosure? { nil }
  func requestCallback(at: Date, phone: String, order: OrderID?, now: Date) throws
    -> CallbackRequest
  {
    nextID += 1
    let c = CallbackRequest(
      id: nextID, accountID: 1, orderID: order, phone: phone, at: at, requestedAt: now)
    list.append(c)
    return c
  }
  func cancelCallback(_ id: Int64, now: Date) throws -> CallbackRequest {
    guard let i = list.firstIndex(where: { $0.id == id }) else { throw Unsupported() }
    list[i].cancelledAt = now
    return list[i]
  }
  func reportFraud(_ text: String, now: Date) throws -> FraudReport { throw Unsupported() }
  func contactSeller(order: OrderID, item: ItemID, message: String, now: Date) throws
    -> SellerMessage
  { throw Unsupported() }
  func requestClosure(_ reason: ClosureReason, now: Date) throws -> AccountClosure {
    throw Unsupported()
  }
  func withdrawClosure(now: Date) throws -> AccountClosure { throw Unsupported() }
}

/// Drives update → effects as the runner does, with every service: orders, returns, support.
struct KeysDriver {
  var model: AppModel
  let orders: InMemoryOrderService
  let returns: FakeReturnsService
  let support: FakeSupportService

  init(lang: Language = .en, width: Int = 160, height: Int = 50, callbacks: [CallbackRequest] = [])
  {
    model = Fixtures.model(lang: lang, width: width, height: height)
    model.accountName = Fixtures.account.name
    orders = InMemoryOrderService(
      orders: Fixtures.orders + [ReturnsDriver.delivered, ReturnsDriver.late],
      account: Fixtures.account)
    returns = FakeReturnsService(orders: orders)
    support = FakeSupportService(callbacks)
    send(.resized(width: width, height: height))
    run(launch(&model))
  }

  /// Sends an action and runs every effect it leads to; returns the first effects.
  @discardableResult
  mutating func send(_ action: Action) -> [Effect] {
    let first = update(&model, action)
    run(first)
    return first
  }

  mutating func run(_ effects: [Effect]) {
    var queue = effects
    var steps = 0
    while !queue.isEmpty, steps < 1_000 {
      steps += 1
      let result: Action?
      switch queue.removeFirst() {
      case .returns(let e): result = performReturns(e, service: returns, now: model.now)
      case .support(let e): result = performSupport(e, service: support, now: model.now)
      case let e: result = perform(e, service: orders, now: model.now)
      }
      if let result { queue += update(&model, result) }
    }
  }

  /// Presses a key as the terminal would deliver it; returns the effects it led to first.
  @discardableResult
  mutating func press(_ key: Key) -> [Effect] {
    guard let a = Keymap.action(for: key, in: model) else { return [] }
    return send(a)
  }

  mutating func type(_ text: String) { for ch in text { press(.char(ch)) } }

  /// Selects the list row of `id` and opens it.
  mutating func open(_ id: OrderID) {
    press(.home)
    let index = model.list.rows.firstIndex { $0.id == id } ?? 0
    for _ in 0..<index { press(.down) }
    press(.enter)
  }

  /// Switches the list to `view` with Tab.
  mutating func show(_ view: OrderListView) {
    for _ in 0..<listTabs.count where model.list.view != view { press(.tab) }
  }

  /// Esc until the list is shown.
  mutating func backToList() {
    for _ in 0..<10 where model.route != .list { press(.escape) }
  }
}

/// The text of one row of a screen, cells joined.
func rowText(_ screen: Screen, _ row: Int) -> String {
  screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[row]
}

/// Every key label the keymap knows, to read keys back from what a screen shows.
let keysByLabel: [String: Key] = {
  var out: [String: Key] = [:]
  for b in Keymap.bindings where out[b.keyLabel] == nil { out[b.keyLabel] = b.key }
  return out
}()

/// The keys the status line shows (English, wide enough for every hint): after `│`, entries
/// `key label` separated by two spaces.
func shownHintKeys(_ model: AppModel) -> [String] {
  let screen = view(model, width: model.width, height: model.height)
  let line = rowText(screen, model.height - 1)
  guard let bar = line.range(of: "│ ") else { return [] }
  return line[bar.upperBound...].components(separatedBy: "  ").compactMap {
    $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
  }
}

/// The keys the help lists for the screen below it, read from the drawn help.
func shownHelpKeys(_ model: AppModel) -> [[String]] {
  var m = model
  _ = update(&m, .showHelp)
  let screen = view(m, width: m.width, height: m.height)
  let keyWidth = min(24, m.width / 3)
  return (1..<(m.height - 2)).compactMap { r in
    let line = Array(rowText(screen, r))
    guard line.count > 2 else { return nil }
    let keys = String(line[2..<min(line.count, 2 + keyWidth)]).trimmingCharacters(
      in: .whitespaces)
    return keys.isEmpty ? nil : keys.split(separator: " ").map(String.init)
  }
}

/// What pressing `label` does on `d`'s screen: true when the model changed beyond the flash or
/// something was asked of the outside world.
func keyActs(_ label: String, in d: KeysDriver) -> Bool {
  guard let key = keysByLabel[label] else {
    Issue.record("the screen names '\(label)', which is no key of the keymap")
    return false
  }
  var copy = d
  var before = d.model
  before.flash = nil
  let effects = copy.press(key)
  copy.model.flash = nil
  return !effects.isEmpty || copy.model != before
}

/// What pressing `label` says or does: acts, or leaves an explanation on the message line.
func keyResponds(_ key: Key, in d: KeysDriver) -> Bool {
  var copy = d
  var before = d.model
  before.flash = nil
  let effects = copy.press(key)
  if copy.model.flash != nil { return true }
  copy.model.flash = nil
  return !effects.isEmpty || copy.model != before
}

// MARK: - States of every screen

/// Named states covering every screen, in both of its situations where the keys differ.
func everyScreenState(lang: Language = .en) -> [(String, KeysDriver)] {
  var out: [(String, KeysDriver)] = []
  let base = KeysDriver(lang: lang)
  out.append(("list: Your Orders", base))

  var d = base
  d.press(.char("/"))
  out.append(("list: typing a search", d))
  d.type("Kindle")
  d.press(.enter)
  out.append(("list: a search submitted", d))

  d = base
  d.show(.cancelled)
  out.append(("list: Cancelled", d))
  d = base
  d.show(.archived)
  out.append(("list: Archive", d))
  d.press(.enter)
  out.append(("details: archived order", d))
  d.press(.char("A"))
  out.append(("restore confirmation", d))

  let orderIDs = [
    Fixtures.fresh.id, Fixtures.preparing.id, Fixtures.partlyCancelled.id,
    ReturnsDriver.delivered.id, ReturnsDriver.late.id,
  ]
  for id in orderIDs {
    var o = base
    o.open(id)
    out.append(("details: \(id)", o))
  }

  // The cancel flow on the fresh order, the cursor on each row of the checklist.
  d = base
  d.open(Fixtures.fresh.id)
  d.press(.char("A"))
  out.append(("archive confirmation", d))
  d = base
  d.open(Fixtures.preparing.id)
  d.press(.char("c"))
  for row in 0..<d.model.cancelRows.count {
    var r = d
    r.model.cancel.cursor = row
    out.append(("checklist row \(row)", r))
  }
  d = base
  d.open(Fixtures.fresh.id)
  d.press(.char("c"))
  d.press(.char("a"))
  out.append(("checklist: all checked", d))
  d.press(.enter)
  out.append(("cancel reason picker", d))
  d.press(.char("1"))
  out.append(("cancel confirmation", d))
  d.press(.enter)
  out.append(("cancel result", d))

  // Returns and tracking.
  d = base
  d.open(ReturnsDriver.delivered.id)
  d.press(.char("r"))
  out.append(("return: pick items", d))
  d.press(.char(" "))
  d.press(.enter)
  out.append(("return: reason", d))
  d.press(.char("1"))
  out.append(("return: resolution", d))
  d.press(.char("1"))
  out.append(("return: confirm", d))
  d.press(.enter)
  out.append(("return: result", d))
  d.press(.enter)
  d.press(.char("R"))
  out.append(("return status", d))
  d = base
  d.open(ReturnsDriver.late.id)
  d.press(.char("t"))
  out.append(("tracking", d))

  // Support, forms and the account.
  let callbacks = [
    CallbackRequest(
      id: 1, accountID: 1, orderID: nil, phone: "0501234567",
      at: Fixtures.now.addingTimeInterval(3600), requestedAt: Fixtures.now,
      cancelledAt: Fixtures.now),
    CallbackRequest(
      id: 2, accountID: 1, orderID: nil, phone: "0501234567",
      at: Fixtures.now.addingTimeInterval(7200), requestedAt: Fixtures.now),
  ]
  var s = KeysDriver(lang: lang)
  s.press(.char("s"))
  out.append(("support: no call-backs", s))
  s = KeysDriver(lang: lang, callbacks: callbacks)
  s.press(.char("s"))
  out.append(("support: on a cancelled call-back", s))
  s.press(.down)
  out.append(("support: on a pending call-back", s))
  s.press(.char("x"))
  out.append(("support: cancel asked", s))
  s = KeysDriver(lang: lang)
  s.press(.char("s"))
  s.press(.char("b"))
  out.append(("support form", s))
  s = KeysDriver(lang: lang)
  s.press(.char(","))
  out.append(("account", s))
  s.press(.char("C"))
  out.append(("account: closure reason", s))
  s.press(.enter)
  out.append(("account: closure warning", s))
  s = KeysDriver(lang: lang)
  s.press(.char("?"))
  out.append(("help", s))
  return out
}

// MARK: - Hints (item 12)

@Suite struct HintTests {
  @Test func everyKeyTheStatusLineShowsActsOnThatScreen() {
    for (name, d) in everyScreenState() {
      let shown = shownHintKeys(d.model)
      #expect(!shown.isEmpty, "\(name): no hints at all")
      for label in shown {
        let acts = keyActs(label, in: d)
        #expect(acts, "\(name): the status line shows \(label), which does nothing")
      }
    }
  }

  @Test func everyKeyTheHelpListsActsOnTheScreenBelow() {
    let moves: Set<Action> = Keymap.movements
    for (name, d) in everyScreenState() where d.model.route != .help && d.model.search == nil {
      for keys in shownHelpKeys(d.model) {
        let acts = keys.contains { keyActs($0, in: d) }
        // Moving keys are listed together while anything moves (at an edge one of them
        // does nothing).
        let moving = keys.allSatisfy { label in
          keysByLabel[label].flatMap { Keymap.action(for: $0, in: d.model) }.map(moves.contains)
            ?? false
        }
        let anyMove = moves.contains { Keymap.acts($0, in: d.model) }
        #expect(acts || (moving && anyMove), "\(name): the help lists \(keys), which do nothing")
      }
    }
  }

  @Test func hintsAreWholeOrAbsentAtEverySize() {
    for lang in Language.allCases {
      for (name, d) in everyScreenState(lang: lang) {
        for (w, h) in [(40, 12), (80, 24)] {
          var m = d.model
          _ = update(&m, .resized(width: w, height: h))
          let line = rowText(view(m, width: w, height: h), h - 1)
          let parts = line.components(separatedBy: "│")
          guard parts.count == 2 else { continue }
          // The hints follow the bar in reading order: after it in English, before it in Arabic.
          let hints = lang == .en ? parts[1] : parts[0]
          #expect(!hints.contains("…"), "\(name) \(lang) \(w)×\(h): a hint is cut: \(line)")
          if Keymap.hints(in: m).contains(where: { $0.action == .showHelp }) {
            #expect(hints.contains("?"), "\(name) \(lang) \(w)×\(h): no ? on \(line)")
          }
        }
      }
    }
  }

  @Test func ordersHelpDoesNotOfferRestoringAndTheArchiveDoes() {
    let d = KeysDriver()
    let help = shownHelpKeys(d.model).joined().joined(separator: " ")
    #expect(!help.contains("A"), "Your Orders: A only explains itself")
    var m = d.model
    _ = update(&m, .showHelp)
    #expect(!view(m, width: 160, height: 50).text.contains("Restore"))

    var a = d
    a.show(.archived)
    #expect(shownHintKeys(a.model).contains("A"))
    #expect(view(a.model, width: 160, height: 50).text.contains("A restore"))
  }

  @Test func archivedOrderDetailsOfferRestoringWithAConfirmation() {
    var d = KeysDriver()
    d.show(.archived)
    d.press(.enter)
    #expect(d.model.order?.isArchived == true)
    let bar = rowText(view(d.model, width: 160, height: 50), 49)
    #expect(bar.contains("A restore") && !bar.contains("A archive"))
    // Restoring asks first, as archiving does (R17, R18).
    let first = d.press(.char("A"))
    #expect(first.isEmpty, "nothing is restored before the shopper confirms")
    #expect(d.model.route == .confirmRestore)
    #expect(view(d.model, width: 160, height: 50).text.contains("Restore order"))
    d.press(.enter)
    #expect(d.orders.orders[Fixtures.archived.id]?.isArchived == false)
    #expect(d.model.route == .detail)
    #expect(d.model.flash == .info("flash.unarchived", ["order": Fixtures.archived.id]))
  }

  @Test func theSearchPromptShowsItsOwnKeys() {
    var d = KeysDriver()
    d.press(.char("/"))
    #expect(shownHintKeys(d.model) == ["Enter", "Esc"])
  }

  @Test func undeliveredOrdersDoNotOfferReturnsAndRSaysWhy() {
    var d = KeysDriver()
    d.open(Fixtures.fresh.id)
    #expect(!shownHintKeys(d.model).contains("r"))
    d.press(.char("r"))
    #expect(d.model.route == .detail)
    #expect(d.model.flash == .info("flash.nothingDelivered"))
    var delivered = KeysDriver()
    delivered.open(ReturnsDriver.delivered.id)
    #expect(shownHintKeys(delivered.model).contains("r"))
  }

  @Test func theClosureReasonPickerShowsItsOwnKeys() {
    var d = KeysDriver()
    d.press(.char(","))
    d.press(.char("C"))
    let shown = shownHintKeys(d.model)
    #expect(!shown.contains("C") && !shown.contains("W"))
    #expect(shown.contains("Enter"))
  }

  @Test func arabicHintsAlsoAct() {
    for (name, d) in everyScreenState(lang: .ar) {
      for b in Keymap.hints(in: d.model) {
        let acts = keyActs(b.keyLabel, in: d)
        #expect(acts, "\(name) (ar): \(b.keyLabel) does nothing")
      }
    }
  }
}

// MARK: - Keys that were silent (item 13)

@Suite struct SilentKeyTests {
  @Test func everyKeyOfEveryScreenActsOrExplains() {
    for (name, d) in everyScreenState() {
      for b in Keymap.bindings(for: d.model.route, direction: d.model.direction)
      where !Keymap.movements.contains(b.action) && b.action != .quitApp && b.action != .quit
        // Keys the state maps to nothing at all (Tab while typing a search) are not keys there.
        && Keymap.action(for: b.key, in: d.model) != nil
      {
        let responds = keyResponds(b.key, in: d)
        #expect(responds, "\(name): \(b.keyLabel) is silent")
      }
    }
  }

  @Test(arguments: ["c", "r", "t"])
  func orderKeysOnTheListSayToOpenTheOrder(key: Character) {
    var d = KeysDriver()
    d.press(.char(key))
    #expect(d.model.route == .list)
    #expect(d.model.flash == .info("flash.openOrderFirst", ["key": String(key)]))
    #expect(view(d.model, width: 160, height: 50).text.contains("Open the order first"))
  }

  @Test func spaceOnAnItemThatCannotBeTickedSaysWhy() {
    var d = KeysDriver()
    d.open(Fixtures.preparing.id)
    d.press(.char("c"))
    d.model.cancel.cursor = 1  // the coffee: its shipment is being prepared (R1)
    d.press(.char(" "))
    #expect(d.model.cancel.checked.isEmpty)
    #expect(d.model.flash == .info("flash.cannotTick"))
  }

  @Test func cOnAnOrderWithNothingToCancelSaysSoInsteadOfAnEmptyChecklist() {
    var d = KeysDriver()
    d.open(Fixtures.partlyCancelled.id)
    d.press(.char("c"))
    #expect(d.model.route == .detail)
    #expect(d.model.flash == .info("flash.nothingToCancel"))
  }

  @Test func digitsPickAClosureReason() {
    var d = KeysDriver()
    d.press(.char(","))
    d.press(.char("C"))
    d.press(.char("3"))
    #expect(d.model.accountScreen?.step == .warning)
    #expect(d.model.accountScreen?.reasonCursor == 2)
  }

  @Test func ctrlCAndQQuitFromADeepScreen() {
    var d = KeysDriver()
    d.open(Fixtures.fresh.id)
    d.press(.char("c"))
    d.press(.char("a"))
    d.press(.enter)
    #expect(d.model.route == .reasonPicker)
    #expect(d.press(.char("Q")) == [.quit])
    #expect(d.press(.ctrl("c")) == [.quit])
    // Ctrl-C quits from text fields too; Q there is a letter.
    var s = KeysDriver()
    s.press(.char("/"))
    #expect(s.press(.char("Q")) == [])
    #expect(s.model.search?.text == "Q")
    #expect(s.press(.ctrl("c")) == [.quit])
    var tiny = KeysDriver(width: 30, height: 10)
    #expect(tiny.press(.ctrl("c")) == [.quit])
    #expect(tiny.press(.char("Q")) == [.quit])
  }

  @Test func theExplanationsFitTheMessageLineAtForty() {
    let keys = [
      "flash.openOrderFirst", "flash.nothingToCancel", "flash.cannotTick",
      "flash.nothingDelivered", "flash.nothingHere", "flash.archiveFromDetails",
    ]
    for lang in Language.allCases {
      for key in keys {
        let text = tr(key, lang, ["key": Bidi.isolate("c")])
        #expect(TextWidth.columns(text) <= 40, "\(key) \(lang): \(text)")
      }
    }
  }

  @Test func aBoundKeyWithNothingToDoPointsToTheHelp() {
    var d = KeysDriver()
    d.press(.escape)  // Esc on the list clears a search; there is none
    #expect(d.model.route == .list)
    #expect(d.model.flash == .info("flash.nothingHere", ["key": "?"]))
  }
}

// MARK: - Theme (item 11)

@Suite struct ThemeKeyTests {
  @Test func tSwitchesSaysWhichAndKeepsIt() {
    var d = KeysDriver()
    #expect(d.model.themeName == "default")
    let effects = d.press(.char("T"))
    #expect(effects == [.applyTheme("mono"), .saveTheme("mono")])
    #expect(d.orders.savedTheme == "mono")
    #expect(d.model.flash == .info("flash.theme", ["theme": "mono"]))
    #expect(view(d.model, width: 160, height: 50).text.contains("Theme: mono"))
  }
}

// MARK: - Support call-backs (item 14)

@Suite struct CallbackKeyTests {
  static let at = Fixtures.now.addingTimeInterval(7200)
  static let callbacks = [
    CallbackRequest(
      id: 1, accountID: 1, orderID: nil, phone: "0501234567", at: at, requestedAt: Fixtures.now,
      cancelledAt: Fixtures.now),
    CallbackRequest(
      id: 2, accountID: 1, orderID: nil, phone: "0501234567", at: at, requestedAt: Fixtures.now),
  ]

  @Test func xAsksBeforeCancellingAndEscKeepsTheCallback() {
    var d = KeysDriver(callbacks: Self.callbacks)
    d.press(.char("s"))
    d.press(.down)
    #expect(d.press(.char("x")).isEmpty, "nothing is cancelled before the shopper confirms")
    #expect(d.support.list[1].cancelledAt == nil)
    #expect(view(d.model, width: 160, height: 50).text.contains("Cancel the call-back"))
    d.press(.escape)
    #expect(d.model.route == .support, "Esc keeps the call-back and the screen")
    #expect(d.support.list[1].cancelledAt == nil)
    d.press(.char("x"))
    d.press(.enter)
    #expect(d.support.list[1].cancelledAt != nil)
    #expect(d.model.flash == .info("support.flash.cancelled"))
  }

  @Test func afterBookingTheNewCallbackIsHighlighted() {
    var d = KeysDriver(callbacks: Self.callbacks)
    d.press(.char("s"))
    #expect(d.model.support?.cursor == 0)
    d.press(.char("b"))
    d.type("16:00")
    d.press(.enter)
    d.type("0509876543")
    d.press(.enter)
    #expect(d.model.route == .support)
    let cursor = d.model.support?.cursor ?? -1
    let highlighted = d.model.support?.callbacks[cursor]
    #expect(highlighted?.phone == "0509876543" && highlighted?.cancelledAt == nil)
  }
}

// MARK: - Views that went stale (item 9)

@Suite struct StaleViewTests {
  /// What each change does from an order's details.
  enum Change: String, CaseIterable {
    case toggleArchive, cancelAll

    func apply(_ d: inout KeysDriver) {
      switch self {
      case .toggleArchive:
        d.press(.char("A"))
        d.press(.enter)
      case .cancelAll:
        d.press(.char("c"))
        guard d.model.route == .cancelSelect else { return }
        d.press(.char("a"))
        d.press(.enter)
        d.press(.char("1"))
        d.press(.enter)
        d.press(.enter)  // the result: done
      }
    }
  }

  /// Each change, and each pair of changes, on each order of each view: back on the list,
  /// the view shows what the service lists.
  @Test(arguments: [OrderListView.orders, .cancelled, .archived])
  func everyChangeLeavesTheViewCurrent(view listView: OrderListView) throws {
    let start = KeysDriver()
    var seeded = start
    seeded.show(listView)
    let ids = seeded.model.list.rows.map(\.id)
    #expect(!ids.isEmpty)
    let sequences =
      Change.allCases.map { [$0] }
      + Change.allCases.flatMap { a in Change.allCases.map { [a, $0] } }
    for id in ids {
      for sequence in sequences {
        var d = KeysDriver()
        d.show(listView)
        d.open(id)
        for change in sequence { change.apply(&d) }
        d.backToList()
        let fresh = try d.orders.page(
          view: listView, query: nil, after: nil, limit: 100, now: d.model.now)
        #expect(
          d.model.list.rows == fresh.rows,
          "\(listView) after \(sequence.map(\.rawValue)) on \(id): \(d.model.list.rows.map(\.id)) vs \(fresh.rows.map(\.id))"
        )
      }
    }
  }

  @Test func restoredThenArchivedAgainIsBackInTheArchiveAndSelected() {
    var d = KeysDriver()
    d.show(.archived)
    d.press(.enter)
    d.press(.char("A"))
    d.press(.enter)  // restored
    d.press(.char("A"))
    d.press(.enter)  // archived again
    d.press(.escape)
    #expect(d.model.list.rows.map(\.id) == [Fixtures.archived.id])
    #expect(d.model.list.selectedRow?.id == Fixtures.archived.id)
  }
}

// MARK: - README (item 20)

@Suite struct ReadmeKeyTableTests {
  /// The README's key table, from its header to the first line that is not a table row.
  static func keyTable() throws -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = readme.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("| keys |") }) else { return "" }
    return lines[start...].prefix { $0.hasPrefix("|") }.joined(separator: "\n")
  }

  @Test func theReadmeKeyTableNamesEveryKeyOfTheKeymap() throws {
    let table = try Self.keyTable()
    #expect(!table.isEmpty, "README.md has no key table")
    for label in Set(Keymap.bindings.map(\.keyLabel)).sorted() {
      if label.count == 1, label.first?.isNumber == true {
        #expect(table.contains("`1`…`8`"), "digits")
      } else if label.count == 1 {
        // A letter or sign is written as code, so `a` is not found inside a word.
        #expect(table.contains("`\(label)`") || "↑↓←→".contains(label), "README lacks \(label)")
      } else {
        #expect(table.contains(label), "README lacks \(label)")
      }
    }
  }
}
