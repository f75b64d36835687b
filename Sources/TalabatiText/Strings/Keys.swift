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

    // MARK: Keys that cannot act here explain why
    "flash.openOrderFirst": .init(
      ar: "افتح الطلب أولًا (Enter)، ثم اضغط {key}",
      en: "Open the order first (Enter), then press {key}"),
    "flash.nothingToCancel": .init(
      ar: "لا شيء في هذا الطلب يمكن إلغاؤه الآن؛ سبب كل سلعة مذكور في التفاصيل",
      en: "Nothing in this order can be cancelled now; each item's details say why"),
    "flash.cannotTick": .init(
      ar: "لا يمكن تحديد هذه السلعة؛ السبب مذكور تحتها",
      en: "This item cannot be checked; the line under it says why"),
    "flash.nothingDelivered": .init(
      ar: "لم يُسلَّم شيء من هذا الطلب بعد؛ تُرجع السلع بعد تسليمها",
      en: "Nothing in this order has been delivered yet; items are returned once delivered"),
    "flash.nothingHere": .init(
      ar: "لا عمل لهذا المفتاح هنا؛ اضغط {key} لمفاتيح هذه الشاشة",
      en: "This key does nothing here; press {key} for this screen's keys"),
    "flash.theme": .init(ar: "السمة: {theme}", en: "Theme: {theme}"),

    // MARK: Cancelling a call-back asks first (R21)
    "support.confirmCancel": .init(
      ar: "إلغاء معاودة الاتصال في {time}؟ Enter: إلغاؤها · Esc: إبقاؤها",
      en: "Cancel the call-back at {time}? Enter: cancel it · Esc: keep it"),
  ]
}
