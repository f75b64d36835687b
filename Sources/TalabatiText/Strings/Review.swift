// Words added by the review of issue 13: where a returned cash-on-delivery order's refund goes
// (R15, decided in `RefundRoute.forReturn`), shared by the client, the CLI and the e-mail.
extension StringTable {
  static let reviewEntries: [String: Entry] = [
    // The courier collected cash: the refund of a return is credited to the account balance.
    "refund.route.account-balance": .init(
      ar: "رصيد حسابك في طلباتي", en: "your talabati account balance"),
    // The result of a cancel that refunds nothing (unpaid cash on delivery): the e-mail
    // carries the details, not a refund.
    // The answers to "Cancel the call-back …?" on the status line (short: they must fit 40
    // columns beside `? keys`).
    "hint.answerCancelCallback": .init(ar: "نعم", en: "yes"),
    "hint.keepCallback": .init(ar: "لا", en: "no"),
    "result.mailUnpaid": .init(
      ar: "أرسلنا رسالة تأكيد بتفاصيل الإلغاء إلى {email}",
      en: "A confirmation with the details was sent to {email}"),
  ]
}
