import Foundation
import TalabatiDomain
import TalabatiTestSupport
import TalabatiText
import Testing

@testable import TalabatiUI

/// What the review of issue 13 found still wrong on the client's screens.
@Suite struct ReviewTests {
  func rows(_ d: DisplayDriver, _ w: Int, _ h: Int) -> [String] {
    view(d.model, width: w, height: h).text.split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
  }

  func joined(_ d: DisplayDriver, _ w: Int = 120, _ h: Int = 40) -> String {
    rows(d, w, h).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
  }

  // MARK: The status line never cuts a word (leftover c)

  /// Every screen (the list views, a search, every flow that explains a decision), both
  /// languages, narrow to wide: the status line shows whole words. Its left part (where the
  /// shopper is) gives way whole; a hint is shown whole or not at all. The Arabic search
  /// results at 80 columns showed `…ﺥ q`.
  @Test(arguments: [40, 52, 64, 80, 100, 120])
  func theStatusLineNeverCutsAWord(width: Int) {
    var flows = DisplayFlows.flows
    for query in ["Philips", "De'Longhi", "zzz"] {
      flows.append(
        (
          "search \(query)",
          { d in
            d.send(.list(.startSearch))
            for ch in query { d.send(.list(.searchTyped(ch))) }
            d.send(.list(.submitSearch))
          }
        ))
    }
    flows.append(("cancelled view", { d in d.send(.list(.nextView)) }))
    flows.append(
      (
        "archive view",
        { d in
          d.send(.list(.nextView))
          d.send(.list(.nextView))
        }
      ))
    flows.append(
      (
        "archive search",
        { d in
          d.send(.list(.nextView))
          d.send(.list(.nextView))
          d.send(.list(.startSearch))
          for ch in "a" { d.send(.list(.searchTyped(ch))) }
          d.send(.list(.submitSearch))
        }
      ))
    for lang in Language.allCases {
      for height in [12, 24] {
        for flow in flows {
          let d = DisplayFlows.driver(flow, lang: lang, width: width, height: height)
          let status = rows(d, width, height).last ?? ""
          #expect(
            !status.contains("…"), "\(flow.name) \(lang) \(width)x\(height): \(status)")
        }
      }
    }
  }

  // MARK: The help says what each key does, whole

  /// At 40 columns the help of the details cut `Cancel checked items in…`: what a key does
  /// explains it, so it wraps; scrolled through, every entry of every screen's help is whole.
  @Test(arguments: [40, 80])
  func helpExplainsEveryKeyWhole(width: Int) {
    for lang in Language.allCases {
      for flow in DisplayFlows.flows {
        var d = DisplayFlows.driver(flow, lang: lang, width: width, height: 12)
        if d.model.route == .help { continue }
        d.send(.showHelp)
        guard d.model.route == .help else { continue }
        var seen = ""
        for _ in 0..<30 {
          let body = rows(d, width, 12).dropFirst().dropLast(2)
          for row in body {
            #expect(!row.contains("…"), "\(flow.name) \(lang) \(width): \(row)")
          }
          seen += body.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") + " "
          d.send(.moveDown)
        }
        if lang == .en {
          for e in HelpScreen.entries(d.model) {
            #expect(seen.contains(tr(e.help, .en)), "\(flow.name): \(tr(e.help, .en))")
          }
        }
      }
    }
  }

  // MARK: Where a return's refund goes (leftover d, R15)

  /// The delivered order of the return flow, paid with `kind`.
  func orders(paidWith kind: PaymentKind) -> [Order] {
    DisplayFixtures.orders.map { o in
      guard o.id == DisplayFixtures.deliveredFryer.id else { return o }
      var paid = o
      paid.paymentMethod = PaymentMethod(kind: kind, last4: "")
      return paid
    }
  }

  /// A cash-on-delivery order's return is refunded to the account balance (the courier took
  /// cash, which cannot go back to "Cash on delivery"): the resolution choice, the
  /// confirmation, the result and the return status all say so; a gift card's goes to its
  /// balance.
  @Test(arguments: [PaymentKind.cashOnDelivery, .giftCard])
  func aReturnSaysWhereItsRefundReallyGoes(kind: PaymentKind) {
    for lang in Language.allCases {
      var d = DisplayDriver(lang: lang, width: 120, height: 40, orders: orders(paidWith: kind))
      let key =
        kind == .cashOnDelivery ? "refund.route.account-balance" : "refund.route.gift-card-balance"
      let destination = Bidi.visual(tr(key, lang), base: lang.direction).text
      let method = Bidi.visual(tr("payment.\(kind.rawValue)", lang), base: lang.direction).text
      DisplayFlows.returnSteps(&d)
      #expect(d.model.route == .returnResolution)
      var screens = [("resolution", joined(d))]
      d.press(.enter)
      screens.append(("confirm", joined(d)))
      d.press(.enter)
      #expect(d.model.route == .returnResult)
      screens.append(("result", joined(d)))
      d.send(.returns(.openReturns))
      screens.append(("status", joined(d)))
      for (name, text) in screens {
        #expect(text.contains(destination), "\(lang) \(name): \(text)")
        if kind == .cashOnDelivery {
          #expect(!text.contains(method), "\(lang) \(name) names cash on delivery: \(text)")
        }
      }
    }
  }

  // MARK: An unpaid cash-on-delivery cancel promises no refund by e-mail either

  /// The result of cancelling an unpaid cash-on-delivery order said "A confirmation with the
  /// details and the refund was sent": there is no refund. The e-mail line says what is sent.
  @Test func anUnpaidCancelResultPromisesNoRefundByMail() {
    for lang in Language.allCases {
      let orders = DisplayFixtures.orders.map { o -> Order in
        guard o.id == DisplayFixtures.fryer.id else { return o }
        var cod = o
        cod.paymentMethod = PaymentMethod(kind: .cashOnDelivery, last4: "")
        return cod
      }
      var d = DisplayDriver(lang: lang, width: 120, height: 40, orders: orders)
      DisplayFlows.cancelSteps(&d)
      d.send(.cancel(.toggleAllCancellable))
      d.send(.confirm)
      d.send(.cancel(.pickReason(0)))
      d.send(.confirm)
      let text = joined(d)
      #expect(
        !text.contains(
          lang == .en ? "and the refund" : Bidi.visual("والمبلغ المسترد", base: .rtl).text),
        "\(text)")
      if lang == .en { #expect(text.contains("A confirmation with the details was sent")) }
    }
  }

  // MARK: `r` is not offered when every delivered item is already being returned

  /// The details of an order whose delivered items all have a return in progress offered
  /// `r return`, which opened a list saying nothing can be returned (issue 12's class: a
  /// hint for a key that does nothing).
  @Test func returnIsNotOfferedWhenEverythingIsAlreadyReturned() {
    for lang in Language.allCases {
      var d = DisplayDriver(lang: lang, width: 120, height: 40)
      DisplayFlows.returnSteps(&d)
      d.press(.enter)
      d.press(.enter)
      #expect(d.model.route == .returnResult)
      d.send(.back)
      #expect(d.model.route == .detail)
      #expect(!Keymap.hints(in: d.model).contains { $0.action == .returns(.beginReturn) })
      d.press(.char("r"))
      #expect(d.model.route == .detail, "r opened \(d.model.route)")
      #expect(d.model.flash != nil, "r says why nothing happens")
    }
  }

  // MARK: The call-back question says how to answer it

  /// `x` asked "Cancel the call-back …?" while the status line still offered `b call me`
  /// and `f fraud`: nothing said that Enter answers yes. The line names Enter and Esc, and
  /// each does what it says.
  @Test(arguments: Language.allCases)
  func theCallbackQuestionNamesItsAnswers(lang: Language) {
    for size in [(80, 24), (40, 12)] {
      var model = Fixtures.model(lang: lang)
      model.accountName = Fixtures.account.name
      var d = TestDriver(
        model: model,
        service: InMemoryOrderService(orders: Fixtures.orders, account: Fixtures.account))
      d.start()
      d.press(.char("s"))
      let cb = CallbackRequest(
        id: 2, accountID: 1, orderID: nil, phone: "0501234567",
        at: Fixtures.now.addingTimeInterval(7200), requestedAt: Fixtures.now)
      d.send(.support(.loaded(callbacks: [cb], closure: nil)))
      d.press(.char("x"))
      #expect(d.model.support?.confirmingCancel == 2)
      let status =
        view(d.model, width: size.0, height: size.1).text.split(
          separator: "\n", omittingEmptySubsequences: false
        ).last.map(String.init) ?? ""
      let yes = Bidi.visual(tr("hint.answerCancelCallback", lang), base: lang.direction).text
      let no = Bidi.visual(tr("hint.keepCallback", lang), base: lang.direction).text
      #expect(status.contains("Enter") && status.contains(yes), "\(size): \(status)")
      #expect(status.contains("Esc") && status.contains(no), "\(size): \(status)")
      #expect(!status.contains("b "), "\(size): b is not an answer: \(status)")
      var keep = d
      keep.press(.escape)
      #expect(keep.model.support?.confirmingCancel == nil)
      #expect(keep.effects.last != .support(.cancelCallback(2)))
      #expect(keep.model.route == .support, "Esc keeps the call-back and the screen")
      d.press(.enter)
      #expect(d.effects.last == .support(.cancelCallback(2)))
    }
  }

  // MARK: A sentence is never cut in the source

  /// `Print the return label and stick it on` (the Arabic says "on the package"): an English
  /// string of the table never ends on a word that needs another after it.
  @Test func noEnglishStringEndsMidSentence() {
    let dangling: Set<String> = [
      "on", "to", "the", "a", "an", "of", "and", "or", "be", "in", "by", "with", "for", "from",
      "at", "is", "are", "will", "cannot", "can", "your", "its", "their",
    ]
    for (key, entry) in StringTable.entries {
      let last = entry.en.split(separator: " ").last.map {
        // As written: `then A` names the key A, not the article.
        String($0).trimmingCharacters(in: .punctuationCharacters)
      }
      #expect(!dangling.contains(last ?? ""), "\(key): \(entry.en)")
    }
  }

  @Test func theDomainDecidesEveryReturnsRoute() {
    #expect(RefundRoute.forReturn(paidWith: .cashOnDelivery) == .accountBalance)
    #expect(RefundRoute.forReturn(paidWith: .giftCard) == .giftCardBalance)
    for kind in [PaymentKind.card, .mada, .applePay] {
      #expect(RefundRoute.forReturn(paidWith: kind) == .originalMethod)
      #expect(RefundRoute.forCancellation(paidWith: kind) == .originalMethod)
    }
    #expect(
      !PaymentKind.allCases.contains {
        RefundRoute.forCancellation(paidWith: $0) == .accountBalance
      })
  }
}
