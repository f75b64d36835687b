import Foundation
import TalabatiDomain
import TalabatiText

/// A one-field form: the call-back time then the phone (R21), a fraud report (R22), a message
/// to a seller (R7, R23), or the typed confirmation of a closure (R28). What is typed is
/// untrusted: shown sanitised, sent as typed.
enum SupportFormScreen: ScreenRenderer {
  static func title(_ model: AppModel, _ c: Canvas) -> String {
    switch model.supportForm?.kind {
    case .callbackTime?, .callbackPhone?: c.t("support.form.callbackTitle")
    case .fraud?: c.t("support.form.fraudTitle")
    case .sellerMessage?: c.t("support.form.sellerTitle")
    case .closeConfirm?, nil: c.t("closure.confirmTitle")
    }
  }

  static func draw(_ model: AppModel, _ c: inout Canvas, rows: Range<Int>) {
    guard let form = model.supportForm, rows.count >= 3 else { return }
    var lines = prompt(form, model, c.labels)
    let field = "› " + c.untrusted(form.text)
    lines.append(BodyLine(text: field, role: .accent, indent: 1))
    if let key = form.errorKey { lines.append(BodyLine(text: c.t(key), role: .error, indent: 1)) }
    // The field stays on screen: the prompt scrolls away first.
    // (Lines wrap, so the scroll is found from the last line's rows, not counted in lines.)
    drawBody(lines, &c, rows: rows, scroll: Int.max / 2, keep: lines.count - 1)
  }

  static func prompt(_ form: SupportForm, _ model: AppModel, _ l: Labels) -> [BodyLine] {
    switch form.kind {
    case .callbackTime:
      return [
        BodyLine(text: l.t("support.form.time", ["zone": l.id(model.timeZone)])),
        BodyLine(text: l.t("support.form.timeHint"), role: .dim, indent: 2),
      ]
    case .callbackPhone(let at):
      return [
        BodyLine(
          text: l.t(
            "support.form.when",
            [
              "time": Format.date(
                at, lang: l.lang, timeZone: model.timeZone, style: .numericDateTime)
            ]
          ), role: .success),
        BodyLine(text: l.t("support.form.phone")),
      ]
    case .fraud:
      return [
        BodyLine(text: l.t("support.form.fraud")),
        BodyLine(
          text: l.t("support.form.fraudTo", ["address": l.id(SupportPolicy.fraudAddress)]),
          role: .dim, indent: 2),
      ]
    case .sellerMessage(_, let itemID):
      let item = model.order?.item(itemID)
      return [
        BodyLine(
          text: l.t(
            "support.form.sellerTo",
            [
              "seller": l.untrusted(item?.seller.name ?? ""),
              "title": l.untrusted(item?.title ?? ""),
            ])),
        BodyLine(text: l.t("support.form.message")),
      ]
    case .closeConfirm:
      return [
        BodyLine(text: l.t("closure.loss.irreversible"), role: .warning),
        BodyLine(
          text: l.t(
            "closure.typeToConfirm",
            ["word": l.id(ClosurePolicy.confirmationWords[l.lang == .ar ? 0 : 1])])),
      ]
    }
  }
}
