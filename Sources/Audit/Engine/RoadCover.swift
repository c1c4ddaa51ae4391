import Foundation
import Geometry

/// The stretches of road that no footprint covers, found segment by segment against the
/// footprints themselves: a road needs only where it runs inside some sector, never the
/// union of the sectors, so no polygon overlay is built for roads.
enum RoadCover {
  /// The uncovered parts of `lines`, as polylines. A stretch that runs on across a vertex
  /// of the road stays one line.
  static func uncovered(_ lines: [[XY]], by items: [FootprintSet.Item]) -> [[XY]] {
    var out: [[XY]] = []
    var current: [XY] = []
    func flush() {
      if current.count >= 2 { out.append(current) }
      current = []
    }
    for line in lines {
      for k in 0..<max(0, line.count - 1) {
        let a = line[k]
        let b = line[k + 1]
        let length = hypot(b.x - a.x, b.y - a.y)
        if length == 0 { continue }
        let box = BBox(points: [a, b])
        var parts: [[(Double, Double)]] = []
        for f in items where f.bbox.intersects(box) {
          let iv = SegmentCover.intervals(a, b, in: f.polygon)
          if !iv.isEmpty { parts.append(iv) }
        }
        func at(_ t: Double) -> XY {
          t == 0 ? a : (t == 1 ? b : XY(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
        }
        let open = SegmentCover.complement(SegmentCover.union(parts))
        var continued = false
        for (lo, hi) in open where (hi - lo) * length > 1e-9 {
          if lo == 0 && !current.isEmpty {
            current.append(at(hi))
          } else {
            flush()
            current = [at(lo), at(hi)]
          }
          continued = hi == 1
          if !continued { flush() }
        }
        if !continued { flush() }
      }
      flush()
    }
    return out
  }

  static func length(_ line: [XY]) -> Double {
    zip(line, line.dropFirst()).reduce(0.0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
  }
}
