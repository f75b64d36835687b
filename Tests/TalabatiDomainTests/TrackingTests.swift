import Foundation
import Testing

@testable import TalabatiDomain

/// R24–R26: every stage passed with its time, where it is now, expected delivery, delays and
/// the guidance when tracking does not answer.
@Suite struct TrackingTests {
  let h: TimeInterval = 3600

  @Test func stagesPassedCarryTheirTimesAndTheRestAreAhead() {
    let s = Fx.shipment(
      1, [Fx.item(1, .store)], startsAt: h, shippedAt: 5 * h, outAt: 30 * h,
      deliveredAt: 34 * h, expectedAt: 40 * h)
    let v = Tracking.view(of: s, at: Fx.at(10 * h))
    #expect(v.status == .shipped)
    #expect(v.location == .inTransit)
    #expect(v.steps.map(\.stage) == [.ordered, .preparing, .shipped, .outForDelivery, .delivered])
    #expect(v.steps.map(\.passed) == [true, true, true, false, false])
    #expect(v.steps.map(\.at) == [Fx.t0, Fx.at(h), Fx.at(5 * h), nil, nil])
    #expect(v.expectedDeliveryAt == Fx.at(40 * h))
    #expect(!v.delayed)
    #expect(v.guidance.isEmpty)
    #expect(v.trackingNumber == "SMSA1" && v.carrier == "SMSA")
  }

  @Test func pastTheExpectedDateItIsDelayedAndR25Applies() {
    let s = Fx.shipment(1, [Fx.item(1, .store)], startsAt: h, shippedAt: 5 * h, expectedAt: 24 * h)
    let v = Tracking.view(of: s, at: Fx.at(24 * h + 1))
    #expect(v.delayed)
    #expect(v.guidance == [.missingInfo])
    #expect(TrackingGuidance.missingInfo.steps.last == "contact-support")
  }

  @Test func noTrackingNumberOnItsWayIsMissingInformation() {
    var s = Fx.shipment(1, [Fx.item(1, .store)], startsAt: h, shippedAt: 2 * h, expectedAt: 90 * h)
    s.trackingNumber = " "
    #expect(Tracking.view(of: s, at: Fx.at(3 * h)).missingInfo)
    // Before it ships, no number yet is normal.
    #expect(!Tracking.view(of: s, at: Fx.at(1.5 * h)).missingInfo)
  }

  @Test func deliveredOffersTheNotReceivedSteps() {
    let s = Fx.shipment(
      1, [Fx.item(1, .store)], startsAt: h, shippedAt: 2 * h, outAt: 3 * h, deliveredAt: 4 * h,
      expectedAt: 5 * h)
    let v = Tracking.view(of: s, at: Fx.at(6 * h))
    #expect(v.location == .delivered)
    #expect(v.deliveredAt == Fx.at(4 * h))
    #expect(v.expectedDeliveryAt == nil)
    #expect(v.guidance == [.notReceived])
    // R26: look around, ask, wait, then support.
    #expect(
      TrackingGuidance.notReceived.steps == [
        "look-around", "ask-household", "wait", "contact-support",
      ])
  }

  /// A cancelled shipment was ordered, then cancelled: both stages passed with their times,
  /// and none of the stages it will never reach (issue 13: it showed "○ Ordered", unticked).
  @Test func aCancelledShipmentWasOrderedThenCancelled() {
    let s = Fx.shipment(
      1, [Fx.item(1, .store, cancelled: Fx.at(60))], startsAt: h, expectedAt: 9 * h)
    let v = Tracking.view(of: s, at: Fx.at(20 * h))
    #expect(v.status == .cancelled && v.location == .cancelled)
    #expect(
      v.steps == [
        TrackingStep(stage: .ordered, at: s.timeline.placedAt, passed: true),
        TrackingStep(stage: .cancelled, at: Fx.at(60), passed: true),
      ])
    #expect(!v.delayed && v.guidance.isEmpty)
  }
}
