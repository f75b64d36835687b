// Labels shared by every area (owned by the text layer). Arabic follows the seed article's
// vocabulary (RULES.md). Keys with the prefixes status./reason./refusal./alternative./
// fulfilment./payment. are built from the domain enums' raw values.
// Error messages live with the area that reports them (UI.swift `refused.*`, CLI.swift
// `cli.*`). Generic words (yes/no/OK/cancel) are added here when a caller first needs one:
// the usage test rejects dead labels.
extension StringTable {
  static let commonEntries: [String: Entry] = [
    // MARK: Statuses (R24), Amazon's names
    "status.ordered": .init(ar: "تم الطلب", en: "Ordered"),
    "status.preparing-for-shipment": .init(ar: "قيد التجهيز للشحن", en: "Preparing for shipment"),
    "status.shipped": .init(ar: "تم الشحن", en: "Shipped"),
    "status.out-for-delivery": .init(ar: "خرج للتوصيل", en: "Out for delivery"),
    "status.delivered": .init(ar: "تم التوصيل", en: "Delivered"),
    "status.cancelled": .init(ar: "ملغى", en: "Cancelled"),

    // MARK: Cancellation reasons (R5)
    "reason.changed-mind": .init(ar: "غيرت رأيي", en: "Changed my mind"),
    "reason.found-cheaper": .init(ar: "وجدت سعرًا أفضل", en: "Found a better price"),
    "reason.ordered-by-mistake": .init(ar: "طلبته عن طريق الخطأ", en: "Ordered by mistake"),
    "reason.delivery-too-long": .init(ar: "مدة التوصيل طويلة", en: "Delivery takes too long"),
    "reason.wrong-address": .init(ar: "عنوان الشحن غير صحيح", en: "Wrong shipping address"),
    "reason.wrong-payment": .init(ar: "طريقة الدفع غير صحيحة", en: "Wrong payment method"),
    "reason.duplicate-order": .init(ar: "طلب مكرر", en: "Duplicate order"),
    "reason.other": .init(ar: "سبب آخر", en: "Other reason"),

    // MARK: Why an item cannot be cancelled (R1, R3)
    "refusal.already-cancelled": .init(ar: "أُلغيت هذه السلعة من قبل", en: "Already cancelled"),
    "refusal.entered-shipping": .init(
      ar: "دخلت السلعة مرحلة الشحن", en: "The item has entered the shipping process"),
    "refusal.seller-window-closed": .init(
      ar: "انتهت مهلة نصف الساعة لإلغاء سلعة البائع",
      en: "The 30-minute window to cancel a seller's item has closed"),
    "refusal.replacement-order": .init(
      ar: "هذا الطلب بديل مجاني ضمن طلب إرجاع، ولا يُلغى",
      en: "This order is the free replacement of a return; it cannot be cancelled"),

    // MARK: Alternatives when cancelling is refused (R7)
    "alternative.refuse-on-delivery": .init(
      ar: "رفض استلام الطرد عند التوصيل", en: "Refuse the package on delivery"),
    "alternative.return-after-delivery": .init(
      ar: "إرجاع السلعة بعد التوصيل", en: "Return the item after delivery"),
    "alternative.return": .init(
      ar: "إرجاع السلعة خلال مدة الإرجاع", en: "Return the item within its return window"),
    "alternative.contact-seller": .init(ar: "التواصل مع البائع", en: "Contact the seller"),

    // MARK: Fulfilment (R2, R3)
    // The item is a سلعة (feminine) everywhere, as in "يمكن إلغاؤها" on the next line.
    "fulfilment.store": .init(ar: "يبيعها ويشحنها المتجر", en: "Sold and shipped by the store"),
    "fulfilment.seller": .init(ar: "يبيعها ويشحنها بائع آخر", en: "Sold and shipped by a seller"),

    // MARK: Payment kinds
    "payment.card": .init(ar: "بطاقة ائتمانية", en: "Credit card"),
    "payment.mada": .init(ar: "بطاقة مدى", en: "mada card"),
    "payment.apple-pay": .init(ar: "Apple Pay", en: "Apple Pay"),
    "payment.cod": .init(ar: "الدفع عند الاستلام", en: "Cash on delivery"),
    "payment.gift-card": .init(ar: "بطاقة هدايا", en: "Gift card"),

    // MARK: Relative durations (Format.relative): CLDR Arabic plural categories
    "relative.now": .init(ar: "الآن", en: "now"),
    "relative.in": .init(ar: "خلال {n}", en: "in {n}"),
    "relative.ago": .init(ar: "منذ {n}", en: "{n} ago"),
    "unit.second.one": .init(ar: "ثانية واحدة", en: "1 sec"),
    "unit.second.two": .init(ar: "ثانيتين", en: "2 sec"),
    "unit.second.few": .init(ar: "{n} ثوانٍ", en: "{n} sec"),
    "unit.second.many": .init(ar: "{n} ثانية", en: "{n} sec"),
    "unit.second.other": .init(ar: "{n} ثانية", en: "{n} sec"),
    "unit.order.one": .init(ar: "طلب واحد", en: "1 order"),
    // Nominative dual: every sentence that counts orders names them as its subject ("استُورد
    // طلبان", "فيه طلبان", "الموجودة من قبل: طلبان"); "طلبين" is for after a preposition.
    "unit.order.two": .init(ar: "طلبان", en: "2 orders"),
    "unit.order.few": .init(ar: "{n} طلبات", en: "{n} orders"),
    "unit.order.many": .init(ar: "{n} طلبًا", en: "{n} orders"),
    "unit.order.other": .init(ar: "{n} طلب", en: "{n} orders"),
    "unit.row.one": .init(ar: "سطر واحد", en: "1 row"),
    "unit.row.two": .init(ar: "سطرين", en: "2 rows"),
    "unit.row.few": .init(ar: "{n} أسطر", en: "{n} rows"),
    "unit.row.many": .init(ar: "{n} سطرًا", en: "{n} rows"),
    "unit.row.other": .init(ar: "{n} سطر", en: "{n} rows"),
    "unit.minute.one": .init(ar: "دقيقة واحدة", en: "1 min"),
    "unit.minute.two": .init(ar: "دقيقتين", en: "2 min"),
    "unit.minute.few": .init(ar: "{n} دقائق", en: "{n} min"),
    "unit.minute.many": .init(ar: "{n} دقيقة", en: "{n} min"),
    "unit.minute.other": .init(ar: "{n} دقيقة", en: "{n} min"),
    "unit.hour.one": .init(ar: "ساعة واحدة", en: "1 hr"),
    "unit.hour.two": .init(ar: "ساعتين", en: "2 hr"),
    "unit.hour.few": .init(ar: "{n} ساعات", en: "{n} hr"),
    "unit.hour.many": .init(ar: "{n} ساعة", en: "{n} hr"),
    "unit.hour.other": .init(ar: "{n} ساعة", en: "{n} hr"),
    "unit.day.one": .init(ar: "يوم واحد", en: "1 day"),
    "unit.day.two": .init(ar: "يومين", en: "2 days"),
    "unit.day.few": .init(ar: "{n} أيام", en: "{n} days"),
    "unit.day.many": .init(ar: "{n} يومًا", en: "{n} days"),
    "unit.day.other": .init(ar: "{n} يوم", en: "{n} days"),
  ]
}
