import Foundation
import TalabatiDomain
import TalabatiText
import Testing

@testable import TalabatiStore

/// Where a return's refund goes, in the e-mail (R15; issue 13 review, leftover d): the words
/// the client and the CLI print for `ReturnRecord.refundRoute`.
@Suite("Return e-mail: where the refund goes")
struct ReturnRefundRouteMailTests {
  func returnMail(paidWith kind: PaymentKind, language: Language) throws -> String {
    let db = try AppDatabase.inMemory()
    var account = Fixture.shopper
    account.language = language
    try db.createAccount(account)
    var o = Fixture.order(5, placedAt: Fixture.t0, shipments: [[("كتاب", .store)]])
    o.paymentMethod = PaymentMethod(kind: kind, last4: kind == .card ? "8516" : "")
    o.shipments[0].timeline.shippingStartsAt = Fixture.t0.addingTimeInterval(3600)
    o.shipments[0].timeline.shippedAt = Fixture.t0.addingTimeInterval(86_400)
    o.shipments[0].timeline.deliveredAt = Fixture.t0.addingTimeInterval(2 * 86_400)
    _ = try db.insert(orders: [o], account: 1, actor: "t")
    _ = try db.requestReturn(
      items: [o.items[0].id], in: o.id, account: 1, reason: .damaged, resolution: .refund,
      at: Fixture.t0.addingTimeInterval(3 * 86_400), actor: "t")
    let sent = try #require(try db.outbox(account: 1, limit: 1).first)
    #expect(sent.kind == .returnRequested)
    return sent.message
  }

  /// Cash collected on delivery cannot go back to "cash on delivery": the e-mail names the
  /// account balance with the client's words, and never promises the money to the courier.
  @Test(arguments: [Language.ar, .en])
  func aCashOnDeliveryReturnIsCreditedToTheAccountBalance(language: Language) throws {
    let lang: Language = language == .ar ? .ar : .en
    let mail = try returnMail(paidWith: .cashOnDelivery, language: language)
    #expect(mail.contains(tr("refund.route.account-balance", lang)), "\(mail)")
    #expect(!mail.contains(language == .ar ? "الدفع عند الاستلام" : "cash on delivery"), "\(mail)")
  }

  @Test(arguments: [Language.ar, .en])
  func aCardReturnGoesBackToTheCard(language: Language) throws {
    let mail = try returnMail(paidWith: .card, language: language)
    #expect(mail.contains("8516"))
    #expect(!mail.contains(tr("refund.route.account-balance", language == .ar ? .ar : .en)))
  }
}
