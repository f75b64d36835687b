// Labels of `talabati serve` and the presenter's clock (issue 10).
extension StringTable {
  static let serveEntries: [String: Entry] = [
    // The status line of a demo store whose session clock was moved forward (`+`, `*`).
    "presenter.offset": .init(ar: "+{minutes} د", en: "+{minutes} min"),
    // The help of a demo session (`?`): what the presenter's keys do.
    "help.presenter5": .init(
      ar: "تقديم ساعة العرض 5 دقائق", en: "Move the demo clock 5 minutes forward"),
    "help.presenter60": .init(
      ar: "تقديم ساعة العرض ساعة واحدة", en: "Move the demo clock one hour forward"),
  ]
}
