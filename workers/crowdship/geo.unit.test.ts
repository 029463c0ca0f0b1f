// Great-circle distance against known arcs, its metric properties, and the degree prefilter never dropping a point inside the radius.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { degreeRange, EARTH_MEAN_RADIUS_KM, greatCircleKm, isValidLatLng, longitudeGapDegrees, mayBeWithin } from "./geo";
import { destinationPoint } from "./pure-fixtures";

const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });

describe("greatCircleKm", () => {
  it("measures a degree of the equator, a quarter meridian and half the globe on the mean-radius sphere", () => {
    expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo((Math.PI * EARTH_MEAN_RADIUS_KM) / 180, 9);
    expect(greatCircleKm({ lat: 0, lng: 30 }, { lat: 90, lng: 30 })).toBeCloseTo((Math.PI * EARTH_MEAN_RADIUS_KM) / 2, 9);
    expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_KM, 6);
  });

  it("puts London 344 km from Paris and New York 5,570 km from London, as published great-circle figures do", () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    expect(greatCircleKm(london, { lat: 48.8566, lng: 2.3522 })).toBeCloseTo(343.6, 0);
    expect(greatCircleKm(london, { lat: 40.7128, lng: -74.006 })).toBeCloseTo(5570.2, 0);
  });

  it("measures the short way across the antimeridian", () => {
    expect(greatCircleKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo((Math.PI * EARTH_MEAN_RADIUS_KM) / 180, 9);
  });

  it("is zero to itself, symmetric, never more than half the globe, and obeys the triangle inequality", () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(greatCircleKm(a, a)).toBe(0);
        expect(greatCircleKm(a, b)).toBeCloseTo(greatCircleKm(b, a), 9);
        expect(greatCircleKm(a, b)).toBeLessThanOrEqual(Math.PI * EARTH_MEAN_RADIUS_KM + 1e-9);
        // A metre of slack: haversine loses precision near antipodal points (~0.1 m), far below anything matching measures.
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-3);
      }),
    );
  });
});

describe("degree prefilter", () => {
  it("never rules out a point inside the radius, near the poles and across the antimeridian too", () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0.001, max: 3_000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (center, bearing, radiusKm, share) => {
        const inside = destinationPoint(center, bearing, radiusKm * share);
        fc.pre(greatCircleKm(center, inside) <= radiusKm);
        expect(mayBeWithin(degreeRange(center, radiusKm), inside)).toBe(true);
      }),
    );
  });

  it("rules out a point 2° of latitude away for a 100 km radius, and one across the globe", () => {
    const range = degreeRange({ lat: 10, lng: 20 }, 100);
    expect(mayBeWithin(range, { lat: 12, lng: 20 })).toBe(false);
    expect(mayBeWithin(range, { lat: 10, lng: -160 })).toBe(false);
    expect(mayBeWithin(range, { lat: 10.5, lng: 20.5 })).toBe(true);
  });

  it("spans every longitude when the circle reaches over a pole", () => {
    expect(degreeRange({ lat: 89.5, lng: 0 }, 100).lngDegrees).toBe(180);
    expect(degreeRange({ lat: 45, lng: 0 }, 100).lngDegrees).toBeLessThan(2);
  });

  it("takes longitude gaps the short way round", () => {
    expect(longitudeGapDegrees(179, -179)).toBe(2);
    expect(longitudeGapDegrees(-10, 10)).toBe(20);
    expect(longitudeGapDegrees(0, 180)).toBe(180);
  });
});

describe("isValidLatLng", () => {
  it("accepts finite degrees in range and refuses everything else", () => {
    expect(isValidLatLng({ lat: 90, lng: -180 })).toBe(true);
    expect(isValidLatLng({ lat: 90.0001, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: 0, lng: 180.5 })).toBe(false);
    expect(isValidLatLng({ lat: Number.NaN, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: "1", lng: 0 })).toBe(false);
    expect(isValidLatLng(null)).toBe(false);
  });
});
