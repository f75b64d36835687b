// Labels of the keys themselves (issue 13): what a key does in this state, why a key does
// nothing here, the confirmations added for restoring and cancelling a call-back, the theme.
extension StringTable {
  static let keysEntries: [String: Entry] = [
    // MARK: Help and hints
    "help.quitNow": .init(ar: "خروج من البرنامج من أي شاشة", en: "Quit from any screen"),
    "help.submitSearch": .init(ar: "بحث", en: "Search"),
    "hint.submitSearch": .init(ar: "بحث", en: "search"),
    "help.cancelSearch": .init(ar: "إلغاء البحث", en: "Cancel the search"),
    "hint.cancelSearch": .init(ar: "إلغاء", en: "cancel"),
    "hint.unarchive": .init(ar: "إعادة", en: "restore"),
    "hint.clearSearch": .init(ar: "مسح البحث", en: "clear search"),

    // MARK: Restore (R18), asked as archiving is (R17)
    "restore.title": .init(ar: "إعادة الطلب", en: "Restore order"),
    "restore.question": .init(
      ar: "هل تريد إعادة الطلب {order} إلى طلباتك؟", en: "Restore order {order} to Your Orders?"),
    "restore.explain": .init(
      ar: "سيخرج من الطلبات المؤرشفة ويعود إلى طلباتك. يمكنك أرشفته مجددًا متى شئت.",
      en: "It leaves Archived orders and is back in Your Orders. Archive it again any time."),
    "restore.action": .init(
      ar: "Enter: إعادة الطلب · Esc: رجوع", en: "Enter: restore the order · Esc: back"),

    // MARK: Keys that cannot act here explain why (short: the message line is one row,
    // 40 columns at the smallest size)
    "flash.openOrderFirst": .init(
      ar: "افتح الطلب أولًا: Enter ثم {key}", en: "Open the order first: Enter, then {key}"),
    "flash.nothingToCancel": .init(
      ar: "لا شيء في هذا الطلب يمكن إلغاؤه الآن", en: "Nothing in this order can be cancelled"),
    "flash.cannotTick": .init(
      ar: "لا يمكن تحديدها: السبب في السطر التالي", en: "Cannot be checked: see the line below"),
    "flash.nothingDelivered": .init(
      ar: "لم يُسلَّم شيء بعد، فلا شيء يُرجع", en: "Nothing delivered yet: nothing to return"),
    "flash.nothingHere": .init(
      ar: "لا عمل لهذا المفتاح هنا؛ {key} للمفاتيح", en: "Nothing to do here; {key} lists the keys"),
    "flash.theme": .init(ar: "السمة: {theme}", en: "Theme: {theme}"),

    // MARK: Cancelling a call-back asks first (R21); Enter and Esc are on the status line
    "support.confirmCancel": .init(
      ar: "إلغاء معاودة الاتصال {time}؟", en: "Cancel the call-back {time}?"),
  ]
}
