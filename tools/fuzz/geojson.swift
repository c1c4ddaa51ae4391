// libFuzzer target: the GeoJSON reader (and the JSON parser under it) must return or throw
// an InputError naming the file, never trap or overflow the stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  // The feature scan used by the byte-level camera reader: ranges inside the file, in order.
  let spans = bytes.withUnsafeBufferPointer { GeoJSONReader.featureSpans(bytes: $0, file: "fuzz.geojson") }
  var last = 0
  for r in spans ?? [] {
    if r.lowerBound < last || r.upperBound > bytes.count { fatalError("feature range outside the file") }
    last = r.upperBound
  }
  do {
    let fc = try GeoJSONReader.parse(bytes: bytes, file: "fuzz.geojson")
    for f in fc.features {
      if case .point(let p)? = f.geometry, !(abs(p.x) <= 180 && abs(p.y) <= 90) {
        fatalError("position out of range")
      }
    }
  } catch let e as InputError {
    if e.file != "fuzz.geojson" { fatalError("error without the file") }
  } catch {
    fatalError("unexpected error type \(error)")
  }
  return 0
}
