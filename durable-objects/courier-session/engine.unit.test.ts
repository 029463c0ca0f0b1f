// The courier session engine against its rules: the trace's spacing and bound, ETA, milestones by geofence, PIN tries and the lock.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greatCircleKm } from "../../workers/crowdship/geo";
import {
  COURIER_ORIGIN_GEOFENCE_KM,
  COURIER_PIN_MAX_ATTEMPTS,
  COURIER_POSITION_FUTURE_SKEW_MS,
  COURIER_SPEED_WINDOW_MS,
  COURIER_TRACE_MAX_POINTS,
  COURIER_TRACE_MIN_DISTANCE_M,
  COURIER_TRACE_MIN_INTERVAL_MS,
} from "../../workers/platform/limits";
import { applyPositions, estimateArrivalMs, halveTrace, markPickedUp, openSession, refreshSetup, submitPin, unlock, viewOf, type SessionState, type TracePoint } from "./engine";
import type { Position, SessionSetup } from "./protocol";

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Degrees of latitude per km on the engine's sphere (R = 6371.0088 km). */
const DEGREES_PER_KM = 180 / (Math.PI * 6371.0088);
const PARIS = { city: "Paris", country: "FR", lat: 48.8566, lng: 2.3522 };
/** Due north of Paris, 300 km on: distances along the meridian are exact. */
const NORTH = { city: "North", country: "FR", lat: PARIS.lat + 300 * DEGREES_PER_KM, lng: PARIS.lng };

/** A position `km` north of Paris at T0 + `ms`. */
const at = (km: number, ms: number): Position => ({ lat: PARIS.lat + km * DEGREES_PER_KM, lng: PARIS.lng, at: new Date(T0 + ms).toISOString() });

function setup(overrides: Partial<SessionSetup> = {}): SessionSetup {
  return {
    shipmentId: "shp_test",
    travelerId: "traveler",
    watcherIds: ["requester"],
    origin: PARIS,
    destination: NORTH,
    plannedArriveAt: new Date(T0 + 10 * HOUR).toISOString(),
    deliverBy: new Date(T0 + 48 * HOUR).toISOString(),
    pinHash: "right-hash",
    status: "accepted",
    milestones: [{ kind: "accepted", at: new Date(T0 - HOUR).toISOString() }],
    ...overrides,
  };
}

function move(state: SessionState, positions: Position[], nowMs = T0 + 100 * HOUR) {
  const step = applyPositions(state, positions, nowMs);
  expect(step.rejection).toBeNull();
  return step;
}

function pickedUp(): SessionState {
  return markPickedUp(openSession(setup()), T0).state;
}

/** The trace rule without the bound: keep a point ≥ the distance or the interval from the last kept one. */
function referenceTrace(points: TracePoint[]): TracePoint[] {
  const kept: TracePoint[] = [];
  for (const point of points) {
    const last = kept.at(-1);
    if (!last || greatCircleKm(last, point) * 1000 >= COURIER_TRACE_MIN_DISTANCE_M || point.atMs - last.atMs >= COURIER_TRACE_MIN_INTERVAL_MS) kept.push(point);
  }
  return kept;
}

describe("the trace", () => {
  it("keeps a point 100 m on or a minute later, and drops one closer and sooner", () => {
    const step = move(openSession(setup()), [at(0, 0), at(0.09, 10_000), at(0.101, 20_000), at(0.15, 30_000), at(0.15, 30_000 + MINUTE)]);
    expect(step.state.trace.map((point) => point.atMs - T0)).toEqual([0, 20_000, 30_000 + MINUTE]);
    expect(step.traceAppended).toHaveLength(3);
    expect(step.state.lastPosition!.atMs).toBe(T0 + 30_000 + MINUTE);
  });

  it("matches the plain rule on random walks below the bound", () => {
    const walk = fc.array(fc.record({ stepM: fc.integer({ min: 0, max: 300 }), gapMs: fc.integer({ min: 1, max: 90_000 }) }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(walk, (steps) => {
        let km = 0;
        let ms = 0;
        const positions = steps.map(({ stepM, gapMs }) => at((km += stepM / 1000), (ms += gapMs)));
        const step = move(openSession(setup()), positions);
        expect(step.accepted).toHaveLength(steps.length);
        expect(step.state.trace).toEqual(referenceTrace(step.accepted));
      }),
      { numRuns: 200 },
    );
  });

  it("halves itself past the bound, keeping the first point and the newest, and never exceeds it", () => {
    let state = openSession(setup());
    let halvings = 0;
    for (let batch = 0; batch < 10; batch++) {
      const positions = Array.from({ length: 500 }, (_, index) => at((batch * 500 + index) * 0.2, (batch * 500 + index) * 1_000));
      const step = move(state, positions);
      if (step.traceAppended === null) halvings++;
      state = step.state;
      expect(state.trace.length).toBeLessThanOrEqual(COURIER_TRACE_MAX_POINTS);
    }
    expect(halvings).toBeGreaterThan(0);
    expect(state.trace[0]!.atMs).toBe(T0);
    expect(state.trace.at(-1)).toEqual(state.lastPosition);
    const gapsM = state.trace.slice(1).map((point, index) => greatCircleKm(state.trace[index]!, point) * 1000);
    expect(Math.min(...gapsM)).toBeGreaterThanOrEqual(COURIER_TRACE_MIN_DISTANCE_M);
  });

  it("halving keeps every other point counted back from the newest, and the first", () => {
    const points = Array.from({ length: 6 }, (_, index) => ({ lat: index, lng: 0, atMs: index }));
    expect(halveTrace(points).map((point) => point.atMs)).toEqual([0, 1, 3, 5]);
    expect(halveTrace(points.slice(0, 5)).map((point) => point.atMs)).toEqual([0, 2, 4]);
  });

  it("ignores positions not newer than the last one, too far in the future, or invalid, and counts only the rest", () => {
    const first = move(openSession(setup()), [at(0, 10_000)], T0 + 10_000).state;
    const step = move(
      first,
      [at(1, 5_000), at(1, 10_000), at(1, 10_000 + COURIER_POSITION_FUTURE_SKEW_MS + 1), { lat: 91, lng: 0, at: new Date(T0 + 11_000).toISOString() }, { lat: 1, lng: 1, at: "yesterday" }, at(2, 20_000)],
      T0 + 10_000,
    );
    expect(step.accepted.map((point) => point.atMs - T0)).toEqual([20_000]);
    expect(step.state.lastPosition!.atMs).toBe(T0 + 20_000);
  });

  it("takes a batch out of order in time order", () => {
    const step = move(openSession(setup()), [at(0.4, 40_000), at(0.2, 20_000), at(0, 0)]);
    expect(step.accepted.map((point) => point.atMs - T0)).toEqual([0, 20_000, 40_000]);
  });
});

describe("the ETA", () => {
  it("is the planned arrival before any position and while the courier stands still", () => {
    const planned = T0 + 10 * HOUR;
    const state = openSession(setup());
    expect(state.etaMs).toBe(planned);
    const still = move(state, [at(0, 0), at(0.001, MINUTE), at(0.002, 2 * MINUTE)]).state;
    expect(still.etaMs).toBe(planned);
  });

  it("is the remaining distance at the recent speed, from the last position, to the minute", () => {
    // 60 km/h for 5 minutes: 1 km a minute, then 295 km to go.
    const positions = Array.from({ length: 6 }, (_, index) => at(index, index * MINUTE));
    const state = move(openSession(setup()), positions).state;
    expect(state.etaMs).toBe(T0 + 5 * MINUTE + 295 * MINUTE);
    expect(viewOf(state).eta).toBe(new Date(T0 + 300 * MINUTE).toISOString());
  });

  it("measures the speed over the recent window only", () => {
    // Slow for an hour (6 km/h), then 120 km/h through the last window.
    const slow = Array.from({ length: 61 }, (_, index) => at(index * 0.1, index * MINUTE));
    const fastStart = 60 * MINUTE;
    const fast = Array.from({ length: 6 }, (_, index) => at(6 + (index + 1) * 2, fastStart + (index + 1) * MINUTE));
    const state = move(openSession(setup()), [...slow, ...fast]).state;
    const remainingKm = 300 - 18;
    const windowStartMs = fastStart + 6 * MINUTE - COURIER_SPEED_WINDOW_MS;
    expect(windowStartMs).toBe(fastStart + MINUTE);
    expect(state.etaMs).toBe(Math.round((T0 + fastStart + 6 * MINUTE + (remainingKm / 120) * HOUR) / MINUTE) * MINUTE);
  });

  it("is gone once the shipment is delivered", () => {
    const delivered = submitPin(pickedUp(), "right-hash", T0).state;
    expect(estimateArrivalMs(delivered)).toBeNull();
    expect(viewOf(delivered).eta).toBeNull();
  });
});

describe("milestones", () => {
  it("raises nothing from positions before pickup", () => {
    const step = move(openSession(setup()), [at(50, 0), at(299, HOUR)]);
    expect(step.milestones).toEqual([]);
    expect(step.state.status).toBe("accepted");
  });

  it("raises departed, arrived and out for delivery once each, in order, where they happened", () => {
    let state = pickedUp();
    const raised: string[] = [];
    const route = [at(5, 0), at(COURIER_ORIGIN_GEOFENCE_KM + 0.5, MINUTE), at(100, HOUR), at(280, 2 * HOUR), at(290, 3 * HOUR), at(296, 4 * HOUR), at(298, 5 * HOUR)];
    for (const position of route) {
      const step = move(state, [position]);
      raised.push(...step.milestones.map((milestone) => milestone.kind));
      state = step.state;
    }
    expect(raised).toEqual(["departed", "arrived", "out_for_delivery"]);
    expect(state.status).toBe("out_for_delivery");
    expect(state.milestones.map((milestone) => milestone.kind)).toEqual(["accepted", "picked_up", "departed", "arrived", "out_for_delivery"]);
    expect(state.milestones[2]).toMatchObject({ at: route[1]!.at, lat: route[1]!.lat, lng: route[1]!.lng });
  });

  it("skips the stages a jump passes over instead of inventing them", () => {
    const step = move(pickedUp(), [at(297, HOUR)]);
    expect(step.milestones.map((milestone) => milestone.kind)).toEqual(["out_for_delivery"]);
    const back = move(step.state, [at(250, 2 * HOUR)]);
    expect(back.milestones).toEqual([]);
    expect(back.state.status).toBe("out_for_delivery");
  });

  it("records pickup once, and refuses positions once the shipment is delivered", () => {
    const state = pickedUp();
    expect(markPickedUp(state, T0 + 1).milestones).toEqual([]);
    const delivered = submitPin(state, "right-hash", T0 + HOUR).state;
    expect(applyPositions(delivered, [at(1, 2 * HOUR)], T0 + 2 * HOUR).rejection).toMatchObject({ code: "SHIPMENT_CLOSED" });
  });
});

describe("the delivery PIN", () => {
  it("counts wrong tries down, locks on the fifth, and then refuses even the right PIN", () => {
    let state = pickedUp();
    const answers: unknown[] = [];
    for (let attempt = 0; attempt < COURIER_PIN_MAX_ATTEMPTS; attempt++) {
      const step = submitPin(state, `wrong-${attempt}`, T0);
      answers.push({ code: step.rejection?.code, attemptsLeft: step.rejection?.attemptsLeft, justLocked: step.rejection?.justLocked });
      state = step.state;
    }
    expect(answers).toEqual([
      { code: "WRONG_PIN", attemptsLeft: 4, justLocked: undefined },
      { code: "WRONG_PIN", attemptsLeft: 3, justLocked: undefined },
      { code: "WRONG_PIN", attemptsLeft: 2, justLocked: undefined },
      { code: "WRONG_PIN", attemptsLeft: 1, justLocked: undefined },
      { code: "SHIPMENT_LOCKED", attemptsLeft: 0, justLocked: true },
    ]);
    expect(state.status).toBe("locked");
    expect(state.milestones.at(-1)).toMatchObject({ kind: "locked" });
    const after = submitPin(state, "right-hash", T0);
    expect(after.rejection).toMatchObject({ code: "SHIPMENT_LOCKED", attemptsLeft: 0 });
    expect(after.rejection?.justLocked).toBeUndefined();
    expect(after.state.status).toBe("locked");
  });

  it("unlocks back to the status before the lock with every try back", () => {
    let state = move(pickedUp(), [at(20, HOUR)]).state;
    for (let attempt = 0; attempt < COURIER_PIN_MAX_ATTEMPTS; attempt++) state = submitPin(state, "wrong", T0).state;
    const unlocked = unlock(state);
    expect({ status: unlocked.status, attemptsLeft: unlocked.pinAttemptsLeft }).toEqual({ status: "in_transit", attemptsLeft: COURIER_PIN_MAX_ATTEMPTS });
    expect(submitPin(unlocked, "right-hash", T0).state.status).toBe("delivered");
  });

  it("delivers on the right PIN, answers ok again for it, and refuses a wrong one afterwards without counting it", () => {
    const step = submitPin(submitPin(pickedUp(), "wrong", T0).state, "right-hash", T0 + HOUR);
    expect(step.rejection).toBeNull();
    expect(step.milestones).toEqual([{ kind: "delivered", at: new Date(T0 + HOUR).toISOString() }]);
    expect(step.state.status).toBe("delivered");
    const again = submitPin(step.state, "right-hash", T0 + 2 * HOUR);
    expect({ rejection: again.rejection, milestones: again.milestones, state: again.state }).toEqual({ rejection: null, milestones: [], state: step.state });
    const wrong = submitPin(step.state, "wrong", T0 + 2 * HOUR);
    expect(wrong.rejection).toMatchObject({ code: "SHIPMENT_CLOSED" });
    expect(wrong.state.pinAttemptsLeft).toBe(step.state.pinAttemptsLeft);
  });

  it("tells a hash apart from its prefix and its extension", () => {
    expect(submitPin(pickedUp(), "right-has", T0).rejection?.code).toBe("WRONG_PIN");
    expect(submitPin(pickedUp(), "right-hash-", T0).rejection?.code).toBe("WRONG_PIN");
    expect(submitPin(pickedUp(), "", T0).rejection?.code).toBe("WRONG_PIN");
  });
});

describe("a later configure", () => {
  it("refreshes the watchers and takes a closed status from Postgres, keeping positions and tries", () => {
    let state = move(pickedUp(), [at(1, MINUTE)]).state;
    state = submitPin(state, "wrong", T0).state;
    const refreshed = refreshSetup(state, setup({ watcherIds: ["requester", "seller"], status: "picked_up", milestones: [] }));
    expect({ watchers: refreshed.watcherIds, status: refreshed.status, tries: refreshed.pinAttemptsLeft, last: refreshed.lastPosition }).toEqual({ watchers: ["requester", "seller"], status: "picked_up", tries: 4, last: state.lastPosition });
    expect(refreshSetup(state, setup({ status: "cancelled" })).status).toBe("cancelled");
  });
});
