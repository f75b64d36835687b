import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiServices
import TalabatiText

/// `talabati track ORDER`: every shipment's carrier, tracking number, stages passed with their
/// times, where it is now, expected delivery and delays (R24), with the steps to follow when
/// tracking is missing (R25) or a delivered package did not arrive (R26).
struct Track: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Track an order's shipments: stages, where they are, expected delivery.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The order number.") var order: String

  struct StepJSON: Encodable {
    var stage: String
    var text: String
    var at: Date?
    var passed: Bool
  }

  struct GuidanceJSON: Encodable {
    var kind: String
    var title: String
    var steps: [String]
  }

  struct ShipmentJSON: Encodable {
    var id: Int64
    var carrier: String
    var trackingNumber: String
    var status: String
    var location: String
    var locationText: String
    var steps: [StepJSON]
    var expectedDeliveryAt: Date?
    var deliveredAt: Date?
    var delayed: Bool
    var guidance: [GuidanceJSON]
  }

  struct TrackJSON: Encodable {
    var order: String
    var supportPhone: String
    var shipments: [ShipmentJSON]
  }

  func run() throws {
    let ctx = try Context.open(global)
    let account = try ctx.requireAccount()
    let (o, views) = try ctx.shopper.track(order)
    let lang = ctx.lang
    func guidance(_ g: TrackingGuidance, isolate: Bool) -> GuidanceJSON {
      let args = [
        "phone": isolate ? Bidi.isolate(SupportPolicy.phoneNumber) : SupportPolicy.phoneNumber,
        "order": isolate ? orderNumber(o.id) : o.id,
      ]
      return GuidanceJSON(
        kind: g.rawValue, title: tr("guidance.\(g.rawValue).title", lang),
        steps: g.steps.map { tr("guidance.\(g.rawValue).\($0)", lang, args) })
    }
    if ctx.json {
      try printJSON(
        TrackJSON(
          order: o.id, supportPhone: SupportPolicy.phoneNumber,
          shipments: views.map { v in
            ShipmentJSON(
              id: v.shipmentID, carrier: v.carrier, trackingNumber: v.trackingNumber,
              status: v.status.rawValue, location: v.location.rawValue,
              locationText: Words(lang).location(v.location),
              steps: v.steps.map {
                StepJSON(
                  stage: $0.stage.rawValue, text: label($0.stage, lang), at: $0.at,
                  passed: $0.passed)
              }, expectedDeliveryAt: v.expectedDeliveryAt, deliveredAt: v.deliveredAt,
              delayed: v.delayed, guidance: v.guidance.map { guidance($0, isolate: false) })
          }))
      return
    }
    let out = Output(lang: lang)
    let tz = account.timeZone
    let w = Words(lang, timeZone: tz)
    func date(_ d: Date) -> String { w.date(d) }
    out.line(tr("track.title", lang) + " · " + orderNumber(o.id))
    for (n, v) in views.enumerated() {
      out.line()
      out.line(
        tr(
          "track.shipment", lang,
          [
            "n": Bidi.isolate("\(n + 1)"), "count": Bidi.isolate("\(views.count)"),
            "status": label(v.status, lang),
          ]))
      if v.trackingNumber.trimmingCharacters(in: .whitespaces).isEmpty {
        out.line("  " + tr("track.noNumber", lang))
      } else {
        out.line(
          "  "
            + tr(
              "track.carrier", lang,
              [
                "carrier": Bidi.firstStrong(Sanitizer.clean(v.carrier)),
                "number": Bidi.isolate(Sanitizer.clean(v.trackingNumber)),
              ]))
      }
      out.line(
        "  " + tr("track.now", lang, ["location": w.location(v.location)]))
      if v.delayed { out.line("  " + tr("track.delayed", lang)) }
      if let e = v.expectedDeliveryAt {
        // A day, not a moment: written like every expected delivery (the client's tracking).
        out.line("  " + tr("track.expected", lang, ["date": w.date(e, style: .date)]))
      }
      if let d = v.deliveredAt { out.line("  " + tr("track.deliveredAt", lang, ["date": date(d)])) }
      for s in v.steps {
        if s.passed, let at = s.at {
          out.line(
            "    "
              + tr("track.stagePassed", lang, ["stage": label(s.stage, lang), "date": date(at)]))
        } else if s.passed {
          // Passed without a recorded time: passed all the same (the client's tracking).
          out.line("    " + tr("track.stagePassedUndated", lang, ["stage": label(s.stage, lang)]))
        } else {
          out.line("    " + tr("track.stageAhead", lang, ["stage": label(s.stage, lang)]))
        }
      }
      for g in v.guidance {
        let j = guidance(g, isolate: true)
        out.line("  " + j.title)
        for (k, step) in j.steps.enumerated() { out.line("    \(k + 1). " + step) }
      }
    }
  }
}
