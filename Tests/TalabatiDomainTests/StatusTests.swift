import Foundation
import Testing

@testable import TalabatiDomain

/// Status derived from the timeline at an instant (R24), and delays.
@Suite("Status")
struct StatusTests {
  /// Placed t0, preparing +1 h, shipped +1 d, out for delivery +2 d, delivered +2 d 6 h,
  /// expected +3 d.
  static let timeline = Fx.shipment(
    10, [Fx.item(100, .store)], startsAt: 3600, shippedAt: 86_400, outAt: 2 * 86_400,
    deliveredAt: 2 * 86_400 + 6 * 3600, expectedAt: 3 * 86_400
  ).timeline

  static let boundaries: [(TimeInterval, Status, Status)] = [
    (3600, .preparing, .ordered),
    (86_400, .shipped, .preparing),
    (172_800, .outForDelivery, .shipped),
    (194_400, .delivered, .outForDelivery),
  ]

  @Test(
    "R24: every stage at its first instant, and the previous one a millisecond earlier",
    arguments: Self.boundaries)
  func stageBoundaries(offset: TimeInterval, stage: Status, before: Status) {
    #expect(Self.timeline.stage(at: Fx.at(offset)) == stage)
    #expect(Self.timeline.stage(at: Fx.at(offset - 0.001)) == before)
  }

  @Test("A --now before placement, and the placement instant itself, read as ordered")
  func beforePlacement() {
    #expect(Self.timeline.stage(at: Fx.at(-86_400)) == .ordered)
    #expect(Self.timeline.stage(at: Fx.t0) == .ordered)
    #expect(!Self.timeline.hasEnteredShipping(at: Fx.at(3599)))
    #expect(Self.timeline.hasEnteredShipping(at: Fx.at(3600)))
  }

  @Test("Delayed: expected delivery has passed and it is not delivered")
  func delayed() {
    var late = Self.timeline
    late.outForDeliveryAt = nil
    late.deliveredAt = nil
    #expect(!late.isDelayed(at: Fx.at(3 * 86_400)))  // at the expected instant: not yet
    #expect(late.isDelayed(at: Fx.at(3 * 86_400 + 1)))
    #expect(!Self.timeline.isDelayed(at: Fx.at(4 * 86_400)))  // delivered before expected
    var noExpectation = late
    noExpectation.expectedDeliveryAt = nil
    #expect(!noExpectation.isDelayed(at: Fx.at(30 * 86_400)))
  }

  @Test("An order's headline is its least advanced live item; all cancelled reads cancelled")
  func headline() {
    let o = Fx.order([
      Fx.shipment(10, [Fx.item(100, .store)], startsAt: 60, shippedAt: 120, deliveredAt: 600),
      Fx.shipment(11, [Fx.item(110, .store), Fx.item(111, .store, cancelled: Fx.at(30))]),
    ])
    let now = Fx.at(3600)
    #expect(o.statusSummary(at: now).counts == [.delivered: 1, .ordered: 1, .cancelled: 1])
    #expect(o.status(at: now) == .ordered)
    #expect(o.statusSummary(at: now).itemCount == 3)
    #expect(o.shipments[1].status(at: now) == .ordered)
    let all = Fx.order([Fx.shipment(10, [Fx.item(100, .store, cancelled: Fx.at(30))])])
    #expect(all.status(at: now) == .cancelled)
    #expect(all.shipments[0].status(at: now) == .cancelled)
    #expect(all.shipments[0].items[0].status(in: all.shipments[0], at: now) == .cancelled)
  }
}
