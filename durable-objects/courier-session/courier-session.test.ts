// The CourierSession inside workerd: downsampling, ETA, milestones on the live socket, PIN tries and the lock, restarts, progress in Postgres.
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEvents } from "../../db/schema";
import { greatCircleKm } from "../../workers/crowdship/geo";
import { eventually } from "../../workers/crowdship/test-fixtures";
import { COURIER_PIN_MAX_ATTEMPTS, COURIER_TRACE_MAX_POINTS, COURIER_TRACE_MIN_DISTANCE_M, COURIER_WATCHERS_MAX } from "../../workers/platform/limits";
import { withDatabase } from "../../workers/test-support/api";
import type { CourierSession } from "./courier-session";
import { along, configuredSession, connect, HOUR_MS, insertShipmentRow, MINUTE_MS, PIN_HASH, PLACES, positionAt, session, sessionSetup, shipmentRow } from "./test-fixtures";

/** Two hours ago: a whole route fits before now, and no position is in the future. */
const start = () => Date.now() - 2 * HOUR_MS;

/** Paris centre, 20 km out towards London, Croydon (15 km from London), central London: departed, arrived, out for delivery. */
function route(startMs: number) {
  return [PLACES.paris, along(PLACES.paris, PLACES.london, 0.06), PLACES.croydon, PLACES.london].map((point, index) => positionAt(point, startMs + index * 20 * MINUTE_MS));
}

function milestoneEvents(shipmentId: string) {
  return withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "shipment.milestone"), sql`${outboxEvents.payload}->>'shipmentId' = ${shipmentId}`)));
}

function pendingProgress(stub: DurableObjectStub<CourierSession>) {
  return runInDurableObject(stub, (_instance: CourierSession, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM pending_progress").one().n);
}

describe("positions and the trace", () => {
  it("keeps one point per 100 m of a dense stream, and the newest as the last position", async () => {
    const { setup, stub } = await configuredSession();
    // 300 fixes a second apart, 10 m apart, due north: one kept per ten.
    const t0 = start();
    const positions = Array.from({ length: 300 }, (_, index) => positionAt({ lat: PLACES.paris.lat + index * 0.00009, lng: PLACES.paris.lng }, t0 + index * 1_000));
    const result = await stub.recordPositions(setup.travelerId, positions);
    if (!result.ok) throw new Error(result.code);
    expect(result.value.accepted).toBe(300);
    const trace = result.value.view.trace;
    expect(trace.length).toBe(30);
    const gapsM = trace.slice(1).map((point, index) => greatCircleKm(trace[index]!, point) * 1000);
    expect(Math.min(...gapsM)).toBeGreaterThanOrEqual(COURIER_TRACE_MIN_DISTANCE_M);
    expect(result.value.view.lastPosition).toEqual(positions.at(-1));
  });

  it("bounds the trace by halving it, and stores the halved trace", async () => {
    const { setup, stub } = await configuredSession();
    const t0 = start();
    for (let batch = 0; batch < 5; batch++) {
      const positions = Array.from({ length: 500 }, (_, index) => positionAt({ lat: PLACES.paris.lat + (batch * 500 + index) * 0.002, lng: PLACES.paris.lng }, t0 + (batch * 500 + index) * 1_000));
      expect(await stub.recordPositions(setup.travelerId, positions)).toMatchObject({ ok: true, value: { accepted: 500 } });
    }
    const view = (await stub.view())!;
    expect(view.trace.length).toBeLessThanOrEqual(COURIER_TRACE_MAX_POINTS);
    expect(view.trace.at(-1)).toEqual(view.lastPosition);
    const storedPoints = await runInDurableObject(stub, (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM trace").one().n);
    expect(storedPoints).toBe(view.trace.length);
  });

  it("answers NOT_TRAVELER to anyone else, NOT_CONFIGURED before setup, and counts ignored positions out", async () => {
    const { setup, stub } = await configuredSession();
    const now = Date.now();
    expect(await stub.recordPositions("usr_someone_else", [positionAt(PLACES.paris, now)])).toMatchObject({ ok: false, code: "NOT_TRAVELER" });
    expect(await session("shp_never_configured").recordPositions(setup.travelerId, [positionAt(PLACES.paris, now)])).toMatchObject({ ok: false, code: "NOT_CONFIGURED" });
    expect(await session("shp_never_configured").view()).toBeNull();
    expect(await stub.recordPositions(setup.travelerId, [positionAt(PLACES.paris, now)])).toMatchObject({ ok: true, value: { accepted: 1 } });
    const result = await stub.recordPositions(setup.travelerId, [positionAt(PLACES.paris, now - 1_000), positionAt(PLACES.paris, now), positionAt(PLACES.paris, now + HOUR_MS), positionAt(PLACES.paris, now + 500)]);
    expect(result).toMatchObject({ ok: true, value: { accepted: 1, view: { lastPosition: positionAt(PLACES.paris, now + 500) } } });
  });
});

describe("the ETA", () => {
  it("is the trip's planned arrival while the courier stands still", async () => {
    const { setup, stub } = await configuredSession();
    const t0 = start();
    const result = await stub.recordPositions(setup.travelerId, [positionAt(PLACES.paris, t0), positionAt(PLACES.paris, t0 + 2 * MINUTE_MS), positionAt(PLACES.paris, t0 + 4 * MINUTE_MS)]);
    expect(result).toMatchObject({ ok: true, value: { view: { eta: setup.plannedArriveAt } } });
  });

  it("is the remaining distance at the recent speed once the courier moves, and reaches watchers", async () => {
    const { setup, stub } = await configuredSession();
    const watcher = await connect(stub, "watcher", setup.watcherIds[0]!);
    const t0 = start();
    // 1/100 of Paris–London a minute for five minutes.
    const positions = Array.from({ length: 6 }, (_, index) => positionAt(along(PLACES.paris, PLACES.london, index / 100), t0 + index * MINUTE_MS));
    const result = await stub.recordPositions(setup.travelerId, positions);
    if (!result.ok) throw new Error(result.code);
    const last = positions.at(-1)!;
    const speedKmPerMinute = greatCircleKm(positions[0]!, last) / 5;
    const expectedMs = Date.parse(last.at) + (greatCircleKm(last, PLACES.london) / speedKmPerMinute) * MINUTE_MS;
    expect(Math.abs(Date.parse(result.value.view.eta!) - expectedMs)).toBeLessThanOrEqual(MINUTE_MS);
    expect(await watcher.waitFor((message) => message.type === "eta")).toEqual({ type: "eta", eta: result.value.view.eta });
  });
});

describe("milestones on the live socket", () => {
  it("raises picked up, departed, arrived and out for delivery once each, in order, to a watching requester", async () => {
    const { setup, stub } = await configuredSession();
    const watcher = await connect(stub, "watcher", setup.watcherIds[0]!);
    const traveler = await connect(stub, "traveler", setup.travelerId);
    expect(watcher.messages[0]).toMatchObject({ type: "state", state: { shipmentId: setup.shipmentId, status: "accepted", pinAttemptsLeft: COURIER_PIN_MAX_ATTEMPTS } });
    const t0 = start();
    expect(await stub.markPickedUp(setup.travelerId, new Date(t0).toISOString())).toMatchObject({ ok: true, value: { status: "picked_up" } });
    const positions = route(t0 + MINUTE_MS);
    // One more fix in London afterwards must raise nothing again.
    const lastFix = positionAt(PLACES.london, t0 + 90 * MINUTE_MS);
    for (const position of [...positions, lastFix]) traveler.send({ type: "position", ...position });
    await watcher.waitFor((message) => message.type === "position" && message.at === lastFix.at);
    const milestones = watcher.messages.filter((message) => message.type === "milestone");
    expect(milestones.map((message) => message.type === "milestone" && message.kind)).toEqual(["picked_up", "departed", "arrived", "out_for_delivery"]);
    expect(milestones[1]).toMatchObject({ at: positions[1]!.at, lat: positions[1]!.lat, lng: positions[1]!.lng });
    expect(watcher.messages.filter((message) => message.type === "position")).toHaveLength(5);
    expect((await stub.view())!.status).toBe("out_for_delivery");
  });

  it("answers a watcher's position with an error and changes nothing, and a ping with a pong", async () => {
    const { setup, stub } = await configuredSession();
    const watcher = await connect(stub, "watcher", setup.watcherIds[0]!);
    watcher.send({ type: "position", ...positionAt(PLACES.paris, Date.now()) });
    expect(await watcher.waitFor((message) => message.type === "error")).toMatchObject({ code: "NOT_TRAVELER" });
    watcher.send({ type: "ping" });
    await watcher.waitFor((message) => message.type === "pong");
    expect((await stub.view())!.lastPosition).toBeNull();
  });

  it("refuses upgrades without a role, and past the socket bound", async () => {
    const { setup, stub } = await configuredSession();
    expect((await stub.fetch("http://courier-session/live", { headers: { Upgrade: "websocket", "X-Courier-User": setup.travelerId } })).status).toBe(400);
    for (let index = 0; index < COURIER_WATCHERS_MAX; index++) await connect(stub, "watcher", setup.watcherIds[0]!);
    const refused = await stub.fetch("http://courier-session/live", { headers: { Upgrade: "websocket", "X-Courier-Role": "watcher", "X-Courier-User": setup.watcherIds[0]! } });
    expect(refused.status).toBe(429);
  });
});

describe("the delivery PIN", () => {
  it("counts five wrong tries down to a lock, then refuses even the right PIN", async () => {
    const { setup, stub } = await configuredSession();
    const answers = [];
    for (let attempt = 0; attempt < COURIER_PIN_MAX_ATTEMPTS; attempt++) {
      const result = await stub.submitPin(setup.travelerId, `wrong-${attempt}`);
      answers.push(result.ok ? "ok" : { code: result.code, attemptsLeft: result.attemptsLeft, justLocked: result.justLocked ?? false });
    }
    expect(answers).toEqual([
      { code: "WRONG_PIN", attemptsLeft: 4, justLocked: false },
      { code: "WRONG_PIN", attemptsLeft: 3, justLocked: false },
      { code: "WRONG_PIN", attemptsLeft: 2, justLocked: false },
      { code: "WRONG_PIN", attemptsLeft: 1, justLocked: false },
      { code: "SHIPMENT_LOCKED", attemptsLeft: 0, justLocked: true },
    ]);
    const after = await stub.submitPin(setup.travelerId, PIN_HASH);
    expect(after).toMatchObject({ ok: false, code: "SHIPMENT_LOCKED" });
    expect(after.ok === false && after.justLocked).toBeFalsy();
    expect((await stub.view())!).toMatchObject({ status: "locked", pinAttemptsLeft: 0 });
    expect(await stub.unlock()).toMatchObject({ status: "accepted", pinAttemptsLeft: COURIER_PIN_MAX_ATTEMPTS });
  });

  it("delivers on the right PIN and answers ok again for it, but only to the traveller", async () => {
    const { setup, stub } = await configuredSession();
    expect(await stub.submitPin(setup.watcherIds[0]!, PIN_HASH)).toMatchObject({ ok: false, code: "NOT_TRAVELER" });
    expect(await stub.submitPin(setup.travelerId, "wrong")).toMatchObject({ ok: false, code: "WRONG_PIN", attemptsLeft: 4 });
    const delivered = await stub.submitPin(setup.travelerId, PIN_HASH);
    expect(delivered).toMatchObject({ ok: true, value: { status: "delivered", eta: null } });
    expect(delivered.ok && delivered.value.milestones.at(-1)!.kind).toBe("delivered");
    expect(await stub.submitPin(setup.travelerId, PIN_HASH)).toMatchObject({ ok: true, value: { status: "delivered" } });
    expect(await stub.submitPin(setup.travelerId, "wrong")).toMatchObject({ ok: false, code: "SHIPMENT_CLOSED" });
  });
});

describe("a restart", () => {
  it("keeps the position, trace, milestones and PIN tries", async () => {
    const { setup, stub } = await configuredSession();
    const t0 = start();
    await stub.markPickedUp(setup.travelerId, new Date(t0).toISOString());
    await stub.recordPositions(setup.travelerId, route(t0 + MINUTE_MS).slice(0, 2));
    await stub.submitPin(setup.travelerId, "wrong");
    const before = await stub.view();
    await abortAllDurableObjects();
    const after = await session(setup.shipmentId).view();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: "in_transit", pinAttemptsLeft: 4 });
    // A later configure refreshes the watchers only: nothing the courier did is reset.
    const again = await session(setup.shipmentId).configure({ ...setup, watcherIds: [...setup.watcherIds, "usr_seller"], milestones: [] });
    expect(again).toEqual(before);
  });
});

describe("progress in Postgres", () => {
  it("moves the shipment row forward with its milestones and one shipment.milestone event each", async () => {
    const { setup, stub } = await configuredSession();
    const t0 = start();
    await stub.markPickedUp(setup.travelerId, new Date(t0).toISOString());
    await stub.recordPositions(setup.travelerId, route(t0 + MINUTE_MS).slice(0, 2));
    const row = await eventually(() => shipmentRow(setup.shipmentId), (current) => current?.status === "in_transit");
    expect(row!.milestones.map((milestone) => milestone.kind)).toEqual(["accepted", "picked_up", "departed"]);
    const events = await milestoneEvents(setup.shipmentId);
    expect(events.map((event) => (event.payload as { milestone: string }).milestone).sort()).toEqual(["departed", "picked_up"]);
    expect(events[0]!.payload).toMatchObject({ shipmentId: setup.shipmentId, travelerId: setup.travelerId, requesterId: setup.watcherIds[0] });
  });

  it("never moves a delivered row back, and leaves delivery's own milestone and event to the delivery step", async () => {
    const setup = sessionSetup({ status: "picked_up" });
    await insertShipmentRow(setup, "delivered");
    const stub = session(setup.shipmentId);
    await stub.configure(setup);
    await stub.recordPositions(setup.travelerId, route(start()).slice(0, 2));
    const row = await eventually(() => shipmentRow(setup.shipmentId), (current) => current?.milestones.some((milestone) => milestone.kind === "departed") ?? false);
    expect(row!.status).toBe("delivered");
    await stub.submitPin(setup.travelerId, PIN_HASH);
    await eventually(() => pendingProgress(stub), (count) => count === 0);
    expect((await shipmentRow(setup.shipmentId))!.milestones.map((milestone) => milestone.kind)).toEqual(["accepted", "departed"]);
    expect((await milestoneEvents(setup.shipmentId)).map((event) => (event.payload as { milestone: string }).milestone)).toEqual(["departed"]);
  });

  it("keeps the progress and retries from its alarm until the row is there", async () => {
    const setup = sessionSetup();
    const stub = session(setup.shipmentId);
    await stub.configure(setup);
    await stub.markPickedUp(setup.travelerId, new Date().toISOString());
    const failures = await eventually(
      () => runInDurableObject(stub, (_instance: CourierSession, state) => Number(state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'progress_failures'").toArray()[0]?.value ?? 0)),
      (count) => count > 0,
    );
    expect(failures).toBeGreaterThan(0);
    await insertShipmentRow(setup);
    const row = await eventually(() => shipmentRow(setup.shipmentId), (current) => current?.status === "picked_up");
    expect(row!.milestones.map((milestone) => milestone.kind)).toEqual(["accepted", "picked_up"]);
    expect(await pendingProgress(stub)).toBe(0);
  });
});
