import TalabatiDomain

/// The fixed tables the demo generator picks from: products, sellers, carriers. Built once;
/// picking is an array index, so generating an order formats nothing but its ids.
enum DemoCatalog {
  /// One product: its title (Arabic, English or mixed), category, VAT-inclusive price in
  /// halalas, and who sells it (an index into `sellers`; 0 is the store itself).
  struct Product: Sendable {
    var title: String
    var category: String
    var price: Int64
    var seller: Int
  }

  /// Index 0 is the store (R2); every other seller is a third party (R3).
  static let sellers: [Seller] = [
    Seller(id: "amazon-sa", name: "Amazon.sa"),
    Seller(id: "s-jarir", name: "مكتبة جرير"),
    Seller(id: "s-techzone", name: "TechZone KSA"),
    Seller(id: "s-qahwa", name: "بيت القهوة العربية"),
    Seller(id: "s-anaqa", name: "متجر الأناقة"),
    Seller(id: "s-rashid", name: "Al-Rashid Trading Co."),
    Seller(id: "s-toyland", name: "ToyLand Riyadh"),
    Seller(id: "s-oud", name: "عطور الشرق | Oud Al-Sharq"),
    Seller(id: "s-dar", name: "دار الكتب العلمية"),
    Seller(id: "s-homeplus", name: "Home+ الرياض"),
  ]

  static let products: [Product] = [
    // electronics
    Product(
      title: "سماعات Sony WH-1000XM5 (أسود)", category: "electronics", price: 1_299_00, seller: 2),
    Product(title: "Anker PowerCore 20000mAh", category: "electronics", price: 189_00, seller: 0),
    Product(
      title: "Apple iPhone 15 Pro، 256 جيجابايت، تيتانيوم طبيعي", category: "electronics",
      price: 5_199_00, seller: 0),
    Product(
      title: "شاحن سريع USB-C بقدرة 65 واط", category: "electronics", price: 129_95, seller: 2),
    Product(title: "Samsung Galaxy Buds2 Pro", category: "electronics", price: 549_00, seller: 0),
    Product(
      title: "كيبورد لاسلكي Logitech MX Keys (عربي/إنجليزي)", category: "electronics",
      price: 449_00, seller: 0),
    Product(title: "Kindle Paperwhite 16GB", category: "electronics", price: 699_00, seller: 0),
    Product(title: "كابل HDMI 2.1 بطول 2 متر", category: "electronics", price: 39_50, seller: 5),
    Product(
      title: "ساعة Huawei Watch GT 4 (46 مم)", category: "electronics", price: 899_00, seller: 2),
    Product(
      title: "SanDisk Extreme 1TB Portable SSD", category: "electronics", price: 479_99, seller: 0),
    // books
    Product(title: "كتاب \"مقدمة ابن خلدون\"", category: "books", price: 85_00, seller: 1),
    Product(title: "دِيوانُ المُتَنَبِّي", category: "books", price: 64_00, seller: 8),
    Product(
      title: "رواية \"ثلاثية غرناطة\" – رضوى عاشور", category: "books", price: 72_45, seller: 1),
    Product(title: "Atomic Habits by James Clear", category: "books", price: 59_00, seller: 0),
    Product(
      title: "كتاب تعلّم البرمجة بلغة Swift للمبتدئين", category: "books", price: 98_00, seller: 1),
    Product(title: "صحيح البخاري (مجلدان)", category: "books", price: 145_00, seller: 8),
    Product(
      title: "The Pragmatic Programmer, 2nd Edition", category: "books", price: 189_50, seller: 0),
    Product(title: "مُعْجَمُ الوَسِيط", category: "books", price: 230_00, seller: 8),
    // grocery
    Product(title: "قهوة عربية 500 جم", category: "grocery", price: 42_00, seller: 3),
    Product(title: "تمر سكري فاخر 1 كجم", category: "grocery", price: 55_00, seller: 3),
    Product(title: "Nescafé Gold 200g", category: "grocery", price: 47_95, seller: 0),
    Product(title: "زيت زيتون بكر ممتاز 1 لتر", category: "grocery", price: 38_75, seller: 0),
    Product(title: "هيل حب أخضر 250 جم", category: "grocery", price: 61_50, seller: 3),
    Product(title: "مياه نوفا 330 مل × 40", category: "grocery", price: 19_90, seller: 0),
    Product(
      title: "Lipton Yellow Label Tea, 100 bags", category: "grocery", price: 21_45, seller: 0),
    // fashion
    Product(title: "شماغ البسام أحمر", category: "fashion", price: 245_00, seller: 4),
    Product(title: "ثوب رجالي قطن (مقاس 56)", category: "fashion", price: 189_00, seller: 4),
    Product(
      title: "Adidas Ultraboost 22 Running Shoes", category: "fashion", price: 599_00, seller: 0),
    Product(title: "عباية نسائية كريب أسود", category: "fashion", price: 320_00, seller: 4),
    Product(title: "Ray-Ban Aviator Classic", category: "fashion", price: 685_00, seller: 5),
    Product(title: "شنطة ظهر للابتوب 15.6 بوصة", category: "fashion", price: 149_00, seller: 5),
    // home
    Product(title: "دلة قهوة ستانلس ستيل 1.2 لتر", category: "home", price: 89_00, seller: 9),
    Product(title: "Philips Air Fryer XXL HD9650", category: "home", price: 1_149_00, seller: 0),
    Product(title: "طقم فناجين قهوة عربية (12 قطعة)", category: "home", price: 75_00, seller: 9),
    Product(title: "مكنسة Dyson V15 Detect", category: "home", price: 2_999_00, seller: 0),
    Product(title: "سجادة صلاة مبطنة", category: "home", price: 69_00, seller: 9),
    Product(title: "IKEA KALLAX Shelf Unit, white", category: "home", price: 299_00, seller: 5),
    Product(title: "مبخرة كهربائية USB", category: "home", price: 115_00, seller: 7),
    // beauty
    Product(title: "عطر دهن العود 12 مل", category: "beauty", price: 350_00, seller: 7),
    Product(title: "Nivea Soft Cream 200ml", category: "beauty", price: 24_95, seller: 0),
    Product(title: "بخور معمول فاخر 50 جم", category: "beauty", price: 95_00, seller: 7),
    Product(title: "CeraVe Hydrating Cleanser 473ml", category: "beauty", price: 79_00, seller: 0),
    Product(title: "مسك الطهارة 6 مل", category: "beauty", price: 18_50, seller: 7),
    // toys
    Product(title: "LEGO Classic Creative Box 11016", category: "toys", price: 229_00, seller: 0),
    Product(title: "لعبة تركيب حروف عربية خشبية", category: "toys", price: 49_00, seller: 6),
    Product(title: "سيارة تحكم عن بعد 1:16 (أحمر)", category: "toys", price: 139_00, seller: 6),
    Product(title: "UNO Card Game – Arabic Edition", category: "toys", price: 29_95, seller: 6),
    Product(
      title: "PlayStation 5 DualSense Controller", category: "toys", price: 329_00, seller: 0),
  ]

  /// Product indices per category, for the hand-written showcase.
  static func product(_ title: String) -> Int {
    products.firstIndex { $0.title == title } ?? 0
  }

  /// Carriers, and the store's own (used for store-fulfilled shipments more often).
  static let carriers = ["Aramex", "SMSA", "SPL", "Amazon Logistics"]

  static let payments: [PaymentKind] = [
    .mada, .mada, .mada, .card, .card, .applePay, .applePay,
    .cashOnDelivery, .giftCard,
  ]

  static let reasons: [CancelReason] = [
    .changedMind, .foundCheaper, .orderedByMistake,
    .deliveryTooLong, .duplicateOrder, .wrongAddress,
  ]
}
