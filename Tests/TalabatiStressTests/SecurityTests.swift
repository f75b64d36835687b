import Foundation
import GRDB
import TalabatiDomain
import TalabatiStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Security (issue 7): accounts sharing a store never see or touch each other's orders, and the
/// store and its Maildir are private to their owner.
@Suite(.serialized) struct SecurityTests {
  @Test func aSecondAccountIsInvisibleAndUntouchable() throws {
    let dir = Scratch.directory("isolation")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = dir + "/store.sqlite"
    let mine = Documents.document(titles: ["Kettle", "Lamp"])
    let theirs = Documents.document(
      accountID: 7, email: "other@example.net", name: "Other Shopper",
      orderPrefix: "402-9900000-", firstItem: 500, titles: ["Secretword Perfume", "Hidden Ring"])
    for doc in [mine, theirs] {
      let file = try Documents.write(doc, in: dir, name: "\(doc.account.id).json")
      let r = try Talabati.run(["import", file, "--store", store, "--now", Talabati.now, "--json"])
      #expect(r.code == 0, "\(r.stderr)")
    }
    let opts = ["--store", store, "--now", Talabati.now]
    let before = try Inspector(path: store).rows(
      "SELECT * FROM item WHERE orderId LIKE '402-9900000-%' ORDER BY id")

    for order in theirs.orders.map(\.id) {
      let item = "\(order == theirs.orders[0].id ? 500 : 501)"
      let attempts: [[String]] = [
        ["show", order], ["show", order, "--json"],
        ["cancel", order, "--all", "--reason", "changed-mind"],
        ["cancel", order, "--items", item, "--reason", "changed-mind"],
        ["cancel", order, "--shipment", item, "--reason", "changed-mind"],
        ["archive", order], ["unarchive", order],
      ]
      for args in attempts {
        let r = try Talabati.run(args + opts)
        #expect(r.code == 4, "\(args) on another account's order exited \(r.code): \(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("Secretword"), "\(args) revealed a title")
        #expect(!(r.stdout + r.stderr).contains("other@example.net"), "\(args) revealed an e-mail")
      }
    }
    // Using one of my orders with their item ids: still not found, nothing changes.
    let r = try Talabati.run(
      ["cancel", mine.orders[0].id, "--items", "500", "--reason", "changed-mind"] + opts)
    #expect(r.code == 4, "\(r.stderr)")

    for args in [
      ["orders", "--search", "Secretword"], ["orders", "--all", "--json"],
      ["orders", "--archived", "--json"], ["orders", "--cancelled", "--json"], ["export"],
      ["outbox", "--json"], ["orders", "--search", "402-9900000"],
    ] {
      let r = try Talabati.run(args + opts)
      #expect(r.code == 0, "\(args): \(r.stderr)")
      for secret in ["Secretword", "Hidden Ring", "402-9900000", "other@example.net"] {
        #expect(!r.stdout.contains(secret), "\(args) revealed \(secret)")
      }
    }
    let db = try Inspector(path: store)
    #expect(
      try db.rows("SELECT * FROM item WHERE orderId LIKE '402-9900000-%' ORDER BY id") == before)
    let foreign = try db.int(
      """
      SELECT count(*) FROM event
      WHERE accountId = 7 AND kind NOT IN ('order-imported', 'order-placed')
      """)
    #expect(foreign == 0, "events were appended to the other account")
    #expect(try db.int("SELECT count(*) FROM outbox WHERE accountId = 7") == 0)
  }

  /// R28 spirit: the store (and its WAL files), the Maildir folders and every message are
  /// readable by their owner only, whatever the umask.
  @Test func storeAndMaildirArePrivate() throws {
    let dir = Scratch.directory("modes")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = dir + "/fresh/nested/store.sqlite"
    let old = umask(0o000)  // the most permissive umask: talabati must not rely on it
    defer { umask(old) }
    let r = try Talabati.run(["demo", "--store", store, "--orders", "5", "--now", Talabati.now])
    #expect(r.code == 0, "\(r.stderr)")
    let order = BadInputTests.firstOrder(store)
    // A write leaves a message in the Maildir (R6, R17); a live session keeps -wal/-shm.
    let a = try Talabati.run(["archive", order, "--store", store, "--now", Talabati.now])
    #expect(a.code == 0, "\(a.stderr)")
    let keep = try DatabaseQueue(path: store)
    _ = try keep.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \"order\"") }

    func mode(_ path: String) -> mode_t? {
      var st = stat()
      return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }
    let base = dir + "/fresh/nested"
    #expect(mode(dir + "/fresh") == 0o700)
    #expect(mode(base) == 0o700)
    #expect(mode(store) == 0o600)
    for suffix in ["-wal", "-shm"] {
      if let m = mode(store + suffix) {
        #expect(m & 0o077 == 0, "\(suffix) is \(String(m, radix: 8))")
      }
    }
    for sub in ["", "/tmp", "/new", "/cur"] {
      #expect(mode(base + "/Maildir" + sub) == 0o700, "Maildir\(sub)")
    }
    let messages =
      (try? FileManager.default.contentsOfDirectory(atPath: base + "/Maildir/new")) ?? []
    #expect(!messages.isEmpty)
    for m in messages {
      #expect(mode(base + "/Maildir/new/" + m) == 0o600, "message \(m)")
    }
  }
}
