import XCTest

final class CamerasTestsPlaceholder: XCTestCase {}
