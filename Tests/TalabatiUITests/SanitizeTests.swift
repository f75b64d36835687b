import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

@Suite struct SanitizeTests {
  @Test func controlsInTitlesAndSellerNamesAreNeutralised() {
    var hostile = Fixtures.fresh
    hostile.shipments[0].items[0].title = "Evil\u{1B}[31mRED\u{202E}txet\u{7}\u{0}\u{9B}2J"
    hostile.shipments[0].items[0].seller.name = "Seller\u{1B}]0;pwned\u{7}\u{2066}x"
    for lang in Language.allCases {
      var d = TestDriver(
        model: Fixtures.model(lang: lang, width: 160, height: 40),
        service: InMemoryOrderService(orders: [hostile], account: Fixtures.account))
      d.start()
      let list = d.screen.text
      d.send(.openSelected)
      let details = d.screen.text
      for text in [list, details] {
        for bad: Unicode.Scalar in ["\u{1B}", "\u{202E}", "\u{7}", "\u{0}", "\u{9B}", "\u{2066}"] {
          #expect(!text.unicodeScalars.contains(bad), "\(lang) \(bad.value)")
        }
        #expect(text.contains("RED"))
      }
      // The seller's name survives; its escape sequence does not.
      #expect(details.contains("Seller"))
    }
  }

  @Test func typedSearchTextIsNeutralised() {
    var m = Fixtures.model(lang: .en)
    m.search = SearchState(text: "a\u{1B}[2Jb\u{202E}")
    let text = view(m, width: 80, height: 24).text
    #expect(!text.unicodeScalars.contains("\u{1B}"))
    #expect(!text.unicodeScalars.contains("\u{202E}"))
  }
}
