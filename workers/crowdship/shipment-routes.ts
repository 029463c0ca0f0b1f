// HTTP for offers, shipments, courier positions, PIN delivery, the live socket and couriers nearby: parse, authorize, call the services.
import { createRoute } from "@hono/zod-openapi";
import { redeemTicket } from "../auth/ticket-service";
import { getUser } from "../auth/users";
import { currentAuth, signedIn } from "../platform/authorize";
import { AppError } from "../platform/errors";
import { createRouter } from "../platform/hono";
import { IdempotencyKeyHeaders, idempotency, OptionalIdempotencyKeyHeaders, signedInIdempotent } from "../platform/idempotency";
import { authErrors, commonErrors, jsonBody, jsonResponse } from "../platform/schemas";
import { couriersNearby } from "./couriers-service";
import { deliver, pickUp, recordPositions, unlockShipment } from "./delivery-service";
import { createOffer, listMyOffers, listOffers, withdrawOffer } from "./offers-service";
import {
  AcceptedOfferSchema,
  CreateOfferSchema,
  DeliverBodySchema,
  MyOfferPageSchema,
  MyOffersQuery,
  MyShipmentsQuery,
  NearbyCouriersSchema,
  NearbyQuery,
  OfferIdParams,
  OfferPageSchema,
  OfferSchema,
  OffersQuery,
  PositionsBodySchema,
  PositionsResultSchema,
  RatingBodySchema,
  ShipmentIdParams,
  ShipmentPageSchema,
  ShipmentSchema,
} from "./shipment-schemas";
import { acceptOffer, cancelShipment, getShipment, listMyShipments, openLiveSocket, rateShipment } from "./shipments-service";
import { RequestIdParams } from "./trip-schemas";

const tags = ["Crowdship"];
const shipmentResponse = (description: string) => ({ 200: jsonResponse(description, ShipmentSchema), ...authErrors });

const createOfferRoute = createRoute({
  method: "post",
  path: "/v1/shipment-requests/{id}/offers",
  tags,
  summary: "Offer to carry an open request with one of your scheduled trips that fits it, at a price in its currency (traveller)",
  ...signedIn,
  request: { params: RequestIdParams, body: jsonBody(CreateOfferSchema) },
  responses: { 201: jsonResponse("The open offer", OfferSchema), ...authErrors },
});

const listOffersRoute = createRoute({
  method: "get",
  path: "/v1/shipment-requests/{id}/offers",
  tags,
  summary: "A request's offers, newest first: all for its requester (or an admin), a traveller's own for them; others 404",
  ...signedIn,
  request: { params: RequestIdParams, query: OffersQuery },
  responses: { 200: jsonResponse("A page of offers", OfferPageSchema), ...authErrors },
});

const myOffersRoute = createRoute({
  method: "get",
  path: "/v1/me/offers",
  tags,
  summary: "The caller's offers as a traveller, newest first, optionally of one status, each with what its request carries where",
  ...signedIn,
  request: { query: MyOffersQuery },
  responses: { 200: jsonResponse("A page of offers", MyOfferPageSchema), ...commonErrors },
});

const withdrawOfferRoute = createRoute({
  method: "post",
  path: "/v1/offers/{id}/withdraw",
  tags,
  summary: "Take back an open offer (its traveller)",
  ...signedIn,
  request: { params: OfferIdParams },
  responses: { 200: jsonResponse("The withdrawn offer", OfferSchema), ...authErrors },
});

const acceptOfferRoute = createRoute({
  method: "post",
  path: "/v1/offers/{id}/accept",
  tags,
  summary: "Accept an offer: the shipment is created, its reward held from your wallet, and the delivery PIN shown once (requester; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: OfferIdParams, headers: IdempotencyKeyHeaders },
  responses: { 201: jsonResponse("The shipment and its delivery PIN", AcceptedOfferSchema), ...authErrors },
});

const getShipmentRoute = createRoute({
  method: "get",
  path: "/v1/shipments/{id}",
  tags,
  summary: "A shipment with its live position, ETA, milestones and trace (traveller, requester, the order's seller, admins; others 404)",
  ...signedIn,
  request: { params: ShipmentIdParams },
  responses: shipmentResponse("The shipment"),
});

const myShipmentsRoute = createRoute({
  method: "get",
  path: "/v1/me/shipments",
  tags,
  summary: "The caller's shipments as requester (default) or traveller, newest first (record fields; open one for the live ones)",
  ...signedIn,
  request: { query: MyShipmentsQuery },
  responses: { 200: jsonResponse("A page of shipments", ShipmentPageSchema), ...commonErrors },
});

const pickupRoute = createRoute({
  method: "post",
  path: "/v1/shipments/{id}/pickup",
  tags,
  summary: "The traveller has the item: the shipment is picked up and a carried order in transit (traveller)",
  ...signedIn,
  request: { params: ShipmentIdParams },
  responses: shipmentResponse("The picked-up shipment"),
});

const positionsRoute = createRoute({
  method: "post",
  path: "/v1/shipments/{id}/positions",
  tags,
  summary: "A batch of the traveller's positions, oldest or newest first, e.g. sent when back online (traveller)",
  ...signedIn,
  request: { params: ShipmentIdParams, body: jsonBody(PositionsBodySchema) },
  responses: { 200: jsonResponse("What was kept, and where the shipment stands", PositionsResultSchema), ...authErrors },
});

const deliverRoute = createRoute({
  method: "post",
  path: "/v1/shipments/{id}/deliver",
  tags,
  summary: "Hand over against the requester's PIN: delivered, the reward and a carried order's escrow released. 5 wrong PINs lock it (traveller; Idempotency-Key accepted)",
  middleware: [signedIn.middleware, idempotency({ required: false })],
  security: signedIn.security,
  request: { params: ShipmentIdParams, headers: OptionalIdempotencyKeyHeaders, body: jsonBody(DeliverBodySchema) },
  responses: shipmentResponse("The delivered shipment"),
});

const cancelRoute = createRoute({
  method: "post",
  path: "/v1/shipments/{id}/cancel",
  tags,
  summary: "Call a shipment off before pickup: the reward goes back to the requester (requester or traveller; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: ShipmentIdParams, headers: IdempotencyKeyHeaders },
  responses: shipmentResponse("The cancelled shipment"),
});

const ratingRoute = createRoute({
  method: "post",
  path: "/v1/shipments/{id}/rating",
  tags,
  summary: "Rate the traveller 1–5 once the shipment is delivered, once (requester)",
  ...signedIn,
  request: { params: ShipmentIdParams, body: jsonBody(RatingBodySchema) },
  responses: shipmentResponse("The rated shipment"),
});

// The admin check is in the service: the route sweep expects every caller to reach it.
const unlockRoute = createRoute({
  method: "post",
  path: "/v1/admin/shipments/{id}/unlock",
  tags,
  summary: "Unlock a shipment locked by wrong PINs: the tries are back and it returns to its status (admin)",
  ...signedIn,
  request: { params: ShipmentIdParams },
  responses: shipmentResponse("The unlocked shipment"),
});

const nearbyRoute = createRoute({
  method: "get",
  path: "/v1/couriers/nearby",
  tags,
  summary: "Active couriers near a point, nearest first; positions rounded to about 1 km",
  ...signedIn,
  request: { query: NearbyQuery },
  responses: { 200: jsonResponse("Couriers", NearbyCouriersSchema), ...commonErrors },
});

export const shipmentRoutes = createRouter()
  .openapi(createOfferRoute, async (c) => c.json(await createOffer(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(listOffersRoute, async (c) => c.json(await listOffers(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("query")), 200))
  .openapi(myOffersRoute, async (c) => c.json(await listMyOffers(c.var.services, currentAuth(c), c.req.valid("query")), 200))
  .openapi(withdrawOfferRoute, async (c) => c.json(await withdrawOffer(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(acceptOfferRoute, async (c) => {
    const accepted = await acceptOffer(c.var.services, currentAuth(c), c.req.valid("param").id);
    // The PIN is shown once and stored only hashed: a replay of this key answers with the shipment and `pin: null`.
    c.set("idempotentReplayBody", JSON.stringify({ ...accepted, pin: null }));
    return c.json(accepted, 201);
  })
  .openapi(getShipmentRoute, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await getShipment(c.var.services, currentAuth(c), c.req.valid("param").id), 200);
  })
  .openapi(myShipmentsRoute, async (c) => c.json(await listMyShipments(c.var.services, currentAuth(c), c.req.valid("query")), 200))
  .openapi(pickupRoute, async (c) => c.json(await pickUp(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(positionsRoute, async (c) => c.json(await recordPositions(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json").positions), 200))
  .openapi(deliverRoute, async (c) => c.json(await deliver(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json").pin), 200))
  .openapi(cancelRoute, async (c) => c.json(await cancelShipment(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(ratingRoute, async (c) => c.json(await rateShipment(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json").rating), 200))
  .openapi(unlockRoute, async (c) => c.json(await unlockShipment(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(nearbyRoute, async (c) => c.json(await couriersNearby(c.var.services, c.req.valid("query")), 200))
  // A browser cannot send an Authorization header on a WebSocket: a single-use realtime ticket for this path stands in (API.md).
  .get("/v1/shipments/:id/live", async (c) => {
    if (c.req.header("Upgrade") !== "websocket") throw new AppError("VALIDATION_FAILED", "Connect with a WebSocket upgrade.", { errors: [{ path: "Upgrade", message: "must be websocket" }] });
    const ticket = c.req.query("ticket");
    if (!ticket) throw new AppError("UNAUTHENTICATED", "Open the socket with ?ticket= from POST /v1/realtime/tickets.");
    const { userId } = await redeemTicket(c.var.services, ticket, c.req.path);
    const user = await getUser(c.var.services.db.orm, userId);
    return openLiveSocket(c.var.services, { userId, roles: user.roles }, c.req.param("id"), c.req.raw);
  });
