import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// TCA-style state tests: after each action, the exact change to the model and the effects.
@Suite struct StateTests {
  func started(_ orders: [Order] = Fixtures.orders, lang: Language = .ar) -> TestDriver {
    var d = TestDriver(
      model: Fixtures.model(lang: lang),
      service: InMemoryOrderService(orders: orders, account: Fixtures.account))
    d.start()
    return d
  }

  @Test func launchLoadsTheFirstPageOfYourOrdersNewestFirst() {
    var m = Fixtures.model()
    let effects = launch(&m)
    #expect(effects == [.loadPage(view: .orders, query: nil, after: nil, limit: 100, index: 0)])
    #expect(m.list.loadingPage == 0)
    let d = started()
    // R18: the archived order is not in the default history.
    #expect(
      d.model.list.rows.map(\.id) == [
        Fixtures.fresh.id, Fixtures.preparing.id, Fixtures.partlyCancelled.id,
      ])
    #expect(d.model.list.loaded && d.model.list.atEnd)
  }

  @Test func openingAnOrderLoadsIt() {
    var d = started()
    var expected = d.model
    let effects = update(&d.model, .moveDown)
    expected.list.selected = 1
    #expect(effects == [])
    #expect(d.model == expected)

    let open = update(&d.model, .openSelected)
    #expect(open == [.loadOrder(Fixtures.preparing.id)])
    expected.stack = [.list, .detail]
    expected.detail = DetailState(orderID: Fixtures.preparing.id)
    expected.busy = true
    #expect(d.model == expected)

    _ = update(&d.model, .orderLoaded(Fixtures.preparing))
    expected.detail?.order = Fixtures.preparing
    expected.busy = false
    #expect(d.model == expected)
  }

  @Test func togglingADisabledItemDoesNothing() {
    // R1: the coffee's shipment is preparing for shipment.
    var d = started()
    d.send(.moveDown)
    d.send(.openSelected)
    d.send(.cancel(.begin))
    #expect(d.model.route == .cancelSelect)
    // Rows: [shipment 21, item 211, shipment 22, item 221]; the cursor rests on 221.
    #expect(d.model.cancelRows == [.shipment(21), .item(211), .shipment(22), .item(221)])
    #expect(d.model.cancel.cursor == 3)
    d.send(.moveUp)
    d.send(.moveUp)
    var before = d.model
    let effects = update(&d.model, .toggleHighlighted)
    #expect(effects == [])
    before.flash = .info("flash.cannotTick")  // it says why nothing happened (issue 13)
    #expect(d.model == before)
    #expect(d.model.cancel.checked.isEmpty)
  }

  @Test func aShipmentThatEnteredShippingIsRefusedAsAWhole() {
    // R4: Space on the header of a shipment with an item preparing for shipment.
    var d = started()
    d.send(.moveDown)
    d.send(.openSelected)
    d.send(.cancel(.begin))
    d.send(.jumpTop)
    let effects = update(&d.model, .toggleHighlighted)
    #expect(effects == [])
    #expect(d.model.cancel.checked.isEmpty)
    #expect(d.model.flash == .info("flash.shipmentRefused", ["count": "1"]))
  }

  @Test func cancelFlowEndToEnd() throws {
    // R5, R8, R9: tick → reason → confirmation with the refund → result; R6: mail sent.
    let service = InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account)
    var d = TestDriver(model: Fixtures.model(lang: .en), service: service)
    d.start()
    d.send(.moveDown)
    d.send(.openSelected)
    d.send(.cancel(.begin))
    d.send(.toggleHighlighted)  // Kindle (221), alone in shipment 22
    #expect(d.model.cancel.checked == [221])
    #expect(d.model.cancelSelection == .items([221]))
    d.send(.confirm)
    #expect(d.model.route == .reasonPicker)
    d.send(.cancel(.pickReason(2)))
    #expect(d.model.route == .confirmCancel)
    #expect(d.model.cancel.reason == .orderedByMistake)
    let preview = try #require(try d.model.cancelPreview?.get())
    // The Kindle and shipment 22's shipping come back: the shipment ends fully cancelled.
    #expect(preview.refund.items == Money(minor: 59_900))
    #expect(preview.refund.shipping == Money(minor: 1_000))
    #expect(preview.refund.total == Money(minor: 60_900))
    let screen = d.screen.text
    #expect(screen.contains("Total refund"))

    let effects = update(&d.model, .confirm)
    #expect(
      effects == [.cancel(.items([221]), order: Fixtures.preparing.id, reason: .orderedByMistake)])
    #expect(d.model.busy)
    let result = try #require(perform(effects[0], service: service, now: d.model.now))
    d.send(result)
    #expect(d.model.route == .result)
    #expect(d.model.stack == [.list, .detail, .result])
    #expect(d.model.order?.item(221)?.isCancelled == true)
    #expect(service.sentConfirmations.count == 1)
    #expect(service.sentConfirmations.first?.refund.total == Money(minor: 60_900))
    // The list row follows the change.
    #expect(d.model.list.rows[1].status.counts[.cancelled] == 1)
    #expect(d.screen.text.contains("A confirmation with the details and the refund was sent to"))
    d.send(.confirm)
    #expect(d.model.route == .detail)
  }

  @Test func aRefusedCancelShowsTheReasonAndWhatToDoInstead() {
    // R1, R7: the coffee has entered the shipping process.
    var d = started(lang: .en)
    d.send(.moveDown)
    d.send(.openSelected)
    let action = perform(
      .cancel(.items([211]), order: Fixtures.preparing.id, reason: .other), service: d.service,
      now: d.model.now)
    guard case .cancelRefused(.refused(let list))? = action else {
      Issue.record("expected a refusal, got \(String(describing: action))")
      return
    }
    #expect(list.map(\.refusal) == [.enteredShipping])
    d.send(.cancelRefused(.refused(list)))
    #expect(d.model.route == .result)
    let text = d.screen.text
    #expect(text.contains("Could not cancel"))
    #expect(text.contains("The item has entered the shipping process"))
    #expect(text.contains("Refuse the package on delivery"))
  }

  @Test func archiveAndUnarchiveMoveTheOrderBetweenViews() {
    // R17: archive from the details after a confirmation; R18: back from the Archive.
    var d = started()
    d.send(.openSelected)  // the newest: fresh
    d.send(.archive(.archiveOrRestore))
    #expect(d.model.route == .confirmArchive)
    // Opening loads the order, and the returns shown under its items (issue 13).
    #expect(d.effects.suffix(2) == [.loadOrder(Fixtures.fresh.id), .returns(.loadReturns)])
    d.send(.confirm)
    #expect(d.effects.last == .archive(Fixtures.fresh.id))
    #expect(d.model.route == .detail)
    #expect(d.model.order?.isArchived == true)
    #expect(d.model.flash == .info("flash.archived", ["order": Fixtures.fresh.id]))
    #expect(!d.model.list.rows.contains { $0.id == Fixtures.fresh.id })
    d.send(.back)
    d.send(.list(.nextView))
    d.send(.list(.nextView))
    #expect(d.model.list.view == .archived)
    #expect(d.model.list.rows.map(\.id) == [Fixtures.fresh.id, Fixtures.archived.id])
    d.send(.archive(.archiveOrRestore))  // in the Archive view: A brings it back, once confirmed
    #expect(d.model.route == .confirmRestore)
    #expect(d.effects.last != .unarchive(Fixtures.fresh.id))
    d.send(.confirm)
    #expect(d.effects.last == .unarchive(Fixtures.fresh.id))
    #expect(d.model.route == .list)
    #expect(d.model.list.rows.map(\.id) == [Fixtures.archived.id])
    d.send(.list(.previousView))
    d.send(.list(.previousView))
    #expect(d.model.list.view == .orders)
    #expect(d.model.list.rows.first?.id == Fixtures.fresh.id)
  }

  @Test func cancelledViewListsOrdersWithCancelledItems() {
    // R10
    var d = started()
    d.send(.list(.nextView))
    #expect(d.model.list.view == .cancelled)
    #expect(d.model.list.rows.map(\.id) == [Fixtures.partlyCancelled.id])
  }

  @Test func searchTypesSubmitsAndClears() {
    var d = started()
    d.press(.char("/"))
    #expect(d.model.search == SearchState())
    for c in "kindle" { d.press(.char(c)) }
    d.press(.backspace)
    #expect(d.model.search?.text == "kindl")
    d.press(.enter)
    #expect(d.model.search == nil)
    #expect(d.model.list.query == "kindl")
    #expect(
      d.effects.last == .loadPage(view: .orders, query: "kindl", after: nil, limit: 100, index: 0))
    #expect(d.model.list.rows.map(\.id) == [Fixtures.preparing.id])
    // Order numbers are searched too.
    d.press(.char("/"))
    d.press(.escape)  // Esc clears the search
    #expect(d.model.list.query == nil)
    #expect(d.model.list.rows.count == 3)
    d.send(.list(.startSearch))
    for c in "3333333" { d.send(.list(.searchTyped(c))) }
    d.send(.list(.submitSearch))
    #expect(d.model.list.rows.map(\.id) == [Fixtures.partlyCancelled.id])
  }

  @Test func pagingLoadsTheNextPageNearTheEndAndDropsFarPages() {
    let service = InMemoryOrderService(orders: Fixtures.many(450), account: Fixtures.account)
    var d = TestDriver(model: Fixtures.model(), service: service)
    d.start()
    #expect(d.model.list.rowCount == 100)
    // Moving to within the prefetch margin of the end asks for page 1 after the last row.
    for _ in 0..<79 { d.send(.moveDown) }
    #expect(d.model.list.pages.map(\.index) == [0])
    var m = d.model
    let effects = update(&m, .moveDown)
    let last = d.model.list.pages[0].rows[99]
    #expect(
      effects == [
        .loadPage(
          view: .orders, query: nil,
          after: ListCursor(placedAt: last.placedAt, orderID: last.id), limit: 100, index: 1)
      ])
    d.send(.moveDown)
    #expect(d.model.list.pages.map(\.index) == [0, 1])
    // Far down: never more than three pages in memory; the position stays absolute.
    for _ in 0..<3 { d.send(.pageDown) }
    for _ in 0..<200 { d.send(.moveDown) }
    #expect(d.model.list.pages.count <= ListWindow.maxPages)
    #expect(d.model.list.pages.map(\.index) == [1, 2, 3])
    #expect(d.model.list.rowsBefore == 100)
    let position = d.model.list.rowsBefore + d.model.list.selected
    #expect(
      d.model.list.selectedRow?.id
        == service.orders.values
        .sorted { ($0.placedAt, $0.id) > ($1.placedAt, $1.id) }[position].id)
    #expect(service.pageRequests.allSatisfy { $0.limit == 100 })
    // Home starts again from the newest order (page 0 was dropped).
    var far = d
    far.send(.jumpTop)
    #expect(far.model.list.selected == 0 && far.model.list.pages.map(\.index) == [0])
    // Back up: the dropped page comes back from its saved cursor.
    for _ in 0..<(d.model.list.selected - 5) { d.send(.moveUp) }
    #expect(d.model.list.pages.map(\.index) == [0, 1, 2])
    #expect(d.model.list.rowsBefore == 0)
  }

  @Test func aStalePageIsIgnored() {
    var d = started()
    let before = d.model
    _ = update(
      &d.model, .pageLoaded(view: .archived, query: nil, index: 0, OrderPage(rows: [], next: nil)))
    #expect(d.model == before)
  }

  @Test func quitAtTopLevelAsksNothing() {
    var d = started()
    #expect(update(&d.model, .quit) == [.quit])
    d.send(.openSelected)
    #expect(update(&d.model, .quit) == [])
    #expect(d.model.route == .list)
  }

  @Test func languageAndThemeSwitchAreSaved() {
    var d = started()
    #expect(update(&d.model, .switchLanguage) == [.saveLanguage(.en)])
    #expect(d.model.lang == .en)
    #expect(update(&d.model, .nextTheme) == [.applyTheme("mono"), .saveTheme("mono")])
    #expect(update(&d.model, .nextTheme) == [.applyTheme("default"), .saveTheme("default")])
    #expect(update(&d.model, .redraw) == [.redraw])
  }

  @Test func theSellerWindowCountsDownOnTick() {
    // R3: 20 minutes left at `now`, still 20 thirty seconds later (rounded up: never shown
    // as ending sooner), 19 a minute later, closed at 30 minutes. A duration, not a clock
    // time (issue 13: "20:00" read as a time of day).
    var d = started(lang: .en)
    d.send(.resized(width: 160, height: 40))
    d.send(.openSelected)
    #expect(d.screen.text.contains("Can be cancelled: 20 min left"))
    d.send(.tick(Fixtures.now.addingTimeInterval(30)))
    #expect(d.screen.text.contains("Can be cancelled: 20 min left"))
    d.send(.tick(Fixtures.now.addingTimeInterval(61)))
    #expect(d.screen.text.contains("Can be cancelled: 19 min left"))
    d.send(.tick(Fixtures.now.addingTimeInterval(20 * 60)))
    #expect(d.screen.text.contains("window to cancel a seller's item has closed"))
    #expect(d.screen.text.contains("Contact the seller"))
  }

  @Test func serviceErrorsAreShownNotThrown() {
    var d = started(lang: .en)
    let action = perform(.loadOrder("nope"), service: d.service, now: d.model.now)
    #expect(action == .failed("no order numbered nope"))
    d.send(action!)
    #expect(d.screen.text.contains("Error: no order numbered nope"))
  }
}

/// Issue 6: an order imported from Amazon shows the refunds Amazon already paid, under its
/// total, in both languages; other orders never ask for them.
@Suite struct ImportedRefundDetailTests {
  func driver(lang: Language) -> (TestDriver, Order) {
    var imported = Fixtures.preparing
    imported.imported = true
    let service = InMemoryOrderService(
      orders: [Fixtures.fresh, imported], account: Fixtures.account)
    service.importedRefundsByOrder[imported.id] = [
      ImportedRefund(
        orderID: imported.id, amount: Money(minor: 5_000), refundedAt: Fixtures.now, occurrence: 0)
    ]
    var d = TestDriver(model: Fixtures.model(lang: lang), service: service)
    d.start()
    return (d, imported)
  }

  @Test(arguments: [Language.en, Language.ar])
  func theRefundShowsUnderTheTotal(lang: Language) throws {
    var (d, imported) = driver(lang: lang)
    let row = try #require(d.model.list.rows.firstIndex { $0.id == imported.id })
    for _ in 0..<row { d.send(.moveDown) }
    d.send(.openSelected)
    #expect(d.effects.contains(.loadRefunds(imported.id)))
    #expect(d.model.detail?.refunds.count == 1)
    let text = d.screen.text
    let expected =
      lang == .en
      ? "Refunded"
      : Bidi.visual("استرداد", base: .rtl).glyphs.map(\.text).joined()
    #expect(text.contains(expected), "\(text)")
    #expect(text.contains("50.00"), "\(text)")
  }

  @Test func ordersPlacedHereDoNotAskForRefunds() {
    var (d, _) = driver(lang: .en)
    d.send(.openSelected)  // the newest order, placed in talabati
    #expect(!d.effects.contains { if case .loadRefunds = $0 { true } else { false } })
    #expect(d.model.detail?.refunds.isEmpty == true)
  }
}
