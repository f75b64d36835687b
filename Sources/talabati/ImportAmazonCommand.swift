import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiImport
import TalabatiServices
import TalabatiText

#if canImport(Glibc)
  import Glibc
#endif

/// `talabati import-amazon PATH`: brings Amazon order-history exports into the store (issue 6).
struct ImportAmazon: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-amazon",
    abstract: "Import Amazon's order-history CSV export (a CSV file or the unzipped folder).",
    discussion: """
      Reads 'Order History.csv' (or the older 'Retail.OrderHistory.N.csv'), groups its rows \
      by order and stores each order as imported history. Importing the same file again adds \
      nothing. A bad row never stops the import: it is reported with its line number, and the \
      order it belongs to is left out whole. See docs/amazon-import.md.
      Exit codes: 0 done (rejected rows are listed, not fatal) · 2 not an Amazon export · \
      4 no such file · 5 store error.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The CSV file, or the unzipped export folder.") var path: String
  @Option(help: "How many rejected rows to list (all are counted).")
  var maxRejected = 100
  @Flag(help: "Read and check the export, report what would happen, store nothing.")
  var dryRun = false

  func validate() throws {
    if !(0...100_000).contains(maxRejected) {
      throw ValidationError("--max-rejected must be between 0 and 100000")
    }
  }

  func run() throws {
    let clock = try global.clock()
    // No demo seeding here (unlike Context.open): imported history goes into a clean store.
    let (storePath, _) = try global.storeLocation()
    var options = AmazonImportOptions()
    options.maxReportedRows = maxRejected
    options.dryRun = dryRun
    let meter = ProgressMeter(
      enabled: !global.json && isatty(STDERR_FILENO) == 1,
      lang: (try? global.requestedLanguage()).flatMap { $0 } ?? .ar)
    let start = Date()
    let report: AmazonImportReport
    do {
      report = try Shopper.importAmazon(
        into: storePath, from: path, options: options, now: clock.now()
      ) { meter.update($0) }
    } catch let error as AmazonImportError {
      meter.finish()
      switch error {
      case .notFound: throw CLIFailure.notFound(Sanitizer.clean(error.description))
      case .notAnExport: throw CLIFailure.usage(Sanitizer.clean(error.description))
      case .unreadable: throw CLIFailure.notFound(Sanitizer.clean(error.description))
      }
    }
    meter.finish()
    let seconds = Date().timeIntervalSince(start)
    if global.json {
      try printJSON(ResultJSON(report, seconds: seconds))
      return
    }
    let lang = try global.requestedLanguage() ?? .ar
    let out = Output(lang: lang)
    func orders(_ n: Int) -> String { Words(lang).count(n, "order") }
    func rows(_ n: Int) -> String { Words(lang).count(n, "row") }
    let counts = [
      "orders": orders(report.ordersImported), "rows": rows(report.rowsRead),
      "skipped": "\(report.ordersSkipped)", "seconds": String(format: "%.1f", seconds),
    ]
    out.line(tr(dryRun ? "cli.importAmazon.dryRun" : "cli.importAmazon.done", lang, counts))
    if report.rejectedRowCount > 0 {
      out.line(
        tr(
          "cli.importAmazon.rejected", lang,
          ["rows": rows(report.rejectedRowCount), "orders": orders(report.ordersRejected)]))
      for r in report.rejectedRows {
        let file = (r.file as NSString).lastPathComponent
        let order = r.orderID.map {
          tr("cli.importAmazon.rejectedOrder", lang, ["order": Bidi.isolate(Sanitizer.clean($0))])
        }
        // file:line, the order number and the (English) reason are isolated: each keeps its
        // left-to-right order inside an Arabic line.
        out.line(
          tr(
            "cli.importAmazon.rejectedRow", lang,
            [
              // One left-to-right token, as editors and grep print it: file:line.
              "place": Bidi.isolate(Sanitizer.clean(file) + ":\(r.line)"),
              "order": order ?? "", "reason": Bidi.isolate(Sanitizer.clean(r.reason)),
            ]))
      }
      if report.rejectedRows.count < report.rejectedRowCount {
        out.line(
          tr(
            "cli.importAmazon.more", lang,
            ["count": "\(report.rejectedRowCount - report.rejectedRows.count)"]))
      }
    }
    if report.noticeRows > 0 {
      out.line(tr("cli.importAmazon.notices", lang, ["count": "\(report.noticeRows)"]))
    }
    if report.refundRows > 0 {
      out.line(
        tr(
          "cli.importAmazon.refunds", lang,
          [
            "stored": "\(report.refundsStored)", "rows": rows(report.refundRows),
            "present": "\(report.refundsAlreadyPresent)",
            "unmatched": "\(report.refundsUnmatched)",
          ]))
    }
    if report.returnRequestRows > 0 {
      out.line(
        tr("cli.importAmazon.returnRequests", lang, ["count": "\(report.returnRequestRows)"]))
    }
  }

  /// The `--json` result.
  struct ResultJSON: Encodable {
    var files: [String]
    var account: Int64
    var accountCreated: Bool
    var rowsRead: Int
    var noticeRows: Int
    var ordersImported: Int
    var ordersSkipped: Int
    var ordersRejected: Int
    var rejectedRowCount: Int
    var rejectedRows: [RejectedRow]
    var refundRows: Int
    var refundRowsMatched: Int
    var refundsStored: Int
    var refundsAlreadyPresent: Int
    var refundsUnmatched: Int
    var returnRequestRows: Int
    var unsupported: [String]
    var seconds: Double

    init(_ r: AmazonImportReport, seconds: Double) {
      files = r.files
      account = r.account
      accountCreated = r.accountCreated
      rowsRead = r.rowsRead
      noticeRows = r.noticeRows
      ordersImported = r.ordersImported
      ordersSkipped = r.ordersSkipped
      ordersRejected = r.ordersRejected
      rejectedRowCount = r.rejectedRowCount
      rejectedRows = r.rejectedRows
      refundRows = r.refundRows
      refundRowsMatched = r.refundRowsMatched
      refundsStored = r.refundsStored
      refundsAlreadyPresent = r.refundsAlreadyPresent
      refundsUnmatched = r.refundsUnmatched
      returnRequestRows = r.returnRequestRows
      unsupported =
        r.returnRequestRows > 0
        ? ["return requests are counted, not stored: the file does not name the items"] : []
      self.seconds = (seconds * 1000).rounded() / 1000
    }
  }
}

/// A one-line progress display on standard error: rows, rate and ETA (terminal only).
final class ProgressMeter {
  let enabled: Bool
  let out: Output
  let start = Date()
  var shown = false

  init(enabled: Bool, lang: Language) {
    self.enabled = enabled
    self.out = Output(lang: lang)
  }

  func update(_ p: AmazonImportProgress) {
    guard enabled else { return }
    let lang = out.lang
    let elapsed = max(Date().timeIntervalSince(start), 0.001)
    var text = tr(
      p.pass == 1 ? "cli.importAmazon.scanning" : "cli.importAmazon.importing", lang,
      ["rows": p.pass == 1 ? Format.quantity(p.rowsRead, unit: "row", lang: lang) : "\(p.rowsRead)"]
    )
    if p.pass == 2, let total = p.totalRows {
      text += tr("cli.importAmazon.ofRows", lang, ["total": "\(total)"])
    }
    if let totalBytes = p.totalBytes, totalBytes > 0 {
      // Pass 1 is about a third of the work: progress over both passes.
      let fraction = Double(p.bytesRead) / Double(totalBytes)
      let done = p.pass == 1 ? fraction / 3 : 1.0 / 3 + fraction * 2 / 3
      text += tr("cli.importAmazon.rate", lang, ["rate": "\(Int(Double(p.rowsRead) / elapsed))"])
      if done > 0.02 {
        text += tr(
          "cli.importAmazon.eta", lang, ["seconds": "\(Int((elapsed / done - elapsed).rounded()))"])
      }
    }
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + out.visualLine(text)).utf8))
    shown = true
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
  }
}
