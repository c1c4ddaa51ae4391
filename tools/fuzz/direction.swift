// libFuzzer target: the OSM direction parser must return or throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirection(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  if let views = try? OSMDirection.parse(String(decoding: bytes, as: UTF8.self)) {
    for v in views where !(v.heading >= 0 && v.heading < 360 && v.extraSweep >= 0) {
      fatalError("bad view \(v)")
    }
  }
  return 0
}
