// The fitted projection keeps every point inside the padded frame, north up and east right, and crosses the antimeridian the short way.
import { describe, expect, it } from "vitest";
import { fitFrame } from "./map-projection";

const size = { width: 600, height: 360, paddingPx: 30 };
const berlin = { lat: 52.52, lng: 13.405 };
const dubai = { lat: 25.2048, lng: 55.2708 };

describe("fitFrame", () => {
  it("puts the points inside the padded frame and touches the padding on the limiting axis", () => {
    const frame = fitFrame([berlin, dubai], size);
    const a = frame.project(berlin);
    const b = frame.project(dubai);
    for (const point of [a, b]) {
      expect(point.x).toBeGreaterThanOrEqual(size.paddingPx - 1e-9);
      expect(point.x).toBeLessThanOrEqual(size.width - size.paddingPx + 1e-9);
      expect(point.y).toBeGreaterThanOrEqual(size.paddingPx - 1e-9);
      expect(point.y).toBeLessThanOrEqual(size.height - size.paddingPx + 1e-9);
    }
    const touchesX = Math.abs(Math.abs(b.x - a.x) - (size.width - 2 * size.paddingPx)) < 1e-6;
    const touchesY = Math.abs(Math.abs(b.y - a.y) - (size.height - 2 * size.paddingPx)) < 1e-6;
    expect(touchesX || touchesY).toBe(true);
  });

  it("draws north up and east to the right", () => {
    const frame = fitFrame([berlin, dubai], size);
    expect(frame.project(dubai).x).toBeGreaterThan(frame.project(berlin).x);
    expect(frame.project(dubai).y).toBeGreaterThan(frame.project(berlin).y);
  });

  it("centres a single point instead of dividing by zero", () => {
    const frame = fitFrame([berlin], size);
    expect(frame.project(berlin)).toEqual({ x: 300, y: 180 });
  });

  it("takes the short way across the antimeridian: Los Angeles lies east of Tokyo", () => {
    const tokyo = { lat: 35.6762, lng: 139.6503 };
    const losAngeles = { lat: 34.0522, lng: -118.2437 };
    const frame = fitFrame([tokyo, losAngeles], size);
    const a = frame.project(tokyo);
    const b = frame.project(losAngeles);
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.x - a.x).toBeCloseTo(size.width - 2 * size.paddingPx, 6);
  });
});
