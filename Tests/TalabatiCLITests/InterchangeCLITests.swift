import Foundation
import Testing

/// `talabati export` / `import` with returns, replacements and call-backs (R11–R16, R21), a
/// document written before those sections, and a bad return (docs/interchange.md).
@Suite(.serialized) struct InterchangeCLITests {
  typealias JSON = [String: Any]

  func export(_ store: String) throws -> String {
    let r = try CLI.run(["export", "--store", store, "--now", CLI.now])
    #expect(r.code == 0, "\(r.stderr)")
    return r.stdout
  }

  /// Writes `text` to a new file in `dir` and returns its path.
  func file(_ text: String, named name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Asks for a replacement (R11) of the first delivered item the policy accepts.
  func replaceSomething(_ store: String) throws -> String? {
    let (_, list, _) = try CLI.json(["orders", "--all", "--limit", "1000"], store: store)
    for id in ((list as? JSON)?["orders"] as? [JSON] ?? []).compactMap({ $0["id"] as? String }) {
      let (_, value, _) = try CLI.json(["show", id], store: store)
      for s in (value as? JSON)?["shipments"] as? [JSON] ?? [] {
        for i in s["items"] as? [JSON] ?? [] where i["status"] as? String == "delivered" {
          let (code, result, _) = try CLI.json(
            [
              "return", id, "--items", "\(i["id"] as? Int ?? -1)", "--reason", "damaged",
              "--replace",
            ], store: store)
          if code == 0 { return ((result as? JSON)?["return"] as? JSON)?["rma"] as? String }
        }
      }
    }
    return nil
  }

  @Test func returnsAReplacementAndCallbacksSurviveExportImportExport() throws {
    // The demo store brings two returns; add a replacement and a call-back (R11, R21).
    let store = try CLI.demoStore(orders: 30)
    let rma = try #require(try replaceSomething(store), "no replaceable item in the demo")
    let booked = try CLI.json(
      ["support", "--callback", "2026-11-28T05:00:00Z", "--phone", "0501234567"], store: store)
    #expect(booked.code == 0, "\(booked.result.stderr)")
    let first = try export(store)
    #expect(first.contains("\"returns\" : ["))
    #expect(first.contains("\"rma\" : \"\(rma)\""))
    #expect(first.contains("\"replacementOrderID\" : \"RPL-"))
    #expect(first.contains("\"callbacks\" : ["))

    let dir = CLI.tempDir()
    let path = try file(first, named: "orders.json", in: dir)
    let fresh = dir.appendingPathComponent("fresh.sqlite").path
    let imp = try CLI.run(["import", path, "--store", fresh, "--now", CLI.now])
    #expect(imp.code == 0, "\(imp.stderr)")
    #expect(try export(fresh) == first)
    // What the shopper follows in "Return status" (R14) is the same in the new store.
    let (code, before, _) = try CLI.json(["returns"], store: store)
    let (code2, after, _) = try CLI.json(["returns"], store: fresh)
    #expect(code == 0 && code2 == 0)
    let (was, now) = (
      try #require((before as? JSON).map(NSDictionary.init(dictionary:))),
      try #require((after as? JSON).map(NSDictionary.init(dictionary:)))
    )
    #expect(was["returns"] != nil)
    #expect(was == now, "returns differ:\n\(was)\n\(now)")
    // Importing again adds nothing.
    #expect(try CLI.run(["import", path, "--store", fresh, "--now", CLI.now]).code == 0)
    #expect(try export(fresh) == first)
  }

  /// A version-1 document as talabati wrote it before returns, refunds, call-backs and
  /// closures were exported.
  static let oldDocument = """
    {
      "account" : {
        "email" : "huda@example.com",
        "id" : 3,
        "language" : "en",
        "name" : "Huda",
        "timeZone" : "Asia/Riyadh"
      },
      "events" : [
        {
          "actor" : "system",
          "at" : "2026-11-20T10:00:00.000Z",
          "detail" : "",
          "kind" : "order-placed",
          "orderID" : "402-7000001-0000001"
        }
      ],
      "format" : "talabati-orders",
      "orders" : [
        {
          "accountID" : 3,
          "id" : "402-7000001-0000001",
          "imported" : false,
          "paymentMethod" : {
            "kind" : "card",
            "last4" : "1881"
          },
          "placedAt" : "2026-11-20T10:00:00.000Z",
          "shipments" : [
            {
              "carrier" : "Aramex",
              "id" : 9000001,
              "items" : [
                {
                  "category" : "home",
                  "fulfilment" : "store",
                  "id" : 90000011,
                  "quantity" : 2,
                  "seller" : {
                    "id" : "amazon",
                    "name" : "Amazon.sa"
                  },
                  "title" : "مصباح مكتب",
                  "unitPrice" : {
                    "currency" : "SAR",
                    "minor" : 8900
                  },
                  "vatRateBasisPoints" : 1500
                }
              ],
              "shippingCharge" : {
                "currency" : "SAR",
                "minor" : 0
              },
              "timeline" : {
                "deliveredAt" : "2026-11-22T12:00:00.000Z",
                "placedAt" : "2026-11-20T10:00:00.000Z",
                "shippedAt" : "2026-11-21T08:00:00.000Z"
              },
              "trackingNumber" : "AX900001"
            }
          ]
        }
      ],
      "version" : 1
    }

    """

  @Test func aDocumentWrittenBeforeTheSectionsStillImports() throws {
    let dir = CLI.tempDir()
    let path = try file(Self.oldDocument, named: "old.json", in: dir)
    let store = dir.appendingPathComponent("s.sqlite").path
    let r = try CLI.run(["import", path, "--store", store, "--now", CLI.now, "--json"])
    #expect(r.code == 0, "\(r.stderr)")
    #expect((try r.json() as? JSON)?["imported"] as? Int == 1)
    // Nothing new to write: it exports byte for byte as it was.
    #expect(try export(store) == Self.oldDocument)
  }

  @Test func aBadReturnRefusesTheWholeDocumentWithExitCode2() throws {
    let store = try CLI.demoStore(orders: 30)
    let good = try export(store)
    #expect(good.contains("\"returns\" : ["))
    let dir = CLI.tempDir()
    let target = try CLI.demoStore(orders: 5)
    let untouched = try export(target)
    // A negative amount in a return line: the file is refused, nothing of it is stored.
    let negative = good.replacingOccurrences(
      of: #"("amount" : \{\s*"currency" : "SAR",\s*"minor" : )(\d+)"#, with: "$1-1$2",
      options: .regularExpression)
    #expect(negative != good)
    let r = try CLI.run([
      "import", try file(negative, named: "bad.json", in: dir), "--store", target, "--now",
      CLI.now,
    ])
    #expect(r.code == 2, "\(r.stderr)")
    #expect(r.stderr.contains("returns[0].lines[0].amount.minor: must not be negative"))
    #expect(r.stderr.split(separator: "\n").count <= 2, "not a one-line message: \(r.stderr)")
    #expect(try export(target) == untouched)
    // An item of another order in a return: refused at its place, exit 2.
    let foreign = good.replacingOccurrences(
      of: #"("lines" : \[\s*\{\s*"amount" : \{[^}]*\},\s*"itemID" : )(\d+)"#, with: "$1999999999",
      options: .regularExpression)
    #expect(foreign != good)
    let f = try CLI.run([
      "import", try file(foreign, named: "foreign.json", in: dir), "--store", target, "--now",
      CLI.now,
    ])
    #expect(f.code == 2, "\(f.stderr)")
    #expect(f.stderr.contains("returns[0].lines[0].itemID: item 999999999 is not part of order"))
    #expect(try export(target) == untouched)
  }
}
