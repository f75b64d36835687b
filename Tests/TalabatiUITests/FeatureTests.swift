import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// The client's features (issue 11, item 4), TCA-style: after each action, the exact change
/// to the model and the exact effects.
@Suite struct FeatureTests {
  func started(width: Int = 80, height: Int = 24) -> TestDriver {
    var d = TestDriver(
      model: Fixtures.model(width: width, height: height),
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    return d
  }

  // MARK: The one clamping rule

  @Test func movingStopsAtBothEndsOfWhatIsShown() {
    #expect(moved(0, by: .moveUp, count: 5) == 0)
    #expect(moved(4, by: .moveDown, count: 5) == 4)
    #expect(moved(1, by: .moveDown, count: 5) == 2)
    #expect(moved(1, by: .pageDown, count: 5, page: 10) == 4)
    #expect(moved(3, by: .pageUp, count: 5, page: 10) == 0)
    #expect(moved(2, by: .jumpBottom, count: 5) == 4)
    #expect(moved(2, by: .jumpTop, count: 5) == 0)
    // Nothing to move over: the cursor rests at 0.
    #expect(moved(0, by: .moveDown, count: 0) == 0)
    #expect(moved(0, by: .jumpBottom, count: 0) == 0)
    // Not a movement.
    #expect(moved(2, by: .confirm, count: 5) == nil)
  }

  // MARK: List

  @Test func theNextTabLoadsTheCancelledViewFromItsNewestOrder() {
    var d = started()
    var expected = d.model
    let effects = update(&d.model, .list(.nextView))
    expected.list = ListWindow(view: .cancelled)
    expected.list.loadingPage = 0
    #expect(effects == [.loadPage(view: .cancelled, query: nil, after: nil, limit: 100, index: 0)])
    #expect(d.model == expected)
  }

  @Test func theSearchLineIsTypedErasedAndSubmitted() {
    var d = started()
    var expected = d.model
    #expect(update(&d.model, .list(.startSearch)) == [])
    expected.search = SearchState(text: "")
    #expect(d.model == expected)

    for c in "Kix" { _ = update(&d.model, .list(.searchTyped(c))) }
    #expect(update(&d.model, .list(.searchErased)) == [])
    expected.search = SearchState(text: "Ki")
    #expect(d.model == expected)

    let effects = update(&d.model, .list(.submitSearch))
    expected.search = nil
    expected.list = ListWindow(view: .orders, query: "Ki")
    expected.list.loadingPage = 0
    #expect(effects == [.loadPage(view: .orders, query: "Ki", after: nil, limit: 100, index: 0)])
    #expect(d.model == expected)
  }

  @Test func movingDownTheListSelectsTheNextOrderAndStopsAtTheLast() {
    var d = started()
    var expected = d.model
    _ = update(&d.model, .jumpBottom)
    expected.list.selected = 2  // three orders in Your Orders (the fourth is archived)
    #expect(d.model == expected)
    #expect(update(&d.model, .moveDown) == [])
    #expect(d.model == expected)
  }

  // MARK: Details

  /// At 40×12 the details of the fresh order take more rows than the body shows: the end
  /// stops at the last row, and one step up from it moves one row (no hidden overshoot).
  @Test func theDetailsScrollToTheirLastRowAndBackByOne() {
    var d = started(width: 40, height: 12)
    d.send(.openSelected)
    var expected = d.model
    let limit = d.model.detailScrollLimit
    #expect(limit > 0)
    _ = update(&d.model, .jumpBottom)
    expected.detail?.scroll = limit
    #expect(d.model == expected)
    _ = update(&d.model, .moveDown)
    #expect(d.model == expected)
    _ = update(&d.model, .moveUp)
    expected.detail?.scroll = limit - 1
    #expect(d.model == expected)
  }

  // MARK: Cancel (R4–R9)

  @Test func beginningACancelOpensTheChecklistOnTheFirstItemThatMayGo() {
    var d = started()
    d.send(.moveDown)
    d.send(.openSelected)  // preparing: its first shipment entered shipping (R1)
    var expected = d.model
    #expect(update(&d.model, .cancel(.begin)) == [])
    expected.cancel = CancelFlow()
    expected.cancel.cursor = 3  // [shipment 21, item 211, shipment 22, item 221]
    expected.stack.append(.cancelSelect)
    #expect(d.model == expected)
  }

  @Test func beginningACancelOnTheListSaysToOpenTheOrderFirst() {
    var d = started()
    var expected = d.model
    #expect(update(&d.model, .cancel(.begin)) == [])
    expected.flash = .info("flash.openOrderFirst", ["key": "c"])
    #expect(d.model == expected)
  }

  @Test func tickingAllTicksWhatThePolicyAllowsThenNothing() {
    var d = started()
    d.send(.moveDown)
    d.send(.openSelected)
    d.send(.cancel(.begin))
    var expected = d.model
    _ = update(&d.model, .cancel(.toggleAllCancellable))
    expected.cancel.checked = [221]  // 211 is preparing for shipment (R1)
    #expect(d.model == expected)
    _ = update(&d.model, .cancel(.toggleAllCancellable))
    expected.cancel.checked = []
    #expect(d.model == expected)
  }

  @Test func pickingAReasonGoesToTheConfirmation() {
    var d = started()
    d.send(.openSelected)
    d.send(.cancel(.begin))
    d.send(.cancel(.toggleAllCancellable))
    d.send(.confirm)
    #expect(d.model.route == .reasonPicker)
    var expected = d.model
    #expect(update(&d.model, .cancel(.pickReason(2))) == [])
    expected.cancel.reasonCursor = 2
    expected.cancel.reason = CancelReason.allCases[2]
    expected.stack.append(.confirmCancel)
    #expect(d.model == expected)
  }

  // MARK: Archive (R17, R18)

  @Test func archivingAsksThenTheStoreArchives() {
    var d = started()
    d.send(.openSelected)
    var expected = d.model
    #expect(update(&d.model, .archive(.archiveOrRestore)) == [])
    expected.stack.append(.confirmArchive)
    #expect(d.model == expected)

    #expect(update(&d.model, .confirm) == [.archive(Fixtures.fresh.id)])
    expected.busy = true
    #expect(d.model == expected)

    var archived = Fixtures.fresh
    archived.archivedAt = Fixtures.now
    _ = update(&d.model, .archived(archived))
    expected.busy = false
    expected.stack.removeLast()
    expected.detail?.order = archived
    // The order left Your Orders (R18): its row is gone and the cursor stays in the list.
    expected.list.pages[0].rows.removeFirst()
    expected.flash = .info("flash.archived", ["order": Fixtures.fresh.id])
    #expect(d.model == expected)
  }

  @Test func restoringFromTheArchivedListAsksFirst() {
    var d = started()
    d.send(.list(.nextView))
    d.send(.list(.nextView))
    var expected = d.model
    #expect(update(&d.model, .archive(.archiveOrRestore)) == [])
    expected.restoring = Fixtures.archived.id
    expected.stack.append(.confirmRestore)
    #expect(d.model == expected)
    #expect(update(&d.model, .confirm) == [.unarchive(Fixtures.archived.id)])
  }

  @Test func archivingFromTheListSaysItIsDoneFromTheDetails() {
    var d = started()
    var expected = d.model
    #expect(update(&d.model, .archive(.archiveOrRestore)) == [])
    expected.flash = .info("flash.archiveFromDetails")
    #expect(d.model == expected)
  }

  // MARK: Rules the domain answers (R23, R27, R29)

  /// R7, R23: the seller of a third-party item may be written to; a store-fulfilled order is
  /// refused with the domain's reason (`SupportPolicy.checkSellerContact`).
  @Test func contactingASellerAsksTheDomainWhoseItemsQualify() {
    var d = started()
    d.send(.openSelected)  // fresh: its first item is sold and shipped by a seller
    var expected = d.model
    #expect(update(&d.model, .support(.contactSeller)) == [])
    expected.supportForm = SupportForm(kind: .sellerMessage(order: Fixtures.fresh.id, item: 111))
    expected.stack.append(.supportForm)
    #expect(d.model == expected)

    var e = started()
    e.send(.jumpBottom)
    e.send(.openSelected)  // partly cancelled: every item is the store's
    var refused = e.model
    #expect(update(&e.model, .support(.contactSeller)) == [])
    refused.flash = .info("support.refusal.\(SupportRefusal.storeFulfilled.rawValue)")
    #expect(e.model == refused)
  }

  /// The account screen with `closure`, as the store reported it.
  func accountScreen(_ closure: AccountClosure?) -> AppModel {
    var m = Fixtures.model()
    m.stack = [.list, .account]
    m.accountScreen = AccountScreenState()
    m.accountScreen?.closure = closure
    return m
  }

  var pending: AccountClosure {
    AccountClosure(
      accountID: 1, reason: .privacy, requestedAt: Fixtures.now.addingTimeInterval(-86_400),
      effectiveAt: Fixtures.now.addingTimeInterval(6 * 86_400))
  }

  /// R27: a closure pending (or due) is not requested twice; R29: only a pending one is
  /// withdrawn. The refusals are the domain's (`ClosurePolicy.request`, `.withdraw`).
  @Test func closingAndWithdrawingFollowTheClosurePolicy() {
    var m = accountScreen(pending)
    var expected = m
    #expect(update(&m, .support(.closeAccount)) == [])
    expected.flash = .info("support.refusal.\(SupportRefusal.closureAlreadyPending.rawValue)")
    #expect(m == expected)

    m = accountScreen(pending)
    expected = m
    #expect(update(&m, .support(.withdrawClosure)) == [.support(.withdrawClosure)])
    expected.busy = true
    #expect(m == expected)

    m = accountScreen(nil)
    expected = m
    #expect(update(&m, .support(.withdrawClosure)) == [])
    expected.flash = .info("support.refusal.\(SupportRefusal.closureNotPending.rawValue)")
    #expect(m == expected)

    m = accountScreen(nil)
    expected = m
    #expect(update(&m, .support(.closeAccount)) == [])
    expected.accountScreen?.step = .reason
    #expect(m == expected)

    // Past its pending period a closure is due: it cannot be withdrawn, nor asked again.
    m = accountScreen(pending)
    m.now = Fixtures.now.addingTimeInterval(7 * 86_400)
    expected = m
    #expect(update(&m, .support(.withdrawClosure)) == [])
    expected.flash = .info("support.refusal.\(SupportRefusal.closureNotPending.rawValue)")
    #expect(m == expected)
  }
}
