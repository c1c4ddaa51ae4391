import Cameras
import Foundation
import Geometry

/// Per-camera footprints in WGS84, for `camgap coverage`: what each camera sees after
/// blind zone and occlusion, without running the whole audit.
public enum FootprintExport {
  public static func footprints(_ input: AuditInput, options: AuditOptions) throws -> [CameraFootprint] {
    let fps = try FootprintBuilder.build(input, options: options, threads: max(1, options.threads))
    return try AuditEngine.cameraFootprints(input, fps: fps, proj: try Projector(crs: input.crs))
  }

  /// Nested DORI bands (identify ⊂ recognise ⊂ observe ⊂ detect) of every camera whose
  /// range follows from its resolution; other cameras have one range and are left out.
  public static func doriBands(_ input: AuditInput, options: AuditOptions) throws -> [(
    DORI, [CameraFootprint]
  )] {
    var banded = input
    banded.cameras = input.cameras.filter { pc in
      let c = pc.camera
      return c.range == nil && c.resolution != nil && (c.fov ?? c.kind.defaultFOV) < 180
    }
    var out: [(DORI, [CameraFootprint])] = []
    for level in [DORI.identify, .recognise, .observe, .detect] {
      var o = options
      o.optics.dori = level
      out.append((level, try footprints(banded, options: o)))
    }
    return out
  }
}
