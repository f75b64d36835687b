import Foundation
import TalabatiText
import Testing

/// What the review of issue 13 found the CLI still saying differently from the client.
@Suite(.serialized) struct CLIReviewTests {
  typealias JSON = [String: Any]

  static let store: String = (try? CLI.demoStore(orders: 300)) ?? ""

  /// `text` without the isolates the CLI puts around values.
  func plain(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) && $0 != "\u{200E}" }))
  }

  // MARK: Leftover a: a search lists the item that matched (issue 13 item 5)

  @Test func searchListsTheItemThatMatched() throws {
    let args = ["orders", "--search", "sony", "--all", "--limit", "100"]
    let text = try CLI.run(args + ["--store", Self.store, "--now", CLI.now, "--lang", "en"])
    #expect(text.code == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    var checked = 0
    for (i, line) in lines.enumerated() where line.hasPrefix("Order ") && i + 1 < lines.count {
      checked += 1
      #expect(
        lines[i + 1].lowercased().contains("sony"), "\(line)\n\(lines[i + 1])")
    }
    #expect(checked > 3, "\(text.stdout)")
    let (code, value, r) = try CLI.json(args, store: Self.store)
    #expect(code == 0, "\(r.stderr)")
    let rows = try #require((value as? JSON)?["orders"] as? [JSON])
    #expect(rows.count == checked)
    for row in rows {
      let matched = row["matchedTitle"] as? String ?? ""
      #expect(matched.lowercased().contains("sony"), "\(row)")
    }
  }

  // MARK: Leftover b: `show` says a return in progress under its item, as the client does

  @Test func showSaysEachReturnUnderItsItemInTheClientsWords() throws {
    let (code, value, r) = try CLI.json(["returns", "--lang", "en"], store: Self.store)
    #expect(code == 0, "\(r.stderr)")
    let returns = try #require((value as? JSON)?["returns"] as? [JSON])
    #expect(!returns.isEmpty, "the demo store has returns")
    for ret in returns {
      let rma = try #require(ret["rma"] as? String)
      let order = try #require(ret["order"] as? String)
      let stage = try #require(ret["stage"] as? String)
      let shown = try CLI.run([
        "show", order, "--store", Self.store, "--now", CLI.now, "--lang", "en",
      ])
      #expect(shown.code == 0, "\(shown.stderr)")
      let text = plain(shown.stdout)
      let head = plain(
        tr("detail.return", .en, ["rma": rma, "stage": tr("returnStage.\(stage)", .en)]))
      #expect(text.contains(head), "\(head) not in:\n\(text)")
      if ret["replacementOrder"] as? String == nil {
        let refundText = try #require(ret["refundText"] as? String, "\(ret)")
        #expect(text.contains(plain(refundText)), "\(refundText) not in:\n\(text)")
      }
      // JSON: the same return, in both languages.
      for lang in ["en", "ar"] {
        let j = try CLI.run([
          "show", order, "--store", Self.store, "--now", CLI.now, "--lang", lang, "--json",
        ])
        let list = (try j.json() as? JSON)?["returns"] as? [JSON] ?? []
        let mine = try #require(list.first { $0["rma"] as? String == rma }, "\(j.stdout)")
        #expect(
          mine["stageText"] as? String
            == tr("returnStage.\(stage)", lang == "ar" ? .ar : .en))
      }
    }
  }

  // MARK: Leftover d: a cash-on-delivery order's return goes to the account balance (R15)

  @Test func aCashOnDeliveryReturnIsCreditedToTheAccountBalance() throws {
    let dir = CLI.tempDir()
    let store = dir.appendingPathComponent("s.sqlite").path
    let made = try CLI.run([
      "demo", "--store", store, "--orders", "300", "--seed", "7", "--now", CLI.now,
    ])
    #expect(made.code == 0, "\(made.stderr)")
    let export = try CLI.run(["export", "--store", store, "--now", CLI.now])
    let doc = try #require(try JSONSerialization.jsonObject(with: export.stdoutData) as? JSON)
    let cod = (doc["orders"] as? [JSON] ?? []).filter {
      ($0["paymentMethod"] as? JSON)?["kind"] as? String == "cod"
    }.compactMap { $0["id"] as? String }
    var done: (order: String, result: JSON)?
    search: for id in cod {
      let (_, value, _) = try CLI.json(["show", id], store: store)
      for s in (value as? JSON)?["shipments"] as? [JSON] ?? [] {
        for i in s["items"] as? [JSON] ?? [] where i["status"] as? String == "delivered" {
          let (code, result, _) = try CLI.json(
            [
              "return", id, "--items", "\(i["id"] as? Int ?? -1)", "--reason", "damaged", "--lang",
              "en",
            ],
            store: store)
          if code == 0, let result = result as? JSON {
            done = (id, result)
            break search
          }
        }
      }
    }
    let (order, result) = try #require(done, "no returnable cash-on-delivery item in the demo")
    let ret = try #require(result["return"] as? JSON)
    #expect(ret["refundRoute"] as? String == "account-balance", "\(ret)")
    let balance = tr("refund.route.account-balance", .en)
    #expect((ret["refundText"] as? String ?? "").contains(balance), "\(ret)")
    let shown = try CLI.run(["show", order, "--store", store, "--now", CLI.now, "--lang", "en"])
    #expect(plain(shown.stdout).contains("goes back to " + balance), "\(shown.stdout)")
    #expect(!plain(shown.stdout).contains("goes back to Cash on delivery"))
    let listed = try CLI.run(["returns", "--store", store, "--now", CLI.now, "--lang", "en"])
    #expect(!listed.stdout.contains("back to Cash on delivery"), "\(listed.stdout)")
  }

  // MARK: The CLI does not say what is not so

  /// `show` said an unpaid cash-on-delivery order was "paid with Cash on delivery", and
  /// `cancel --all` "Cancelled the checked items" (nothing is checked on a command line).
  @Test func anUnpaidOrderIsNotSaidToBePaidAndNothingIsChecked() throws {
    let dir = CLI.tempDir()
    let store = dir.appendingPathComponent("s.sqlite").path
    _ = try CLI.run(["demo", "--store", store, "--orders", "120", "--seed", "7", "--now", CLI.now])
    let (_, value, _) = try CLI.json(["orders", "--limit", "60"], store: store)
    var done = false
    for row in (value as? JSON)?["orders"] as? [JSON] ?? [] {
      let id = try #require(row["id"] as? String)
      let shown = try CLI.run(["show", id, "--store", store, "--now", CLI.now, "--lang", "en"])
      #expect(!shown.stdout.contains("paid with"), "\(shown.stdout)")
      guard !done, shown.stdout.contains("Cash on delivery"),
        shown.stdout.contains("Can be cancelled")
      else { continue }
      let cancel = try CLI.run([
        "cancel", id, "--all", "--reason", "other", "--store", store, "--now", CLI.now, "--lang",
        "en",
      ])
      #expect(cancel.code == 0, "\(cancel.stderr)")
      #expect(!cancel.stdout.contains("checked"), "\(cancel.stdout)")
      done = true
    }
    #expect(done, "no cancellable cash-on-delivery order in the demo")
  }
}
