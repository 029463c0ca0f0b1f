// The trip drawn without map tiles: origin and destination, the planned leg, the courier's trace and where they are now, on an SVG fitted to them.
import type { CourierPosition, Place } from "../../api/types";
import { formatLatLng } from "./crowdship-format";
import { fitFrame, type MapFrame, type MapPoint } from "./map-projection";

const size = { width: 640, height: 360, paddingPx: 48 };
const labelOffsetPx = 12;

interface ShipmentMapProps {
  from: Place;
  to: Place;
  trace: readonly CourierPosition[];
  lastPosition: CourierPosition | null;
}

export function ShipmentMap({ from, to, trace, lastPosition }: ShipmentMapProps) {
  const frame = fitFrame([from, to, ...trace, ...(lastPosition === null ? [] : [lastPosition])], size);
  const origin = frame.project(from);
  const destination = frame.project(to);
  const courier = lastPosition === null ? null : frame.project(lastPosition);
  const tracePoints = trace.map((point) => frame.project(point));
  const description = `From ${from.city} to ${to.city}. ${lastPosition === null ? "No position yet." : `The traveller was last at ${formatLatLng(lastPosition.lat, lastPosition.lng)}.`}`;
  return (
    <figure className="shipment-map">
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={`Map. ${description}`}>
        <rect className="map-background" x={0} y={0} width={frame.width} height={frame.height} rx={12} />
        <line className="map-planned" x1={origin.x} y1={origin.y} x2={destination.x} y2={destination.y} />
        {tracePoints.length > 1 && <polyline className="map-trace" points={tracePoints.map(({ x, y }) => `${round(x)},${round(y)}`).join(" ")} />}
        <PlaceMarker frame={frame} at={origin} name={from.city} kind="origin" />
        <PlaceMarker frame={frame} at={destination} name={to.city} kind="destination" />
        {courier !== null && <circle className="map-courier" cx={round(courier.x)} cy={round(courier.y)} r={8} />}
      </svg>
      <figcaption className="muted">{description} The map is schematic: straight lines on a flat projection, north up.</figcaption>
    </figure>
  );
}

function PlaceMarker({ frame, at, name, kind }: { frame: MapFrame; at: MapPoint; name: string; kind: "origin" | "destination" }) {
  // Labels point inwards so a marker at the edge keeps its name on the map.
  const onRight = at.x > frame.width / 2;
  return (
    <g className={`map-place map-${kind}`}>
      <circle cx={round(at.x)} cy={round(at.y)} r={6} />
      <text x={round(at.x + (onRight ? -labelOffsetPx : labelOffsetPx))} y={round(at.y - labelOffsetPx)} textAnchor={onRight ? "end" : "start"}>
        {name}
      </text>
    </g>
  );
}

// Two decimals of a pixel are plenty and keep the markup short.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
