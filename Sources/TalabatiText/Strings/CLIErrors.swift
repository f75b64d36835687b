// What the command line says when something goes wrong, in both languages (issue 13 item
// 16): the argument parser's common messages, the store's errors, and the CLI's own. Option
// names, values and paths arrive isolated by the caller.
extension StringTable {
  static let cliErrorEntries: [String: Entry] = [
    // MARK: usage (exit 2)
    "cli.error.help": .init(ar: "للمساعدة: {command}", en: "Run '{command}' for usage."),
    "cli.error.missingArgument": .init(
      ar: "ينقص مُعطى مطلوب: {what}", en: "Missing expected argument {what}"),
    "cli.error.missingValue": .init(
      ar: "الخيار {what} يحتاج إلى قيمة", en: "Missing value for {what}"),
    "cli.error.unknownOption": .init(ar: "خيار غير معروف: {what}.", en: "Unknown option {what}."),
    "cli.error.didYouMean": .init(ar: "هل تقصد {what}؟", en: "Did you mean {what}?"),
    "cli.error.unexpectedArgument": .init(
      ar: "مُعطى غير متوقع: {what}", en: "Unexpected argument {what}"),
    "cli.error.invalidValue": .init(
      ar: "القيمة {value} غير صالحة للخيار {what}", en: "The value {value} is invalid for {what}"),
    "cli.error.noValueTaken": .init(
      ar: "الخيار {what} لا يأخذ قيمة، وقد أُعطي {value}",
      en: "The option {what} takes no value, but {value} was given"),
    "cli.error.notReason": .init(
      ar: "{value} ليس رمز سبب؛ الرموز: {list} (انظر talabati reasons)",
      en: "{value} is not a reason code; one of: {list} (see talabati reasons)"),
    "cli.error.notItemID": .init(
      ar: "{option}: {value} ليس رقم سلعة", en: "{option}: {value} is not an item id"),
    "cli.error.noItem": .init(ar: "{option}: لم تُحدَّد أي سلعة", en: "{option}: no item selected"),
    "cli.error.notCursor": .init(
      ar: "--after: {value} ليس مؤشر صفحة طبعه talabati",
      en: "--after: {value} is not a cursor printed by talabati"),
    "cli.error.notInstant": .init(
      ar: "--now: {value} ليس لحظة بصيغة ISO-8601 مثل 2026-11-27T10:00:00Z",
      en: "--now: {value} is not an ISO-8601 instant such as 2026-11-27T10:00:00Z"),
    "cli.error.notLang": .init(
      ar: "--lang: {value} ليست إحدى اللغتين ar وen", en: "--lang: {value} is not one of ar, en"),
    "cli.error.oneOf": .init(
      ar: "اختر واحدًا فقط من {list}", en: "choose exactly one of {list}"),
    "cli.error.atMostOne": .init(
      ar: "اختر واحدًا على الأكثر من {list}", en: "choose at most one of {list}"),
    "cli.error.limit": .init(
      ar: "--limit بين 1 و1000", en: "--limit must be between 1 and 1000"),

    // MARK: not found (exit 4)
    "cli.error.noAccount": .init(
      ar: "لا يوجد حساب في هذا المتجر بعد: شغّل talabati import FILE.json أو talabati demo",
      en: "this store has no account yet: run 'talabati import FILE.json' or 'talabati demo'"),
    "cli.error.notFound": .init(ar: "غير موجود: {what}", en: "Not found: {what}."),
    "cli.error.notFound.order": .init(
      ar: "لا يوجد طلب رقمه {id} في حسابك", en: "There is no order {id} in your account."),
    "cli.error.notFound.account": .init(
      ar: "لا يوجد الحساب {id}", en: "There is no account {id}."),
    "cli.error.notFound.return": .init(
      ar: "لا يوجد طلب إرجاع رقمه {id}", en: "There is no return {id}."),
    "cli.error.notFound.callback": .init(
      ar: "لا يوجد طلب معاودة اتصال رقمه {id}", en: "There is no call-back {id}."),
    "cli.error.notFound.itemInOrder": .init(
      ar: "السلعة {id} ليست في الطلب رقم {order}", en: "Item {id} is not part of order {order}."),
    "cli.error.notFound.shipmentInOrder": .init(
      ar: "الشحنة {id} ليست في الطلب رقم {order}",
      en: "Shipment {id} is not part of order {order}."),

    // MARK: refused (exit 3) and store errors (exit 5)
    "cli.error.refused": .init(
      ar: "رُفض الطلب ولم يتغير شيء", en: "Refused; nothing was changed."),
    "cli.error.changedMeanwhile": .init(
      ar: "غيّرت جلسة أخرى الطلب في الأثناء؛ أعد المحاولة",
      en: "The order was changed by another session meanwhile; try again."),
    "cli.error.notADatabase": .init(
      ar: "{path} ليس متجر طلباتي (ليس قاعدة SQLite)، ولم يُمسّ",
      en: "{path} is not a talabati store (not an SQLite database); it was left untouched."),
    "cli.error.corrupt": .init(
      ar: "المتجر {path} تالف (أبلغت SQLite عن تلف)؛ استعده من نسخة احتياطية",
      en: "The store {path} is damaged (SQLite reports corruption); restore it from a backup."),
    "cli.error.readOnly": .init(
      ar: "المتجر {path} للقراءة فقط (الملف أو المجلد أو القرص): لا يستطيع طلباتي تغييره",
      en: "The store {path} is read-only (file, folder or disk): talabati cannot change it."),
    "cli.error.newerVersion": .init(
      ar: "كتب المتجرَ {path} إصدارٌ أحدث من طلباتي؛ حدّث طلباتي",
      en: "The store {path} was written by a newer talabati; please upgrade talabati."),
    "cli.error.io": .init(ar: "خطأ في التخزين: {message}", en: "Storage error: {message}."),
    "cli.error.invalidInput": .init(
      ar: "مُدخل غير صالح: {message}", en: "Invalid input: {message}."),
  ]
}
