import Foundation
import Support
import XCTest

@testable import Formats

final class OGRBundleFilesTests: XCTestCase {
  func bundle(_ names: [String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    for n in names {
      FileManager.default.createFile(atPath: dir.appendingPathComponent(n).path, contents: Data())
    }
    return dir.path
  }

  func testShapefileWithSidecarsIsOneLayer() throws {
    let dir = try bundle([
      "districts.shp", "districts.dbf", "districts.shx", "districts.prj", "districts.cpg",
      "districts.shp.xml",
      "cameras.xlsx", "zones.geojson", ".districts.tmp-1.gpkg", "roads.bak",
    ])
    XCTAssertEqual(try BundleFiles.locate(directory: dir, stem: "districts"), dir + "/districts.shp")
    XCTAssertEqual(try BundleFiles.locate(directory: dir, stem: "cameras"), dir + "/cameras.xlsx")
    XCTAssertEqual(try BundleFiles.locate(directory: dir, stem: "zones"), dir + "/zones.geojson")
    XCTAssertNil(try BundleFiles.locate(directory: dir, stem: "roads"))
    XCTAssertNil(try BundleFiles.locate(directory: dir, stem: "buildings"))
  }

  func testTwoFilesForOneLayerNameBoth() throws {
    let dir = try bundle(["cameras.csv", "cameras.geojson", "Cameras.GPKG"])
    XCTAssertThrowsError(try BundleFiles.locate(directory: dir, stem: "cameras")) { e in
      XCTAssertEqual(
        (e as? InputError)?.message,
        "Cameras.GPKG, cameras.csv and cameras.geojson are all the cameras layer; keep one, or name it in camgap.toml ([cameras] file = \"Cameras.GPKG\")"
      )
    }
  }

  func testTwoFilesAreBoth() throws {
    let dir = try bundle(["districts.geojson", "districts.shp", "districts.dbf"])
    XCTAssertThrowsError(try BundleFiles.locate(directory: dir, stem: "districts")) { e in
      XCTAssertEqual(
        (e as? InputError)?.message,
        "districts.geojson and districts.shp are both the districts layer; keep one, or name it in camgap.toml ([districts] file = \"districts.geojson\")"
      )
    }
  }

  func testMissingDirectoryIsBadInput() {
    XCTAssertThrowsError(try BundleFiles.locate(directory: "/nonexistent/bundle", stem: "districts")) { e in
      XCTAssertEqual((e as? InputError)?.description, "/nonexistent/bundle: cannot list the bundle directory")
    }
  }
}
