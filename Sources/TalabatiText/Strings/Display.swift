// Labels of what the full-screen client shows, added by issue 13 (whole amounts, wrapped
// explanations, return and delay in the order details, replacement orders, plurals).
// Kept apart from UI.swift so that other areas' edits do not collide.
extension StringTable {
  static let displayEntries: [String: Entry] = [
    // MARK: Order list (R10)
    "list.partlyCancelled": .init(ar: "ملغى جزئيًا", en: "Part cancelled"),
    "list.replacement": .init(ar: "(بديل)", en: "(replacement)"),

    // MARK: Order details: a replacement order, a return in progress (issue 13)
    "detail.replacementOf": .init(
      ar: "بديل مجاني لطلب الإرجاع {rma} من الطلب رقم {order}",
      en: "Free replacement for return {rma} of order {order}"),
    "detail.replacementTotal": .init(
      ar: "الإجمالي: {amount} (بديل دون رسوم)", en: "Total: {amount} (replacement, no charge)"),
    "detail.return": .init(ar: "إرجاع {rma} · {stage}", en: "Return {rma} · {stage}"),

    // MARK: A return's refund in the tense of its stage (R14, R15)
    "returns.refund.inspecting": .init(
      ar: "وصل الطرد وجارٍ فحصه، ثم يُعاد {amount} إلى {payment}",
      en: "The package arrived and is being inspected; then {amount} goes back to {payment}"),
    "returns.refund.issued": .init(
      ar: "أُعيد {amount} إلى {payment} في {date}",
      en: "{amount} was refunded to {payment} on {date}"),

    // MARK: Tracking: a stage passed whose time the carrier never gave
    "track.stagePassedUndated": .init(ar: "✓ {stage}", en: "✓ {stage}"),
    // Counts of items (CLDR plural categories) are in Counts.swift, shared with the CLI.
  ]
}
