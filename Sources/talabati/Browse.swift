import ArgumentParser
import Foundation
import TalabatiDomain
import TalabatiStore
import TalabatiText

/// The full-screen client (the default command).
struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Open the full-screen client (the default when no subcommand is given).")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    // Until the full-screen client lands, print the order list.
    var orders = try Orders.parse([])
    orders.global = global
    try orders.run()
  }
}
