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
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
    .systemLibrary(name: "CMalloc"),
    .target(name: "Geometry", dependencies: ["CGEOS", "CPROJ"]),
    .target(name: "Cameras", dependencies: ["Geometry"]),
    .target(
      name: "Registry",
      dependencies: [
        "Cameras", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "Audit", dependencies: ["Cameras", "Geometry"]),
    .target(name: "Planning", dependencies: ["Audit", "Cameras", "Geometry"]),
    .target(name: "Reports", dependencies: ["Audit", "Cameras", "Geometry"]),
    .executableTarget(
      name: "camgap",
      dependencies: [
        "Reports", "Planning", "Audit", "Registry", "Cameras", "Geometry", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "camgap-gen", dependencies: [], path: "tools/gen"),
    .executableTarget(
      name: "camgap-bench", dependencies: ["Audit", "Cameras", "Geometry"], path: "tools/bench"),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GeometryTests", dependencies: ["Geometry", "TestSupport"]),
    .testTarget(name: "CamerasTests", dependencies: ["Cameras", "Geometry", "TestSupport"]),
    .testTarget(name: "AuditTests", dependencies: ["Audit", "Cameras", "Geometry", "TestSupport"]),
    .testTarget(name: "RegistryTests", dependencies: ["Registry", "Cameras", "Geometry"]),
    .testTarget(
      name: "PlanningTests", dependencies: ["Planning", "Audit", "Cameras", "Geometry", "TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Audit", "Cameras", "Geometry"]),
    .testTarget(name: "CLITests", dependencies: ["camgap"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
