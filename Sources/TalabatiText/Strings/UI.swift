// Labels of the terminal UI: the UI engineer owns and fills this table. Arabic follows the
// seed article's vocabulary (طلباتك، عرض تفاصيل الطلب، إلغاء السلع المحددة في هذا الطلب،
// أرشفة الطلب، الطلبات الملغاة). Domain enum labels (status., reason., refusal., alternative.,
// fulfilment., payment.) live in Common.swift. Placeholders are filled already sanitised and
// isolated by the UI.
extension StringTable {
  static let uiEntries: [String: Entry] = [
    // MARK: Frame
    "app.name": .init(ar: "طلباتي", en: "talabati"),
    "ui.working": .init(ar: "جارٍ التنفيذ…", en: "Working…"),
    "tooSmall.title": .init(ar: "النافذة صغيرة جدًا", en: "Window too small"),
    "tooSmall.hint": .init(
      ar: "كبّرها، أو اضغط {key} للخروج", en: "Enlarge it, or press {key} to quit"),
    "search.prompt": .init(ar: "بحث:", en: "Search:"),
    "search.active": .init(
      ar: "نتائج البحث عن «{query}» — Esc لمسح البحث", en: "Results for “{query}” — Esc clears"),
    "flash.error": .init(ar: "خطأ: {message}", en: "Error: {message}"),

    // MARK: Views (R10, R18)
    "view.orders": .init(ar: "طلباتك", en: "Your Orders"),
    "view.cancelled": .init(ar: "الطلبات الملغاة", en: "Cancelled orders"),
    "view.archived": .init(ar: "الطلبات المؤرشفة", en: "Archived orders"),
    "view.all": .init(ar: "كل الطلبات", en: "All orders"),

    // MARK: Order list
    "list.title": .init(ar: "طلباتك", en: "Your Orders"),
    "list.loading": .init(ar: "جارٍ تحميل الطلبات…", en: "Loading orders…"),
    "list.noMatch": .init(ar: "لا توجد طلبات تطابق «{query}»", en: "No orders match “{query}”"),
    "list.empty.orders": .init(ar: "لا توجد طلبات", en: "No orders yet"),
    "list.empty.cancelled": .init(ar: "لا توجد طلبات ملغاة", en: "No cancelled orders"),
    "list.empty.archived": .init(ar: "لا توجد طلبات مؤرشفة", en: "No archived orders"),
    "list.empty.all": .init(ar: "لا توجد طلبات", en: "No orders yet"),
    "list.imported": .init(ar: "(مستورد)", en: "(imported)"),
    "col.number": .init(ar: "رقم الطلب", en: "Order number"),
    "col.date": .init(ar: "التاريخ", en: "Date"),
    "col.total": .init(ar: "الإجمالي", en: "Total"),
    "col.items": .init(ar: "السلع", en: "Items"),
    "col.status": .init(ar: "الحالة", en: "Status"),
    "col.title": .init(ar: "السلعة", en: "Item"),

    // MARK: Order details (R3, R7, R24)
    "detail.title": .init(ar: "عرض تفاصيل الطلب", en: "Order details"),
    "detail.loading": .init(ar: "جارٍ تحميل الطلب {order}…", en: "Loading order {order}…"),
    "detail.order": .init(ar: "الطلب رقم {order}", en: "Order {order}"),
    "detail.archivedTag": .init(ar: "مؤرشف", en: "archived"),
    "detail.placed": .init(ar: "تاريخ الطلب: {date}", en: "Placed: {date}"),
    "detail.total": .init(ar: "الإجمالي: {amount}", en: "Total: {amount}"),
    "detail.importedRefund": .init(
      ar: "استرداد {amount} في {date} (من سجل أمازون المستورد)",
      en: "Refunded {amount} on {date} (imported from Amazon)"),
    "detail.payment": .init(ar: "طريقة الدفع: {payment}", en: "Payment: {payment}"),
    "detail.shipment": .init(
      ar: "الشحنة {n} من {count} · {status}", en: "Shipment {n} of {count} · {status}"),
    "detail.expected": .init(ar: "التوصيل المتوقع {date}", en: "expected delivery {date}"),
    "detail.tracking": .init(
      ar: "الناقل: {carrier} · رقم التتبع {number}", en: "Carrier: {carrier} · tracking {number}"),
    "detail.soldBySeller": .init(ar: "يبيعها ويشحنها {seller}", en: "Sold and shipped by {seller}"),

    // MARK: Cancelling (R1–R9)
    "cancel.yes": .init(ar: "يمكن إلغاؤها", en: "Can be cancelled"),
    "cancel.window": .init(
      ar: "يمكن إلغاؤها خلال {time} (مهلة البائع)",
      en: "Can be cancelled: {time} left (seller's window)"),
    "cancel.no": .init(ar: "لا يمكن إلغاؤها: {reason}", en: "Cannot be cancelled: {reason}"),
    "cancel.instead": .init(ar: "بدلًا من ذلك: {list}", en: "Instead: {list}"),
    "cancel.title": .init(
      ar: "إلغاء السلع المحددة في هذا الطلب", en: "Cancel checked items in this order"),
    "cancel.instructions": .init(
      ar: "حدد السلع التي تريد إلغاءها (تحديد الكل = الطلب كاملًا)",
      en: "Tick the items to cancel (all of them = the whole order)"),
    "cancel.selected": .init(ar: "السلع المحددة: {count}", en: "Items checked: {count}"),
    "cancel.shipment": .init(
      ar: "الشحنة {n} ({items}) · {status}", en: "Shipment {n} ({items}) · {status}"),
    "reasonPicker.title": .init(ar: "سبب الإلغاء", en: "Cancellation reason"),
    "reasonPicker.prompt": .init(
      ar: "لماذا تلغي هذه السلع؟", en: "Why are you cancelling these items?"),
    "confirm.title": .init(ar: "تأكيد الإلغاء", en: "Confirm cancellation"),
    "confirm.intro": .init(
      ar: "ستُلغى السلع التالية من الطلب {order}:",
      en: "These items of order {order} will be cancelled:"),
    "confirm.reason": .init(ar: "السبب: {reason}", en: "Reason: {reason}"),
    "confirm.action": .init(
      ar: "Enter: إلغاء السلع المحددة في هذا الطلب · Esc: رجوع",
      en: "Enter: Cancel checked items in this order · Esc: back"),
    "refund.title": .init(ar: "المبلغ المسترد", en: "Refund"),
    "refund.items": .init(ar: "السلع: {amount}", en: "Items: {amount}"),
    "refund.vat": .init(ar: "منها ضريبة القيمة المضافة: {amount}", en: "of which VAT: {amount}"),
    "refund.shipping": .init(ar: "الشحن: {amount}", en: "Shipping: {amount}"),
    "refund.total": .init(ar: "الإجمالي المسترد: {amount}", en: "Total refund: {amount}"),
    "refund.to": .init(ar: "إلى: {payment}", en: "To: {payment}"),
    "refused.title": .init(
      ar: "تعذر الإلغاء، ولم يُلغَ شيء", en: "Could not cancel; nothing was cancelled"),
    "refused.empty": .init(ar: "لم تحدد أي سلعة", en: "No items are checked"),
    "refused.unknown": .init(
      ar: "السلعة ليست في هذا الطلب", en: "The item is not part of this order"),
    "refused.allOrNothing": .init(
      ar: "يُلغى الطلب كله أو لا شيء: هذه السلع لا يمكن إلغاؤها",
      en: "All or nothing: these items cannot be cancelled"),
    "result.title": .init(ar: "نتيجة الإلغاء", en: "Cancellation result"),
    "result.done": .init(
      ar: "تم إلغاء {items} من الطلب {order}", en: "Cancelled {items} of order {order}"),
    "result.mail": .init(
      ar: "أرسلنا رسالة تأكيد بتفاصيل الإلغاء والمبلغ المسترد إلى {email}",
      en: "A confirmation with the details and the refund was sent to {email}"),
    "result.mailAccount": .init(ar: "بريدك الإلكتروني", en: "your e-mail address"),

    // MARK: Archive (R17, R18)
    "archive.title": .init(ar: "أرشفة الطلب", en: "Archive order"),
    "archive.question": .init(ar: "هل تريد أرشفة الطلب {order}؟", en: "Archive order {order}?"),
    "archive.explain": .init(
      ar: "سيختفي من طلباتك ويبقى في الطلبات المؤرشفة، ولا يُحذف شيء. يمكنك إعادته متى شئت.",
      en: "It leaves Your Orders and stays in Archived orders; nothing is deleted. "
        + "Restore it any time."),
    "archive.action": .init(
      ar: "Enter: أرشفة الطلب · Esc: رجوع", en: "Enter: archive the order · Esc: back"),

    // MARK: Flash messages
    "flash.archived": .init(ar: "تمت أرشفة الطلب {order}", en: "Order {order} archived"),
    "flash.unarchived": .init(
      ar: "أُعيد الطلب {order} إلى طلباتك", en: "Order {order} is back in Your Orders"),
    "flash.archiveFromDetails": .init(
      ar: "افتح الطلب (Enter) ثم A لأرشفته", en: "Archive from the order: Enter, then A"),
    "flash.selectItems": .init(ar: "حدد سلعة واحدة على الأقل", en: "Check at least one item"),
    "flash.shipmentRefused": .init(
      ar: "لا يمكن إلغاء هذه الشحنة كاملة: {count} من سلعها لا يمكن إلغاؤها",
      en: "This whole shipment cannot be cancelled: {count} of its items cannot be cancelled"),
    "flash.windowClosed": .init(
      ar: "انتهت مهلة البائع لبعض السلع فأُزيل تحديدها",
      en: "A seller's window closed: those items were unchecked"),

    // MARK: Help (one per keymap entry)
    "helpScreen.title": .init(ar: "المفاتيح · {screen}", en: "Keys · {screen}"),
    "help.down": .init(ar: "النزول سطرًا", en: "Move down"),
    "help.up": .init(ar: "الصعود سطرًا", en: "Move up"),
    "help.pageDown": .init(ar: "الصفحة التالية", en: "Page down"),
    "help.pageUp": .init(ar: "الصفحة السابقة", en: "Page up"),
    "help.top": .init(ar: "إلى الأعلى", en: "Go to the top"),
    "help.bottom": .init(ar: "إلى آخر ما حُمّل", en: "Go to the last loaded row"),
    "help.open": .init(ar: "عرض تفاصيل الطلب", en: "View order details"),
    "help.nextView": .init(ar: "العرض التالي", en: "Next view"),
    "help.previousView": .init(ar: "العرض السابق", en: "Previous view"),
    "help.leftTab": .init(ar: "التبويب الذي على اليسار", en: "Tab to the left"),
    "help.rightTab": .init(ar: "التبويب الذي على اليمين", en: "Tab to the right"),
    "help.search": .init(
      ar: "البحث في العناوين وأرقام الطلبات", en: "Search titles and order numbers"),
    "help.cancel": .init(
      ar: "إلغاء السلع المحددة في هذا الطلب", en: "Cancel checked items in this order"),
    "help.archive": .init(ar: "أرشفة الطلب", en: "Archive the order"),
    "help.unarchive": .init(ar: "إعادة الطلب المؤرشف", en: "Restore an archived order"),
    "help.toggle": .init(
      ar: "تحديد السلعة أو الشحنة كاملة", en: "Check an item, or a whole shipment"),
    "help.toggleAll": .init(ar: "تحديد الكل أو لا شيء", en: "Check all or none"),
    "help.next": .init(ar: "متابعة", en: "Continue"),
    "help.confirm": .init(ar: "تأكيد", en: "Confirm"),
    "help.done": .init(ar: "تم", en: "Done"),
    "help.pickReason": .init(ar: "اختيار السبب برقمه", en: "Pick a reason by its number"),
    "help.back": .init(ar: "رجوع", en: "Back"),
    "help.clearSearch": .init(ar: "مسح البحث", en: "Clear the search"),
    "help.help": .init(ar: "المفاتيح", en: "Keys"),
    "help.language": .init(ar: "العربية / الإنجليزية", en: "Arabic / English"),
    "help.theme": .init(ar: "السمة التالية", en: "Next theme"),
    "help.redraw": .init(ar: "إعادة رسم الشاشة", en: "Redraw the screen"),
    "help.quit": .init(ar: "خروج", en: "Quit"),
    "help.close": .init(ar: "إغلاق هذه الشاشة", en: "Close this screen"),

    // MARK: Status-line hints (short forms of the help texts above)
    "hint.open": .init(ar: "التفاصيل", en: "details"),
    "hint.nextView": .init(ar: "العرض", en: "view"),
    "hint.search": .init(ar: "بحث", en: "search"),
    "hint.cancel": .init(ar: "إلغاء سلع", en: "cancel items"),
    "hint.archive": .init(ar: "أرشفة", en: "archive"),
    "hint.toggle": .init(ar: "تحديد", en: "check"),
    "hint.toggleAll": .init(ar: "الكل", en: "all"),
    "hint.next": .init(ar: "متابعة", en: "next"),
    "hint.confirm": .init(ar: "تأكيد", en: "confirm"),
    "hint.done": .init(ar: "تم", en: "done"),
    "hint.back": .init(ar: "رجوع", en: "back"),
    "hint.help": .init(ar: "المفاتيح", en: "keys"),
    "hint.quit": .init(ar: "خروج", en: "quit"),
  ]
}
