import XCTest

final class ReportsTestsPlaceholder: XCTestCase {}
