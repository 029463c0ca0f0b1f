// A shipment as the tracking page shows it: the HTTP read, then the live socket's state, positions, ETA and milestones merged in order.
import type { CourierPosition, Milestone, MilestoneKind, Shipment, ShipmentLiveMessage, ShipmentLiveView, ShipmentStatus } from "../../api/types";
import type { LiveConnection } from "../../components/live-socket";
import { formatLatLng, milestoneLabel } from "./crowdship-format";

// Matches the courier session's own cap (COURIER_TRACE_MAX_POINTS): past it the trace keeps every other point.
const traceDrawnPointsMax = 2_000;

export interface LiveShipment {
  shipment: Shipment | null;
  status: ShipmentStatus | null;
  lastPosition: CourierPosition | null;
  eta: string | null;
  milestones: Milestone[];
  trace: CourierPosition[];
  connection: LiveConnection;
  // Read out politely by screen readers; only changes, never the state as first loaded.
  announcement: string;
}

export type LiveShipmentAction =
  | { type: "loaded"; shipment: Shipment }
  | { type: "connection"; connection: LiveConnection }
  | { type: "message"; message: ShipmentLiveMessage };

export const initialLiveShipment: LiveShipment = {
  shipment: null,
  status: null,
  lastPosition: null,
  eta: null,
  milestones: [],
  trace: [],
  connection: "connecting",
  announcement: "",
};

// The status a milestone moves the shipment to; "departed" means it is on its way.
const statusAfter: Record<MilestoneKind, ShipmentStatus> = {
  accepted: "accepted",
  picked_up: "picked_up",
  departed: "in_transit",
  arrived: "arrived",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  locked: "locked",
};

export function liveShipmentReducer(state: LiveShipment, action: LiveShipmentAction): LiveShipment {
  switch (action.type) {
    case "loaded":
      return { ...applyView(state, action.shipment), shipment: action.shipment };
    case "connection":
      return { ...state, connection: action.connection };
    case "message":
      return applyMessage(state, action.message);
  }
}

type View = Pick<ShipmentLiveView, "status" | "milestones"> & Partial<Pick<ShipmentLiveView, "lastPosition" | "eta" | "trace">>;

/** A whole picture (the HTTP read, or the socket's state on connect); it never takes back positions or milestones already shown. */
function applyView(state: LiveShipment, view: View): LiveShipment {
  const incoming = view.lastPosition ?? null;
  const lastPosition = newer(incoming, state.lastPosition) ? incoming : state.lastPosition;
  const trace = (view.trace?.length ?? 0) >= state.trace.length ? (view.trace ?? []) : state.trace;
  return {
    ...state,
    status: view.status,
    lastPosition,
    eta: view.eta === undefined ? state.eta : view.eta,
    milestones: longer(view.milestones, state.milestones),
    trace: withPoint(trace, lastPosition),
  };
}

function applyMessage(state: LiveShipment, message: ShipmentLiveMessage): LiveShipment {
  switch (message.type) {
    case "state":
      return applyView(state, message.state);
    case "position": {
      const position = { lat: message.lat, lng: message.lng, at: message.at };
      if (!newer(position, state.lastPosition)) return state;
      return {
        ...state,
        lastPosition: position,
        trace: withPoint(state.trace, position),
        announcement: `New position ${formatLatLng(position.lat, position.lng)}.`,
      };
    }
    case "eta":
      return { ...state, eta: message.eta };
    case "milestone": {
      if (state.milestones.some((milestone) => milestone.kind === message.kind)) return state;
      const { type: _type, ...milestone } = message;
      return {
        ...state,
        milestones: [...state.milestones, milestone],
        status: statusAfter[milestone.kind] ?? state.status,
        announcement: `${milestoneLabel(milestone.kind)}.`,
      };
    }
    // The session's refusals answer what a traveller sends; a watcher's page sends only pings.
    case "error":
    case "pong":
      return state;
  }
}

function newer(candidate: CourierPosition | null, current: CourierPosition | null): candidate is CourierPosition {
  return candidate !== null && (current === null || Date.parse(candidate.at) > Date.parse(current.at));
}

// Milestones are only ever added, so the longer list is the newer one.
function longer(incoming: Milestone[], current: Milestone[]): Milestone[] {
  return incoming.length >= current.length ? incoming : current;
}

function withPoint(trace: CourierPosition[], position: CourierPosition | null): CourierPosition[] {
  const last = trace.at(-1);
  if (position === null || (last !== undefined && Date.parse(last.at) >= Date.parse(position.at))) return trace;
  const next = [...trace, position];
  return next.length > traceDrawnPointsMax ? next.filter((_, index) => index % 2 === 0 || index === next.length - 1) : next;
}
