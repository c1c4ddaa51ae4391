import Foundation
import Geometry

/// The visible part of a footprint among buildings whose shadows are unbounded, built in
/// the plane without GEOS. A footprint meets every ray from its camera in one interval
/// [r_in(θ), r_out(θ)] (r_in = 0 at an apex), so what the camera sees is, per ray, the
/// stretch from r_in to the nearer of r_out and the first building wall. An angular sweep
/// over the walls facing the camera and the footprint's two chains gives that lower
/// envelope exactly: its vertices are footprint and building vertices, points where a ray
/// through a vertex meets an edge, and crossings of two edges.
enum Visibility {
  /// The sweep met a configuration it cannot settle robustly; the caller falls back to
  /// the overlay construction for this footprint.
  struct Undecided: Error {}

  /// The part of `footprint` seen from `c` past the polygons `walls`, exterior rings
  /// counter-clockwise and holes clockwise; empty when the walls hide it all.
  static func visible(_ footprint: PlanarPolygon, from c: XY, walls: [PlanarPolygon]) throws
    -> [PlanarPolygon]
  {
    guard let fan = Fan(footprint, c) else { throw Undecided() }
    var sweep = Sweep(fan: fan)
    for w in walls { sweep.addWalls(of: w) }
    // Walls only in the footprint's box, outside its angles or beyond its reach, hide
    // nothing: most buildings a sector's box holds are of that kind.
    if !sweep.segs.contains(where: { $0.kind == .wall }) { return [footprint] }
    let out = try sweep.run()
    var total = 0.0
    for p in out {
      guard Ring.signedArea(p.exterior) > 0 else { throw Undecided() }
      total += p.area
    }
    let whole = footprint.area
    guard total <= whole * (1 + 1e-9) else { throw Undecided() }
    return out
  }

  @inline(__always) static func cross(_ a: XY, _ b: XY) -> Double { a.x * b.y - a.y * b.x }
  @inline(__always) static func dot(_ a: XY, _ b: XY) -> Double { a.x * b.x + a.y * b.y }
  @inline(__always) static func sub(_ a: XY, _ b: XY) -> XY { XY(a.x - b.x, a.y - b.y) }

  /// A footprint in the camera's polar frame: the chain bounding it on the far side and,
  /// with a blind zone, on the near side, both in increasing angle from the direction `d0`.
  struct Fan {
    var c: XY
    var d0: XY
    /// The angle the footprint spans from `d0`, 2π for a 360° view.
    var span: Double
    var full: Bool
    var outer: [XY]
    /// Nil: the apex is at the camera.
    var inner: [XY]?

    /// Recognises the shapes of `Footprint.view`: a sector with its apex at `c`, an
    /// annular sector, a disc around `c` and a disc with a hole. Nil for anything else.
    init?(_ fp: PlanarPolygon, _ c: XY) {
      let ext = fp.exterior
      guard ext.count >= 4, ext.first == ext.last else { return nil }
      if fp.rings.count == 2 {
        let hole = fp.rings[1]
        guard Fan.signs(ext, c).allSatisfy({ $0 > 0 }), Fan.signs(hole, c).allSatisfy({ $0 < 0 }) else {
          return nil
        }
        self.init(full: Array(ext), inner: Array(hole.reversed()), c)
        return
      }
      guard fp.rings.count == 1 else { return nil }
      if ext[0] == c {
        let chain = Array(ext[1..<(ext.count - 1)])
        guard chain.count >= 2, Fan.signs(chain + [chain[0]], c).dropLast().allSatisfy({ $0 > 0 }) else {
          return nil
        }
        self.init(sector: chain, inner: nil, c)
        return
      }
      let s = Fan.signs(ext, c)
      if s.allSatisfy({ $0 > 0 }) {
        self.init(full: Array(ext), inner: nil, c)
        return
      }
      guard let (outer, inner) = Fan.annular(ext, s) else { return nil }
      self.init(sector: outer, inner: inner, c)
    }

    private init(full outer: [XY], inner: [XY]?, _ c: XY) {
      self.c = c
      d0 = sub(outer[0], c)
      span = 2 * .pi
      full = true
      self.outer = outer
      self.inner = inner
    }

    private init(sector outer: [XY], inner: [XY]?, _ c: XY) {
      self.c = c
      d0 = sub(outer[0], c)
      full = false
      self.outer = outer
      self.inner = inner
      span = 0
      span = angle(outer[outer.count - 1])
    }

    /// The angle of `p` about the camera from `d0`, in [0, 2π).
    func angle(_ p: XY) -> Double {
      let v = sub(p, c)
      let a = atan2(cross(d0, v), dot(d0, v))
      return a < 0 ? a + 2 * .pi : a
    }

    /// Per edge of a closed ring: +1 when it turns counter-clockwise about `c`, −1
    /// clockwise, 0 when it runs along a ray from `c` to rounding.
    static func signs(_ ring: [XY], _ c: XY) -> [Int] {
      var out: [Int] = []
      out.reserveCapacity(ring.count - 1)
      for k in 0..<(ring.count - 1) {
        let a = sub(ring[k], c)
        let b = sub(ring[k + 1], c)
        let s = cross(a, b)
        let scale = hypot(a.x, a.y) * hypot(b.x, b.y)
        out.append(s > 1e-9 * scale ? 1 : s < -1e-9 * scale ? -1 : 0)
      }
      return out
    }

    /// The outer and inner chains of an annular sector's ring: one run of edges turning
    /// counter-clockwise (the far arc), one turning clockwise (the near arc, walked back),
    /// joined by one radial edge each way.
    static func annular(_ ring: [XY], _ s: [Int]) -> ([XY], [XY])? {
      let n = s.count
      guard let start = (0..<n).first(where: { s[$0] > 0 && s[($0 + n - 1) % n] <= 0 }) else { return nil }
      var k = start
      var outer = [ring[start]]
      while s[k % n] > 0 && outer.count <= n {
        k += 1
        outer.append(ring[k % n])
      }
      guard s[k % n] == 0 else { return nil }
      k += 1
      var inner = [ring[k % n]]
      while s[k % n] < 0 && inner.count <= n {
        k += 1
        inner.append(ring[k % n])
      }
      guard s[k % n] == 0, (k + 1) % n == start, outer.count >= 2, inner.count >= 2 else { return nil }
      return (outer, inner.reversed())
    }
  }
}

extension Visibility {
  enum Kind { case outer, inner, wall }

  /// An edge over the angular interval it holds for the sweep, `a` before `b` in angle.
  struct Seg {
    var a, b: XY
    var kind: Kind
    /// The edge's number, shared by the two pieces of one cut where the angles start.
    var id: Int
    var lo: End
    var hi: End
  }

  /// One end of a piece's interval: its angle from `d0`, the ray there, the sweep's stop
  /// it falls on, and whether it is the edge's own end rather than where the span cuts it.
  struct End {
    var angle: Double
    var dir: XY
    var own: Bool
    var stop = 0
  }

  /// One stretch of the envelope between two rays: the edge nearest the camera there.
  struct Piece {
    var seg: Int
    var dS: XY
    var dE: XY
    var pS: XY
    var pE: XY
    /// The stops the piece starts and ends on, when it does (not at a crossing).
    var sStop: Int?
    var eStop: Int?
  }

  /// A boundary chain as the sweep lays it down: points where its edge changes, each
  /// edge's last point held back until the next edge or the end is known.
  struct Trace {
    var pts: [XY] = []
    var seg = Int.min
    var pending: XY?

    mutating func put(_ p: XY) { if pts.last != p { pts.append(p) } }

    mutating func extend(_ s: Int, _ start: XY, _ end: XY) {
      if s != seg {
        if let p = pending { put(p) }
        put(start)
        seg = s
      }
      pending = end
    }

    mutating func finish(_ last: XY? = nil) -> [XY] {
      if let p = pending { put(p) }
      pending = nil
      if let last { put(last) }
      return pts
    }
  }

  /// One visible region in the making: its far boundary and its near one, both in
  /// increasing angle.
  struct Part {
    var upper = Trace()
    var lower = Trace()
    var fromStart: Bool
  }
}

extension Visibility {
  /// The angular sweep over one footprint's chains and the walls near it.
  struct Sweep {
    let fan: Fan
    var segs: [Seg] = []
    /// The farthest footprint vertex: a wall farther than this is behind the far chain.
    let rmax: Double
    /// Two radii closer than this along a ray are one.
    let tol: Double
    var nextID = 0
    var parts: [(upper: [XY], lower: [XY], fromStart: Bool)] = []
    var open: Part?
    /// Buffers kept from one gap between stops to the next: the candidates for the
    /// envelope (the far chain's edge first), their squared distances at the gap's end, and
    /// the envelope's pieces.
    var far: [Int] = []
    var rB: [Double] = []
    var pieces: [Visibility.Piece] = []

    init(fan: Fan) {
      self.fan = fan
      var r = 0.0
      for p in fan.outer { r = max(r, hypot(p.x - fan.c.x, p.y - fan.c.y)) }
      rmax = r
      tol = 1e-11 * r
      addChain(fan.outer, .outer)
      if let inner = fan.inner { addChain(inner, .inner) }
    }

    mutating func addChain(_ chain: [XY], _ kind: Kind) {
      for k in 0..<(chain.count - 1) {
        let lo: Double? = k == 0 && !fan.full ? 0 : nil
        let hi: Double? = k == chain.count - 2 && !fan.full ? fan.span : nil
        add(chain[k], chain[k + 1], kind, lo: lo, hi: hi)
      }
    }

    /// The edges of `poly` that face the camera: a sight line enters a wall through one
    /// of them, so the nearest wall along any ray is the nearest of these.
    mutating func addWalls(of poly: PlanarPolygon) {
      let c = fan.c
      for (ri, raw) in poly.rings.enumerated() {
        // Walked so that the polygon's interior is on the left of every edge.
        let forward = (Ring.signedArea(raw) > 0) == (ri == 0)
        for k in 0..<(raw.count - 1) {
          let a = forward ? raw[k] : raw[k + 1]
          let b = forward ? raw[k + 1] : raw[k]
          if cross(sub(b, a), sub(c, a)) >= 0 { continue }  // faces away or edge-on
          let off = c.offset(toSegment: a, b)
          if hypot(off.x, off.y) > rmax { continue }
          add(b, a, .wall)
        }
      }
    }

    /// Adds the edge `p`→`q` (counter-clockwise about the camera) over its angles within
    /// the span, in two pieces when it crosses the direction the angles start from.
    mutating func add(_ p: XY, _ q: XY, _ kind: Kind, lo: Double? = nil, hi: Double? = nil) {
      let l = lo ?? fan.angle(p)
      let h = hi ?? fan.angle(q)
      let id = nextID
      nextID += 1
      if h < l {
        // An inverted edge narrower than a half turn is one edge-on to rounding.
        if l - h < .pi { return }
        piece(p, q, kind, id, l, 2 * .pi, sub(p, fan.c), fan.d0)
        piece(p, q, kind, id, 0, h, fan.d0, sub(q, fan.c))
      } else {
        piece(p, q, kind, id, l, h, sub(p, fan.c), sub(q, fan.c))
      }
    }

    mutating func piece(
      _ p: XY, _ q: XY, _ kind: Kind, _ id: Int, _ l: Double, _ h: Double, _ dl: XY, _ dh: XY
    ) {
      let lo = max(0, l)
      let hi = min(fan.span, h)
      if hi <= lo { return }
      let spanDir = fan.full ? fan.d0 : sub(fan.outer[fan.outer.count - 1], fan.c)
      let lowEnd = End(angle: lo, dir: lo == l ? dl : fan.d0, own: lo == l && dl == sub(p, fan.c))
      let highEnd = End(angle: hi, dir: hi == h ? dh : spanDir, own: hi == h && dh == sub(q, fan.c))
      let seg = Seg(a: p, b: q, kind: kind, id: id, lo: lowEnd, hi: highEnd)
      segs.append(seg)
    }

    /// Groups the pieces' end angles into the sweep's stops (angles within 1e-12 rad of
    /// the group's first are one stop) and gives each piece the stops it spans.
    mutating func stops() -> [XY] {
      var ends: [(Double, Int, Bool)] = []
      ends.reserveCapacity(2 * segs.count)
      for (i, s) in segs.enumerated() {
        ends.append((s.lo.angle, i, true))
        ends.append((s.hi.angle, i, false))
      }
      ends.sort { $0.0 < $1.0 }
      var dirs: [XY] = []
      var groupStart = -Double.infinity
      for (angle, i, isLo) in ends {
        if angle - groupStart > 1e-12 {
          groupStart = angle
          dirs.append(isLo ? segs[i].lo.dir : segs[i].hi.dir)
        }
        if isLo { segs[i].lo.stop = dirs.count - 1 } else { segs[i].hi.stop = dirs.count - 1 }
      }
      dirs[0] = fan.d0
      dirs[dirs.count - 1] = fan.full ? fan.d0 : sub(fan.outer[fan.outer.count - 1], fan.c)
      return dirs
    }

    /// The point of the segment's line on the ray from the camera along `d`, held to the
    /// segment; on a stop where the segment starts or ends, its end itself, so that edges
    /// meeting at a vertex meet there to the bit.
    func at(_ s: Int, _ d: XY, stop: Int? = nil) throws -> XY {
      let g = segs[s]
      if let stop {
        if stop == g.lo.stop && g.lo.own { return g.a }
        if stop == g.hi.stop && g.hi.own { return g.b }
      }
      let w = sub(g.b, g.a)
      let den = cross(w, d)
      if den == 0 { throw Undecided() }
      let t = cross(sub(fan.c, g.a), d) / den
      if t <= 0 { return g.a }
      if t >= 1 { return g.b }
      return XY(g.a.x + t * w.x, g.a.y + t * w.y)
    }

    @inline(__always) func d2(_ p: XY) -> Double {
      let dx = p.x - fan.c.x
      let dy = p.y - fan.c.y
      return dx * dx + dy * dy
    }

    @inline(__always) func dist(_ p: XY) -> Double { d2(p).squareRoot() }

    /// Where the lines of two segments cross; nil when they are parallel.
    func crossing(_ s: Int, _ t: Int) -> XY? {
      let a = segs[s]
      let b = segs[t]
      let w1 = sub(a.b, a.a)
      let w2 = sub(b.b, b.a)
      let den = cross(w1, w2)
      if den == 0 { return nil }
      let u = cross(sub(b.a, a.a), w2) / den
      return XY(a.a.x + u * w1.x, a.a.y + u * w1.y)
    }

    /// Whether `p` lies strictly between the rays `dS` and `dE` (less than a half turn apart).
    func between(_ p: XY, _ dS: XY, _ dE: XY) -> Bool {
      let v = sub(p, fan.c)
      return cross(dS, v) > 0 && cross(v, dE) > 0 && dot(v, XY(dS.x + dE.x, dS.y + dE.y)) > 0
    }
  }
}

extension Visibility.Sweep {
  typealias Undecided = Visibility.Undecided

  /// Sweeps the stops in increasing angle, keeping the pieces that span each gap between
  /// two stops, and returns the visible regions as polygons.
  mutating func run() throws -> [PlanarPolygon] {
    let dirs = stops()
    let order = segs.indices.sorted { segs[$0].lo.stop < segs[$1].lo.stop }
    var next = 0
    var active: [Int] = []
    for j in 0..<(dirs.count - 1) {
      active.removeAll { segs[$0].hi.stop <= j }
      while next < order.count && segs[order[next]].lo.stop <= j {
        let s = order[next]
        if segs[s].hi.stop > j { active.append(s) }
        next += 1
      }
      far.removeAll(keepingCapacity: true)
      var near: Int?
      var outers = 0
      for s in active {
        switch segs[s].kind {
        case .outer:
          far.insert(s, at: 0)
          outers += 1
        case .wall: far.append(s)
        case .inner:
          if near != nil { throw Undecided() }
          near = s
        }
      }
      guard outers == 1, (near == nil) == (fan.inner == nil) else { throw Undecided() }
      try envelope(dirs, j)
      let laid = pieces
      for (k, p) in laid.enumerated() { try lay(p, near: near, first: j == 0 && k == 0) }
    }
    return try finish()
  }

  /// The lower envelope of `far` between the rays at stops `j` and `j + 1`, into `pieces`:
  /// the nearest at the first (ties go to the nearest just after), then each crossing
  /// where another passes in front. Squared distances order the candidates.
  mutating func envelope(_ dirs: [XY], _ j: Int) throws {
    let dA = dirs[j]
    let dB = dirs[j + 1]
    pieces.removeAll(keepingCapacity: true)
    if far.count == 1 {
      // The far chain alone (no wall over these angles, most of a footprint's stops): it
      // is the envelope, with nothing to compare or cross.
      let s = far[0]
      pieces.append(
        Visibility.Piece(
          seg: s, dS: dA, dE: dB, pS: try at(s, dA, stop: j), pE: try at(s, dB, stop: j + 1), sStop: j,
          eStop: j + 1))
      return
    }
    let nA = (dA.x * dA.x + dA.y * dA.y).squareRoot()
    let nB = (dB.x * dB.x + dB.y * dB.y).squareRoot()
    let mid = XY(dA.x / nA + dB.x / nB, dA.y / nA + dB.y / nB)
    rB.removeAll(keepingCapacity: true)
    var least = Double.infinity
    for s in far {
      least = min(least, d2(try at(s, dA, stop: j)))
      rB.append(d2(try at(s, dB, stop: j + 1)))
    }
    let tie = least.squareRoot() + tol
    var m = -1
    var mi = -1
    var mMid = Double.infinity
    for (k, s) in far.enumerated() where d2(try at(s, dA, stop: j)) <= tie * tie {
      let r = d2(try at(s, mid))
      if r < mMid {
        mMid = r
        m = s
        mi = k
      }
    }
    var dC = dA
    var pC = try at(m, dA, stop: j)
    var sStop: Int? = j
    pieces.removeAll(keepingCapacity: true)
    while true {
      var best = -1
      var bestK = -1
      var bestX = pC
      for (k, s) in far.enumerated() where k != mi && rB[k] < rB[mi] {
        guard let x = crossing(m, s), between(x, dC, dB) else { continue }
        if best < 0 || Visibility.cross(Visibility.sub(x, fan.c), Visibility.sub(bestX, fan.c)) > 0 {
          best = s
          bestK = k
          bestX = x
        }
      }
      if best < 0 {
        pieces.append(
          Visibility.Piece(
            seg: m, dS: dC, dE: dB, pS: pC, pE: try at(m, dB, stop: j + 1), sStop: sStop, eStop: j + 1))
        return
      }
      pieces.append(
        Visibility.Piece(
          seg: m, dS: dC, dE: Visibility.sub(bestX, fan.c), pS: pC, pE: bestX, sStop: sStop, eStop: nil))
      sStop = nil
      if pieces.count > 2 * far.count + 4 { throw Undecided() }
      m = best
      mi = bestK
      dC = Visibility.sub(bestX, fan.c)
      pC = bestX
    }
  }
}

extension Visibility.Sweep {
  /// Lays one envelope piece over the near chain (or the apex): where the piece is
  /// farther than the near chain the region runs on, where it dips to it or below the
  /// region ends, at the crossing of the two lines or at the piece's end.
  mutating func lay(_ p: Visibility.Piece, near: Int?, first: Bool) throws {
    let c = fan.c
    let lS = try near.map { try at($0, p.dS, stop: p.sStop) } ?? c
    let lE = try near.map { try at($0, p.dE, stop: p.eStop) } ?? c
    let lid = near.map { segs[$0].id } ?? -1
    let uid = segs[p.seg].id
    let visS = dist(p.pS) > dist(lS) + tol
    let visE = dist(p.pE) > dist(lE) + tol
    if !visS, open != nil { close(nil) }
    if visS && visE {
      if open == nil { open = Visibility.Part(fromStart: first) }
      open!.upper.extend(uid, p.pS, p.pE)
      open!.lower.extend(lid, lS, lE)
    } else if visS {
      if open == nil { open = Visibility.Part(fromStart: first) }
      if let near, let x = crossing(p.seg, near), between(x, p.dS, p.dE) {
        open!.upper.extend(uid, p.pS, x)
        open!.lower.extend(lid, lS, x)
      } else {
        open!.upper.extend(uid, p.pS, p.pE)
        open!.lower.extend(lid, lS, lE)
      }
      close(nil)
    } else if visE {
      var part = Visibility.Part(fromStart: false)
      if let near, let x = crossing(p.seg, near), between(x, p.dS, p.dE) {
        part.upper.extend(uid, x, p.pE)
        part.lower.extend(lid, x, lE)
      } else {
        part.upper.extend(uid, p.pS, p.pE)
        part.lower.extend(lid, lS, lE)
      }
      open = part
    }
  }

  mutating func close(_ last: XY?) {
    guard var part = open else { return }
    open = nil
    parts.append((part.upper.finish(last), part.lower.finish(last), part.fromStart))
  }

  /// Closes the sweep. Round a 360° view the region still open at 2π goes on into the
  /// one opened at 0, or, when it is that one, is the whole ring round the camera.
  mutating func finish() throws -> [PlanarPolygon] {
    if let part = open {
      open = nil
      var upper = part.upper
      var lower = part.lower
      let u = upper.finish()
      let l = lower.finish()
      if fan.full && part.fromStart {
        return try wholeRing(u, l)
      } else if fan.full, let head = parts.first, head.fromStart {
        parts[0] = (u + head.upper, l + head.lower, false)
      } else {
        parts.append((u, l, part.fromStart))
      }
    }
    var out: [PlanarPolygon] = []
    for (u, l, _) in parts {
      if let ring = Visibility.tidy(u + l.reversed()) { out.append(PlanarPolygon(exterior: ring)) }
    }
    return out
  }

  /// A 360° view seen all round: the far chain is the exterior, the near chain (if any)
  /// its hole.
  func wholeRing(_ upper: [XY], _ lower: [XY]) throws -> [PlanarPolygon] {
    guard let ext = Visibility.tidy(upper) else { return [] }
    if fan.inner == nil { return [PlanarPolygon(exterior: ext)] }
    guard let hole = Visibility.tidy(lower.reversed()) else { throw Undecided() }
    return [PlanarPolygon(exterior: ext, holes: [hole])]
  }
}

extension Visibility {
  /// A ring without repeated points or spikes (a point where the ring turns straight
  /// back), closed; nil when fewer than three points remain.
  static func tidy(_ pts: [XY]) -> [XY]? {
    var out: [XY] = []
    out.reserveCapacity(pts.count + 1)
    func spike(_ a: XY, _ b: XY, _ c: XY) -> Bool {
      let u = sub(b, a)
      let v = sub(c, b)
      return a == c || (cross(u, v) == 0 && dot(u, v) < 0)
    }
    for p in pts {
      if out.last == p { continue }
      out.append(p)
      while out.count >= 3 && spike(out[out.count - 3], out[out.count - 2], out[out.count - 1]) {
        out.remove(at: out.count - 2)
      }
    }
    var changed = true
    while changed && out.count >= 3 {
      changed = false
      if out.first == out.last {
        out.removeLast()
        changed = true
      } else if spike(out[out.count - 2], out[out.count - 1], out[0]) {
        out.removeLast()
        changed = true
      } else if spike(out[out.count - 1], out[0], out[1]) {
        out.removeFirst()
        changed = true
      }
    }
    guard out.count >= 3 else { return nil }
    out.append(out[0])
    return out
  }
}
