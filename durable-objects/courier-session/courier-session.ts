// The CourierSession Durable Object: a thin shell over the engine. One per shipment; the Worker authorizes, the object trusts its caller.
import { DurableObject } from "cloudflare:workers";
import type { AppEnv } from "../../workers/env";
import { dropCourier, touchCourier } from "../../workers/crowdship/couriers-geo";
import { recordProgress } from "../../workers/crowdship/progress-service";
import { createScope } from "../../workers/platform/context";
import { COURIER_GEO_WRITE_INTERVAL_MS, COURIER_POSITIONS_PER_BATCH_MAX, COURIER_PROGRESS_RETRY_BASE_MS, COURIER_PROGRESS_RETRY_MAX_MS, COURIER_WATCHERS_MAX } from "../../workers/platform/limits";
import { createLogger, errorFields } from "../../workers/platform/logger";
import { applyPositions, isActive, markPickedUp as pickUp, openSession, refreshSetup, refuseOthers, submitPin as tryPin, toPosition, unlock as unlockSession, viewOf, type Rejection, type SessionState, type Step, type TracePoint } from "./engine";
import { PING, PONG, type CourierResult, type CourierRole, type Position, type ServerMessage, type SessionSetup, type SessionView, type SocketAttachment } from "./protocol";
import { SessionStorage } from "./session-storage";

const NOT_CONFIGURED = { ok: false, code: "NOT_CONFIGURED", detail: "The courier session has not been set up yet." } as const;
const ROLES: readonly CourierRole[] = ["traveler", "watcher"];

function refusal(rejection: Rejection): CourierResult<never> {
  return { ok: false, ...rejection };
}

export class CourierSession extends DurableObject<AppEnv> {
  private readonly store: SessionStorage;
  private state: SessionState | null = null;
  /** In memory only: after a restart the first position writes the index again, which costs one write. */
  private lastGeoWriteMs = 0;

  constructor(ctx: DurableObjectState, env: AppEnv) {
    super(ctx, env);
    this.store = new SessionStorage(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.state = this.store.loadState();
    });
    // Idle watchers' pings are answered without waking the object, so a quiet shipment hibernates.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Idempotent: the first call stores the setup; later ones refresh the watchers and a status Postgres has closed. */
  async configure(setup: SessionSetup): Promise<SessionView> {
    const state = this.state ? refreshSetup(this.state, setup) : openSession(setup);
    await this.commit({ state, milestones: [], rejection: null }, []);
    return viewOf(state);
  }

  view(): SessionView | null {
    return this.state ? viewOf(this.state) : null;
  }

  async recordPositions(travelerId: string, positions: Position[]): Promise<CourierResult<{ accepted: number; view: SessionView }>> {
    const outcome = await this.acceptPositions(travelerId, positions);
    return outcome.ok ? { ok: true, value: { accepted: outcome.value, view: viewOf(this.state!) } } : outcome;
  }

  async markPickedUp(travelerId: string, at: string): Promise<CourierResult<SessionView>> {
    if (!this.state) return NOT_CONFIGURED;
    const refused = refuseOthers(this.state, travelerId);
    if (refused) return refusal(refused);
    const atMs = Date.parse(at);
    const step = pickUp(this.state, Number.isFinite(atMs) ? atMs : Date.now());
    if (step.rejection) return refusal(step.rejection);
    await this.commit(step, []);
    return { ok: true, value: viewOf(step.state) };
  }

  async submitPin(travelerId: string, pinHash: string): Promise<CourierResult<SessionView & { justLocked?: boolean }>> {
    if (!this.state) return NOT_CONFIGURED;
    const refused = refuseOthers(this.state, travelerId);
    if (refused) return refusal(refused);
    const step = tryPin(this.state, pinHash, Date.now());
    // A wrong PIN is refused but still costs a try: the new count is stored before the answer leaves.
    await this.commit(step, []);
    return step.rejection ? refusal(step.rejection) : { ok: true, value: viewOf(step.state) };
  }

  /** Support unlocks a shipment; null when it was never configured. */
  async unlock(): Promise<SessionView | null> {
    if (!this.state) return null;
    const state = unlockSession(this.state);
    await this.commit({ state, milestones: [], rejection: null }, []);
    return viewOf(state);
  }

  /** The Worker forwards GET /v1/shipments/:id/live here with who is asking; hibernation keeps idle sessions free. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const role = request.headers.get("X-Courier-Role") as CourierRole | null;
    const userId = request.headers.get("X-Courier-User");
    if (!role || !ROLES.includes(role) || !userId) return new Response("X-Courier-Role and X-Courier-User are required", { status: 400 });
    if (!this.state) return new Response("the courier session has not been set up yet", { status: 404 });
    if (this.ctx.getWebSockets().length >= COURIER_WATCHERS_MAX) return new Response("too many sockets on this shipment", { status: 429 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [role, userId]);
    pair[1].serializeAttachment({ role, userId } satisfies SocketAttachment);
    pair[1].send(JSON.stringify({ type: "state", state: viewOf(this.state) } satisfies ServerMessage));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** The traveller streams `{ type: "position", lat, lng, at }`; anything else, or a watcher's position, gets an error back. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const reply = (payload: ServerMessage) => ws.send(JSON.stringify(payload));
    let parsed: unknown = null;
    try {
      parsed = typeof message === "string" ? JSON.parse(message) : null;
    } catch {
      // answered below as a bad message
    }
    const body = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
    if (body.type === "ping") return reply({ type: "pong" });
    if (body.type !== "position") return reply({ type: "error", code: "BAD_MESSAGE", detail: 'Send { "type": "position", "lat", "lng", "at" } or { "type": "ping" }.' });
    const attachment = ws.deserializeAttachment() as SocketAttachment;
    if (attachment.role !== "traveler") return reply({ type: "error", code: "NOT_TRAVELER", detail: "Only the traveller sends positions." });
    const outcome = await this.acceptPositions(attachment.userId, [{ lat: body.lat as number, lng: body.lng as number, at: body.at as string }]);
    if (!outcome.ok) reply({ type: "error", code: outcome.code, detail: outcome.detail });
    else if (outcome.value === 0) reply({ type: "error", code: "BAD_MESSAGE", detail: "The position was ignored: invalid, not newer than the last one, or too far in the future." });
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "bye");
    } catch {
      // already closed
    }
  }

  /** Reports progress to Postgres; on failure tries again later, backing off to COURIER_PROGRESS_RETRY_MAX_MS. */
  override async alarm(): Promise<void> {
    const pending = this.store.newestProgress();
    if (!pending || !this.state) return;
    const shipmentId = this.state.shipmentId;
    const log = createLogger(this.env.LOG_LEVEL, { shipmentId });
    const scope = createScope(this.env, log, `courier:${shipmentId}`, { ip: null, userAgent: null });
    try {
      await recordProgress(scope.ctx, shipmentId, pending.progress);
      this.store.dropProgressThrough(pending.id);
      this.store.setMeta("progress_failures", "0");
      // Progress queued while this one was being written goes next.
      if (this.store.newestProgress()) await this.ctx.storage.setAlarm(Date.now());
    } catch (error) {
      const failures = Number(this.store.meta("progress_failures") ?? 0) + 1;
      this.store.setMeta("progress_failures", String(failures));
      const delayMs = Math.min(COURIER_PROGRESS_RETRY_BASE_MS * 2 ** Math.min(failures - 1, 30), COURIER_PROGRESS_RETRY_MAX_MS);
      log.warn("recording courier progress failed; the alarm retries", { failures, delayMs, ...errorFields(error) });
      await this.ctx.storage.setAlarm(Date.now() + delayMs);
    } finally {
      await scope.close();
    }
  }

  /** Both position paths: RPC batches and the traveller's socket. Returns how many positions were accepted. */
  private async acceptPositions(travelerId: string, positions: Position[]): Promise<CourierResult<number>> {
    if (!this.state) return NOT_CONFIGURED;
    const refused = refuseOthers(this.state, travelerId);
    if (refused) return refusal(refused);
    const nowMs = Date.now();
    const step = applyPositions(this.state, positions.slice(0, COURIER_POSITIONS_PER_BATCH_MAX), nowMs);
    if (step.rejection) return refusal(step.rejection);
    if (step.accepted.length === 0) return { ok: true, value: 0 };
    await this.commit(step, step.traceAppended, step.accepted.at(-1)!);
    const last = step.state.lastPosition!;
    if (isActive(step.state) && nowMs - this.lastGeoWriteMs >= COURIER_GEO_WRITE_INTERVAL_MS) {
      this.lastGeoWriteMs = nowMs;
      this.inBackground("writing the courier geo index", touchCourier(this.env, step.state.travelerId, last, last.atMs));
    }
    return { ok: true, value: step.accepted.length };
  }

  /**
   * Stores the step (and the progress Postgres must hear of) in one storage transaction, then tells every socket.
   * Postgres is written from the alarm, never inside the call: the caller may hold the only database connection.
   */
  private async commit(step: Step, traceAppended: TracePoint[] | null, position?: TracePoint): Promise<void> {
    const before = this.state;
    const { state, milestones } = step;
    this.ctx.storage.transactionSync(() => {
      this.store.saveState(state, traceAppended);
      if (milestones.length > 0) this.store.queueProgress({ status: state.status, milestones: state.milestones });
    });
    this.state = state;
    if (position) this.broadcast({ type: "position", ...toPosition(position) });
    for (const milestone of milestones) this.broadcast({ type: "milestone", ...milestone });
    if (before && before.etaMs !== state.etaMs) this.broadcast({ type: "eta", eta: state.etaMs === null ? null : new Date(state.etaMs).toISOString() });
    if (before && isActive(before) && !isActive(state)) this.inBackground("dropping the courier from the geo index", dropCourier(this.env, state.travelerId));
    if (milestones.length > 0) await this.ctx.storage.setAlarm(Date.now());
  }

  private broadcast(message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
      } catch {
        // a socket closing mid-broadcast is not the others' problem
      }
    }
  }

  /** Redis only speeds "couriers nearby" up: a failed write is logged, and a later position writes again. */
  private inBackground(what: string, task: Promise<void>): void {
    this.ctx.waitUntil(task.catch((error: unknown) => createLogger(this.env.LOG_LEVEL, { shipmentId: this.state?.shipmentId }).warn(`${what} failed`, errorFields(error))));
  }
}
