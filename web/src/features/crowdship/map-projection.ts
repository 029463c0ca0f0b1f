// An equirectangular projection fitted to a set of points: enough to draw a trip on a plain SVG, with no map tiles.

export interface LatLng {
  lat: number;
  lng: number;
}

export interface MapPoint {
  x: number;
  y: number;
}

export interface MapFrame {
  width: number;
  height: number;
  project(point: LatLng): MapPoint;
}

interface FrameSize {
  width: number;
  height: number;
  // Kept clear on every side so markers and labels at the edge stay inside.
  paddingPx: number;
}

// About 5 km: a lone point (or a trace that has not moved) is centred at a street-level scale instead of dividing by zero.
const spanMinDegrees = 0.05;
// Near the poles cos(lat) tends to 0; below this the east-west stretch would explode.
const longitudeScaleMin = 0.2;

/**
 * Longitudes are unwrapped around the first point's so a trip across the antimeridian (Tokyo → Los Angeles) is drawn
 * the short way, and scaled by cos(mid-latitude) so distances near the fitted area look right. North is up.
 */
export function fitFrame(points: readonly LatLng[], { width, height, paddingPx }: FrameSize): MapFrame {
  const referenceLng = points[0]?.lng ?? 0;
  const unwrap = (lng: number) => referenceLng + wrapDegrees(lng - referenceLng);
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (const point of points) {
    const lng = unwrap(point.lng);
    minLat = Math.min(minLat, point.lat);
    maxLat = Math.max(maxLat, point.lat);
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
  }
  if (points.length === 0) [minLat, maxLat, minLng, maxLng] = [0, 0, 0, 0];
  const centerLat = (minLat + maxLat) / 2;
  const centerLng = (minLng + maxLng) / 2;
  const longitudeScale = Math.max(longitudeScaleMin, Math.cos((centerLat * Math.PI) / 180));
  const spanX = Math.max((maxLng - minLng) * longitudeScale, spanMinDegrees);
  const spanY = Math.max(maxLat - minLat, spanMinDegrees);
  const pixelsPerDegree = Math.min((width - 2 * paddingPx) / spanX, (height - 2 * paddingPx) / spanY);
  return {
    width,
    height,
    project: ({ lat, lng }) => ({
      x: width / 2 + (unwrap(lng) - centerLng) * longitudeScale * pixelsPerDegree,
      y: height / 2 - (lat - centerLat) * pixelsPerDegree,
    }),
  };
}

// Into (-180, 180].
function wrapDegrees(degrees: number): number {
  const wrapped = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}
