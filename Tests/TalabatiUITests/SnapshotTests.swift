import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// Every screen as text at 80×24, 120×40 and 40×12, in Arabic and English, from the fixed
/// fixture. Look at the recorded files in `__Snapshots__/SnapshotTests/`.
@Suite struct SnapshotTests {
  static let sizes = [(80, 24), (120, 40), (40, 12)]

  /// The driver after `steps`, from a fresh start in `lang`.
  func after(_ lang: Language, _ steps: [Action]) -> TestDriver {
    var d = TestDriver(
      model: Fixtures.model(lang: lang),
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    for s in steps { d.send(s) }
    return d
  }

  func snap(_ name: String, _ steps: [Action], testName: String = #function) {
    for lang in Language.allCases {
      let d = after(lang, steps)
      for (w, h) in Self.sizes {
        assertScreen(
          view(d.model, width: w, height: h), named: "\(name)-\(lang.rawValue)-\(w)x\(h)",
          testName: testName)
      }
    }
  }

  @Test func orderList() { snap("list", [.moveDown]) }
  @Test func orderDetails() { snap("details", [.openSelected]) }
  @Test func detailsWithPreparingShipment() {
    snap("details-preparing", [.moveDown, .openSelected])
  }
  @Test func checkboxSelection() {
    snap("select", [.openSelected, .cancel(.begin), .toggleHighlighted, .moveDown])
  }
  @Test func reasonPicker() {
    snap(
      "reason",
      [.openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm, .moveDown])
  }
  @Test func confirmation() {
    snap(
      "confirm",
      [
        .openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm,
        .cancel(.pickReason(0)),
      ])
  }
  @Test func result() {
    snap(
      "result",
      [
        .openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm,
        .cancel(.pickReason(0)), .confirm,
      ])
  }
  @Test func refusal() {
    snap(
      "refusal",
      [
        .moveDown, .openSelected,
        .cancelRefused(
          .refused([
            CancelPolicy.eligibility(
              of: Fixtures.preparing.shipments[0].items[0], in: Fixtures.preparing.shipments[0],
              of: Fixtures.preparing, at: Fixtures.now)
          ])),
      ])
  }
  @Test func archiveConfirmation() {
    snap("archive-confirm", [.openSelected, .archive(.archiveOrRestore)])
  }
  @Test func archiveView() { snap("archive", [.list(.nextView), .list(.nextView)]) }
  @Test func help() { snap("help", [.showHelp]) }
  @Test func search() {
    snap("search", [.list(.startSearch), .list(.searchTyped("S")), .list(.searchTyped("o"))])
  }

  /// The selection bar is part of what a snapshot holds (issue 11, item 7): the list with
  /// its bar drawn as plain text has the same characters, so a text-only snapshot passed it;
  /// compared with the recorded list, the screen without its bar fails and the failure names
  /// the role it lost.
  @Test func aScreenThatLostItsSelectionBarFailsItsSnapshot() {
    let d = after(.en, [.moveDown])
    let screen = view(d.model, width: 80, height: 24)
    var barless = screen
    for r in 0..<barless.height {
      for c in 0..<barless.width where barless[r, c].role == .selection {
        barless[r, c].role = .normal
      }
    }
    #expect(barless != screen, "the list draws a selection bar")
    #expect(barless.text == screen.text, "the characters alone cannot tell")
    #expect(screenSnapshotFailure(screen, named: "list-en-80x24", testName: "orderList") == nil)
    let lost = screenSnapshotFailure(barless, named: "list-en-80x24", testName: "orderList")
    #expect(lost?.contains("selection") == true, "\(lost ?? "no failure")")
  }

  @Test func tooSmall() {
    for lang in Language.allCases {
      let d = after(lang, [])
      for (w, h) in [(39, 12), (80, 11), (10, 3)] {
        assertScreen(view(d.model, width: w, height: h), named: "small-\(lang.rawValue)-\(w)x\(h)")
      }
    }
  }
}
