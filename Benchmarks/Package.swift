// swift-tools-version:6.1
// talabati's benchmark suite (issue #7): package-benchmark, kept out of the root manifest so
// that plain builds and `make test` never fetch or compile it. Run from the repository root:
//   swift package --package-path Benchmarks benchmark
// See README.md beside this file.
import PackageDescription

let package = Package(
  name: "TalabatiBenchmarks",
  dependencies: [
    // The MallocInterposer trait alone: malloc counts without jemalloc, and without the
    // Swift 6.3 runtime interposer (RuntimeInterposer), which is not needed for these figures.
    .package(
      url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    .package(name: "talabati", path: ".."),
  ],
  targets: [
    // posix_openpt & co. and TIOCSWINSZ, which Swift's Glibc module does not declare.
    .target(name: "CBenchPty", path: "Sources/CBenchPty"),
    .executableTarget(
      name: "TalabatiBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "TalabatiDomain", package: "talabati"),
        .product(name: "TalabatiStore", package: "talabati"),
        .product(name: "TalabatiText", package: "talabati"),
        .product(name: "TalabatiUI", package: "talabati"),
        .product(name: "TalabatiTerminal", package: "talabati"),
        .product(name: "TalabatiImport", package: "talabati"),
        .product(name: "TalabatiCSV", package: "talabati"),
        .product(name: "TalabatiServices", package: "talabati"),
        "CBenchPty",
      ],
      path: "Benchmarks/TalabatiBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
