import Cameras
import Formats
import Foundation
import Support

extension BundleLoader {
  /// The manifest a load follows: the one given (`--manifest`), else the bundle's
  /// `camgap.toml` when there is one, with the `--field` options over it (SPEC §3).
  static func manifest(_ dir: String, options: LoadOptions) throws -> Manifest {
    var base = options.manifest ?? Manifest()
    let path = (dir as NSString).appendingPathComponent(Manifest.fileName)
    if options.manifest == nil, FileManager.default.fileExists(atPath: path) {
      base = try Manifest.read(path: path, names: CameraFields.manifestNames)
    }
    return try base.overridden(by: options.fieldOptions)
  }

  /// A layer's file: the manifest's, else the one file named after the layer in any format
  /// OGR reads (`districts.shp`, `zones.gpkg`, …; two are an error naming both).
  static func layerPath(_ dir: String, _ layer: ManifestLayer, _ manifest: Manifest) throws -> String? {
    if let file = manifest[layer]?.file {
      return file.hasPrefix("/") ? file : (dir as NSString).appendingPathComponent(file)
    }
    return try BundleFiles.locate(directory: dir, stem: layer.rawValue)
  }

  /// An area layer in camgap's names (SPEC §5): renamed, translated and its required fields
  /// checked once for the whole file; the aliases taken are added to `warnings`.
  static func mapped(
    _ fc: FeatureCollection, _ layer: ManifestLayer, _ manifest: Manifest, warnings: inout [String]
  ) throws -> FeatureCollection {
    guard let vocabulary = AreaFields.vocabulary(layer) else { return fc }
    let (out, notices, _) = try FieldMapping.apply(fc, entry: manifest[layer], vocabulary: vocabulary)
    let missing = FieldCandidates.check(out, vocabulary: vocabulary)
    if !missing.isEmpty { throw InputErrors(missing) }
    warnings += notices
    return out
  }
}
