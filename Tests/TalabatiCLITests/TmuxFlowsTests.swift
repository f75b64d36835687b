import Foundation
import TalabatiText
import Testing

/// Issue 5's end-to-end flows in the real binary under tmux: one return (R11–R16) and one
/// call-back (R19–R21), typed key by key as a shopper would, on the demo store at the frozen
/// `CLI.now` (2026-11-27 12:00 Riyadh). Sessions come from `TmuxTests.Session` (spawned without
/// Foundation's `Process`, on a private tmux server); every wait polls with a deadline.
@Suite(.serialized) struct TmuxFlowsTests {
  typealias JSON = [String: Any]
  typealias Session = TmuxTests.Session

  /// The shopper's view of a demo order: its row in the default list and its items.
  struct Candidate {
    var order: String
    var row: Int
    var item: Int
  }

  /// The first order of the default list (newest first) with a delivered item the store
  /// accepts for return now (R16), found by asking `talabati return` on a throwaway copy of the
  /// store: the real store stays as the demo left it, and nothing here restates the policy.
  func returnableOrder(store: String) throws -> Candidate? {
    let (_, value, _) = try CLI.json(["orders", "--limit", "100"], store: store)
    let ids = ((value as? JSON)?["orders"] as? [JSON] ?? []).compactMap { $0["id"] as? String }
    let scratch = CLI.tempDir()
    let copy = scratch.appendingPathComponent("copy.sqlite").path
    for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
      try FileManager.default.copyItem(atPath: store + suffix, toPath: copy + suffix)
    }
    for (row, id) in ids.enumerated() {
      let (_, shown, _) = try CLI.json(["show", id], store: store)
      let items = ((shown as? JSON)?["shipments"] as? [JSON] ?? []).flatMap {
        $0["items"] as? [JSON] ?? []
      }
      for item in items where item["status"] as? String == "delivered" {
        guard let itemID = item["id"] as? Int else { continue }
        let tried = try CLI.json(
          ["return", id, "--items", "\(itemID)", "--reason", "damaged"], store: copy)
        if tried.code == 0 { return Candidate(order: id, row: row, item: itemID) }
        #expect(tried.code == 3, "neither accepted nor refused: \(tried.result.stderr)")
      }
    }
    return nil
  }

  /// Moves from the top of the list to `row` and opens that order's details.
  func open(row: Int, order: String, in s: Session) throws {
    try s.send("g")
    if row > 0 { try Session.tmux(["send-keys", "-t", s.name, "-N", "\(row)", "j"]) }
    try s.send("Enter")
    try s.waitFor("Order details")
    try s.waitFor(order)
  }

  /// Text as the terminal shows it in the Arabic layout: shaped, in visual order.
  func arabic(_ logical: String) -> String {
    Bidi.visual(logical, base: .rtl).glyphs.map(\.text).joined()
  }

  @Test(.enabled(if: TmuxTests.hasTmux, "tmux is not installed: run `make test`"))
  func shopperReturnsADeliveredItemAndFollowsItsStatus() throws {
    let store = try CLI.demoStore(orders: 60)
    let target = try #require(
      try returnableOrder(store: store), "the demo has no item inside its return window")
    let before = try CLI.json(["returns"], store: store)
    let rmasBefore = Set(
      ((before.value as? JSON)?["returns"] as? [JSON] ?? []).compactMap { $0["rma"] as? String })

    let s = try Session(store: store, lang: "en")
    try s.waitFor("Your Orders")
    try open(row: target.row, order: target.order, in: s)

    // R11: from the order, "Return or replace"; the window of each item is shown (R16).
    try s.send("r")
    try s.waitFor("Return or replace items")
    let picker = try s.waitFor("returnable until", "R16: the last day is shown")
    #expect(picker.contains("Selected: 0"))
    // The cursor rests on the first returnable item: tick it.
    try s.send("Space")
    let ticked = try s.waitFor("Selected: 1")
    #expect(ticked.components(separatedBy: "[x]").count == 2, "exactly one item ticked")
    try s.send("Enter")
    try s.waitFor("Why are you returning it?")
    try s.waitFor("Arrived damaged")
    try s.send("1")
    try s.waitFor("Refund or replacement?")
    try s.send("1")
    let confirm = try s.waitFor("Confirm the return")
    #expect(confirm.contains("Reason: Arrived damaged"))
    #expect(confirm.contains(target.order))
    try s.send("Enter")

    // The result: an RMA, the refund to the original payment method (R15), the packing
    // instructions (R12) and the label (R13).
    let result = try s.waitFor("Return requested")
    try s.waitFor("Return label")
    let rmaMatch = try #require(result.firstMatch(of: try Regex("RMA-[0-9]{7}")))
    let rma = String(result[rmaMatch.range])
    #expect(!rmasBefore.contains(rma), "a new authorisation number")
    #expect(result.contains("once it arrives and is inspected"), "R15")
    #expect(result.contains("Include all accessories"), "R12")
    #expect(result.contains("Remove your personal information"), "R12")

    // R14: back on the details, `R` lists the return at its first stage.
    try s.send("Enter")
    try s.waitFor("Order details")
    try s.send("R")
    let status = try s.waitFor("Return status")
    let row = status.split(separator: "\n").first { $0.contains(rma) }
    #expect(row?.contains(target.order) == true, "status row:\n\(status)")
    #expect(row?.contains("Initiated") == true, "R14: a new return is Initiated")

    // Back to the list and quit; the terminal is handed back.
    try s.send("Escape", "Escape")
    try s.waitFor("Your Orders")
    try s.send("q")
    #expect(try s.waitFor("EXITED:").contains("EXITED:0"))

    // The store agrees: the return of exactly that item, and its e-mail in the outbox with
    // its own kind (R12, R15).
    let after = try CLI.json(["returns"], store: store)
    let stored = try #require(
      ((after.value as? JSON)?["returns"] as? [JSON])?.first { $0["rma"] as? String == rma })
    #expect(stored["order"] as? String == target.order)
    #expect((stored["items"] as? [JSON])?.compactMap { $0["item"] as? Int } == [target.item])
    let outbox = try CLI.json(["outbox"], store: store)
    let mail = (outbox.value as? [JSON])?.first {
      ($0["subject"] as? String)?.contains(rma) == true
    }
    #expect(mail?["kind"] as? String == "return", "outbox:\n\(outbox.result.stdout)")
    #expect(mail?["orderId"] as? String == target.order)
  }

  @Test(.enabled(if: TmuxTests.hasTmux, "tmux is not installed: run `make test`"))
  func shopperBooksACallbackInsideOpenHoursAndReadsItInArabic() throws {
    let store = try CLI.demoStore(orders: 10)
    let (_, value, _) = try CLI.json(["orders", "--limit", "1"], store: store)
    let order = try #require(((value as? JSON)?["orders"] as? [JSON])?.first?["id"] as? String)

    let s = try Session(store: store, lang: "en")
    try s.waitFor("Your Orders")
    try open(row: 0, order: order, in: s)

    // R19, R20: support from the order: the number, open now at 12:00 Riyadh, the order
    // number to have ready.
    try s.send("s")
    let support = try s.waitFor("Support phone: 8008500931")
    #expect(support.contains("Open now"), "R19: 12:00 in Riyadh is inside 08:00–24:00")
    #expect(support.contains("Order number: \(order)"), "R20")
    #expect(support.contains("No call-back requests"))

    // R21: 07:59 Riyadh is refused before a phone number is asked for …
    try s.send("b")
    try s.waitFor("Request a call-back")
    let early = "2026-11-28 07:59"
    try s.send(early, literal: true)
    try s.send("Enter")
    try s.waitFor("can only be booked between 08:00 and 24:00", "R21: outside open hours")
    // … 08:00 is accepted.
    try Session.tmux(["send-keys", "-t", s.name, "-N", "\(early.count)", "BSpace"])
    try s.send("2026-11-28 08:00", literal: true)
    try s.send("Enter")
    try s.waitFor("Your phone number")
    try s.send("0501234567", literal: true)
    try s.send("Enter")
    let booked = try s.waitFor("Call-back booked")
    let listed = booked.split(separator: "\n").first { $0.contains("#1 ·") }.map(String.init)
    #expect(listed?.contains("2026-11-28 08:00") == true, "R21: listed:\n\(booked)")
    #expect(listed?.contains("pending") == true)
    let flash = booked.split(separator: "\n").first { $0.contains("Call-back booked") } ?? ""
    #expect(flash.contains("2026-11-28 08:00"))
    // The time reads plainly: no replacement characters around it (the message line used
    // to show the isolates Format.date adds as U+FFFD).
    #expect(!flash.contains("\u{FFFD}"), "replacement characters in: \(flash)")

    // The same screen in Arabic (L): shaped, right to left, the booking still listed.
    try s.send("L")
    let ar = try s.waitFor(arabic("طلبات معاودة الاتصال"), "the call-backs heading in Arabic")
    let arRow = ar.split(separator: "\n").first { $0.contains("2026-11-28 08:00") } ?? ""
    #expect(arRow.contains(arabic("بانتظار الموعد")), "the state in Arabic:\n\(ar)")
    #expect(arRow.contains("0501234567"))
    #expect(ar.contains(arabic("هاتف الدعم: 8008500931")) || ar.contains("8008500931"))

    // Back to the list; ض (q on the Arabic layout) quits.
    try s.send("Escape", "Escape")
    try s.waitFor(arabic("طلباتك"))
    try s.send("ض", literal: true)
    #expect(try s.waitFor("EXITED:").contains("EXITED:0"))

    // The store agrees: one pending call-back at 08:00 Riyadh about that order.
    let (code, listedValue, r) = try CLI.json(["support", "--callbacks"], store: store)
    #expect(code == 0, "\(r.stderr)")
    let callbacks = try #require((listedValue as? JSON)?["callbacks"] as? [JSON])
    #expect(callbacks.count == 1)
    #expect(callbacks.first?["at"] as? String == "2026-11-28T05:00:00.000Z")
    #expect(callbacks.first?["order"] as? String == order)
    #expect(callbacks.first?["state"] as? String == "pending")
  }
}
