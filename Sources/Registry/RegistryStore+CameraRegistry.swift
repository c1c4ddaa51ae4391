import Cameras
import Foundation

/// The SQLite registry is the protocol's first backend: its operations are the ones the
/// protocol was drawn from, so only the names differ.
extension RegistryStore: CameraRegistry {
  public var target: String { path }

  public func appliedMigrations() throws -> [String] { try pragmas().schema }
}
