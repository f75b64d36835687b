import Foundation
import TalabatiDomain
import TalabatiText

/// The confirmation e-mail of a return or replacement (R11–R15), in Arabic and English.
/// Titles are untrusted: they go through `MailFormat.sanitize`. Identifiers in Arabic lines
/// are preceded by U+200E so their digit groups keep their order.
enum ReturnMessages {
  private static let lrm = "\u{200E}"

  static func subject(_ r: ReturnRecord, language: Language) -> String {
    switch (r.resolution, language) {
    case (.refund, .ar): "تأكيد طلب إرجاع من طلبك رقم \(lrm)\(r.orderID) (\(lrm)\(r.rma))"
    case (.replacement, .ar): "تأكيد طلب استبدال من طلبك رقم \(lrm)\(r.orderID) (\(lrm)\(r.rma))"
    case (.refund, .en): "Return requested for your order \(r.orderID) (\(r.rma))"
    case (.replacement, .en): "Replacement requested for your order \(r.orderID) (\(r.rma))"
    }
  }

  static func body(account: Account, record r: ReturnRecord, language: Language) -> String {
    let name = MailFormat.sanitize(account.name, limit: 80)
    let money = { (m: Money) in MailFormat.money(m, language: language) }
    let tz = TimeZone(identifier: account.timeZone) ?? .gmt
    let dropOff = day(r.timeline.dropOffBy, timeZone: tz)
    let lines = r.lines.map {
      "- \(MailFormat.sanitize($0.title)) × \($0.quantity) — \(money($0.amount))"
    }
    let address = ReturnAddress.lines.map { "  " + $0 }
    switch language {
    case .ar:
      var text = [
        "مرحبًا \(name)،", "",
        (r.resolution == .refund ? "سجّلنا طلب إرجاع" : "سجّلنا طلب استبدال")
          + " السلع التالية من طلبك رقم \(lrm)\(r.orderID):",
      ]
      text += lines
      text += [
        "السبب: \(reasonLabel(r.reason, .ar))",
        "رقم تفويض الإرجاع: \(lrm)\(r.rma)", "",
        "تعليمات التغليف:",
        "١. غلّف السلعة جيدًا في عبوة آمنة.",
        "٢. أرفق جميع الملحقات والقطع التي وصلت معها.",
        "٣. احذف بياناتك الشخصية من أي جهاز يحفظها.",
        "٤. اطبع ملصق الإرجاع (talabati label \(lrm)\(r.rma)) والصقه على الطرد.", "",
        "سلّم الطرد لشركة الشحن قبل \(lrm)\(dropOff) إلى العنوان:",
      ]
      text += address
      text.append("")
      if r.resolution == .refund {
        text.append(
          "بعد وصول الطرد وفحصه يُعاد \(money(r.refundAmount)) إلى "
            + refundDestination(r, language: .ar) + ".")
      } else {
        text.append(
          "تُشحن السلعة البديلة في الطلب رقم \(lrm)\(r.replacementOrderID ?? "")"
            + " دون أي رسوم بعد وصول الطرد.")
      }
      text += ["", "هذه رسالة آلية من طلباتي، يُرجى عدم الرد عليها."]
      return text.joined(separator: "\n")
    case .en:
      var text = [
        "Hello \(name),", "",
        "We have registered your "
          + (r.resolution == .refund ? "return" : "replacement request")
          + " for these items of your order \(r.orderID):",
      ]
      text += lines
      text += [
        "Reason: \(reasonLabel(r.reason, .en))",
        "Return authorisation (RMA): \(r.rma)", "",
        "Packing instructions:",
        "1. Pack the item safely.",
        "2. Include all accessories and parts that came with it.",
        "3. Remove your personal information from any device that holds it.",
        "4. Print the return label (talabati label \(r.rma)) and stick it on the package.", "",
        "Hand the package to the carrier by \(dropOff), addressed to:",
      ]
      text += address
      text.append("")
      if r.resolution == .refund {
        text.append(
          "Once it arrives and is inspected, \(money(r.refundAmount)) is refunded to "
            + refundDestination(r, language: .en) + ".")
      } else {
        text.append(
          "The replacement ships at no charge in order \(r.replacementOrderID ?? "")"
            + " once the package arrives.")
      }
      text += ["", "This is an automatic message from talabati; please do not reply."]
      return text.joined(separator: "\n")
    }
  }

  /// Where a return's refund goes (R15, `ReturnRecord.refundRoute`), in the words the client
  /// and the CLI print: a cash-on-delivery order's to the account balance.
  static func refundDestination(_ r: ReturnRecord, language: Language) -> String {
    switch r.refundRoute {
    case .accountBalance: tr("refund.route.account-balance", language == .ar ? .ar : .en)
    case .giftCardBalance: MessageTemplates.giftCardBalance(language)
    case .originalMethod, .notCharged:
      MessageTemplates.paymentLabel(r.paymentMethod, language: language)
    }
  }

  static func reasonLabel(_ reason: ReturnReason, _ language: Language) -> String {
    switch (reason, language) {
    case (.damaged, .ar): "وصلت تالفة"
    case (.defective, .ar): "معيبة أو لا تعمل"
    case (.notAsDescribed, .ar): "غير مطابقة للوصف"
    case (.noLongerNeeded, .ar): "لم أعد بحاجة إليها"
    case (.boughtByMistake, .ar): "اشتريتها بالخطأ"
    case (.wrongItem, .ar): "وصلتني سلعة خاطئة"
    case (.other, .ar): "سبب آخر"
    case (.damaged, .en): "Arrived damaged"
    case (.defective, .en): "Defective or does not work"
    case (.notAsDescribed, .en): "Not as described"
    case (.noLongerNeeded, .en): "No longer needed"
    case (.boughtByMistake, .en): "Bought by mistake"
    case (.wrongItem, .en): "Wrong item was sent"
    case (.other, .en): "Other"
    }
  }

  /// A calendar day `yyyy-MM-dd` in the account's time zone (Gregorian, Latin digits).
  static func day(_ date: Date, timeZone: TimeZone) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = timeZone
    let c = cal.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }
}
