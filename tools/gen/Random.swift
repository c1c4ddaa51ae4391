import Foundation

// The bundles are golden-test inputs, so the same seed must give the same bytes on every
// machine and Swift release; the standard library's generator promises neither.

/// Expands one 64-bit seed into well-mixed state words (Steele, Lea, Flood 2014).
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256** (Blackman, Vigna). Each part of a bundle draws from its own stream so that,
/// for example, adding buildings leaves the roads and districts of the same seed unchanged.
struct Rng {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }

  /// Uniform in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * unit()
  }

  /// Uniform in [-amplitude, amplitude).
  mutating func jitter(_ amplitude: Double) -> Double {
    uniform(-amplitude, amplitude)
  }

  /// Uniform in 0..<count (multiply-high, so no modulo bias worth noticing).
  mutating func below(_ count: Int) -> Int {
    precondition(count > 0)
    return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// Standard normal by Box–Muller; one value per call keeps the stream position simple.
  mutating func normal() -> Double {
    let u1 = max(unit(), 0x1.0p-53)
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

/// Draws indices in proportion to fixed weights.
struct WeightedTable {
  private var cumulative: [Double] = []

  init(_ weights: [Double]) {
    cumulative.reserveCapacity(weights.count)
    var total = 0.0
    for w in weights {
      total += max(0, w)
      cumulative.append(total)
    }
  }

  var isEmpty: Bool { cumulative.isEmpty || cumulative[cumulative.count - 1] <= 0 }

  func sample(_ rng: inout Rng) -> Int {
    let target = rng.unit() * cumulative[cumulative.count - 1]
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] > target { high = mid } else { low = mid + 1 }
    }
    return low
  }
}

/// Picks a value from (value, weight) pairs.
func weightedChoice<T>(_ options: [(T, Double)], _ rng: inout Rng) -> T {
  let total = options.reduce(0) { $0 + $1.1 }
  var target = rng.unit() * total
  for (value, weight) in options {
    if target < weight { return value }
    target -= weight
  }
  return options[options.count - 1].0
}
