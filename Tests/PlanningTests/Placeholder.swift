import XCTest

final class PlanningTestsPlaceholder: XCTestCase {}
