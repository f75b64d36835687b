import Foundation
import Testing

/// End-to-end tests of `talabati support`, `contact-seller` and `account` (R19–R23, R27–R29).
/// The frozen instant `CLI.now` is 2026-11-27 09:00 UTC = 12:00 in Riyadh (the line is open).
@Suite(.serialized) struct SupportCLITests {
  typealias JSON = [String: Any]

  func accountJSON(_ store: String, now: String = CLI.now) throws -> (Int32, JSON?) {
    let r = try CLI.run(["account", "--store", store, "--now", now, "--json"])
    return (r.code, try? r.json() as? JSON)
  }

  @Test func supportShowsNumberHoursOpenNowAndWhatToHaveReady() throws {
    let store = try CLI.demoStore(orders: 5)
    let (code, value, r) = try CLI.json(["support"], store: store)
    #expect(code == 0, "\(r.stderr)")
    let line = try #require(value as? JSON)
    #expect(line["phone"] as? String == "8008500931")  // R19
    #expect(line["open"] as? Bool == true)
    #expect(line["nowRiyadh"] as? String == "12:00")
    #expect(line["opens"] as? String == "08:00" && line["closes"] as? String == "24:00")
    #expect(line["nextChange"] as? String == "2026-11-27T21:00:00.000Z", "closes at 24:00 Riyadh")
    let account = try #require(accountJSON(store).1)
    let ready = try #require(line["ready"] as? JSON)
    #expect(ready["email"] as? String == account["email"] as? String)  // R20
    // Closed at 07:59 Riyadh; opens at 08:00.
    let early = try CLI.run(
      ["support", "--store", store, "--now", "2026-11-27T04:59:00Z", "--json"])
    let closed = try #require(try early.json() as? JSON)
    #expect(closed["open"] as? Bool == false)
    #expect(closed["nextChange"] as? String == "2026-11-27T05:00:00.000Z")
    let text = try CLI.run(["support", "--store", store, "--now", CLI.now, "--lang", "en"])
    #expect(text.stdout.contains("8008500931"))
    #expect(text.stdout.contains("Open now"))
  }

  @Test func orderNumberIsShownWhenGivenAndUnknownOrdersAreNotFound() throws {
    let store = try CLI.demoStore(orders: 5)
    let (_, orders, _) = try CLI.json(["orders", "--limit", "1"], store: store)
    let id = try #require(((orders as? JSON)?["orders"] as? [JSON])?.first?["id"] as? String)
    let (code, value, _) = try CLI.json(["support", "--order", id], store: store)
    #expect(code == 0)
    #expect(((value as? JSON)?["ready"] as? JSON)?["order"] as? String == id)  // R20
    #expect(try CLI.json(["support", "--order", "000-0000000-0000000"], store: store).code == 4)
  }

  @Test func callbacksAreBookedInsideOpenHoursListedAndCancelled() throws {
    let store = try CLI.demoStore(orders: 5)
    let phone = ["--phone", "0501234567"]
    // R21: 07:59 Riyadh refused (exit 3), 08:00 accepted, 23:59 accepted, 00:00 refused.
    let refusedEarly = try CLI.json(
      ["support", "--callback", "2026-11-28T04:59:00Z"] + phone, store: store)
    #expect(refusedEarly.code == 3, "\(refusedEarly.result.stderr)")
    #expect(refusedEarly.result.stderr.contains("08:00"))
    let atEight = try CLI.json(
      ["support", "--callback", "2026-11-28T05:00:00Z"] + phone, store: store)
    #expect(atEight.code == 0, "\(atEight.result.stderr)")
    let booked = try #require((atEight.value as? JSON)?["callback"] as? JSON)
    #expect(booked["atRiyadh"] as? String == "2026-11-28 08:00")
    #expect(
      try CLI.json(["support", "--callback", "2026-11-28 23:59"] + phone, store: store).code == 0)
    #expect(
      try CLI.json(["support", "--callback", "2026-11-29 00:00"] + phone, store: store).code == 3)
    #expect(try CLI.json(["support", "--callback", "08:30"] + phone, store: store).code == 0)
    // Past, malformed, or missing the phone.
    #expect(
      try CLI.json(["support", "--callback", "2026-11-27T08:00:00Z"] + phone, store: store).code
        == 3)
    #expect(try CLI.json(["support", "--callback", "soon"] + phone, store: store).code == 2)
    #expect(try CLI.json(["support", "--callback", "13:00"], store: store).code == 2)

    let (_, listed, _) = try CLI.json(["support", "--callbacks"], store: store)
    let list = try #require((listed as? JSON)?["callbacks"] as? [JSON])
    #expect(list.count == 3)
    #expect(list.allSatisfy { $0["state"] as? String == "pending" })
    let id = try #require(booked["id"] as? Int)
    #expect(try CLI.json(["support", "--cancel-callback", "\(id)"], store: store).code == 0)
    #expect(try CLI.json(["support", "--cancel-callback", "\(id)"], store: store).code == 3)
    #expect(try CLI.json(["support", "--cancel-callback", "99999"], store: store).code == 4)
    let after = try CLI.json(["support", "--callbacks"], store: store)
    let states = ((after.value as? JSON)?["callbacks"] as? [JSON])?.compactMap {
      $0["state"] as? String
    }
    #expect(states?.filter { $0 == "cancelled" }.count == 1)
  }

  @Test func fraudReportIsWrittenToTheMaildir() throws {
    let dir = CLI.tempDir()
    let store = try CLI.demoStore(orders: 3, in: dir)
    let (code, value, r) = try CLI.json(
      [
        "support", "--report-fraud", "SMS says my parcel is held \u{1B}[2J pay here",
        "--url", "http://amaz0n-pay.example/x",
      ], store: store)
    #expect(code == 0, "\(r.stderr)")
    let file = try #require((value as? JSON)?["maildirFile"] as? String)
    let mail = try String(
      contentsOf: dir.appendingPathComponent("Maildir/new/" + file), encoding: .utf8)
    #expect(mail.contains("To: <fraud@talabati.invalid>"))  // R22
    #expect(mail.contains("hxxp://amaz0n-pay[.]example/x"))
    #expect(!mail.contains("\u{1B}"))
    #expect(try CLI.json(["support", "--report-fraud", "   "], store: store).code == 2)
  }

  @Test func contactSellerOnlyForSellerItems() throws {
    let store = try CLI.demoStore(orders: 30)
    var seller: (String, Int)?
    var own: (String, Int)?
    let (_, orders, _) = try CLI.json(["orders", "--all", "--limit", "30"], store: store)
    for row in ((orders as? JSON)?["orders"] as? [JSON]) ?? [] {
      guard let id = row["id"] as? String else { continue }
      let (_, value, _) = try CLI.json(["show", id], store: store)
      for s in ((value as? JSON)?["shipments"] as? [JSON]) ?? [] {
        for i in (s["items"] as? [JSON]) ?? [] {
          guard let item = i["id"] as? Int else { continue }
          if i["fulfilment"] as? String == "seller", seller == nil { seller = (id, item) }
          if i["fulfilment"] as? String == "store", own == nil { own = (id, item) }
        }
      }
    }
    let (sOrder, sItem) = try #require(seller)
    let (oOrder, oItem) = try #require(own)
    let ok = try CLI.json(
      ["contact-seller", sOrder, "--item", "\(sItem)", "--message", "متى يُشحن؟"], store: store)
    #expect(ok.code == 0, "\(ok.result.stderr)")
    #expect((ok.value as? JSON)?["message"] as? String == "متى يُشحن؟")
    // R7, R23: a store-fulfilled item has no seller to contact.
    let refused = try CLI.json(
      ["contact-seller", oOrder, "--item", "\(oItem)", "--message", "hello"], store: store)
    #expect(refused.code == 3)
    #expect(
      try CLI.json(
        ["contact-seller", sOrder, "--item", "999999999", "--message", "hello"], store: store
      ).code == 4)
  }

  @Test func closingTheAccountWarnsWaitsCanBeWithdrawnThenErases() throws {
    let store = try CLI.demoStore(orders: 10)
    let (_, account) = try accountJSON(store)
    let email = try #require(account?["email"] as? String)

    // R28: without --confirm, the warning and exit 2; nothing changes.
    let warn = try CLI.run(
      [
        "account", "close", "--reason", "privacy", "--store", store, "--now", CLI.now, "--lang",
        "en",
      ])
    #expect(warn.code == 2)
    #expect(warn.stdout.contains("order history"))
    #expect(warn.stdout.contains("cannot be recovered") || warn.stdout.contains("nothing can"))
    #expect(try accountJSON(store).1?["closure"] == nil)
    #expect(
      try CLI.json(["account", "close", "--reason", "bogus", "--confirm"], store: store).code == 2)

    // R27, R29: confirmed → pending 7 days; withdrawn; withdrawn again → exit 3.
    let close = try CLI.json(
      ["account", "close", "--reason", "privacy", "--confirm"], store: store)
    #expect(close.code == 0, "\(close.result.stderr)")
    #expect((close.value as? JSON)?["effectiveAt"] as? String == "2026-12-04T09:00:00.000Z")
    #expect(
      try CLI.json(["account", "close", "--reason", "other", "--confirm"], store: store).code == 3)
    let pending = try #require(try accountJSON(store).1?["closure"] as? JSON)
    #expect(pending["state"] as? String == "pending")
    #expect(try CLI.json(["account", "withdraw-closure"], store: store).code == 0)
    #expect(try CLI.json(["account", "withdraw-closure"], store: store).code == 3)
    // Withdrawn: a start long after erases nothing.
    #expect(try accountJSON(store, now: "2027-01-01T00:00:00Z").0 == 0)

    // Closed again; one second before the end the account is still there.
    #expect(
      try CLI.json(["account", "close", "--reason", "privacy", "--confirm"], store: store).code
        == 0)
    #expect(try accountJSON(store, now: "2026-12-04T08:59:59Z").0 == 0)
    #expect(
      try CLI.run([
        "account", "withdraw-closure", "--store", store, "--now", "2026-12-04T09:00:00Z",
      ]).code == 4, "at the end of the period that very start erases the account (R29)")
    // The next start at/after the end erases it: no account, no trace of the e-mail.
    let gone = try accountJSON(store, now: "2026-12-04T09:00:00Z")
    #expect(gone.0 == 4)
    var bytes = FileManager.default.contents(atPath: store) ?? Data()
    bytes += FileManager.default.contents(atPath: store + "-wal") ?? Data()
    #expect(!bytes.isEmpty)
    #expect(bytes.range(of: Data(email.utf8)) == nil, "R29: the e-mail is still in the file")
  }
}
