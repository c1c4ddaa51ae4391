#!/usr/bin/env python3
"""A synthetic town for timing `camgap plan`: about 6 km² near Pinghu, a street grid every
100 m (124 km of roads), ~1,700 buildings in the blocks, ~1,000 cameras along the streets,
20 zones of every kind, and poles.geojson, a candidate file with a pole every 24 m of street
(~5,200 sites). Deterministic for a given seed. Usage: town.py OUT_DIR [--seed N]
"""
import json
import math
import os
import random
import sys

LON0, LAT0 = 121.00, 30.68
M_PER_DEG_LAT = 110_540.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))
W, H = 3000.0, 2000.0
BLOCK = 100.0


def ll(x, y):
    return [round(LON0 + x / M_PER_DEG_LON, 9), round(LAT0 + y / M_PER_DEG_LAT, 9)]


def rect(x, y, w, h):
    return [[ll(x, y), ll(x + w, y), ll(x + w, y + h), ll(x, y + h), ll(x, y)]]


def fc(features):
    return {"type": "FeatureCollection", "features": features}


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


def main():
    out = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)

    districts = [
        feature({"code": "330482101000", "name": "当湖街道", "parent": "330482"},
                {"type": "Polygon", "coordinates": rect(0, 0, W / 2, H)}),
        feature({"code": "330482102000", "name": "钟埭街道", "parent": "330482"},
                {"type": "Polygon", "coordinates": rect(W / 2, 0, W / 2, H)}),
    ]

    roads = []
    xs = [i * BLOCK for i in range(int(W / BLOCK) + 1)]
    ys = [j * BLOCK for j in range(int(H / BLOCK) + 1)]
    for i, x in enumerate(xs):
        roads.append(feature({"id": f"NS{i}", "name": f"南北{i}路"},
                             {"type": "LineString", "coordinates": [ll(x, 0), ll(x, H)]}))
    for j, y in enumerate(ys):
        roads.append(feature({"id": f"EW{j}", "name": f"东西{j}路"},
                             {"type": "LineString", "coordinates": [ll(0, y), ll(W, y)]}))

    kinds = ["town-renovation", "demolition", "road-construction", "key-site", "residential", "other"]
    zones = []
    zone_boxes = []
    for k in range(20):
        kind = kinds[k % len(kinds)]
        w = rng.uniform(150, 400)
        h = rng.uniform(120, 300) if kind != "road-construction" else 30.0
        x = rng.uniform(50, W - w - 50)
        y = rng.uniform(50, H - h - 50)
        if kind == "road-construction":  # a strip along a street
            y = rng.choice(ys[1:-1]) - 15
        zones.append(feature({"id": f"Z{k + 1:02d}", "name": f"{kind}-{k + 1}", "kind": kind},
                             {"type": "Polygon", "coordinates": rect(x, y, w, h)}))
        zone_boxes.append((kind, x, y, x + w, y + h))

    def in_demolition(x0, y0, x1, y1):
        return any(k == "demolition" and x0 < bx1 and x1 > bx0 and y0 < by1 and y1 > by0
                   for k, bx0, by0, bx1, by1 in zone_boxes)

    buildings = []
    for bx in xs[:-1]:
        for by in ys[:-1]:
            for (ox, oy) in [(12, 12), (53, 12), (12, 58), (53, 58)]:
                if rng.random() < 0.25:
                    continue  # a yard, a square, a car park
                x0, y0 = bx + ox, by + oy
                w, h = rng.uniform(25, 35), rng.uniform(20, 30)
                if in_demolition(x0, y0, x0 + w, y0 + h):
                    continue
                buildings.append(feature({}, {"type": "Polygon", "coordinates": rect(x0, y0, w, h)}))

    def street_point():
        if rng.random() < 0.5:
            return rng.choice(xs), rng.uniform(0, H)
        return rng.uniform(0, W), rng.choice(ys)

    cameras = []
    for n in range(1000):
        x, y = street_point()
        r = rng.random()
        props = {"id": f"33048200001320{n:06d}"}
        if r < 0.70:
            props.update(kind="fixed", heading=rng.randrange(0, 360), range=rng.choice([30, 40, 50, 60]))
        elif r < 0.80:
            props.update(kind="dome", heading=rng.randrange(0, 360))
        elif r < 0.95:
            props.update(kind="ptz", range=rng.choice([40, 60, 80]))
        else:
            props.update(kind="panoramic")
        if rng.random() < 0.03:
            props["status"] = "offline"
        cameras.append(feature(props, {"type": "Point", "coordinates": ll(x, y)}))

    poles = []
    step = 24.0
    for x in xs:
        t = 0.0
        while t <= H:
            poles.append(feature({"id": f"P{len(poles) + 1}"}, {"type": "Point", "coordinates": ll(x + 1.5, t)}))
            t += step
    for y in ys:
        t = step / 2
        while t <= W:
            poles.append(feature({"id": f"P{len(poles) + 1}"}, {"type": "Point", "coordinates": ll(t, y + 1.5)}))
            t += step

    for name, items in [("districts", districts), ("roads", roads), ("zones", zones), ("buildings", buildings),
                        ("cameras", cameras), ("poles", poles)]:
        with open(os.path.join(out, f"{name}.geojson"), "w") as f:
            json.dump(fc(items), f, ensure_ascii=False, separators=(",", ":"))
    print(f"{out}: {len(roads)} roads, {len(zones)} zones, {len(buildings)} buildings, "
          f"{len(cameras)} cameras, {len(poles)} poles")


if __name__ == "__main__":
    main()
