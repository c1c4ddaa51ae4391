// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "camgap",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "camgap", targets: ["camgap"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
    .systemLibrary(
      name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(name: "CPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .target(name: "Support"),
    .target(name: "Geometry", dependencies: ["CGEOS", "CPROJ", "Support"]),
    .target(
      name: "Formats",
      dependencies: ["CGDAL", "Geometry", "Support", .product(name: "TOMLKit", package: "TOMLKit")]),
    .target(name: "Cameras", dependencies: ["Formats", "Geometry", "Support"]),
    .target(
      name: "Registry",
      dependencies: [
        "Cameras", "CPQ", "Formats", "Geometry", "Support", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "Audit", dependencies: ["Cameras", "Formats", "Geometry", "Support"]),
    .target(name: "Planning", dependencies: ["Audit", "Cameras", "Formats", "Geometry", "Support"]),
    .target(
      name: "Reports", dependencies: ["Audit", "Planning", "Cameras", "Formats", "Geometry", "Support"]),
    .executableTarget(
      name: "camgap",
      dependencies: [
        "Reports", "Planning", "Audit", "Registry", "Cameras", "Formats", "Geometry", "Support",
        "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "camgap-gen", dependencies: [], path: "tools/gen"),
    .executableTarget(
      name: "camgap-bench", dependencies: ["Audit", "Cameras", "Geometry", "Support"], path: "tools/bench"),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"]),
    .testTarget(name: "GeometryTests", dependencies: ["Geometry", "Support", "TestSupport"]),
    .testTarget(name: "FormatsTests", dependencies: ["Formats", "Geometry", "Support", "TestSupport"]),
    .testTarget(
      name: "CamerasTests", dependencies: ["Cameras", "Formats", "Geometry", "Support", "TestSupport"]),
    .testTarget(
      name: "AuditTests", dependencies: ["Audit", "Cameras", "Formats", "Geometry", "Support", "TestSupport"]),
    .testTarget(
      name: "RegistryTests",
      dependencies: ["Registry", "Cameras", "Formats", "Geometry", "Support", "TestSupport"]),
    .testTarget(
      name: "PlanningTests",
      dependencies: ["Planning", "Audit", "Cameras", "Formats", "Geometry", "Support", "TestSupport"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Audit", "Cameras", "Formats", "Geometry", "Support"]),
    .testTarget(name: "CLITests", dependencies: ["camgap", "TestSupport"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
