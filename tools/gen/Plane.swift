import Foundation

// Everything is laid out in metres on a local plane (x east, y north from the region's
// south-west corner) and mapped to WGS84 only when written, so sizes and spacings read as
// the planners think of them.

struct P {
  var x: Double
  var y: Double

  init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }

  static func + (a: P, b: P) -> P { P(a.x + b.x, a.y + b.y) }
  static func - (a: P, b: P) -> P { P(a.x - b.x, a.y - b.y) }
  static func * (a: P, k: Double) -> P { P(a.x * k, a.y * k) }

  var length: Double { (x * x + y * y).squareRoot() }
  var normalized: P {
    let l = length
    return l > 0 ? P(x / l, y / l) : P(0, 1)
  }
  /// Rotated a quarter turn counter-clockwise: the left-hand side when travelling along self.
  var left: P { P(-y, x) }

  func dot(_ o: P) -> Double { x * o.x + y * o.y }
  func cross(_ o: P) -> Double { x * o.y - y * o.x }
  func distance(to o: P) -> Double { (self - o).length }

  /// Rotated counter-clockwise by `degrees`.
  func rotated(_ degrees: Double) -> P {
    let r = degrees * .pi / 180
    return P(x * cos(r) - y * sin(r), x * sin(r) + y * cos(r))
  }
}

func lerp(_ a: P, _ b: P, _ t: Double) -> P { a + (b - a) * t }
func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { a + (b - a) * t }

/// Compass bearing of a direction vector, degrees clockwise from north in [0, 360).
func bearing(_ d: P) -> Double {
  normalizeDegrees(atan2(d.x, d.y) * 180 / .pi)
}

/// Unit vector of a compass bearing.
func direction(_ bearingDegrees: Double) -> P {
  let r = bearingDegrees * .pi / 180
  return P(sin(r), cos(r))
}

func normalizeDegrees(_ d: Double) -> Double {
  let m = d.truncatingRemainder(dividingBy: 360)
  return m < 0 ? m + 360 : m
}

/// Smallest absolute difference between two bearings.
func angleBetween(_ a: Double, _ b: Double) -> Double {
  let d = abs(normalizeDegrees(a - b))
  return min(d, 360 - d)
}

func distance(point p: P, segment a: P, _ b: P) -> Double {
  let ab = b - a
  let len2 = ab.dot(ab)
  if len2 == 0 { return p.distance(to: a) }
  let t = min(1, max(0, (p - a).dot(ab) / len2))
  return p.distance(to: a + ab * t)
}

func segmentsCross(_ a: P, _ b: P, _ c: P, _ d: P) -> Bool {
  let d1 = (b - a).cross(c - a)
  let d2 = (b - a).cross(d - a)
  let d3 = (d - c).cross(a - c)
  let d4 = (d - c).cross(b - c)
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0
    && d4 != 0
}

func distance(segment a: P, _ b: P, segment c: P, _ d: P) -> Double {
  if segmentsCross(a, b, c, d) { return 0 }
  return min(
    distance(point: a, segment: c, d), distance(point: b, segment: c, d),
    distance(point: c, segment: a, b), distance(point: d, segment: a, b))
}

/// Even-odd test on an open ring (last vertex not repeated).
func contains(ring: [P], _ p: P) -> Bool {
  var inside = false
  var j = ring.count - 1
  for i in 0..<ring.count {
    let a = ring[i]
    let b = ring[j]
    if (a.y > p.y) != (b.y > p.y) {
      let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
      if p.x < x { inside.toggle() }
    }
    j = i
  }
  return inside
}

func signedArea(_ ring: [P]) -> Double {
  var s = 0.0
  var j = ring.count - 1
  for i in 0..<ring.count {
    s += ring[j].cross(ring[i])
    j = i
  }
  return s / 2
}

/// RFC 7946 wants exterior rings counter-clockwise.
func counterClockwise(_ ring: [P]) -> [P] {
  signedArea(ring) < 0 ? Array(ring.reversed()) : ring
}

func centroidOfVertices(_ ring: [P]) -> P {
  var s = P(0, 0)
  for p in ring { s = s + p }
  return s * (1 / Double(ring.count))
}

struct Box {
  var minX: Double
  var minY: Double
  var maxX: Double
  var maxY: Double

  init(_ points: [P]) {
    minX = .infinity
    minY = .infinity
    maxX = -.infinity
    maxY = -.infinity
    for p in points {
      minX = min(minX, p.x)
      minY = min(minY, p.y)
      maxX = max(maxX, p.x)
      maxY = max(maxY, p.y)
    }
  }

  func inside(width: Double, height: Double, margin: Double) -> Bool {
    minX >= margin && minY >= margin && maxX <= width - margin && maxY <= height - margin
  }
}

/// A polyline with cumulative lengths, for placing things at a distance along a road.
struct Polyline {
  let points: [P]
  let cumulative: [Double]

  init(_ points: [P]) {
    self.points = points
    var c = [0.0]
    c.reserveCapacity(points.count)
    for i in 1..<points.count {
      c.append(c[i - 1] + points[i].distance(to: points[i - 1]))
    }
    cumulative = c
  }

  var length: Double { cumulative[cumulative.count - 1] }

  /// Index of the segment holding distance `s`.
  func segment(at s: Double) -> Int {
    var low = 0
    var high = points.count - 2
    while low < high {
      let mid = (low + high + 1) / 2
      if cumulative[mid] <= s { low = mid } else { high = mid - 1 }
    }
    return low
  }

  func point(at s: Double) -> P {
    let s = min(max(0, s), length)
    let i = segment(at: s)
    let segLength = cumulative[i + 1] - cumulative[i]
    let t = segLength > 0 ? (s - cumulative[i]) / segLength : 0
    return lerp(points[i], points[i + 1], t)
  }

  func tangent(at s: Double) -> P {
    let i = segment(at: min(max(0, s), length))
    return (points[i + 1] - points[i]).normalized
  }

  /// Distance along the line of the point nearest to `p`.
  func locate(_ p: P) -> Double {
    var best = (distance: Double.infinity, s: 0.0)
    for i in 0..<(points.count - 1) {
      let ab = points[i + 1] - points[i]
      let len2 = ab.dot(ab)
      let t = len2 > 0 ? min(1, max(0, (p - points[i]).dot(ab) / len2)) : 0
      let d = p.distance(to: points[i] + ab * t)
      if d < best.distance { best = (d, cumulative[i] + t * len2.squareRoot()) }
    }
    return best.s
  }

  /// The stretch between distances s0 < s1, vertices included.
  func slice(_ s0: Double, _ s1: Double) -> [P] {
    var out = [point(at: s0)]
    for i in 0..<points.count where cumulative[i] > s0 && cumulative[i] < s1 {
      out.append(points[i])
    }
    out.append(point(at: s1))
    return out
  }
}

/// Outline of a polyline widened by `halfWidth` each side with mitred joins; valid for the
/// gently bending roads generated here (turns well under 60°, segments much longer than wide).
func corridor(_ line: [P], halfWidth: Double) -> [P] {
  func offsets(_ side: Double) -> [P] {
    var out: [P] = []
    for i in 0..<line.count {
      let dirIn = i > 0 ? (line[i] - line[i - 1]).normalized : (line[1] - line[0]).normalized
      let dirOut =
        i < line.count - 1 ? (line[i + 1] - line[i]).normalized : dirIn
      let nIn = dirIn.left
      let nOut = dirOut.left
      let bis = (nIn + nOut).normalized
      let cosHalf = max(0.5, bis.dot(nIn))
      out.append(line[i] + bis * (side * halfWidth / cosHalf))
    }
    return out
  }
  let leftSide = offsets(1)
  let rightSide = offsets(-1)
  return counterClockwise(rightSide + leftSide.reversed())
}

/// Regular-ish polygon whose vertices sit at strictly increasing angles around `center`,
/// hence simple whatever the radial jitter.
func starPolygon(
  center: P, radiusX: Double, radiusY: Double, vertices: Int, radialJitter: Double,
  rotation: Double, rng: inout Rng
) -> [P] {
  var out: [P] = []
  let step = 360.0 / Double(vertices)
  for k in 0..<vertices {
    let a = (Double(k) + rng.jitter(0.3)) * step
    let r = 1 + rng.jitter(radialJitter)
    let local = P(cos(a * .pi / 180) * radiusX * r, sin(a * .pi / 180) * radiusY * r)
    out.append(center + local.rotated(rotation))
  }
  return out
}

/// Rectangle of `width` (along `axis`) by `depth`, counter-clockwise.
func rectangle(center: P, axis: P, width: Double, depth: Double) -> [P] {
  let u = axis.normalized * (width / 2)
  let v = axis.normalized.left * (depth / 2)
  return [center - u - v, center + u - v, center + u + v, center - u + v]
}
