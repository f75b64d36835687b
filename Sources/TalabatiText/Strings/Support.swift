// Labels of support, seller contact and account closure (R19–R23, R27–R29), shared by the
// command line and the full-screen client. Placeholders in braces are filled by the caller;
// numbers, dates and e-mail addresses arrive already isolated.
extension StringTable {
  static let supportEntries: [String: Entry] = [
    // MARK: Support line (R19, R20)
    "support.title": .init(ar: "الدعم", en: "Support"),
    "support.phone": .init(ar: "هاتف الدعم: {phone}", en: "Support phone: {phone}"),
    "support.hours": .init(
      ar: "ساعات العمل: من {opens} إلى {closes} بتوقيت السعودية",
      en: "Open {opens}–{closes} Saudi time (Asia/Riyadh)"),
    "support.open": .init(
      ar: "الخط مفتوح الآن — يُغلق {time}", en: "Open now — closes at {time}"),
    "support.closed": .init(ar: "الخط مغلق الآن — يفتح {time}", en: "Closed now — opens at {time}"),
    "support.nowRiyadh": .init(ar: "الوقت في الرياض: {time}", en: "Time in Riyadh: {time}"),
    // Times follow the account's time zone, never the environment's TZ (issue 13 item 18).
    "support.nowLocal": .init(
      ar: "وقت حسابك ({zone}): {time}", en: "Account time ({zone}): {time}"),
    "support.ready": .init(ar: "جهّز قبل الاتصال:", en: "Have ready before calling:"),
    "support.readyOrder": .init(ar: "رقم الطلب: {order}", en: "Order number: {order}"),
    "support.readyAccount": .init(
      ar: "الحساب: {name} · {email}", en: "Account: {name} · {email}"),

    // MARK: Call-backs (R21)
    "support.callbacks": .init(ar: "طلبات معاودة الاتصال", en: "Call-back requests"),
    "support.callbacks.empty": .init(
      ar: "لا توجد طلبات معاودة اتصال", en: "No call-back requests"),
    "support.callback.row": .init(
      ar: "{id} · {time} · {phone} · {state}", en: "{id} · {time} · {phone} · {state}"),
    "support.callback.state.pending": .init(ar: "بانتظار الموعد", en: "pending"),
    "support.callback.state.cancelled": .init(ar: "ملغى", en: "cancelled"),
    "support.callback.state.due": .init(ar: "حان موعده", en: "due"),
    "support.callback.done": .init(
      ar: "سيتصل بك الدعم في {time} على الرقم {phone}",
      en: "Support will call you at {time} on {phone}"),
    "support.callback.cancelled": .init(
      ar: "أُلغي طلب معاودة الاتصال {id}", en: "Call-back {id} cancelled"),

    // MARK: Fraud report (R22), seller contact (R7, R23)
    "support.fraud.done": .init(
      ar: "أُرسل بلاغك إلى {address}. شكرًا لك.",
      en: "Your report was sent to {address}. Thank you."),
    "support.seller.done": .init(
      ar: "سُجّلت رسالتك إلى البائع {seller} في سجل الطلب رقم {order}",
      en: "Your message to {seller} was recorded in the history of order {order}"),

    // MARK: Refusals (exit 3)
    "support.refusal.callback-outside-hours": .init(
      ar: "لا يمكن طلب معاودة الاتصال إلا بين 08:00 و24:00 بتوقيت السعودية",
      en: "A call-back can only be booked between 08:00 and 24:00 Saudi time"),
    "support.refusal.callback-in-past": .init(
      ar: "هذا الوقت مضى", en: "That time has already passed"),
    "support.refusal.callback-too-far-ahead": .init(
      ar: "يمكن طلب معاودة الاتصال خلال 14 يومًا على الأكثر",
      en: "A call-back can be booked at most 14 days ahead"),
    "support.refusal.callback-not-pending": .init(
      ar: "طلب معاودة الاتصال هذا لم يعد قائمًا", en: "That call-back is no longer pending"),
    "support.refusal.store-fulfilled": .init(
      ar: "هذه السلعة يبيعها ويشحنها المتجر نفسه: تواصل مع الدعم",
      en: "This item is sold and shipped by the store: contact support instead"),
    "support.refusal.closure-already-pending": .init(
      ar: "يوجد طلب إغلاق معلّق لهذا الحساب", en: "A closure of this account is already pending"),
    "support.refusal.closure-not-pending": .init(
      ar: "لا يوجد طلب إغلاق معلّق للتراجع عنه",
      en: "There is no pending account closure to withdraw"),
    "support.refusal.confirmation-mismatch": .init(
      ar: "ما كتبته لا يطابق، لم يُنفَّذ شيء",
      en: "What you typed does not match; nothing was done"),

    // MARK: Account (R27–R29)
    "account.title": .init(ar: "إعدادات الحساب", en: "Account settings"),
    "account.name": .init(ar: "الاسم: {name}", en: "Name: {name}"),
    "account.email": .init(ar: "البريد الإلكتروني: {email}", en: "E-mail: {email}"),
    "account.timeZone": .init(ar: "المنطقة الزمنية: {zone}", en: "Time zone: {zone}"),
    "closure.none": .init(ar: "لا يوجد طلب لإغلاق الحساب", en: "No account closure requested"),
    "closure.pending": .init(
      ar: "إغلاق الحساب معلّق حتى {date} — يمكنك التراجع عنه قبل ذلك",
      en: "Account closure pending until {date} — you can withdraw it before then"),
    "closure.due": .init(
      ar: "انتهت مهلة التراجع: تُحذف بيانات الحساب عند التشغيل التالي",
      en: "The pending period is over: the account's data is erased at the next start"),
    "closure.withdrawnState": .init(
      ar: "طلب الإغلاق السابق سُحب في {date}",
      en: "The last closure request was withdrawn on {date}"
    ),
    "closure.requested": .init(
      ar: "طُلب إغلاق حسابك. تُحذف بياناته في {date} ما لم تتراجع قبل ذلك.",
      en:
        "Your account closure is requested. Its data is erased on {date} unless you withdraw first."
    ),
    "closure.withdrawHow": .init(
      ar: "للتراجع: {command}", en: "To withdraw: {command}"),
    "closure.withdrawn": .init(
      ar: "تم التراجع عن إغلاق الحساب. لن يُحذف شيء.",
      en: "The account closure was withdrawn. Nothing will be erased."),
    "closure.warning": .init(
      ar: "تحذير: إغلاق الحساب يعني ما يلي:", en: "Warning: closing your account means:"),
    "closure.confirmHint": .init(
      ar: "لم يُنفَّذ شيء. للتأكيد أعد الأمر مع \u{2066}--confirm\u{2069}",
      en: "Nothing was done. To confirm, run the command again with --confirm"),
    "closure.reason.no-longer-needed": .init(
      ar: "لم أعد بحاجة إلى الحساب", en: "I no longer need the account"),
    "closure.reason.privacy": .init(ar: "مخاوف تتعلق بالخصوصية", en: "Privacy concerns"),
    "closure.reason.other-account": .init(ar: "لدي حساب آخر", en: "I have another account"),
    "closure.reason.bad-experience": .init(ar: "تجربة غير مرضية", en: "A bad experience"),
    "closure.reason.too-many-messages": .init(
      ar: "رسائل كثيرة جدًا", en: "Too many messages"),
    "closure.reason.other": .init(ar: "سبب آخر", en: "Other reason"),
    "closure.loss.order-history": .init(
      ar: "تفقد الوصول إلى سجل طلباتك كله، بما فيه الطلبات الملغاة والمؤرشفة",
      en: "You lose access to your whole order history, cancelled and archived orders included"),
    "closure.loss.personal-data": .init(
      ar: "تُحذف بياناتك الشخصية: الاسم والبريد الإلكتروني والإعدادات",
      en: "Your personal data is deleted: name, e-mail address, settings"),
    "closure.loss.pending-returns": .init(
      ar: "لا يمكنك متابعة المرتجعات والمبالغ المستردة الجارية",
      en: "Returns and refunds in progress can no longer be followed"),
    "closure.loss.messages": .init(
      ar: "تُحذف رسائل التأكيد وطلبات معاودة الاتصال والبلاغات",
      en: "Confirmation messages, call-back requests and reports are deleted"),
    "closure.loss.irreversible": .init(
      ar: "بعد انتهاء المهلة لا يمكن استعادة أي شيء",
      en: "After the pending period nothing can be recovered"),
    // MARK: Full-screen client (forms, flashes, keys)
    "support.flash.booked": .init(
      ar: "سُجّل طلب معاودة الاتصال في {time}", en: "Call-back booked for {time}"),
    "support.flash.cancelled": .init(
      ar: "أُلغي طلب معاودة الاتصال", en: "Call-back cancelled"),
    "support.flash.reported": .init(
      ar: "أُرسل بلاغك إلى {address}", en: "Your report was sent to {address}"),
    "support.flash.sellerMessaged": .init(
      ar: "أُرسلت رسالتك إلى البائع وسُجّلت في سجل الطلب",
      en: "Message sent to the seller and recorded in the order's history"),
    "closure.flash.requested": .init(
      ar: "طُلب إغلاق الحساب؛ يمكنك التراجع خلال المهلة",
      en: "Account closure requested; you can withdraw it during the pending period"),
    "support.form.callbackTitle": .init(ar: "طلب معاودة الاتصال", en: "Request a call-back"),
    "support.form.fraudTitle": .init(
      ar: "الإبلاغ عن رسالة أو موقع مشبوه", en: "Report a suspicious message or site"),
    "support.form.sellerTitle": .init(ar: "التواصل مع البائع", en: "Contact the seller"),
    "closure.confirmTitle": .init(ar: "تأكيد إغلاق الحساب", en: "Confirm closing the account"),
    "support.form.time": .init(
      ar: "متى نتصل بك؟ (بتوقيت {zone})", en: "When should we call you? ({zone} time)"),
    "support.form.timeHint": .init(
      ar:
        "مثل \u{2066}13:30\u{2069} أو \u{2066}2026-11-28 09:15\u{2069}"
        + " — بين 08:00 و24:00 بتوقيت السعودية",
      en: "e.g. 13:30 or 2026-11-28 09:15 — between 08:00 and 24:00 Saudi time"),
    "support.form.when": .init(ar: "الموعد: {time}", en: "Time: {time}"),
    "support.form.phone": .init(ar: "رقم هاتفك:", en: "Your phone number:"),
    "support.form.fraud": .init(
      ar: "الصق نص الرسالة أو عنوان الموقع المشبوه:",
      en: "Paste the suspicious message or the site's address:"),
    "support.form.fraudTo": .init(
      ar: "يُرسل البلاغ إلى {address}", en: "The report goes to {address}"),
    "support.form.sellerTo": .init(
      ar: "إلى: {seller} · السلعة: {title}", en: "To: {seller} · item: {title}"),
    "support.form.message": .init(ar: "رسالتك:", en: "Your message:"),
    "support.form.badTime": .init(
      ar: "لم أفهم الوقت؛ اكتب مثلًا 13:30", en: "Not a time I understand; type e.g. 13:30"),
    "support.form.badPhone": .init(
      ar: "رقم الهاتف من 7 إلى 15 رقمًا", en: "A phone number has 7 to 15 digits"),
    "support.form.empty": .init(ar: "اكتب شيئًا أولًا", en: "Type something first"),
    "closure.typeToConfirm": .init(
      ar: "للتأكيد اكتب {word} أو بريدك الإلكتروني ثم Enter",
      en: "To confirm, type {word} or your e-mail address, then Enter"),
    "closure.whyTitle": .init(
      ar: "لماذا تريد إغلاق حسابك؟", en: "Why do you want to close your account?"),
    "closure.period": .init(
      ar: "يبقى الطلب معلّقًا {period} يمكنك خلالها التراجع، ثم تُحذف البيانات نهائيًا",
      en: "The request stays pending {period}, when you can withdraw it; then the data is erased"
    ),
    "help.support": .init(ar: "الدعم والاتصال", en: "Support and contact"),
    "help.account": .init(ar: "إعدادات الحساب", en: "Account settings"),
    "help.callback": .init(ar: "طلب معاودة الاتصال", en: "Request a call-back"),
    "help.cancelCallback": .init(ar: "إلغاء طلب معاودة الاتصال", en: "Cancel the call-back"),
    "help.fraud": .init(ar: "الإبلاغ عن احتيال", en: "Report fraud"),
    "help.contactSeller": .init(ar: "التواصل مع البائع", en: "Contact the seller"),
    "help.closeAccount": .init(ar: "إغلاق الحساب", en: "Close the account"),
    "help.withdrawClosure": .init(ar: "التراجع عن الإغلاق", en: "Withdraw the closure"),
    "help.submit": .init(ar: "إرسال", en: "Send"),
    "hint.support": .init(ar: "الدعم", en: "support"),
    "hint.account": .init(ar: "الحساب", en: "account"),
    "hint.callback": .init(ar: "اتصل بي", en: "call me"),
    "hint.cancelCallback": .init(ar: "إلغاء", en: "cancel"),
    "hint.fraud": .init(ar: "احتيال", en: "fraud"),
    "hint.contactSeller": .init(ar: "البائع", en: "seller"),
    "hint.closeAccount": .init(ar: "إغلاق", en: "close"),
    "hint.withdrawClosure": .init(ar: "تراجع", en: "withdraw"),
    "hint.submit": .init(ar: "إرسال", en: "send"),
  ]
}
