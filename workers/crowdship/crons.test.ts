// The crowdship crons through the Worker's scheduled handler: late requests expire, arrived trips with nothing on board complete.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shipmentOffers, shipmentRequests } from "../../db/schema";
import worker from "../index";
import { call, testEnv, withDatabase } from "../test-support/api";
import { acceptedShipment, openOffer } from "./shipment-test-fixtures";
import { createRequest, createTrip, DAY_MS, HOUR_MS, requestRow, tripRow, updateTrip } from "./test-fixtures";

async function runCron() {
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }), testEnv, createExecutionContext());
}

const ago = (ms: number) => new Date(Date.now() - ms);

async function offerStatus(offerId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(shipmentOffers).where(eq(shipmentOffers.id, offerId)))[0]?.status);
}

describe("the crowdship crons", () => {
  it("expires an open request past its deliver-by and declines its open offers; a request still in time stays open", async () => {
    const { request, offer, requester } = await openOffer();
    const inTime = await createRequest();
    await withDatabase((db) => db.orm.update(shipmentRequests).set({ readyAt: ago(3 * DAY_MS), deliverBy: ago(60_000) }).where(eq(shipmentRequests.id, request.id)));
    await runCron();
    expect((await requestRow(request.id))?.status).toBe("expired");
    expect(await offerStatus(offer.id)).toBe("declined");
    expect((await call("GET", `/v1/shipment-requests/${request.id}`, { token: requester.accessToken })).body).toMatchObject({ status: "expired" });
    expect((await requestRow(inTime.request.id))?.status).toBe("open");
  });

  it("completes a trip a day after it arrived and withdraws its open offers, but not one still carrying a shipment", async () => {
    const empty = await openOffer();
    const carrying = await acceptedShipment();
    const stillAhead = await createTrip();
    for (const tripId of [empty.trip.id, carrying.trip.id]) await updateTrip(tripId, { departAt: ago(3 * DAY_MS), arriveAt: ago(DAY_MS + HOUR_MS) });
    await runCron();
    expect((await tripRow(empty.trip.id))?.status).toBe("completed");
    expect(await offerStatus(empty.offer.id)).toBe("withdrawn");
    expect((await tripRow(carrying.trip.id))?.status).toBe("scheduled");
    expect((await tripRow(stillAhead.trip.id))?.status).toBe("scheduled");
  });
});
