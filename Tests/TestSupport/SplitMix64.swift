/// SplitMix64, the one seeded generator of the test suites: random scenes and files are the
/// same on every run, so a failure found once can be found again.
public struct SplitMix64: RandomNumberGenerator {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in `r`, from the top 53 bits.
  public mutating func next(in r: ClosedRange<Double>) -> Double {
    r.lowerBound + Double(next() >> 11) / Double(1 << 53) * (r.upperBound - r.lowerBound)
  }

  /// In 0..<n.
  public mutating func nextInt(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
