import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// The presenter's clock (issue 10): in a demo store `+` moves the session clock 5 minutes
/// forward and `*` one hour, forward only; the status line shows the offset; the seller-window
/// countdown (R3) jumps with it. Never outside a demo store.
@Suite struct PresenterClockTests {
  func started(presenter: Bool) -> TestDriver {
    var model = Fixtures.model(lang: .en, width: 160, height: 40)
    model.presenter = presenter
    var d = TestDriver(
      model: model,
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    return d
  }

  @Test func plusAndStarMoveTheClockForwardAndTheStatusLineSaysBy() {
    var d = started(presenter: true)
    #expect(!d.screen.text.contains("+5 min"))
    d.press(.char("+"))
    #expect(d.model.clockOffset == 300)
    #expect(d.model.now == Fixtures.now.addingTimeInterval(300))
    #expect(d.effects.last == .moveClock(300), "the runner moves the clock its effects read")
    #expect(d.screen.text.contains("+5 min"))
    d.press(.char("*"))
    d.press(.char("+"))
    d.press(.char("+"))
    d.press(.char("+"))
    #expect(d.screen.text.contains("+80 min"))
    #expect(d.model.now == Fixtures.now.addingTimeInterval(80 * 60))
  }

  @Test func theSellerWindowCountdownJumps() {
    var d = started(presenter: true)
    d.send(.openSelected)
    #expect(d.screen.text.contains("Can be cancelled: 20 min left"))
    d.press(.char("+"))
    #expect(d.screen.text.contains("Can be cancelled: 15 min left"))
    d.press(.char("*"))
    #expect(d.screen.text.contains("window to cancel a seller's item has closed"))
  }

  @Test func arabicStatusLineShowsTheOffsetToo() {
    var model = Fixtures.model(lang: .ar)
    model.presenter = true
    var d = TestDriver(
      model: model,
      service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
    d.start()
    d.press(.char("*"))
    // The status line is the last row; the offset reads "+60 د" there, left to right digits.
    let status = d.screen.text.split(separator: "\n").last.map(String.init) ?? ""
    let minute = Bidi.visual("د", base: .rtl).glyphs.map(\.text).joined()
    #expect(status.contains("+60") && status.contains(minute), "\(status)")
  }

  @Test func withoutADemoStoreTheKeysDoNothing() {
    var d = started(presenter: false)
    #expect(Keymap.action(for: .char("+"), in: d.model) == nil)
    #expect(Keymap.action(for: .char("*"), in: d.model) == nil)
    // Even sent directly, the action is refused outside a demo store.
    #expect(update(&d.model, .presenterClockAdvanced(minutes: 5)) == [])
    #expect(d.model.clockOffset == 0)
    #expect(d.model.now == Fixtures.now)
  }

  /// `?` in a demo session names the presenter's keys (a visitor otherwise never learns
  /// them); outside one it does not.
  @Test func theHelpNamesThePresenterKeysOnlyInADemoSession() {
    for presenter in [true, false] {
      var d = started(presenter: presenter)
      d.press(.char("?"))
      let text = d.screen.text
      #expect(
        text.contains("Move the demo clock 5 minutes forward") == presenter, "\(text)")
      #expect(text.contains("Move the demo clock one hour forward") == presenter, "\(text)")
    }
  }

  @Test func inTheSearchLinePlusIsText() {
    var d = started(presenter: true)
    d.model.search = SearchState()
    #expect(Keymap.action(for: .char("+"), in: d.model) == .list(.searchTyped("+")))
  }
}
