// What the CourierSession says (docs/crowdship.md): its setup, its view, RPC results and the WebSocket messages, as one set of types.
import type { Milestone, Place, SHIPMENT_STATUS_VALUES } from "../../db/crowdship";

export type ShipmentStatus = (typeof SHIPMENT_STATUS_VALUES)[number];

export interface Position {
  lat: number;
  lng: number;
  /** ISO 8601. */
  at: string;
}

export interface SessionSetup {
  shipmentId: string;
  travelerId: string;
  /** The requester and, for an order, its seller. */
  watcherIds: string[];
  origin: Place;
  destination: Place;
  plannedArriveAt: string;
  deliverBy: string;
  pinHash: string;
  status: ShipmentStatus;
  milestones: Milestone[];
}

export interface SessionView {
  shipmentId: string;
  status: ShipmentStatus;
  lastPosition: Position | null;
  eta: string | null;
  milestones: Milestone[];
  trace: Position[];
  pinAttemptsLeft: number;
}

export type CourierErrorCode = "NOT_CONFIGURED" | "NOT_TRAVELER" | "WRONG_PIN" | "SHIPMENT_LOCKED" | "SHIPMENT_CLOSED";

/** `justLocked` is set on the SHIPMENT_LOCKED of the very try that locked it: the Worker then writes the lock and tells support, once. */
export type CourierResult<T> = { ok: true; value: T } | { ok: false; code: CourierErrorCode; detail: string; attemptsLeft?: number; justLocked?: boolean };

export type CourierRole = "traveler" | "watcher";

/** What a socket carries across hibernation (serializeAttachment). */
export interface SocketAttachment {
  role: CourierRole;
  userId: string;
}

export type ServerMessage =
  | { type: "state"; state: SessionView }
  | ({ type: "position" } & Position)
  | { type: "eta"; eta: string | null }
  | ({ type: "milestone" } & Milestone)
  | { type: "error"; code: CourierErrorCode | "BAD_MESSAGE"; detail: string }
  | { type: "pong" };

export const PING = JSON.stringify({ type: "ping" });
export const PONG = JSON.stringify({ type: "pong" });
