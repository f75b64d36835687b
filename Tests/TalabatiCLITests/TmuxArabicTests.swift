import Foundation
import TalabatiText
import Testing

/// Issue 4's "done when", as a shopper who reads Arabic does it at 80×24: find an order by
/// searching, cancel one seller item inside its window (R3, R5, R8), see the refusal for an
/// item already preparing for shipment (R1, R7), archive an order and bring it back (R17, R18).
/// Every check is on the screen tmux shows (shaped, right to left) and then in the store.
@Suite(.serialized) struct TmuxArabicTests {
  typealias JSON = [String: Any]

  /// What the terminal shows for a trusted Arabic label: shaped, in visual order.
  func arabic(_ key: String) -> String {
    Bidi.visual(tr(key, .ar), base: .rtl).glyphs.map(\.text).joined()
  }

  func items(_ order: String, store: String) throws -> [JSON] {
    let (_, value, _) = try CLI.json(["show", order], store: store)
    let shipments = try #require((value as? JSON)?["shipments"] as? [JSON])
    return shipments.flatMap { ($0["items"] as? [JSON]) ?? [] }
  }

  func orders(_ store: String, _ extra: [String] = []) throws -> [String] {
    let (_, value, _) = try CLI.json(["orders", "--limit", "100"] + extra, store: store)
    return ((value as? JSON)?["orders"] as? [JSON] ?? []).compactMap { $0["id"] as? String }
  }

  @Test(.enabled(if: TmuxTests.hasTmux, "tmux is not installed: run `make test`"))
  func shopperFindsCancelsIsRefusedArchivesAndRestoresInArabic() throws {
    let store = try CLI.demoStore(orders: 60)
    let ids = try orders(store)
    let newest = try #require(ids.first)
    let newestItems = try items(newest, store: store)
    let sellerIndex = try #require(
      newestItems.firstIndex {
        $0["fulfilment"] as? String == "seller" && $0["cancellable"] as? Bool == true
      }, "R3: the demo's newest order has a seller item inside its window")
    let sellerID = try #require(newestItems[sellerIndex]["id"] as? Int)
    let preparing = try #require(
      ids.first { id in
        (try? items(id, store: store).contains {
          $0["status"] as? String == "preparing-for-shipment"
        }) == true
      })

    let s = try TmuxTests.Session(store: store, lang: "ar")
    try s.waitFor(newest)

    // Cancel the seller item of the newest order: open, c, tick, reason, confirm.
    try s.send("Enter")
    try s.waitFor(arabic("detail.title"), "the details, in Arabic")
    try s.send("c")
    try s.waitFor(arabic("cancel.title"))
    try s.send("Home")
    for _ in 0..<sellerIndex { try s.send("Down") }
    try s.send("Space")
    try s.waitFor("[x]")
    try s.send("Enter")
    try s.waitFor(arabic("reasonPicker.title"))
    try s.send("1")
    try s.waitFor(arabic("confirm.title"))
    try s.send("Enter")
    try s.waitFor(arabic("result.title"))
    let cancelled = try items(newest, store: store).first { $0["id"] as? Int == sellerID }
    #expect(cancelled?["status"] as? String == "cancelled", "R5/R8: the seller item is cancelled")
    try s.send("Escape", "Escape")

    // Find the order preparing for shipment by typing its number into the search.
    try s.send("/")
    try s.waitFor(arabic("search.prompt"))
    try s.send(preparing, literal: true)
    try s.send("Enter")
    let found = try s.waitFor(preparing)
    // One row in the list (the status line quotes the query between « »).
    let hits = found.split(separator: "\n").filter { $0.contains("402-") && !$0.contains("«") }
    #expect(hits.count == 1, "the search shows just the order typed:\n\(found)")
    try s.send("Enter")
    try s.waitFor(arabic("detail.title"))
    // R1: why it cannot be cancelled, in Arabic; R7: what to do instead.
    try s.waitFor(arabic("refusal.entered-shipping"), "R1 refusal in Arabic")
    try s.waitFor(arabic("alternative.refuse-on-delivery"), "R7 alternative in Arabic")

    // Archive it (R17), then find it in the archived view and bring it back (R18).
    try s.send("A")
    try s.waitFor(arabic("archive.title"))
    try s.send("Enter")
    try s.waitFor(preparing)
    #expect(try orders(store, ["--archived"]).contains(preparing), "R17: archived")
    #expect(!(try orders(store)).contains(preparing), "R17: gone from the default list")
    try s.send("Escape", "Escape")
    try s.send("Tab", "Tab")
    let archivedView = try s.waitFor(arabic("view.archived"))
    #expect(archivedView.contains(preparing), "the archived view lists it:\n\(archivedView)")
    // The demo has archived orders of its own: go to this one's row, then A restores it.
    let position = try #require(try orders(store, ["--archived"]).firstIndex(of: preparing))
    try s.send("g")
    for _ in 0..<position { try s.send("j") }
    try s.send("A", "Enter")  // restoring asks first, as archiving does (issue 13)
    // Gone from the archived list: only the message line names it, as back in Your Orders.
    func naming(_ screen: String) -> Int {
      screen.split(separator: "\n").filter { $0.contains(preparing) }.count
    }
    let deadline = Date().addingTimeInterval(30)
    var restored = try s.screen()
    while naming(restored) != 1, Date() < deadline {
      usleep(100_000)
      restored = try s.screen()
    }
    #expect(naming(restored) == 1, "R18: only the message names it now:\n\(restored)")
    #expect(restored.contains(arabic("view.archived")), "still on the archived view")
    #expect(try orders(store).contains(preparing), "R18: back in the default list")
    #expect(!(try orders(store, ["--archived"])).contains(preparing))

    // ض (q on the Arabic layout) quits; the terminal is back to normal.
    try s.send("ض", literal: true)
    let end = try s.waitFor("EXITED:")
    #expect(end.contains("EXITED:0"))
    #expect(end.contains("icanon") && !end.contains("-icanon"), "tty left raw:\n\(end)")
  }
}
