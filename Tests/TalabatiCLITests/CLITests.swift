import Foundation
import Testing

/// End-to-end tests of the `talabati` command line on temporary stores (issue 2).
@Suite(.serialized) struct CLITests {
  typealias JSON = [String: Any]

  /// Every order of a store through `orders --all`, following cursors page by page.
  func allOrderIDs(_ store: String, view: String? = "--all") throws -> [String] {
    var ids: [String] = []
    var after: String?
    repeat {
      var args = ["orders"] + (view.map { [$0] } ?? []) + ["--limit", "7"]
      if let after { args += ["--after", after] }
      let (code, value, r) = try CLI.json(args, store: store)
      #expect(code == 0, "\(r.stderr)")
      let page = try #require(value as? JSON)
      let rows = try #require(page["orders"] as? [JSON])
      ids += rows.compactMap { $0["id"] as? String }
      after = page["next"] as? String
    } while after != nil
    return ids
  }

  /// Finds the first item whose JSON satisfies `match`, with its order id.
  func findItem(_ store: String, _ match: (JSON) -> Bool) throws -> (order: String, item: JSON)? {
    for id in try allOrderIDs(store) {
      let (_, value, _) = try CLI.json(["show", id], store: store)
      guard let order = value as? JSON, let shipments = order["shipments"] as? [JSON] else {
        continue
      }
      for s in shipments {
        for i in (s["items"] as? [JSON]) ?? [] where match(i) { return (id, i) }
      }
    }
    return nil
  }

  func exportText(_ store: String) throws -> String {
    let r = try CLI.run(["export", "--store", store, "--now", CLI.now])
    #expect(r.code == 0, "\(r.stderr)")
    return r.stdout
  }

  @Test func pagesCoverEveryOrderOnceNewestFirst() throws {
    let store = try CLI.demoStore(orders: 60)
    let ids = try allOrderIDs(store)
    #expect(ids.count == 60)
    #expect(Set(ids).count == 60, "an order appeared on two pages")
    let (_, value, _) = try CLI.json(["orders", "--all", "--limit", "60"], store: store)
    let rows = try #require((value as? JSON)?["orders"] as? [JSON])
    let dates = rows.compactMap { $0["placedAt"] as? String }
    #expect(dates == dates.sorted(by: >), "orders are not newest first")
  }

  @Test func sellerItemInsideItsWindowIsCancelledWithRefund() throws {
    let store = try CLI.demoStore()
    // R3: a seller item inside its 30-minute window shows the time left and can be cancelled.
    let found = try #require(
      try findItem(store) {
        $0["fulfilment"] as? String == "seller" && $0["cancellable"] as? Bool == true
      })
    let left = try #require(found.item["sellerWindowSecondsLeft"] as? Int)
    #expect(left > 0 && left <= 30 * 60)
    let id = try #require(found.item["id"] as? Int)
    let (code, value, r) = try CLI.json(
      ["cancel", found.order, "--items", "\(id)", "--reason", "changed-mind"], store: store)
    #expect(code == 0, "\(r.stderr)")
    let result = try #require(value as? JSON)
    #expect(result["cancelledItems"] as? [Int] == [id])
    let refund = try #require(result["refund"] as? JSON)
    let total = try #require((refund["total"] as? JSON)?["minor"] as? Int)
    #expect(total > 0, "R9: the refund total is shown")
    // R6: a confirmation message is in the outbox and in the Maildir.
    let (_, outbox, _) = try CLI.json(["outbox"], store: store)
    let messages = try #require(outbox as? [JSON])
    #expect(messages.contains { $0["orderId"] as? String == found.order })
    let maildir = URL(fileURLWithPath: store).deletingLastPathComponent()
      .appendingPathComponent("Maildir/new")
    let files = try FileManager.default.contentsOfDirectory(atPath: maildir.path)
    #expect(!files.isEmpty, "no message in Maildir/new")
    // The item now shows as cancelled and cannot be cancelled twice (one refund only).
    let again = try CLI.json(
      ["cancel", found.order, "--items", "\(id)", "--reason", "changed-mind"], store: store)
    #expect(again.code == 3)
  }

  @Test func refusedCancelExitsThreeAndChangesNothing() throws {
    let store = try CLI.demoStore()
    // R1: an item preparing for shipment can no longer be cancelled.
    let found = try #require(
      try findItem(store) { $0["status"] as? String == "preparing-for-shipment" })
    let id = try #require(found.item["id"] as? Int)
    let before = try exportText(store)
    let r = try CLI.run([
      "cancel", found.order, "--items", "\(id)", "--reason", "other", "--store", store, "--now",
      CLI.now, "--lang", "en",
    ])
    #expect(r.code == 3)
    #expect(r.stderr.contains("[\(id)]"), "the refusal names the item: \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(try exportText(store) == before, "a refused cancel changed the store")
    // R7: the JSON refusal lists the alternatives.
    let j = try CLI.json(
      ["cancel", found.order, "--items", "\(id)", "--reason", "other"], store: store)
    #expect(j.code == 3)
    let refused = try #require((j.value as? JSON)?["refused"] as? [JSON])
    #expect(refused.first?["reason"] as? String == "entered-shipping")
    #expect(
      (refused.first?["alternatives"] as? [String]).map {
        $0.contains("return-after-delivery") || $0.contains("return")
      } == true)
  }

  @Test func badInputGetsClearMessagesAndDocumentedCodes() throws {
    let store = try CLI.demoStore(orders: 5)
    let first = try #require(try allOrderIDs(store).first)
    let cases: [([String], Int32)] = [
      (["show", "000-0000000-0000000"], 4),
      (["cancel", "000-0000000-0000000", "--all", "--reason", "other"], 4),
      (["cancel", first, "--items", "999999999", "--reason", "other"], 4),
      (["cancel", first, "--items", "abc", "--reason", "other"], 2),
      (["cancel", first, "--items", "1", "--reason", "no-such-reason"], 2),
      (["cancel", first, "--reason", "other"], 2),
      (["orders", "--limit", "0"], 2),
      (["orders", "--after", "garbage"], 2),
      (["archive", "000-0000000-0000000"], 4),
      (["orders", "--bogus-flag"], 2),
    ]
    for (args, expected) in cases {
      let before = try exportText(store)
      let r = try CLI.run(args + ["--store", store, "--now", CLI.now])
      #expect(r.code == expected, "\(args) → \(r.code): \(r.stderr)")
      #expect(!r.stderr.isEmpty, "\(args) printed no message")
      #expect(try exportText(store) == before, "\(args) changed the store")
    }
    let badNow = try CLI.run(["orders", "--store", store, "--now", "yesterday"])
    #expect(badNow.code == 2)
  }

  @Test func notASQLiteFileIsRefusedAndLeftAlone() throws {
    let dir = CLI.tempDir()
    let path = dir.appendingPathComponent("notes.sqlite").path
    let content = Data("these are my notes, not a database\n".utf8)
    try content.write(to: URL(fileURLWithPath: path))
    let r = try CLI.run(["orders", "--store", path])
    #expect(r.code == 5)
    #expect(r.stderr.contains("not"), "\(r.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
  }

  /// Issue 12, goal 6: `orders`, `show` and `export` only read, so they leave the store's
  /// bytes and mtime as they were (before, every start re-created the WAL in a write
  /// transaction and synced it: 4 `fdatasync` calls a user waits for). They still answer.
  @Test func readCommandsLeaveTheStoreUntouched() throws {
    let store = try CLI.demoStore(orders: 20)
    let first = try #require(try allOrderIDs(store).first)
    func fingerprint() throws -> (Data, Int, Int) {
      var info = stat()
      #expect(stat(store, &info) == 0)
      return (
        try Data(contentsOf: URL(fileURLWithPath: store)), info.st_mtim.tv_sec,
        info.st_mtim.tv_nsec
      )
    }
    let before = try fingerprint()
    usleep(20_000)  // an mtime written now would differ from the one recorded
    for args in [
      ["orders", "--limit", "30"], ["show", first], ["export"], ["orders", "--search", "kindle"],
    ] {
      let r = try CLI.run(args + ["--store", store, "--now", CLI.now, "--lang", "en"])
      #expect(r.code == 0, "\(args): \(r.stderr)")
      #expect(!r.stdout.isEmpty, "\(args) printed nothing")
      let after = try fingerprint()
      #expect(after.0 == before.0, "\(args) changed the store's bytes")
      #expect(after.1 == before.1 && after.2 == before.2, "\(args) changed the store's mtime")
    }
  }

  /// A damaged store is refused by a read command with exit 5, as by any other.
  @Test func damagedStoreIsRefusedByReadCommands() throws {
    let path = CLI.tempDir().appendingPathComponent("damaged.sqlite").path
    var bytes = Data("SQLite format 3\0".utf8)
    bytes.append(Data(repeating: 0xAB, count: 8192))
    try bytes.write(to: URL(fileURLWithPath: path))
    for args in [["orders"], ["show", "402-1234567-1234567"], ["export"]] {
      let r = try CLI.run(args + ["--store", path, "--now", CLI.now, "--lang", "en"])
      #expect(r.code == 5, "\(args): \(r.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
  }

  @Test func readOnlyStoreIsReportedOnWrite() throws {
    guard getuid() != 0 else {
      // root ignores file permissions; the store tests cover read-only through SQLite's flag.
      return
    }
    let store = try CLI.demoStore(orders: 5)
    chmod(store, 0o400)
    let first = try #require(try allOrderIDs(store).first)
    let r = try CLI.run(["archive", first, "--store", store, "--now", CLI.now])
    #expect(r.code == 5)
  }

  @Test func archiveLeavesDefaultListAndUnarchiveBringsItBack() throws {
    let store = try CLI.demoStore(orders: 20)
    let visible = try allOrderIDs(store, view: "--all")
    let defaultList = Set(try allOrderIDs(store, view: nil))
    let target = try #require(visible.first { defaultList.contains($0) })
    let a = try CLI.json(["archive", target], store: store)
    #expect(a.code == 0, "\(a.result.stderr)")
    // R18: archived orders leave the default list and appear in the archive.
    #expect(!(try allOrderIDs(store, view: nil)).contains(target))
    #expect(try allOrderIDs(store, view: "--archived").contains(target))
    #expect(try CLI.json(["archive", target], store: store).code == 3)
    let u = try CLI.json(["unarchive", target], store: store)
    #expect(u.code == 0)
    #expect(try allOrderIDs(store, view: nil).contains(target))
  }

  @Test func exportImportExportIsByteIdentical() throws {
    let store = try CLI.demoStore(orders: 30)
    let first = try exportText(store)
    let dir = CLI.tempDir()
    let file = dir.appendingPathComponent("orders.json").path
    try Data(first.utf8).write(to: URL(fileURLWithPath: file))
    let fresh = dir.appendingPathComponent("fresh.sqlite").path
    let imp = try CLI.run(["import", file, "--store", fresh, "--now", CLI.now])
    #expect(imp.code == 0, "\(imp.stderr)")
    #expect(try exportText(fresh) == first)
    // Importing again adds nothing.
    let again = try CLI.run(["import", file, "--store", fresh, "--now", CLI.now])
    #expect(again.code == 0)
    #expect(try exportText(fresh) == first)
  }

  @Test func malformedImportLeavesStoreUnchanged() throws {
    let store = try CLI.demoStore(orders: 5)
    let before = try exportText(store)
    let dir = CLI.tempDir()
    let bad: [String: String] = [
      "broken.json": "{\"format\": \"talabati-orders\", ",
      "version.json": #"{"format": "talabati-orders", "version": 99, "account": {}, "orders": []}"#,
      "other.json": #"{"hello": "world"}"#,
    ]
    for (name, text) in bad {
      let file = dir.appendingPathComponent(name).path
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
      let r = try CLI.run(["import", file, "--store", store, "--now", CLI.now])
      #expect(r.code == 2, "\(name): \(r.code) \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count <= 2, "\(name): not a one-line message")
    }
    let missing = try CLI.run([
      "import", dir.appendingPathComponent("nope.json").path, "--store", store,
    ])
    #expect(missing.code == 4)
    #expect(try exportText(store) == before)
  }

  @Test func defaultStoreIsSeededButANamedStoreStartsEmpty() throws {
    let home = CLI.tempDir()
    let r = try CLI.run(
      ["orders", "--json", "--now", CLI.now], env: ["HOME": home.path, "XDG_DATA_HOME": ""])
    #expect(r.code == 0, "\(r.stderr)")
    let rows = try #require((try r.json() as? JSON)?["orders"] as? [JSON])
    #expect(!rows.isEmpty, "the default store was not seeded with demo data")
    let path = home.appendingPathComponent(".local/share/talabati/talabati.sqlite").path
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attrs[.posixPermissions] as? Int) == 0o600, "the store is not private (0600)")

    let named = home.appendingPathComponent("named.sqlite").path
    let e = try CLI.run(["orders", "--json", "--store", named])
    #expect(e.code == 0, "\(e.stderr)")
    let none = try #require((try e.json() as? JSON)?["orders"] as? [JSON])
    #expect(none.isEmpty, "a named store must start empty")
  }

  @Test func reasonsListBothLanguages() throws {
    let r = try CLI.run(["reasons", "--json"])
    #expect(r.code == 0)
    let list = try #require(try r.json() as? [JSON])
    #expect(list.count >= 5)
    for entry in list {
      let ar = try #require(entry["ar"] as? String)
      let en = try #require(entry["en"] as? String)
      #expect(ar.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(ar)")
      #expect(!en.isEmpty && en != entry["code"] as? String)
    }
  }
}

/// `--now` accepts the ISO-8601 forms a shopper types and refuses the rest.
@Suite struct NowOptionTests {
  @Test func instantsAreReadExactly() throws {
    let cases: [(String, String)] = [
      ("2026-11-27T09:00:00Z", "2026-11-27T09:00:00.000Z"),
      ("2026-11-27T12:00:00+03:00", "2026-11-27T09:00:00.000Z"),
      ("2026-11-27T09:00:00.250Z", "2026-11-27T09:00:00.250Z"),
      ("2024-02-29T23:59:59-01:00", "2024-03-01T00:59:59.000Z"),
      ("1999-12-31T23:59Z", "1999-12-31T23:59:00.000Z"),
    ]
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    for (text, expected) in cases {
      let store = CLI.tempDir().appendingPathComponent("s.sqlite").path
      let r = try CLI.run(["demo", "--store", store, "--orders", "1", "--now", text, "--json"])
      #expect(r.code == 0, "\(text): \(r.stderr)")
      // The demo's newest order is placed two minutes before the frozen instant.
      let (_, value, _) = try CLI.json(["orders"], store: store)
      let rows = try #require((value as? [String: Any])?["orders"] as? [[String: Any]])
      let placedText = try #require(rows.first?["placedAt"] as? String)
      let placed = try #require(iso.date(from: placedText))
      let now = try #require(iso.date(from: expected))
      #expect(abs(now.timeIntervalSince(placed) - 120) < 0.001, "\(text) read as \(placed)")
    }
    for bad in [
      "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-27 09:00", "tomorrow",
      "2026-11-27T09:00:00",
    ] {
      let r = try CLI.run(["orders", "--now", bad, "--store", CLI.tempDir().path + "/x.sqlite"])
      #expect(r.code == 2, "\(bad) was accepted")
    }
  }
}
