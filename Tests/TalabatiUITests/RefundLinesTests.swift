import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// The refund the client promises before and after a cancel follows how the order was paid
/// (R9, issue 13 item 2): cash on delivery was never paid, a gift card goes back to its
/// balance, a card, mada or Apple Pay to the method.
@Suite struct RefundLinesTests {
  /// The logical lines of the confirmation and of the result, for the fresh fixture order paid
  /// with `payment`, everything ticked.
  func screens(_ payment: PaymentMethod, _ lang: Language) -> (confirm: [String], result: [String])
  {
    var order = Fixtures.fresh
    order.paymentMethod = payment
    var d = TestDriver(
      model: Fixtures.model(lang: lang),
      service: InMemoryOrderService(
        orders: [order] + Fixtures.orders.dropFirst(), account: Fixtures.account))
    d.start()
    for a in [
      Action.openSelected, .cancel(.begin), .cancel(.toggleAllCancellable), .confirm,
      .cancel(.pickReason(0)),
    ] { d.send(a) }
    let labels = Labels(lang: lang, timeZone: "Asia/Riyadh")
    let confirm = ConfirmScreen.lines(d.model, labels).map { strip($0.text) }
    d.send(.confirm)
    let result = ResultScreen.lines(d.model, labels).map { strip($0.text) }
    return (confirm, result)
  }

  /// The text without its invisible direction controls (isolates, and the LRM that keeps a
  /// masked card the same way round after an amount).
  func strip(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) && $0.value != 0x200E }))
  }

  @Test(arguments: PaymentKind.allCases, Language.allCases)
  func confirmationAndResultSayWhereTheMoneyGoes(kind: PaymentKind, lang: Language) throws {
    let last4 = kind == .card || kind == .mada ? "8516" : ""
    let (confirm, result) = screens(PaymentMethod(kind: kind, last4: last4), lang)
    let en = lang == .en
    for (name, lines) in [("confirm", confirm), ("result", result)] {
      #expect(!lines.isEmpty, "\(name) is empty")
      let total = lines.first { $0.hasPrefix(en ? "Total refund:" : "الإجمالي المسترد:") }
      let to = lines.first { $0.hasPrefix(en ? "To:" : "إلى:") }
      switch kind {
      case .cashOnDelivery:
        #expect(total == nil, "\(name) promises a refund: \(lines)")
        #expect(to == nil, "\(name): \(lines)")
        #expect(!lines.contains(en ? "Refund" : "المبلغ المسترد"), "\(name): \(lines)")
        #expect(lines.contains(en ? "Payment" : "الدفع"), "\(name): \(lines)")
        // 1,299.00 + 2 × 89.50 + 15.00 shipping: what the courier no longer collects.
        #expect(
          lines.contains(
            en
              ? "Nothing to pay: the courier will not collect SAR 1,493.00 for these items."
              : "لا شيء لتدفعه: لن يحصّل المندوب 1,493.00 ر.س. عن هذه السلع عند التوصيل."),
          "\(name): \(lines)")
      case .giftCard:
        #expect(total != nil, "\(name): \(lines)")
        #expect(to == (en ? "To: Gift card balance" : "إلى: رصيد بطاقة الهدايا"), "\(name)")
      case .card, .mada, .applePay:
        #expect(
          total?.hasSuffix(en ? "SAR 1,493.00" : "1,493.00 ر.س.") == true, "\(name): \(lines)")
        let method = tr("payment.\(kind.rawValue)", lang) + (last4.isEmpty ? "" : " •••• 8516")
        #expect(to == (en ? "To: " : "إلى: ") + method, "\(name): \(lines)")
      }
    }
  }
}
