// Labels of returns, replacements and tracking (R11–R16, R24–R26), for the UI and the CLI.
// Keys built from domain raw values: `returnReason.<ReturnReason>`,
// `returnRefusal.<ReturnRefusal>`, `returnStage.<ReturnStage>`, `category.<category code>`,
// `location.<TrackingLocation>`, `guidance.<TrackingGuidance>.<step>`. Arabic follows the
// article's vocabulary (إرجاع أو استبدال، حالة الإرجاع، ملصق الإرجاع، تتبع الشحنة).
extension StringTable {
  static let returnsEntries: [String: Entry] = [
    // MARK: Reasons (R11)
    "returnReason.damaged": .init(ar: "وصلت تالفة", en: "Arrived damaged"),
    "returnReason.defective": .init(ar: "معيبة أو لا تعمل", en: "Defective or does not work"),
    "returnReason.not-as-described": .init(ar: "غير مطابقة للوصف", en: "Not as described"),
    "returnReason.no-longer-needed": .init(ar: "لم أعد بحاجة إليها", en: "No longer needed"),
    "returnReason.bought-by-mistake": .init(ar: "اشتريتها بالخطأ", en: "Bought by mistake"),
    "returnReason.wrong-item": .init(ar: "وصلتني سلعة خاطئة", en: "Wrong item was sent"),
    "returnReason.other": .init(ar: "سبب آخر", en: "Other reason"),

    // MARK: Refusals (R16)
    "returnRefusal.cancelled": .init(ar: "ملغاة", en: "cancelled"),
    "returnRefusal.not-delivered": .init(ar: "لم تُسلَّم بعد", en: "not delivered yet"),
    "returnRefusal.not-returnable": .init(
      ar: "هذا النوع من السلع لا يُرجَع", en: "this kind of item cannot be returned"),
    "returnRefusal.window-closed": .init(
      ar: "انتهت مهلة الإرجاع في {date}", en: "the return window closed on {date}"),
    "returnRefusal.already-returned": .init(
      ar: "مطلوب إرجاعها من قبل", en: "already being returned"),

    // MARK: Stages (R14, R15)
    "returnStage.initiated": .init(ar: "تم طلب الإرجاع", en: "Initiated"),
    "returnStage.dropped-off": .init(ar: "تم تسليم الطرد للشحن", en: "Dropped off"),
    "returnStage.received": .init(ar: "وصل الطرد وجارٍ فحصه", en: "Received"),
    "returnStage.refund-issued": .init(ar: "تم استرداد المبلغ", en: "Refund issued"),
    "returnStage.replacement-shipped": .init(ar: "تم شحن البديل", en: "Replacement shipped"),

    // MARK: Policy (R16)
    "returns.policy.title": .init(ar: "سياسة الإرجاع", en: "Return policy"),
    "returns.policy.days": .init(
      ar: "{category}: {days} من التسليم", en: "{category}: {days} from delivery"),
    "returns.policy.none": .init(ar: "{category}: لا تُرجَع", en: "{category}: not returnable"),
    "returns.policy.other": .init(ar: "باقي الفئات", en: "Everything else"),
    "returns.policy.note": .init(
      ar: "آخر يوم يُحسب بتوقيتك المحلي حتى منتصف الليل",
      en: "The last day counts in your time zone, until midnight"),
    "category.books": .init(ar: "الكتب", en: "Books"),
    "category.fashion": .init(ar: "الأزياء", en: "Fashion"),
    "category.home": .init(ar: "المنزل", en: "Home"),
    "category.toys": .init(ar: "الألعاب", en: "Toys"),
    "category.electronics": .init(ar: "الإلكترونيات", en: "Electronics"),
    "category.grocery": .init(ar: "البقالة", en: "Grocery"),
    "category.beauty": .init(ar: "الجمال والعطور", en: "Beauty"),
    "category.digital": .init(ar: "المنتجات الرقمية", en: "Digital goods"),
    "category.gift-card": .init(ar: "بطاقات الهدايا", en: "Gift cards"),
    "category.general": .init(ar: "عام", en: "General"),

    // MARK: Packing instructions (R12)
    "returns.pack.title": .init(ar: "تعليمات التغليف", en: "Packing instructions"),
    "returns.pack.safely": .init(
      ar: "غلّف السلعة جيدًا في عبوة آمنة", en: "Pack the item safely"),
    "returns.pack.accessories": .init(
      ar: "أرفق جميع الملحقات والقطع التي وصلت معها",
      en: "Include all accessories and parts that came with it"),
    "returns.pack.personalData": .init(
      ar: "احذف بياناتك الشخصية من أي جهاز يحفظها",
      en: "Remove your personal information from any device that holds it"),
    "returns.pack.label": .init(
      ar: "اطبع ملصق الإرجاع والصقه على الطرد",
      en: "Print the return label and stick it on the package"),

    // MARK: Screens
    "returns.select.title": .init(ar: "إرجاع أو استبدال سلعة", en: "Return or replace items"),
    "returns.select.instructions": .init(
      ar: "اختر السلع المسلَّمة بالمسافة ثم Enter",
      en: "Tick delivered items with Space, then Enter"),
    "returns.select.until": .init(ar: "يمكن إرجاعها حتى {date}", en: "returnable until {date}"),
    "returns.select.count": .init(ar: "السلع المحددة: {count}", en: "Selected: {count}"),
    "returns.reason.title": .init(ar: "سبب الإرجاع", en: "Why are you returning it?"),
    "returns.resolution.title": .init(ar: "الاسترداد أم الاستبدال؟", en: "Refund or replacement?"),
    "returns.resolution.refund": .init(
      ar: "استرداد {amount} إلى {payment}", en: "Refund {amount} to {payment}"),
    "returns.resolution.replacement": .init(
      ar: "استبدالها بسلعة مماثلة دون رسوم", en: "Replace with the same item, no charge"),
    "returns.confirm.title": .init(ar: "تأكيد الإرجاع", en: "Confirm the return"),
    "returns.confirm.prompt": .init(
      ar: "اضغط Enter لتأكيد طلب الإرجاع", en: "Press Enter to request the return"),
    "returns.confirm.reason": .init(ar: "السبب: {reason}", en: "Reason: {reason}"),
    "returns.confirm.resolution": .init(ar: "المطلوب: {resolution}", en: "You get: {resolution}"),
    "returns.result.title": .init(ar: "تم طلب الإرجاع", en: "Return requested"),
    "returns.result.done": .init(
      ar: "رقم تفويض الإرجاع {rma} للطلب رقم {order}",
      en: "Return authorisation {rma} for order {order}"),
    "returns.result.replacementOrder": .init(
      ar: "يُشحن البديل في الطلب رقم {order}", en: "The replacement ships in order {order}"),
    "returns.result.refund": .init(
      ar: "يُعاد {amount} إلى {payment} بعد وصول الطرد وفحصه",
      en: "{amount} goes back to {payment} once it arrives and is inspected"),
    "returns.result.dropOff": .init(
      ar: "سلّم الطرد للشحن قبل {date}", en: "Hand the package to the carrier by {date}"),
    "returns.result.mail": .init(
      ar: "أرسلنا التأكيد إلى {email}", en: "Confirmation sent to {email}"),
    "returns.refused.title": .init(
      ar: "لا يمكن إرجاع السلع المحددة، لم يتغير شيء",
      en: "These items cannot be returned; nothing was changed"),
    "returns.label.title": .init(ar: "ملصق الإرجاع", en: "Return label"),
    "returns.label.rma": .init(ar: "رقم تفويض الإرجاع: {rma}", en: "RMA: {rma}"),
    "returns.label.address": .init(ar: "عنوان الإرجاع:", en: "Return address:"),
    "returns.label.saved": .init(ar: "حُفظ الملصق للطباعة في {path}", en: "Label saved to {path}"),
    "returns.label.print": .init(
      ar: "للطباعة: {command}", en: "To print: {command}"),
    "returns.status.title": .init(ar: "حالة الإرجاع", en: "Return status"),
    "returns.status.empty": .init(ar: "لا توجد مرتجعات", en: "No returns yet"),
    "returns.status.row": .init(
      ar: "{rma} · الطلب رقم {order} · {stage}", en: "{rma} · order {order} · {stage}"),
    "returns.status.overdue": .init(
      ar: "تأخّر تسليم الطرد للشحن عن {date}", en: "Not dropped off by {date}"),
    "returns.status.stagePassed": .init(ar: "✓ {stage} · {date}", en: "✓ {stage} · {date}"),
    "returns.status.stageAhead": .init(ar: "○ {stage}", en: "○ {stage}"),
    "returns.noneReturnable": .init(
      ar: "لا توجد في هذا الطلب سلع يمكن إرجاعها الآن",
      en: "No item of this order can be returned now"),

    // MARK: Tracking (R24–R26)
    "track.title": .init(ar: "تتبع الشحنة", en: "Track package"),
    "track.shipment": .init(
      ar: "الشحنة {n} من {count} · {status}", en: "Shipment {n} of {count} · {status}"),
    "track.carrier": .init(
      ar: "شركة الشحن {carrier} · رقم التتبع {number}",
      en: "Carrier {carrier} · tracking number {number}"),
    "track.noNumber": .init(ar: "لا يوجد رقم تتبع بعد", en: "No tracking number yet"),
    "track.now": .init(ar: "مكانها الآن: {location}", en: "Now: {location}"),
    "track.expected": .init(ar: "التوصيل المتوقع {date}", en: "Expected delivery {date}"),
    "track.deliveredAt": .init(ar: "تم التوصيل {date}", en: "Delivered {date}"),
    "track.delayed": .init(ar: "تأخرت أثناء النقل", en: "Delayed in transit"),
    "track.stagePassed": .init(ar: "✓ {stage} · {date}", en: "✓ {stage} · {date}"),
    "track.stageAhead": .init(ar: "○ {stage}", en: "○ {stage}"),
    "location.at-seller": .init(ar: "لدى البائع", en: "With the seller"),
    "location.fulfilment-centre": .init(ar: "في مركز التجهيز", en: "At the fulfilment centre"),
    "location.in-transit": .init(ar: "في الطريق مع شركة الشحن", en: "In transit with the carrier"),
    "location.with-courier": .init(ar: "مع المندوب في مدينتك", en: "With the courier in your city"),
    "location.delivered": .init(ar: "تم تسليمها", en: "Delivered"),
    "location.cancelled": .init(ar: "أُلغيت قبل الشحن", en: "Cancelled before shipping"),
    "guidance.missing-info.title": .init(
      ar: "لا تظهر معلومات التتبع؟", en: "No tracking information?"),
    "guidance.missing-info.check-email": .init(
      ar: "راجع رسالة تأكيد الشحن في بريدك الإلكتروني", en: "Check the shipping confirmation e-mail"
    ),
    "guidance.missing-info.wait": .init(
      ar: "انتظر قليلًا، فقد يتأخر تحديث التتبع", en: "Wait a little: tracking can lag"),
    "guidance.missing-info.contact-support": .init(
      ar: "اتصل بالدعم على {phone} ومعك رقم الطلب {order}",
      en: "Call support on {phone} with order number {order} ready"),
    "guidance.not-received.title": .init(
      ar: "تم التوصيل ولم تستلمها؟", en: "Delivered but not received?"),
    "guidance.not-received.look-around": .init(
      ar: "ابحث حول مكان التسليم (الباب، الحارس، صندوق البريد)",
      en: "Look around the delivery place (door, reception, mailbox)"),
    "guidance.not-received.ask-household": .init(
      ar: "اسأل الجيران وأهل البيت", en: "Ask your neighbours and household"),
    "guidance.not-received.wait": .init(
      ar: "انتظر حتى 48 ساعة، فقد يسبق التحديثُ التسليم",
      en: "Wait up to 48 hours: tracking can run ahead"),
    "guidance.not-received.contact-support": .init(
      ar: "اتصل بالدعم على {phone} ومعك رقم الطلب {order}",
      en: "Call support on {phone} with order number {order} ready"),

    // MARK: Keys
    "help.returnItems": .init(ar: "إرجاع أو استبدال سلع", en: "Return or replace items"),
    "hint.returnItems": .init(ar: "إرجاع", en: "return"),
    "help.track": .init(ar: "تتبع الشحنة", en: "Track package"),
    "hint.track": .init(ar: "تتبع", en: "track"),
    "help.returnStatus": .init(ar: "حالة الإرجاع", en: "Return status"),
    "hint.returnStatus": .init(ar: "المرتجعات", en: "returns"),
    "help.returnLabel": .init(ar: "عرض ملصق الإرجاع", en: "Show the return label"),
    "hint.returnLabel": .init(ar: "الملصق", en: "label"),
    "help.pickResolution": .init(
      ar: "اختيار الاسترداد أو الاستبدال", en: "Pick refund or replacement"),

    // MARK: CLI
    "cli.return.done": .init(
      ar: "تم طلب الإرجاع {rma} للطلب رقم {order}", en: "Return {rma} requested for order {order}"),
    "cli.return.replacementDone": .init(
      ar: "تم طلب الاستبدال {rma} للطلب رقم {order}",
      en: "Replacement {rma} requested for order {order}"),
    "cli.return.refused": .init(
      ar: "لا يمكن إرجاع السلع المحددة من الطلب رقم {order}، لم يتغير شيء",
      en: "Cannot return these items of order {order}; nothing was changed"),
  ]
}
