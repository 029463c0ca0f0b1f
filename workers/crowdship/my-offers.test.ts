// GET /v1/me/offers over HTTP: a traveller's own offers across requests, newest first, with what each request carries where.
import { describe, expect, it } from "vitest";
import { call, expectProblem, registerUser } from "../test-support/api";
import { postOffer } from "./shipment-test-fixtures";
import { createRequest, createTrip, PLACES, registerTraveler, usd, type TestUser } from "./test-fixtures";

const myOffers = (user: TestUser, query = "") => call("GET", `/v1/me/offers${query}`, { token: user.accessToken });
const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** A traveller with one trip and an open offer on each of `count` new requests, oldest first. */
async function travelerWithOffers(count: number) {
  const { traveler, trip } = await createTrip({}, await registerTraveler("my-offers"));
  const made = [];
  for (let index = 0; index < count; index += 1) {
    const { requester, request } = await createRequest({ item: { title: `Parcel ${index}`, weightKg: 0.5 + index, value: usd(1_000) } });
    const offer = await postOffer(traveler, request.id, { tripId: trip.id, price: usd(1_500 + index) });
    expect(offer.status).toBe(201);
    made.push({ requester, request, offer: offer.body });
  }
  return { traveler, trip, made };
}

describe("GET /v1/me/offers", () => {
  it("lists only the caller's offers, newest first, each with its request's summary", async () => {
    const { traveler, made } = await travelerWithOffers(2);
    const rival = await createTrip();
    const rivalOffer = await postOffer(rival.traveler, made[0]!.request.id, { tripId: rival.trip.id, price: usd(900) });
    const response = await myOffers(traveler);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [...made]
        .reverse()
        .map(({ request, offer }) => ({
          ...offer,
          request: { id: request.id, item: { title: request.item.title, weightKg: request.item.weightKg }, from: PLACES.paris, to: PLACES.london, deliverBy: request.deliverBy, status: "open" },
        })),
      nextCursor: null,
    });
    expect(ids((await myOffers(rival.traveler)).body.items)).toEqual([rivalOffer.body.id]);
    expect((await myOffers(await registerUser("no-offers"))).body).toEqual({ items: [], nextCursor: null });
  });

  it("filters by status and shows the request's own status beside the offer's", async () => {
    const { traveler, made } = await travelerWithOffers(2);
    const [first, second] = made;
    expect((await call("POST", `/v1/offers/${first!.offer.id}/withdraw`, { token: traveler.accessToken })).status).toBe(200);
    expect((await call("POST", `/v1/shipment-requests/${second!.request.id}/cancel`, { token: second!.requester.accessToken })).status).toBe(200);
    const withdrawn = await myOffers(traveler, "?status=withdrawn");
    expect(withdrawn.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[first!.offer.id, "withdrawn"]]);
    const declined = await myOffers(traveler, "?status=declined");
    expect(declined.body.items.map((item: { id: string; request: { status: string } }) => [item.id, item.request.status])).toEqual([[second!.offer.id, "cancelled"]]);
    expect((await myOffers(traveler, "?status=open")).body).toEqual({ items: [], nextCursor: null });
  });

  it("pages with the cursor until nextCursor is null, every offer once", async () => {
    const { traveler, made } = await travelerWithOffers(3);
    const page1 = await myOffers(traveler, "?limit=2");
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await myOffers(traveler, `?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
    expect({ first: ids(page1.body.items), second: ids(page2.body.items), next: page2.body.nextCursor }).toEqual({
      first: [made[2]!.offer.id, made[1]!.offer.id],
      second: [made[0]!.offer.id],
      next: null,
    });
  });

  it("refuses a bad query with 400 naming the parameter, and a caller without a token with 401", async () => {
    const traveler = await registerTraveler("bad-offers-query");
    for (const [query, path] of [["status=lost", "status"], ["limit=0", "limit"], ["limit=101", "limit"], ["role=traveler", "role"], ["cursor=%21%21", "cursor"]]) {
      const problem = expectProblem(await myOffers(traveler, `?${query}`), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((error) => error.path)).toEqual([path]);
    }
    expectProblem(await call("GET", "/v1/me/offers"), 401, "UNAUTHENTICATED");
  });
});
