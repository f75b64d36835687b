// Labels of the command line (owned by the executable). Placeholders in braces are filled by
// the caller; order numbers, dates and amounts arrive already isolated by the text layer.
extension StringTable {
  static let cliEntries: [String: Entry] = [
    // MARK: orders
    "cli.orders.empty": .init(ar: "لا توجد طلبات في هذا العرض", en: "No orders in this view"),
    "cli.orders.row": .init(
      ar: "الطلب رقم {order} · {date} · {total} · {count} · {status}",
      en: "Order {order} · {date} · {total} · {count} · {status}"),
    "cli.orders.archived": .init(ar: "مؤرشف", en: "archived"),
    "cli.orders.next": .init(ar: "الصفحة التالية: {command}", en: "Next page: {command}"),

    // MARK: show
    "cli.show.header": .init(
      ar: "الطلب رقم {order} · تاريخ الطلب {date} · {status}",
      en: "Order {order} · placed {date} · {status}"),
    "cli.show.total": .init(
      ar: "الإجمالي {total} · الدفع: {payment}", en: "Total {total} · payment: {payment}"),
    "cli.show.shipment": .init(ar: "الشحنة {id} · {status}", en: "Shipment {id} · {status}"),
    // Whether an item can be cancelled, what to do instead, who sells it and when it is
    // expected are the client's words (`Words`: cancel.*, detail.*), not the command line's.

    // MARK: cancel (R5, R6, R8, R9)
    "cli.cancel.done": .init(
      ar: "تم إلغاء السلع المحددة في الطلب رقم {order}:",
      en: "Cancelled these items of order {order}:"),
    "cli.cancel.refused": .init(
      ar: "لم يُلغَ شيء في الطلب رقم {order}:", en: "Nothing was cancelled in order {order}:"),
    "cli.cancel.nothingLeft": .init(
      ar: "لا توجد سلع متبقية يمكن إلغاؤها", en: "There are no items left to cancel"),
    "cli.cancel.mailSent": .init(
      ar: "أُرسلت رسالة تأكيد الإلغاء إلى {email}",
      en: "A cancellation confirmation was sent to {email}"),

    // MARK: support (R19): whose time zone
    "cli.support.tzIgnored": .init(
      ar: "لا تُستعمل المنطقة الزمنية لهذا الجهاز (TZ={env}): الأوقات بمنطقة حسابك ({zone}).",
      en: "This computer's time zone (TZ={env}) is not used: times are in your account's ({zone})."),

    // MARK: archive (R17, R18)
    "cli.archive.done": .init(
      ar: "تمت أرشفة الطلب رقم {order}", en: "Order {order} archived"),
    "cli.archive.already": .init(
      ar: "الطلب رقم {order} مؤرشف من قبل", en: "Order {order} is already archived"),
    "cli.unarchive.done": .init(
      ar: "أُعيد الطلب رقم {order} إلى طلباتك", en: "Order {order} is back in your orders"),
    "cli.unarchive.notArchived": .init(
      ar: "الطلب رقم {order} غير مؤرشف", en: "Order {order} is not archived"),

    // MARK: outbox, demo, import
    "cli.outbox.empty": .init(ar: "لا توجد رسائل مرسلة", en: "No messages sent yet"),
    "cli.outbox.kind.cancellation": .init(ar: "إلغاء", en: "cancellation"),
    "cli.outbox.kind.archive": .init(ar: "أرشفة", en: "archive"),
    "cli.outbox.kind.return": .init(ar: "إرجاع", en: "return"),
    "cli.outbox.kind.replacement": .init(ar: "استبدال", en: "replacement"),
    "cli.outbox.kind.fraud-report": .init(ar: "بلاغ احتيال", en: "fraud report"),
    "cli.demo.done": .init(
      ar: "أُنشئ متجر تجريبي فيه {count} في {store} خلال {seconds} ث",
      en: "Created a demo store with {count} at {store} in {seconds} s"),
    "cli.import.done": .init(
      ar: "استُورد {inserted}؛ الموجودة من قبل وتُخطيت: {skipped}",
      en: "Imported {inserted}; already present and skipped: {skipped}"),
    "cli.import.more": .init(
      ar: "ومعها: {returns}، {refunds}، {callbacks}، {closures}",
      en: "With them: {returns}, {refunds}, {callbacks}, {closures}"),
    "cli.import.closuresLeft": .init(
      ar: "لم يُستورد {count}: الحساب موجود من قبل أو انتهت مهلة الإغلاق",
      en: "Not imported: {count}; the account already existed or the closure period has ended"),

    // MARK: import-amazon (issue 6)
    "cli.importAmazon.done": .init(
      ar: "استُورد {orders} من {rows} في {seconds} ث؛ الموجودة من قبل: {skipped}.",
      en: "Imported {orders} from {rows} in {seconds} s; already present: {skipped}."),
    "cli.importAmazon.dryRun": .init(
      ar: "تجربة فقط، لم يُحفظ شيء: {orders} جاهزة للاستيراد من {rows}؛ "
        + "الموجودة من قبل: {skipped}.",
      en: "Dry run, nothing stored: {orders} ready to import from {rows}; "
        + "already present: {skipped}."),
    "cli.importAmazon.rejected": .init(
      ar: "رُفض {rows} (تُرك {orders} خارج الاستيراد كاملًا):",
      en: "Rejected {rows} ({orders} left out whole):"),
    "cli.importAmazon.rejectedRow": .init(
      ar: "  {place}{order}: {reason}", en: "  {place}{order}: {reason}"),
    "cli.importAmazon.rejectedOrder": .init(ar: " الطلب {order}", en: " order {order}"),
    "cli.importAmazon.more": .init(ar: "  … و{count} غيرها", en: "  … and {count} more"),
    "cli.importAmazon.notices": .init(
      ar: "سطور تنبيه متخطّاة: {count}.", en: "Notice rows skipped: {count}."),
    "cli.importAmazon.refunds": .init(
      ar: "الاستردادات من {rows}: سُجّل {stored}، والمسجّلة من قبل {present}، "
        + "ولطلبات ليست في المتجر {unmatched}.",
      en: "Refunds from {rows}: {stored} recorded, {present} already recorded, "
        + "{unmatched} for orders not in the store."),
    "cli.importAmazon.returnRequests": .init(
      ar: "طلبات الإرجاع: عُدّ {count} ولم يُخزَّن منها شيء، فملف أمازون لا يذكر المنتجات المُرجعة.",
      en: "Return requests: {count} counted, none stored: Amazon's file does not name the items."),
    "cli.importAmazon.scanning": .init(ar: "فحص: {rows}", en: "scanning: {rows}"),
    "cli.importAmazon.importing": .init(
      ar: "استيراد: {rows}", en: "importing: {rows}"),
    "cli.importAmazon.ofRows": .init(ar: "/{total} سطرًا", en: "/{total} rows"),
    "cli.importAmazon.rate": .init(ar: " · {rate} سطر/ث", en: " · {rate} rows/s"),
    "cli.importAmazon.eta": .init(ar: " · المتبقي {seconds} ث", en: " · ETA {seconds} s"),
  ]
}
