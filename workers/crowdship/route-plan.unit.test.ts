// Drop-off planning: a permutation of the stops, never longer than nearest neighbour, 2-opt-optimal, and between nearest neighbour and the brute-force best.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LatLng } from "./geo";
import { nearestNeighbourOrder, pathLengthKm, planDropOffs, type Stop } from "./route-plan";

const START: LatLng = { lat: 25.2, lng: 55.27 };

/** Up to 12 stops within ~30 km of the start, ids unique. */
const stopsArbitrary = fc
  .array(fc.record({ lat: fc.double({ min: 24.95, max: 25.45, noNaN: true }), lng: fc.double({ min: 55.0, max: 55.55, noNaN: true }) }), { maxLength: 12 })
  .map((points) => points.map((point, index): Stop => ({ id: `shp_${index}`, ...point })));

const inOrder = (stops: readonly Stop[], order: readonly string[]) => order.map((id) => stops.find((stop) => stop.id === id)!);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe("planDropOffs", () => {
  it("plans nothing for no stops and goes straight to a single stop", () => {
    expect(planDropOffs(START, [])).toEqual({ order: [], distanceKm: 0 });
    const only = { id: "shp_only", lat: 25.3, lng: 55.27 };
    expect(planDropOffs(START, [only])).toEqual({ order: ["shp_only"], distanceKm: pathLengthKm(START, [only]) });
  });

  it("visits stops along a line in order from the end nearest the start", () => {
    const stops = [3, 1, 4, 2].map((step) => ({ id: `shp_${step}`, lat: 0, lng: step * 0.1 }));
    expect(planDropOffs({ lat: 0, lng: 0 }, stops).order).toEqual(["shp_1", "shp_2", "shp_3", "shp_4"]);
  });

  it("shortens a nearest-neighbour path that doubles back (35.9 km) to the best one (30.1 km)", () => {
    const stops = [
      { id: "s0", lat: 0.09, lng: 0.03 },
      { id: "s1", lat: 0.17, lng: 0.06 },
      { id: "s2", lat: 0.04, lng: 0.09 },
      { id: "s3", lat: 0.15, lng: 0.07 },
    ];
    const start = { lat: 0, lng: 0 };
    expect(nearestNeighbourOrder(start, stops).map((index) => stops[index]!.id)).toEqual(["s0", "s3", "s1", "s2"]);
    const plan = planDropOffs(start, stops);
    expect(plan.order).toEqual(["s2", "s0", "s3", "s1"]);
    expect(plan.distanceKm).toBeCloseTo(30.14, 2);
  });

  it("orders every stop exactly once, reports the length of that order, and gives the same plan every time", () => {
    fc.assert(
      fc.property(stopsArbitrary, (stops) => {
        const plan = planDropOffs(START, stops);
        expect([...plan.order].sort()).toEqual(stops.map((stop) => stop.id).sort());
        expect(plan.distanceKm).toBeCloseTo(pathLengthKm(START, inOrder(stops, plan.order)), 9);
        expect(planDropOffs(START, stops)).toEqual(plan);
      }),
    );
  });

  it("is never longer than nearest neighbour alone", () => {
    fc.assert(
      fc.property(stopsArbitrary, (stops) => {
        const nearest = nearestNeighbourOrder(START, stops).map((index) => stops[index]!);
        expect(planDropOffs(START, stops).distanceKm).toBeLessThanOrEqual(pathLengthKm(START, nearest) + 1e-9);
      }),
    );
  });

  it("leaves no segment whose reversal would shorten the path", () => {
    fc.assert(
      fc.property(stopsArbitrary, (stops) => {
        const planned = inOrder(stops, planDropOffs(START, stops).order);
        const length = pathLengthKm(START, planned);
        for (let i = 0; i < planned.length; i++) {
          for (let j = i + 1; j < planned.length; j++) {
            const reversed = [...planned.slice(0, i), ...planned.slice(i, j + 1).reverse(), ...planned.slice(j + 1)];
            expect(pathLengthKm(START, reversed)).toBeGreaterThanOrEqual(length - 1e-6);
          }
        }
      }),
    );
  });

  it("is never shorter than the best order found by trying them all", () => {
    fc.assert(
      fc.property(stopsArbitrary.map((stops) => stops.slice(0, 6)), (stops) => {
        const best = Math.min(...permutations(stops).map((order) => pathLengthKm(START, order)));
        expect(planDropOffs(START, stops).distanceKm).toBeGreaterThanOrEqual(best - 1e-9);
      }),
    );
  });
});
