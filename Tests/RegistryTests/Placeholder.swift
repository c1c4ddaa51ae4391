import XCTest

final class RegistryTestsPlaceholder: XCTestCase {}
