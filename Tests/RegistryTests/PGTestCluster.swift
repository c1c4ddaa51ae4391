import Foundation
import TestSupport
import XCTest

@testable import Registry

/// The PostgreSQL server of the registry tests (`ClusterScript.server`), one schema a test.
enum PGTestCluster {
  static var started: (uri: String?, failure: String) { ClusterScript.server }

  /// A connection whose search path starts at a fresh schema, dropped when the test ends, so
  /// tests (and test processes sharing one server) never see each other's tables.
  static func connect(_ test: XCTestCase) throws -> PGConnection {
    guard let uri = started.uri else {
      XCTFail(started.failure)
      throw PGError(target: "test cluster", message: started.failure)
    }
    let db = try PGConnection(uri)
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try db.executeScript("CREATE SCHEMA \(schema); SET search_path TO \(schema), public")
    test.addTeardownBlock {
      try? db.executeScript("SET client_min_messages = warning; DROP SCHEMA \(schema) CASCADE")
    }
    return db
  }
}
