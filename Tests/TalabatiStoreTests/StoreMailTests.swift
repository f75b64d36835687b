import Foundation
import TalabatiDomain
import TalabatiText
import Testing

@testable import TalabatiStore

@Suite("Confirmation e-mails (R6, R9, R17)")
struct StoreMailTests {
  /// Splits a rendered message into unfolded headers and the body.
  func parse(_ message: String) -> (headers: [String: String], body: String) {
    let parts = message.components(separatedBy: "\n\n")
    var headers: [String: String] = [:]
    var last = ""
    for line in parts[0].split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(" ") {
        headers[last, default: ""] += String(line)
      } else if let colon = line.firstIndex(of: ":") {
        last = String(line[..<colon])
        headers[last] = String(line[line.index(after: colon)...].dropFirst())
      }
    }
    return (headers, parts.dropFirst().joined(separator: "\n\n"))
  }

  /// Decodes RFC 2047 B-encoded words separated by folding white space; every word must be
  /// ≤ 75 characters and hold whole UTF-8 sequences.
  func decodeWords(_ value: String) -> String? {
    var out = ""
    for word in value.split(separator: " ") {
      guard word.count <= 75, word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return nil }
      let payload = word.dropFirst(10).dropLast(2)
      guard let data = Data(base64Encoded: String(payload)),
        let text = String(data: data, encoding: .utf8)
      else { return nil }
      out += text
    }
    return out
  }

  func cancelledMessage(
    language: Language, title: String = "سماعة سوني",
    payment: PaymentMethod = PaymentMethod(kind: .card, last4: "4242")
  ) throws -> OutboxMessage {
    let db = try AppDatabase.inMemory()
    var account = Fixture.shopper
    account.language = language
    try db.createAccount(account)
    var o = Fixture.order(
      1, placedAt: Fixture.t0, shipments: [[(title, .store), ("كابل شحن", .store)]],
      price: 123_450)
    o.paymentMethod = payment
    _ = try db.insert(orders: [o], account: 1, actor: "t")
    try db.cancel(
      .items([o.items[0].id]), in: o.id, account: 1, reason: .changedMind,
      at: Fixture.t0.addingTimeInterval(60), actor: "t")
    return try #require(try db.outbox(account: 1, limit: 1).first)
  }

  /// The message is RFC 5322 with MIME headers; the Arabic subject round-trips through RFC 2047.
  @Test func arabicCancellationMessageIsWellFormed() throws {
    let sent = try cancelledMessage(language: .ar)
    let (headers, body) = parse(sent.message)
    #expect(headers["From"] == "talabati <no-reply@talabati.invalid>")
    #expect(headers["To"] == "<sara@example.com>")
    #expect(headers["MIME-Version"] == "1.0")
    #expect(headers["Content-Type"] == "text/plain; charset=utf-8")
    #expect(headers["Content-Transfer-Encoding"] == "8bit")
    #expect(headers["Message-ID"]?.hasSuffix("@talabati.invalid>") == true)
    // Asia/Riyadh is UTC+3: 08:54:20 UTC → 11:54:20 +0300.
    #expect(headers["Date"] == "Thu, 09 Oct 2025 11:54:20 +0300")
    let subject = try #require(headers["Subject"])
    #expect(decodeWords(subject) == sent.subject)
    #expect(sent.subject.contains("تأكيد إلغاء"))
    #expect(sent.subject.contains(Fixture.number(1)))
    // R9: the cancelled line, the refund breakdown and where it goes.
    #expect(body.contains("- سماعة سوني × 1 — 1,234.50 ر.س."))
    #expect(!body.contains("كابل شحن"))
    #expect(body.contains("الإجمالي المسترد: 1,234.50 ر.س."))
    #expect(body.contains("منها ضريبة القيمة المضافة: 161.02 ر.س."))
    #expect(body.contains("رسوم الشحن: 0.00 ر.س."))
    #expect(body.contains("4242"))
    #expect(sent.message.split(separator: "\n").allSatisfy { $0.utf8.count <= 998 })
  }

  @Test func englishAccountGetsEnglishMessage() throws {
    let sent = try cancelledMessage(language: .en)
    let (headers, body) = parse(sent.message)
    #expect(headers["Subject"] == sent.subject)  // plain ASCII needs no encoding
    #expect(body.contains("Total refund: SAR 1,234.50"))
    #expect(body.contains("Refunded to: card ending in 4242"))
  }

  /// R9 by payment kind (issue 13 item 2): an unpaid cash-on-delivery order promises no
  /// refund, a gift card is refunded to its balance, a card, mada or Apple Pay to the method.
  @Test(arguments: PaymentKind.allCases, [Language.ar, .en])
  func refundLinesFollowThePaymentKind(kind: PaymentKind, language: Language) throws {
    let last4 = kind == .card || kind == .mada ? "8516" : ""
    let sent = try cancelledMessage(
      language: language, payment: PaymentMethod(kind: kind, last4: last4))
    let body = parse(sent.message).body
    let ar = language == .ar
    let promisesMoney = body.contains(ar ? "الإجمالي المسترد" : "Total refund")
    switch kind {
    case .cashOnDelivery:
      #expect(!promisesMoney, "\(body)")
      #expect(!body.contains(ar ? "يُعاد المبلغ إلى" : "Refunded to"), "\(body)")
      #expect(
        body.contains(
          ar
            ? "لا شيء لتدفعه: لن يحصّل المندوب 1,234.50 ر.س. عن هذه السلع عند التوصيل."
            : "Nothing to pay: the courier will not collect SAR 1,234.50 for these items."),
        "\(body)")
    case .giftCard:
      #expect(promisesMoney, "\(body)")
      #expect(
        body.contains(ar ? "يُعاد المبلغ إلى: رصيد بطاقة الهدايا" : "Refunded to: gift card balance")
      )
    case .card, .mada, .applePay:
      #expect(promisesMoney, "\(body)")
      #expect(body.contains(ar ? "يُعاد المبلغ إلى: " : "Refunded to: "))
      if !last4.isEmpty { #expect(body.contains("8516"), "\(body)") }
      #expect(!body.contains(ar ? "رصيد" : "balance"), "\(body)")
    }
  }

  /// One word for one thing (issue 13 item 19): the e-mail names reasons and the refund total
  /// with the words the client and the CLI print (the string table's).
  @Test(arguments: [Language.ar, .en])
  func mailUsesTheStringTablesWords(language: Language) throws {
    let lang: Language = language == .ar ? .ar : .en
    for reason in CancelReason.allCases {
      #expect(
        MessageTemplates.reasonLabel(reason, language: language)
          == tr("reason.\(reason.rawValue)", lang), "\(reason)")
    }
    let body = parse(try cancelledMessage(language: language).message).body
    let amount = language == .ar ? "1,234.50 ر.س." : "SAR 1,234.50"
    let total = tr("refund.total", lang, ["amount": amount])
    #expect(body.contains(total), "\(total) not in:\n\(body)")
  }

  /// Every message the store sends is in the outbox under its own kind, newest first, with
  /// the same text as its Maildir file and one `message-sent` event each (R6, R12, R22).
  @Test func outboxListsCancellationsReturnsAndFraudReportsByKind() throws {
    let dir = try Fixture.tempDir()
    let db = try Fixture.memoryStore(maildir: dir + "/Maildir")
    var o = Fixture.order(
      5, placedAt: Fixture.t0, shipments: [[("كتاب", .store), ("قلم", .store)], [("كوب", .store)]])
    o.shipments[0].timeline.shippingStartsAt = Fixture.t0.addingTimeInterval(3600)
    o.shipments[0].timeline.shippedAt = Fixture.t0.addingTimeInterval(86_400)
    o.shipments[0].timeline.deliveredAt = Fixture.t0.addingTimeInterval(2 * 86_400)
    _ = try db.insert(orders: [o], account: 1, actor: "t")
    let cancelAt = Fixture.t0.addingTimeInterval(60)
    try db.cancel(
      .items([o.shipments[1].items[0].id]), in: o.id, account: 1, reason: .changedMind,
      at: cancelAt, actor: "t")
    let returnAt = Fixture.t0.addingTimeInterval(3 * 86_400)
    let r = try db.requestReturn(
      items: [o.items[0].id], in: o.id, account: 1, reason: .damaged, resolution: .refund,
      at: returnAt, actor: "t")
    try db.reportFraud(
      account: 1, text: "a fake parcel SMS", url: nil, now: returnAt.addingTimeInterval(60),
      actor: "t")

    let sent = try db.outbox(account: 1, limit: 10)
    #expect(sent.map(\.kind) == [.fraudReport, .returnRequested, .cancellation])
    #expect(sent.map(\.orderID) == [nil, o.id, o.id])
    #expect(sent[1].subject.contains(r.rma))
    #expect(parse(sent[1].message).headers["X-Talabati-Kind"] == "return")
    #expect(parse(sent[0].message).headers["X-Talabati-Kind"] == "fraud-report")
    #expect(sent[1].message.contains("أرفق جميع الملحقات"), "R12 in the outbox copy")
    for m in sent {
      let file = try #require(m.maildirFile)
      #expect(
        try String(contentsOfFile: dir + "/Maildir/new/" + file, encoding: .utf8) == m.message)
    }
    #expect(Fixture.files(dir + "/Maildir/new").count == 3)
    let messageEvents = try db.events(order: o.id, account: 1).filter { $0.kind == .messageSent }
    #expect(messageEvents.count == 2, "one message-sent per message of the order")
    #expect(
      messageEvents.map { Event.detailField("kind", of: $0.detail) } == ["cancellation", "return"])
  }

  /// Untrusted titles lose control characters and bidi overrides in mail too.
  @Test func titlesAreSanitised() throws {
    let sent = try cancelledMessage(language: .ar, title: "عطر\u{202E}gnp.exe\u{7}\nSubject: x")
    let body = parse(sent.message).body
    #expect(body.contains("عطرgnp.exe Subject: x"))
    #expect(!sent.message.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x07 })
  }

  /// Long subjects split into several words without cutting a UTF-8 sequence.
  @Test(arguments: [1, 7, 40, 120])
  func encodedWordsSplitOnScalarBoundaries(length: Int) {
    let subject = String(repeating: "إلغاء ", count: length) + "🛍️ end"
    let words = MailFormat.encodedWords(subject)
    #expect(words.allSatisfy { $0.count <= 75 })
    #expect(decodeWords(words.joined(separator: " ")) == MailFormat.sanitize(subject, limit: 400))
  }

  @Test(arguments: [
    (Int64(123_450), Language.ar, "1,234.50 ر.س."), (123_450, .en, "SAR 1,234.50"),
    (5, .ar, "0.05 ر.س."), (100_000_000, .en, "SAR 1,000,000.00"), (-250, .en, "SAR -2.50"),
  ])
  func moneyIsFormattedWithIntegers(minor: Int64, language: Language, text: String) {
    #expect(MailFormat.money(Money(minor: minor), language: language) == text)
  }

  /// One money format per language for every currency (issue 11): the e-mail writes an amount
  /// as the screens and the CLI do (`Format.money` without its isolates), with the currency's
  /// own decimals (KWD 3, JPY 0) and its Arabic symbol.
  @Test(arguments: ["SAR", "USD", "KWD", "JPY", "EUR", "AED", "CHF", "sar", "X!"])
  func mailMoneyIsTheScreensMoney(currency: String) {
    for minor: Int64 in [0, 5, 1_234, 123_450, -250, 100_000_000] {
      for (language, lang) in [(Language.ar, Language.ar), (.en, .en)] {
        let screen = String(
          String.UnicodeScalarView(
            Format.money(minor: minor, currency: currency, lang: lang).unicodeScalars.filter {
              !(0x2066...0x2069).contains($0.value)
            }))
        #expect(
          MailFormat.money(Money(minor: minor, currency: currency), language: language) == screen,
          "\(minor) \(currency) \(language)")
      }
    }
  }
}
