// Where a cancellation's money goes, by payment kind (R9, issue 13 item 2): the words both
// fronts print for the domain's `RefundRoute`. The client and the CLI share every `refund.*`
// key; the confirmation e-mail says the same in its own template.
extension StringTable {
  static let refundEntries: [String: Entry] = [
    // A gift card is refunded to its balance, not to "Gift card".
    "refund.route.gift-card-balance": .init(ar: "رصيد بطاقة الهدايا", en: "Gift card balance"),
    // Cash on delivery: nothing was paid before delivery, so nothing is refunded.
    "refund.titleUnpaid": .init(ar: "الدفع", en: "Payment"),
    "refund.notPaid": .init(
      ar: "الدفع عند الاستلام: لم تدفع شيئًا بعد، فلا يوجد مبلغ يُسترد.",
      en: "Cash on delivery: nothing has been paid, so there is nothing to refund."),
    "refund.notCollected": .init(
      ar: "لا شيء لتدفعه: لن يحصّل المندوب {amount} عن هذه السلع عند التوصيل.",
      en: "Nothing to pay: the courier will not collect {amount} for these items."),
  ]
}
