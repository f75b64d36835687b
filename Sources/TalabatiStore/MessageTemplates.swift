import Foundation
import TalabatiDomain

/// The texts of the confirmation e-mails, in Arabic and English (R6, R9, R17).
///
/// Every piece of untrusted text (names, titles) goes through `MailFormat.sanitize`. Order
/// numbers in Arabic lines are preceded by U+200E LEFT-TO-RIGHT MARK so their digit groups read
/// left to right as written (otherwise "402-1234567" after Arabic text displays reversed).
enum MessageTemplates {
  private static let lrm = "\u{200E}"

  // MARK: - Cancellation (R6, R9)

  static func cancellationSubject(order: OrderID, language: Language) -> String {
    switch language {
    case .ar: "تأكيد إلغاء سلع من طلبك رقم \(lrm)\(order)"
    case .en: "Cancellation confirmed for your order \(order)"
    }
  }

  static func cancellationBody(
    account: Account, outcome: CancelOutcome, reason: CancelReason, language: Language
  ) -> String {
    let name = MailFormat.sanitize(account.name, limit: 80)
    let order = outcome.order
    let refund = outcome.refund
    let money = { (m: Money) in MailFormat.money(m, language: language) }
    let lines = outcome.cancelledItems.map { item in
      "- \(MailFormat.sanitize(item.title)) × \(item.quantity) — \(money(item.lineTotal))"
    }
    switch language {
    case .ar:
      return
        ([
          "مرحبًا \(name)،",
          "",
          "تم إلغاء السلع التالية من طلبك رقم \(lrm)\(order.id):",
        ] + lines + [
          "سبب الإلغاء: \(reasonLabel(reason, language: .ar))",
          "",
        ] + refundLines(refund, language: .ar) + [
          "",
          "هذه رسالة آلية من طلباتي، يُرجى عدم الرد عليها.",
        ]).joined(separator: "\n")
    case .en:
      return
        ([
          "Hello \(name),",
          "",
          "The following items of your order \(order.id) have been cancelled:",
        ] + lines + [
          "Reason: \(reasonLabel(reason, language: .en))",
          "",
        ] + refundLines(refund, language: .en) + [
          "",
          "This is an automatic message from talabati; please do not reply.",
        ]).joined(separator: "\n")
    }
  }

  /// The refund part of the message (R9), by where the money goes: the breakdown and the
  /// method or gift-card balance it goes back to; for an unpaid cash-on-delivery order, that
  /// nothing is refunded and what the courier will not collect (issue 13 item 2).
  static func refundLines(_ refund: Refund, language: Language) -> [String] {
    let money = { (m: Money) in MailFormat.money(m, language: language) }
    let destination =
      refund.route == .giftCardBalance
      ? giftCardBalance(language) : paymentLabel(refund.paymentMethod, language: language)
    switch (refund.route, language) {
    case (.notCharged, .ar):
      return [
        "الدفع عند الاستلام: لم تدفع شيئًا بعد، فلا يوجد مبلغ يُسترد.",
        "لا شيء لتدفعه: لن يحصّل المندوب \(money(refund.uncollected)) عن هذه السلع عند التوصيل.",
      ]
    case (.notCharged, .en):
      return [
        "Cash on delivery: nothing has been paid, so there is nothing to refund.",
        "Nothing to pay: the courier will not collect \(money(refund.uncollected)) for these items.",
      ]
    case (_, .ar):
      return [
        "تفاصيل المبلغ المسترد:",
        "قيمة السلع: \(money(refund.items))",
        "منها ضريبة القيمة المضافة: \(money(refund.itemsVAT))",
        "رسوم الشحن: \(money(refund.shipping))",
        "الإجمالي المسترد: \(money(refund.total))",
        "يُعاد المبلغ إلى: \(destination)",
      ]
    case (_, .en):
      return [
        "Refund:",
        "Items: \(money(refund.items))",
        "of which VAT: \(money(refund.itemsVAT))",
        "Shipping: \(money(refund.shipping))",
        "Total refund: \(money(refund.total))",
        "Refunded to: \(destination)",
      ]
    }
  }

  static func giftCardBalance(_ language: Language) -> String {
    language == .ar ? "رصيد بطاقة الهدايا" : "gift card balance"
  }

  // MARK: - Archive (R17, R18)

  static func archiveSubject(order: OrderID, language: Language) -> String {
    switch language {
    case .ar: "تمت أرشفة طلبك رقم \(lrm)\(order)"
    case .en: "Your order \(order) has been archived"
    }
  }

  static func archiveBody(account: Account, order: Order, language: Language) -> String {
    let name = MailFormat.sanitize(account.name, limit: 80)
    switch language {
    case .ar:
      return [
        "مرحبًا \(name)،",
        "",
        "تمت أرشفة طلبك رقم \(lrm)\(order.id).",
        "لن يظهر بعد الآن في سجل طلباتك، وتجده في الطلبات المؤرشفة،"
          + " ويمكنك إعادته في أي وقت. لم يُحذف أي شيء.",
        "",
        "هذه رسالة آلية من طلباتي، يُرجى عدم الرد عليها.",
      ].joined(separator: "\n")
    case .en:
      return [
        "Hello \(name),",
        "",
        "Your order \(order.id) has been archived.",
        "It no longer shows in your order history; you will find it under archived orders"
          + " and can bring it back at any time. Nothing was deleted.",
        "",
        "This is an automatic message from talabati; please do not reply.",
      ].joined(separator: "\n")
    }
  }

  // MARK: - Labels

  static func reasonLabel(_ reason: CancelReason, language: Language) -> String {
    switch (reason, language) {
    // The string table's words (`reason.*`), which a test holds the mail to.
    case (.changedMind, .ar): "غيرت رأيي"
    case (.foundCheaper, .ar): "وجدت سعرًا أفضل"
    case (.orderedByMistake, .ar): "طلبته عن طريق الخطأ"
    case (.deliveryTooLong, .ar): "مدة التوصيل طويلة"
    case (.wrongAddress, .ar): "عنوان الشحن غير صحيح"
    case (.wrongPayment, .ar): "طريقة الدفع غير صحيحة"
    case (.duplicateOrder, .ar): "طلب مكرر"
    case (.other, .ar): "سبب آخر"
    case (.changedMind, .en): "Changed my mind"
    case (.foundCheaper, .en): "Found a better price"
    case (.orderedByMistake, .en): "Ordered by mistake"
    case (.deliveryTooLong, .en): "Delivery takes too long"
    case (.wrongAddress, .en): "Wrong shipping address"
    case (.wrongPayment, .en): "Wrong payment method"
    case (.duplicateOrder, .en): "Duplicate order"
    case (.other, .en): "Other reason"
    }
  }

  static func paymentLabel(_ method: PaymentMethod, language: Language) -> String {
    let last4 = String(method.last4.filter(\.isASCII).filter(\.isNumber).prefix(4))
    switch (method.kind, language) {
    case (.card, .ar): return "البطاقة المنتهية بالأرقام \(lrm)\(last4)"
    case (.mada, .ar): return "بطاقة مدى المنتهية بالأرقام \(lrm)\(last4)"
    case (.applePay, .ar): return "Apple Pay"
    case (.cashOnDelivery, .ar): return "الدفع عند الاستلام"
    case (.giftCard, .ar): return "رصيد بطاقة الهدايا"
    case (.card, .en): return "card ending in \(last4)"
    case (.mada, .en): return "mada card ending in \(last4)"
    case (.applePay, .en): return "Apple Pay"
    case (.cashOnDelivery, .en): return "cash on delivery"
    case (.giftCard, .en): return "gift card balance"
    }
  }
}
