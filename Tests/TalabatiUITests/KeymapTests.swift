import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

@Suite struct KeymapTests {
  @Test func lettersTypedOnTheArabicLayoutWork() {
    let m = Fixtures.model()
    #expect(Keymap.action(for: .char("j"), in: m) == .moveDown)
    #expect(Keymap.action(for: .char("ت"), in: m) == .moveDown)  // the j key
    #expect(Keymap.action(for: .char("ض"), in: m) == .quit)  // the q key
    #expect(Keymap.action(for: .char("ظ"), in: m) == .list(.startSearch))  // the / key
  }

  @Test func arrowsFollowWhatTheShopperSees() {
    // In Arabic the tabs run right to left: ← goes to the next tab.
    var m = Fixtures.model(lang: .ar)
    #expect(Keymap.action(for: .left, in: m) == .list(.nextView))
    #expect(Keymap.action(for: .right, in: m) == .list(.previousView))
    m.lang = .en
    #expect(Keymap.action(for: .left, in: m) == .list(.previousView))
    #expect(Keymap.action(for: .right, in: m) == .list(.nextView))
  }

  @Test func typingInTheSearchLineIsText() {
    var m = Fixtures.model()
    m.search = SearchState()
    #expect(Keymap.action(for: .char("q"), in: m) == .list(.searchTyped("q")))
    #expect(Keymap.action(for: .escape, in: m) == .back)
  }

  @Test func tooSmallStillObeysQ() {
    let m = Fixtures.model(width: 20, height: 5)
    #expect(Keymap.action(for: .char("q"), in: m) == .quit)
    #expect(Keymap.action(for: .char("j"), in: m) == nil)
    var mm = m
    #expect(update(&mm, .quit) == [.quit])
  }

  @Test func helpListsTheKeysThatActFromTheSameTable() {
    for lang in Language.allCases {
      for route in Route.allCases where route != .help {
        var m = Fixtures.model(lang: lang, width: 120, height: 60)
        m.stack = route == .list ? [.list] : [.list, route]
        let listed = Keymap.helpBindings(in: m)
        m.helpFor = route
        m.stack.append(.help)
        let text = view(m, width: 120, height: 60).text
        // Every screen lists at least the keys that work everywhere (issue 13: Q quits).
        for key in [Key.char("?"), .char("L"), .char("T"), .char("Q")] {
          #expect(listed.contains { $0.binding.key == key }, "\(route) \(lang): \(key)")
        }
        for (b, help) in listed {
          // Compared as the shopper sees it: shaped and in visual order.
          let seen = Bidi.visual(tr(help, lang), base: lang.direction).text
          #expect(text.contains(seen), "\(route) \(lang): \(help)")
          #expect(text.contains(b.keyLabel), "\(route) \(lang): \(b.keyLabel)")
        }
      }
    }
  }

  @Test func noTwoBindingsOfAScreenShareAKey() {
    for route in Route.allCases {
      for dir in [Direction.ltr, .rtl] {
        let keys = Keymap.bindings(for: route, direction: dir).map(\.key)
        #expect(Set(keys).count == keys.count, "\(route) \(dir)")
      }
    }
  }
}
