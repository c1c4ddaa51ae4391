import Cameras
import XCTest

final class DeviceIDTests: XCTestCase {
  // Hangzhou (330100), base unit 00, industry 00, network camera 132, police network 5.
  let valid = "33010000001325000001"

  func testValidCodes() {
    XCTAssertNil(DeviceID.problem(in: valid))
    // Beijing, plain camera type 131 on the private video network.
    XCTAssertNil(DeviceID.problem(in: "11010200001310000123"))
    // Internet (7), Hong Kong (81), Taiwan (71), Macao (82).
    XCTAssertNil(DeviceID.problem(in: "81000000001327999999"))
    XCTAssertNil(DeviceID.problem(in: "71000000001314000000"))
    XCTAssertNil(DeviceID.problem(in: "82000000001310000000"))
  }

  func testEveryProvinceCodeIsAccepted() {
    let provinces = [
      11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
      50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ]
    for code in 10...99 {
      let id = "\(code)010000001320000001"
      if provinces.contains(code) {
        XCTAssertNil(DeviceID.problem(in: id), id)
      } else {
        XCTAssertNotNil(DeviceID.problem(in: id), id)
      }
    }
  }

  func testLength() {
    XCTAssertEqual(
      DeviceID.problem(in: "330100000013"), DeviceIDProblem(message: "must be 20 digits, got 12"))
    XCTAssertEqual(DeviceID.problem(in: valid + "0")?.message, "must be 20 digits, got 21")
    XCTAssertEqual(DeviceID.problem(in: "")?.message, "must be 20 digits, got 0")
  }

  func testNonDigits() {
    XCTAssertEqual(
      DeviceID.problem(in: "3301000000132500000A")?.message, "must be 20 digits, found \"A\" at position 20")
    XCTAssertEqual(
      DeviceID.problem(in: " 3301000000132500001")?.message, "must be 20 digits, found \" \" at position 1")
    // Full-width digits are digits to Unicode but not to a GB/T 28181 platform.
    XCTAssertEqual(
      DeviceID.problem(in: "３3010000001325000001")?.message, "must be 20 digits, found \"３\" at position 1")
  }

  func testAdministrativeDivision() {
    let problem = DeviceID.problem(in: "00000000001325000001")
    XCTAssertEqual(
      problem?.message,
      "administrative division 000000 does not start with a Chinese province code (00 is not one)")
    XCTAssertEqual(
      DeviceID.problem(in: "99010000001325000001")?.message,
      "administrative division 990100 does not start with a Chinese province code (99 is not one)")
  }

  func testDeviceType() {
    XCTAssertEqual(
      DeviceID.problem(in: "33010000001185000001")?.message, "device type 118 is not a camera (131 or 132)")
    XCTAssertEqual(
      DeviceID.problem(in: "33010000002005000001")?.message, "device type 200 is not a camera (131 or 132)")
  }

  func testNetworkDigit() {
    for digit in ["6", "8", "9"] {
      XCTAssertEqual(
        DeviceID.problem(in: "3301000000132\(digit)000001")?.message, "network digit \(digit) is not 0-5 or 7"
      )
    }
    for digit in ["0", "1", "2", "3", "4", "5", "7"] {
      XCTAssertNil(DeviceID.problem(in: "3301000000132\(digit)000001"))
    }
  }

  func testProblemsAreReportedInReadingOrder() {
    // Wrong division, type and network at once: the division is named first.
    XCTAssertTrue(DeviceID.problem(in: "00000000001186000001")!.message.hasPrefix("administrative division"))
    // Wrong type and network: the type first.
    XCTAssertTrue(DeviceID.problem(in: "33010000001186000001")!.message.hasPrefix("device type"))
    XCTAssertEqual("\(DeviceID.problem(in: "1")!)", "must be 20 digits, got 1")
  }

  func testParts() throws {
    let parts = try XCTUnwrap(DeviceID.parts(of: "33010201081325012345"))
    XCTAssertEqual(parts.division, "33010201")
    XCTAssertEqual(parts.industry, "08")
    XCTAssertEqual(parts.type, "132")
    XCTAssertEqual(parts.network, "5")
    XCTAssertEqual(parts.serial, "012345")
    XCTAssertNil(DeviceID.parts(of: "33010201081185012345"))
    XCTAssertNil(DeviceID.parts(of: "3301"))
  }
}
