import Geometry
import Support
import TestSupport
import XCTest

@testable import Formats

final class CatalogueReaderTests: XCTestCase {
  func fixture(_ name: String) -> String {
    Repo.root.appendingPathComponent("Tests/CLITests/Fixtures/sources/catalogue").appendingPathComponent(name)
      .path
  }

  func testTwoGBKPagesReadAsOneListOfCameras() throws {
    let path = fixture("raw/cameras.xml")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    // The file really is GBK: not UTF-8.
    XCTAssertNil(String(validating: bytes, as: UTF8.self))
    let cat = try CatalogueReader.read(path: path)
    XCTAssertEqual(cat.skippedNonCameras, 2)
    XCTAssertEqual(cat.collection.warnings, [])
    let fs = cat.collection.features
    XCTAssertEqual(fs.count, 8)
    XCTAssertEqual(fs.map(\.index), [0, 1, 2, 3, 5, 6, 7, 8])
    XCTAssertEqual(fs[0].property("id"), .string("33048200131310000000"))
    XCTAssertEqual(fs[0].property("name"), .string("东门球机"))
    XCTAssertEqual(
      fs.map { $0.property("kind")?.string ?? "" },
      ["ptz", "dome", "fixed", "fixed", "dome", "panoramic", "fixed", "fixed"])
    XCTAssertEqual(fs.map { $0.property("heading")?.number ?? -1 }, [-1, 90, 180, 0, 135, 45, 225, 315])
    XCTAssertEqual(fs.map { $0.property("class")?.string ?? "-" }, ["1", "2", "3", "-", "1", "2", "3", "-"])
    XCTAssertEqual(fs[1].property("fov"), .string("65"))
    XCTAssertEqual(fs[1].property("range"), .string("50"))
    XCTAssertEqual(fs[1].property("installed"), .string("2021-02-15"))
    XCTAssertEqual(fs[5].property("status"), .string("offline"))
    XCTAssertEqual(fs[0].property("status"), .string("active"))
    XCTAssertEqual(fs[0].geometry, .point(XY(121.0175, 30.6917)))
  }

  func testUTF8EqualsGBK() throws {
    let a = try CatalogueReader.read(path: fixture("raw/cameras.xml")).collection.features
    let b = try CatalogueReader.read(path: fixture("utf8/cameras.xml")).collection.features
    XCTAssertEqual(a.count, b.count)
    for (x, y) in zip(a, b) {
      XCTAssertEqual(x.geometry, y.geometry)
      XCTAssertTrue(x.properties.elementsEqual(y.properties) { $0.0 == $1.0 && $0.1 == $1.1 })
    }
  }

  func parse(_ text: String) throws -> CatalogueFile {
    try CatalogueReader.parse(bytes: Array(text.utf8), file: "c.xml")
  }

  func testErrorsNameTheFileAndLine() {
    XCTAssertThrowsError(
      try parse("<?xml version=\"1.0\"?>\n<Response>\n<CmdType>DeviceInfo</CmdType>\n</Response>\n")
    ) {
      XCTAssertEqual(
        "\($0)",
        "c.xml: line 3: field \"CmdType\": a DeviceInfo response, not a Catalog; export the catalogue")
    }
    XCTAssertThrowsError(
      try parse(
        "<Response>\n<CmdType>Catalog</CmdType>\n<DeviceList>\n<Item><Name>a</Nam></Item>\n</DeviceList></Response>\n"
      )
    ) {
      XCTAssertEqual("\($0)", "c.xml: line 4: not well-formed XML (an end tag does not match its start tag)")
    }
    XCTAssertThrowsError(try parse("<Response>\n<CmdType>Catalog</CmdType>\n<DeviceList>\n<Item>")) {
      XCTAssertEqual("\($0)", "c.xml: line 4: not well-formed XML (the file ends inside an element)")
    }
    XCTAssertThrowsError(try parse("<Query><CmdType>Catalog</CmdType></Query>")) {
      XCTAssertEqual(
        "\($0)", "c.xml: no GB/T 28181 Catalog response (<Response><CmdType>Catalog</CmdType>…) in the file")
    }
    XCTAssertThrowsError(try CatalogueReader.parse(bytes: [0x3C, 0x52, 0xFF, 0xFE], file: "c.xml")) {
      XCTAssertEqual("\($0)", "c.xml: not valid UTF-8, as its XML declaration says it is; check the encoding")
    }
  }

  func testCodesOutsideTheStandardAreWarnedAndPageTotalsChecked() throws {
    let cat = try parse(
      """
      <Response><CmdType>Catalog</CmdType><SumNum>3</SumNum><DeviceList Num="2">
      <Item><DeviceID>33048200001320000001</DeviceID><Status>ON</Status><Longitude>121</Longitude><Latitude>30</Latitude>
      <Info><PTZType>9</PTZType><DirectionType>0</DirectionType><PointType>9</PointType></Info></Item>
      <Item><DeviceID>330482</DeviceID><Name>平湖市</Name></Item>
      </DeviceList></Response>
      """)
    XCTAssertEqual(cat.skippedNonCameras, 1)
    XCTAssertEqual(cat.collection.features[0].properties.map(\.0), ["id", "status"])
    XCTAssertEqual(
      cat.collection.warnings,
      [
        "c.xml: line 2: PTZType \"9\" is not in GB/T 28181; kind left as fixed",
        "c.xml: line 2: DirectionType \"0\" is not in GB/T 28181; no heading",
        "c.xml: the platform's SumNum is 3 but the file holds 2 items; a page of the answer may be missing",
      ])
  }
}
