// libFuzzer target: the CSV reader must return or throw a line-numbered error, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  do {
    let t = try CSVTable(bytes: bytes)
    if t.rows.count != t.lineNumbers.count { fatalError("rows and line numbers differ") }
  } catch let e as CSVError {
    if e.line < 1 { fatalError("error without a line: \(e)") }
  } catch {
    fatalError("unexpected error type \(error)")
  }
  return 0
}
