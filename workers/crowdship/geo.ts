// Great-circle maths on a spherical Earth: distances between points, and the degree ranges that bound a radius (a cheap prefilter before haversine).

export interface LatLng {
  lat: number;
  lng: number;
}

/** IUGG mean Earth radius: the sphere that best fits the ellipsoid, good to ~0.5% for any distance. */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;
const RADIANS_PER_DEGREE = Math.PI / 180;
/** Widens the degree ranges by a hair so float rounding never drops a point that is exactly on the circle. */
const RANGE_SLACK_DEGREES = 1e-9;

export function isValidLatLng(point: unknown): point is LatLng {
  if (typeof point !== "object" || point === null) return false;
  const { lat, lng } = point as Record<string, unknown>;
  return typeof lat === "number" && typeof lng === "number" && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/** Haversine distance in km; stable for short distances, and clamped so antipodal float noise never yields NaN. */
export function greatCircleKm(a: LatLng, b: LatLng): number {
  const halfDeltaLat = ((b.lat - a.lat) * RADIANS_PER_DEGREE) / 2;
  const halfDeltaLng = ((b.lng - a.lng) * RADIANS_PER_DEGREE) / 2;
  const sinLat = Math.sin(halfDeltaLat);
  const sinLng = Math.sin(halfDeltaLng);
  const h = sinLat * sinLat + Math.cos(a.lat * RADIANS_PER_DEGREE) * Math.cos(b.lat * RADIANS_PER_DEGREE) * sinLng * sinLng;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Every point within `radiusKm` of `center` has |Δlat| ≤ latDegrees and a longitude gap (either way round) ≤ lngDegrees. */
export interface DegreeRange {
  center: LatLng;
  latDegrees: number;
  lngDegrees: number;
}

/**
 * The bounding ranges of a circle on the sphere (Matuschek, "Finding Points Within a Distance of a Latitude/Longitude"):
 * Δlat = r/R exactly, Δlng = asin(sin(r/R) / cos(lat)); a circle over a pole spans every longitude.
 */
export function degreeRange(center: LatLng, radiusKm: number): DegreeRange {
  const angular = Math.max(0, radiusKm) / EARTH_MEAN_RADIUS_KM;
  const latDegrees = angular / RADIANS_PER_DEGREE + RANGE_SLACK_DEGREES;
  const ratio = Math.sin(Math.min(angular, Math.PI / 2)) / Math.cos(center.lat * RADIANS_PER_DEGREE);
  const overPole = angular >= Math.PI / 2 || Math.abs(center.lat) + latDegrees >= 90 || ratio >= 1;
  const lngDegrees = overPole ? 180 : Math.asin(ratio) / RADIANS_PER_DEGREE + RANGE_SLACK_DEGREES;
  return { center, latDegrees, lngDegrees };
}

/** Longitude gap between two meridians, the short way round the antimeridian: 0…180. */
export function longitudeGapDegrees(a: number, b: number): number {
  const gap = Math.abs(a - b) % 360;
  return gap > 180 ? 360 - gap : gap;
}

/** True when `point` may be within the range's radius; false only when it certainly is not. */
export function mayBeWithin(range: DegreeRange, point: LatLng): boolean {
  return Math.abs(point.lat - range.center.lat) <= range.latDegrees && longitudeGapDegrees(point.lng, range.center.lng) <= range.lngDegrees;
}
