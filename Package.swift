// swift-tools-version: 6.1
// talabati — a keyboard-driven terminal client for a shopper's orders.
// Module layout (one-way): Domain → Text → Store; Text → UI → Terminal → executable. The text
// layer imports the domain for `Words`, the one place that puts domain values into words for
// every front end (issue 11); the domain imports nothing but Foundation.
// See ../shared/ARCHITECTURE.md and README.md.
import PackageDescription

let package = Package(
  name: "talabati",
  products: [
    .executable(name: "talabati", targets: ["talabati"]),
    // For the nested benchmark package (Benchmarks/Package.swift), which can only depend on
    // products; nothing else links them.
    .library(name: "TalabatiDomain", targets: ["TalabatiDomain"]),
    .library(name: "TalabatiInterchange", targets: ["TalabatiInterchange"]),
    .library(name: "TalabatiStore", targets: ["TalabatiStore"]),
    .library(name: "TalabatiText", targets: ["TalabatiText"]),
    .library(name: "TalabatiUI", targets: ["TalabatiUI"]),
    .library(name: "TalabatiTerminal", targets: ["TalabatiTerminal"]),
    .library(name: "TalabatiImport", targets: ["TalabatiImport"]),
    .library(name: "TalabatiCSV", targets: ["TalabatiCSV"]),
    .library(name: "TalabatiServices", targets: ["TalabatiServices"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", exact: "1.19.7"),
    .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    // `talabati serve` (issue 10): the SSH server.
    .package(url: "https://github.com/apple/swift-nio-ssh", exact: "0.15.1"),
    .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
  ],
  targets: [
    // MARK: System libraries and C shims
    .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"])]),
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(
      name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    .target(name: "CSystemShims"),

    // MARK: Core modules
    .target(name: "TalabatiDomain"),
    // The JSON interchange document (`export`, `import FILE.json`): its types, canonical
    // encoding, decoding and validation (docs/interchange.md).
    .target(name: "TalabatiInterchange", dependencies: ["TalabatiDomain"]),
    .target(
      name: "TalabatiStore",
      dependencies: [
        "TalabatiDomain", "TalabatiInterchange", "TalabatiText",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .target(name: "TalabatiText", dependencies: ["TalabatiDomain", "CFriBidi", "CSystemShims"]),
    // A streaming RFC 4180 reader (no dependencies: fuzzable on its own).
    .target(name: "TalabatiCSV"),
    // QR codes for return labels, through libqrencode.
    .target(name: "TalabatiQR", dependencies: ["CQREncode"]),
    // Amazon order-history exports → orders in the store.
    .target(
      name: "TalabatiImport",
      dependencies: [
        "TalabatiCSV", "TalabatiDomain", "TalabatiInterchange", "TalabatiStore", "TalabatiText",
      ]
    ),
    // The theme types and the theme file format (TOML); used at run time for the user's theme
    // files and at build time for the built-in ones.
    .target(name: "TalabatiTheme", dependencies: ["TOMLKit"]),
    // Build-time tool: themes/*.toml → the Swift of the built-in themes (run by BuiltinThemes).
    .executableTarget(name: "TalabatiThemeGen", dependencies: ["TalabatiTheme"]),
    // The built-in themes are themes/*.toml, parsed at build time: no TOML parse at start.
    .plugin(
      name: "BuiltinThemes", capability: .buildTool(), dependencies: ["TalabatiThemeGen"]),
    .target(
      name: "TalabatiUI",
      dependencies: ["TalabatiDomain", "TalabatiText", "TalabatiTheme"],
      plugins: ["BuiltinThemes"]
    ),
    .target(
      name: "TalabatiTerminal",
      dependencies: ["TalabatiUI", "TalabatiText", "CNcursesw", "CSystemShims"]),
    // The one shopper service: every intent of the CLI and the client (front ends never import
    // the store).
    .target(
      name: "TalabatiServices",
      dependencies: [
        "TalabatiDomain", "TalabatiInterchange", "TalabatiStore", "TalabatiText", "TalabatiUI",
        "TalabatiImport", "TalabatiQR",
      ]
    ),
    // `talabati serve`: host key, key → store, limits, one pty and one child process per session.
    // Never imports ncurses: the children draw, the server relays bytes (ARCHITECTURE.md).
    .target(
      name: "TalabatiServe",
      dependencies: [
        "CSystemShims",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSH", package: "swift-nio-ssh"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .executableTarget(
      name: "talabati",
      dependencies: [
        "CSystemShims",
        // No TalabatiStore: commands and the client reach the store through TalabatiServices.
        "TalabatiDomain", "TalabatiText", "TalabatiUI", "TalabatiTerminal", "TalabatiImport",
        "TalabatiServices", "TalabatiServe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "TalabatiTestSupport",
      dependencies: [
        "TalabatiDomain", "TalabatiUI", "TalabatiText", "CSystemShims",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ]
    ),

    // MARK: Tests
    .testTarget(name: "TalabatiDomainTests", dependencies: ["TalabatiDomain"]),
    .testTarget(
      name: "TalabatiInterchangeTests", dependencies: ["TalabatiInterchange", "TalabatiDomain"]),
    .testTarget(
      name: "TalabatiStoreTests",
      dependencies: ["TalabatiStore", "TalabatiDomain", "TalabatiInterchange", "TalabatiText"]),
    .testTarget(
      name: "TalabatiTextTests",
      dependencies: [
        "TalabatiText", "TalabatiDomain",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "TalabatiUITests",
      dependencies: [
        "TalabatiUI", "TalabatiTestSupport", "TalabatiDomain", "TalabatiText",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(name: "TalabatiTerminalTests", dependencies: ["TalabatiTerminal", "TalabatiUI"]),
    .testTarget(
      name: "TalabatiCSVTests",
      dependencies: [
        "TalabatiCSV", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "TalabatiImportTests",
      dependencies: [
        "TalabatiImport", "TalabatiCSV", "TalabatiStore", "TalabatiDomain",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "TalabatiQRTests", dependencies: ["TalabatiQR"]),
    .testTarget(
      name: "TalabatiServeTests",
      dependencies: ["TalabatiServe", .product(name: "NIOSSH", package: "swift-nio-ssh")]),
    .testTarget(
      name: "TalabatiStressTests",
      dependencies: [
        "TalabatiStore", "TalabatiDomain", "TalabatiInterchange", "TalabatiText", "TalabatiUI",
        "TalabatiTerminal", "TalabatiTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "TalabatiServicesTests",
      dependencies: ["TalabatiServices", "TalabatiStore", "TalabatiDomain", "TalabatiUI"]),
    .testTarget(
      name: "TalabatiCLITests",
      dependencies: [
        "TalabatiStore", "TalabatiDomain", "TalabatiText", "TalabatiUI", "TalabatiTestSupport",
      ],
      exclude: ["__Golden__"]),
  ]
)
