// Counted nouns of the command line, by CLDR plural category (`Format.quantity`): one, two,
// few (3–10), many (11–99), other; English uses `one` and the rest (issue 13 item 19).
extension StringTable {
  static let countEntries: [String: Entry] = [
    "unit.item.one": .init(ar: "سلعة واحدة", en: "1 item"),
    "unit.item.two": .init(ar: "سلعتان", en: "2 items"),
    "unit.item.few": .init(ar: "{n} سلع", en: "{n} items"),
    "unit.item.many": .init(ar: "{n} سلعة", en: "{n} items"),
    "unit.item.other": .init(ar: "{n} سلعة", en: "{n} items"),
    // The same count as the object of a verbal noun (تم إلغاء سلعتين): the Arabic dual takes
    // its genitive/accusative form there; every other form is the same as `item`.
    "unit.itemObject.two": .init(ar: "سلعتين", en: "2 items"),
    "unit.return.one": .init(ar: "طلب إرجاع واحد", en: "1 return"),
    "unit.return.two": .init(ar: "طلبا إرجاع", en: "2 returns"),
    "unit.return.few": .init(ar: "{n} طلبات إرجاع", en: "{n} returns"),
    "unit.return.many": .init(ar: "{n} طلب إرجاع", en: "{n} returns"),
    "unit.return.other": .init(ar: "{n} طلب إرجاع", en: "{n} returns"),
    "unit.refund.one": .init(ar: "استرداد واحد", en: "1 refund"),
    "unit.refund.two": .init(ar: "استردادان", en: "2 refunds"),
    "unit.refund.few": .init(ar: "{n} استردادات", en: "{n} refunds"),
    "unit.refund.many": .init(ar: "{n} استردادًا", en: "{n} refunds"),
    "unit.refund.other": .init(ar: "{n} استرداد", en: "{n} refunds"),
    "unit.callback.one": .init(ar: "طلب معاودة اتصال واحد", en: "1 call-back"),
    "unit.callback.two": .init(ar: "طلبا معاودة اتصال", en: "2 call-backs"),
    "unit.callback.few": .init(ar: "{n} طلبات معاودة اتصال", en: "{n} call-backs"),
    "unit.callback.many": .init(ar: "{n} طلب معاودة اتصال", en: "{n} call-backs"),
    "unit.callback.other": .init(ar: "{n} طلب معاودة اتصال", en: "{n} call-backs"),
    "unit.closure.one": .init(ar: "طلب إغلاق حساب واحد", en: "1 account-closure request"),
    "unit.closure.two": .init(ar: "طلبا إغلاق حساب", en: "2 account-closure requests"),
    "unit.closure.few": .init(ar: "{n} طلبات إغلاق حساب", en: "{n} account-closure requests"),
    "unit.closure.many": .init(ar: "{n} طلب إغلاق حساب", en: "{n} account-closure requests"),
    "unit.closure.other": .init(ar: "{n} طلب إغلاق حساب", en: "{n} account-closure requests"),
  ]
}
