// The courier session engine: one shipment's trace, ETA, milestones and PIN tries as a pure state machine, (state, command, now) → (state, milestones).
import type { Milestone, Place } from "../../db/crowdship";
import { greatCircleKm, isValidLatLng } from "../../workers/crowdship/geo";
import {
  COURIER_DESTINATION_GEOFENCE_KM,
  COURIER_ETA_ROUNDING_MS,
  COURIER_MOVING_MIN_KMH,
  COURIER_ORIGIN_GEOFENCE_KM,
  COURIER_OUT_FOR_DELIVERY_KM,
  COURIER_PIN_MAX_ATTEMPTS,
  COURIER_POSITION_FUTURE_SKEW_MS,
  COURIER_SPEED_WINDOW_MS,
  COURIER_TRACE_MAX_POINTS,
  COURIER_TRACE_MIN_DISTANCE_M,
  COURIER_TRACE_MIN_INTERVAL_MS,
} from "../../workers/platform/limits";
import type { CourierErrorCode, Position, SessionSetup, SessionView, ShipmentStatus } from "./protocol";

export interface TracePoint {
  lat: number;
  lng: number;
  atMs: number;
}

export interface SessionState {
  shipmentId: string;
  travelerId: string;
  watcherIds: string[];
  origin: Place;
  destination: Place;
  plannedArriveAtMs: number;
  pinHash: string;
  status: ShipmentStatus;
  /** What unlock() goes back to. */
  statusBeforeLock: ShipmentStatus | null;
  milestones: Milestone[];
  pinAttemptsLeft: number;
  lastPosition: TracePoint | null;
  /** Oldest first; its last point is the last one kept. */
  trace: TracePoint[];
  etaMs: number | null;
}

export interface Rejection {
  code: CourierErrorCode;
  detail: string;
  attemptsLeft?: number;
  justLocked?: boolean;
}

/** Every command's result: the new state, the milestones it raised (oldest first), or why it was refused (a wrong PIN still changes the state). */
export interface Step {
  state: SessionState;
  milestones: Milestone[];
  rejection: Rejection | null;
}

export interface PositionsStep extends Step {
  accepted: TracePoint[];
  /** Points added to the end of the trace, or null when the trace was halved and must be stored whole. */
  traceAppended: TracePoint[] | null;
}

const HOUR_MS = 3_600_000;
const CLOSED: ReadonlySet<ShipmentStatus> = new Set(["delivered", "cancelled"]);
/** Statuses a courier's movement passes through, in order: a position only ever moves the shipment forward along them. */
const MOVEMENT: readonly { status: ShipmentStatus; milestone: Milestone["kind"] }[] = [
  { status: "picked_up", milestone: "picked_up" },
  { status: "in_transit", milestone: "departed" },
  { status: "arrived", milestone: "arrived" },
  { status: "out_for_delivery", milestone: "out_for_delivery" },
];

export function openSession(setup: SessionSetup): SessionState {
  const state: SessionState = {
    shipmentId: setup.shipmentId,
    travelerId: setup.travelerId,
    watcherIds: setup.watcherIds,
    origin: setup.origin,
    destination: setup.destination,
    plannedArriveAtMs: Date.parse(setup.plannedArriveAt),
    pinHash: setup.pinHash,
    status: setup.status,
    statusBeforeLock: null,
    milestones: setup.milestones,
    pinAttemptsLeft: COURIER_PIN_MAX_ATTEMPTS,
    lastPosition: null,
    trace: [],
    etaMs: null,
  };
  return { ...state, etaMs: estimateArrivalMs(state) };
}

/** A later configure(): new watchers, and Postgres's status when it has closed the shipment; nothing the courier did is reset. */
export function refreshSetup(state: SessionState, setup: SessionSetup): SessionState {
  const closedElsewhere = CLOSED.has(setup.status) && setup.status !== state.status;
  const next = { ...state, watcherIds: setup.watcherIds, status: closedElsewhere ? setup.status : state.status };
  return { ...next, etaMs: estimateArrivalMs(next) };
}

export function isActive(state: SessionState): boolean {
  return !CLOSED.has(state.status) && state.status !== "locked";
}

/** The object trusts its caller for who is asking, and checks only that it is this shipment's traveller. */
export function refuseOthers(state: SessionState, travelerId: string): Rejection | null {
  return travelerId === state.travelerId ? null : { code: "NOT_TRAVELER", detail: "Only the shipment's traveller may do this." };
}

function refuseClosed(state: SessionState): Rejection | null {
  if (state.status === "locked") return { code: "SHIPMENT_LOCKED", detail: "The shipment is locked after too many wrong PINs; support has been told.", attemptsLeft: 0 };
  if (CLOSED.has(state.status)) return { code: "SHIPMENT_CLOSED", detail: `The shipment is ${state.status}.` };
  return null;
}

/** Positions older than the last one (or equal: a re-sent batch), invalid, or too far in the future are ignored. */
export function applyPositions(state: SessionState, positions: readonly Position[], nowMs: number): PositionsStep {
  const refused = refuseClosed(state);
  if (refused) return { state, milestones: [], rejection: refused, accepted: [], traceAppended: [] };
  const candidates = positions
    .filter((position) => isValidLatLng(position) && typeof position.at === "string")
    .map((position) => ({ lat: position.lat, lng: position.lng, atMs: Date.parse(position.at) }))
    .filter((point) => Number.isFinite(point.atMs) && point.atMs <= nowMs + COURIER_POSITION_FUTURE_SKEW_MS)
    .sort((a, b) => a.atMs - b.atMs);
  let { lastPosition, status } = state;
  let trace = state.trace;
  let halved = false;
  const appended: TracePoint[] = [];
  const accepted: TracePoint[] = [];
  const milestones: Milestone[] = [];
  for (const point of candidates) {
    if (lastPosition && point.atMs <= lastPosition.atMs) continue;
    accepted.push(point);
    lastPosition = point;
    const lastKept = trace.at(-1);
    if (!lastKept || greatCircleKm(lastKept, point) * 1000 >= COURIER_TRACE_MIN_DISTANCE_M || point.atMs - lastKept.atMs >= COURIER_TRACE_MIN_INTERVAL_MS) {
      trace = [...trace, point];
      appended.push(point);
      // One point at a time, so one halving brings it back under the bound.
      if (trace.length > COURIER_TRACE_MAX_POINTS) {
        trace = halveTrace(trace);
        halved = true;
      }
    }
    const reached = movementReached(state, point);
    if (reached > movementRank(status)) {
      const stage = MOVEMENT[reached]!;
      status = stage.status;
      milestones.push({ kind: stage.milestone, at: new Date(point.atMs).toISOString(), lat: point.lat, lng: point.lng });
    }
  }
  const next: SessionState = { ...state, lastPosition, status, trace, milestones: [...state.milestones, ...milestones] };
  return { state: { ...next, etaMs: estimateArrivalMs(next) }, milestones, rejection: null, accepted, traceAppended: halved ? null : appended };
}

/** -1 before pickup (positions raise nothing), else the index in MOVEMENT of where the shipment is. */
function movementRank(status: ShipmentStatus): number {
  return MOVEMENT.findIndex((stage) => stage.status === status);
}

/** The furthest stage a position shows: out for delivery inside arrived inside the destination, departed outside the origin's fence. */
function movementReached(state: SessionState, point: TracePoint): number {
  if (movementRank(state.status) < 0) return -1;
  const toDestinationKm = greatCircleKm(point, state.destination);
  if (toDestinationKm <= COURIER_OUT_FOR_DELIVERY_KM) return 3;
  if (toDestinationKm <= COURIER_DESTINATION_GEOFENCE_KM) return 2;
  if (greatCircleKm(point, state.origin) > COURIER_ORIGIN_GEOFENCE_KM) return 1;
  return 0;
}

/** Every other point, counted back from the newest (so the last kept point stays last), and always the first: where the trip began. */
export function halveTrace(points: readonly TracePoint[]): TracePoint[] {
  return points.filter((_, index) => index === 0 || (points.length - 1 - index) % 2 === 0);
}

/** km/h over the last COURIER_SPEED_WINDOW_MS of the trace and the last position, or null when that span shows no movement. */
export function recentSpeedKmh(trace: readonly TracePoint[], lastPosition: TracePoint | null): number | null {
  if (!lastPosition) return null;
  const since = lastPosition.atMs - COURIER_SPEED_WINDOW_MS;
  // From the newest back: a position costs the window's few points, not the whole trace.
  let first = trace.length;
  while (first > 0 && trace[first - 1]!.atMs >= since) first--;
  const path = [...trace.slice(first).filter((point) => point.atMs < lastPosition.atMs), lastPosition];
  const spanMs = lastPosition.atMs - path[0]!.atMs;
  if (spanMs <= 0) return null;
  let km = 0;
  for (let index = 1; index < path.length; index++) km += greatCircleKm(path[index - 1]!, path[index]!);
  const kmh = km / (spanMs / HOUR_MS);
  return kmh >= COURIER_MOVING_MIN_KMH ? kmh : null;
}

/** Remaining great-circle distance at the recent speed, from the last position; the planned arrival when not moving. Rounded to the minute. */
export function estimateArrivalMs(state: SessionState): number | null {
  if (!isActive(state)) return null;
  const speedKmh = recentSpeedKmh(state.trace, state.lastPosition);
  if (!state.lastPosition || speedKmh === null) return state.plannedArriveAtMs;
  const remainingKm = greatCircleKm(state.lastPosition, state.destination);
  const etaMs = state.lastPosition.atMs + (remainingKm / speedKmh) * HOUR_MS;
  return Math.round(etaMs / COURIER_ETA_ROUNDING_MS) * COURIER_ETA_ROUNDING_MS;
}

/** The traveller has the item. Idempotent: once past pickup it changes nothing. */
export function markPickedUp(state: SessionState, atMs: number): Step {
  const refused = refuseClosed(state);
  if (refused) return { state, milestones: [], rejection: refused };
  if (state.status !== "accepted") return { state, milestones: [], rejection: null };
  const milestone: Milestone = { kind: "picked_up", at: new Date(atMs).toISOString() };
  const next: SessionState = { ...state, status: "picked_up", milestones: [...state.milestones, milestone] };
  return { state: { ...next, etaMs: estimateArrivalMs(next) }, milestones: [milestone], rejection: null };
}

/** Compares every character whatever the first difference, so the time taken tells nothing about the stored hash. */
function sameHash(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index % Math.max(1, b.length));
  return difference === 0;
}

/** The right hash delivers (and answers ok again once delivered); each wrong one costs a try, and the last try locks the shipment. */
export function submitPin(state: SessionState, pinHash: string, nowMs: number): Step {
  const right = sameHash(pinHash, state.pinHash);
  if (state.status === "delivered" && right) return { state, milestones: [], rejection: null };
  const refused = refuseClosed(state);
  if (refused) return { state, milestones: [], rejection: refused };
  const at = new Date(nowMs).toISOString();
  if (right) {
    const milestone: Milestone = { kind: "delivered", at };
    return { state: { ...state, status: "delivered", milestones: [...state.milestones, milestone], etaMs: null }, milestones: [milestone], rejection: null };
  }
  const attemptsLeft = Math.max(0, state.pinAttemptsLeft - 1);
  if (attemptsLeft > 0) return { state: { ...state, pinAttemptsLeft: attemptsLeft }, milestones: [], rejection: { code: "WRONG_PIN", detail: `Wrong PIN: ${attemptsLeft} tries left.`, attemptsLeft } };
  // Raised once: a shipment unlocked by support and locked again keeps its first record.
  const milestones: Milestone[] = state.milestones.some((milestone) => milestone.kind === "locked") ? [] : [{ kind: "locked", at }];
  const locked: SessionState = { ...state, pinAttemptsLeft: 0, status: "locked", statusBeforeLock: state.status, milestones: [...state.milestones, ...milestones], etaMs: null };
  return { state: locked, milestones, rejection: { code: "SHIPMENT_LOCKED", detail: "Wrong PIN: no tries left, the shipment is locked and support has been told.", attemptsLeft: 0, justLocked: true } };
}

/** Support has looked: the tries are back, and a locked shipment returns to where it was. */
export function unlock(state: SessionState): SessionState {
  const status = state.status === "locked" ? (state.statusBeforeLock ?? "picked_up") : state.status;
  const next: SessionState = { ...state, status, statusBeforeLock: null, pinAttemptsLeft: COURIER_PIN_MAX_ATTEMPTS };
  return { ...next, etaMs: estimateArrivalMs(next) };
}

export function toPosition(point: TracePoint): Position {
  return { lat: point.lat, lng: point.lng, at: new Date(point.atMs).toISOString() };
}

export function viewOf(state: SessionState): SessionView {
  return {
    shipmentId: state.shipmentId,
    status: state.status,
    lastPosition: state.lastPosition ? toPosition(state.lastPosition) : null,
    eta: state.etaMs === null ? null : new Date(state.etaMs).toISOString(),
    milestones: state.milestones,
    trace: state.trace.map(toPosition),
    pinAttemptsLeft: state.pinAttemptsLeft,
  };
}
