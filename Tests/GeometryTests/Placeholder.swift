import XCTest

final class GeometryTestsPlaceholder: XCTestCase {}
