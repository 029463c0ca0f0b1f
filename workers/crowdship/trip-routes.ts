// HTTP for travellers' trips: create (traveler role), edit, cancel, read, list the caller's, the drop-off route and the requests a trip can carry.
import { createRoute } from "@hono/zod-openapi";
import { currentAuth, requireRole, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { authErrors, commonErrors, jsonBody, jsonResponse } from "../platform/schemas";
import { getTripRequests } from "./requests-service";
import { CreateTripSchema, MyTripsQuery, RequestMatchListSchema, TripIdParams, TripPageSchema, TripRouteSchema, TripSchema, UpdateTripSchema } from "./trip-schemas";
import { cancelTrip, createTrip, getDropOffPlan, getTrip, listMyTrips, updateTrip } from "./trips-service";

const tags = ["Crowdship"];

const createTripRoute = createRoute({
  method: "post",
  path: "/v1/trips",
  tags,
  summary: "Announce a trip with room to carry items (traveler); requesters whose open requests it suits are told",
  middleware: [signedIn.middleware, requireRole("traveler")] as const,
  security: signedIn.security,
  request: { body: jsonBody(CreateTripSchema) },
  responses: { 201: jsonResponse("The scheduled trip", TripSchema), ...authErrors },
});

const updateTripRoute = createRoute({
  method: "patch",
  path: "/v1/trips/{id}",
  tags,
  summary: "Edit a scheduled trip (its traveller; others 404). Capacity cannot drop below what accepted shipments reserve",
  ...signedIn,
  request: { params: TripIdParams, body: jsonBody(UpdateTripSchema) },
  responses: { 200: jsonResponse("The trip", TripSchema), ...authErrors },
});

const cancelTripRoute = createRoute({
  method: "post",
  path: "/v1/trips/{id}/cancel",
  tags,
  summary: "Cancel a scheduled trip with no active shipments; its open offers are withdrawn (its traveller)",
  ...signedIn,
  request: { params: TripIdParams },
  responses: { 200: jsonResponse("The cancelled trip", TripSchema), ...authErrors },
});

const readTripRoute = createRoute({
  method: "get",
  path: "/v1/trips/{id}",
  tags,
  summary: "A trip (its traveller or an admin; others 404)",
  ...signedIn,
  request: { params: TripIdParams },
  responses: { 200: jsonResponse("The trip", TripSchema), ...authErrors },
});

const myTripsRoute = createRoute({
  method: "get",
  path: "/v1/me/trips",
  tags,
  summary: "The caller's trips: ?upcoming=true for scheduled trips not yet arrived, soonest first",
  ...signedIn,
  request: { query: MyTripsQuery },
  responses: { 200: jsonResponse("A page of trips", TripPageSchema), ...commonErrors },
});

const dropOffPlanRoute = createRoute({
  method: "get",
  path: "/v1/trips/{id}/route",
  tags,
  summary: "The order to drop off the trip's active shipments, from its destination city (its traveller)",
  ...signedIn,
  request: { params: TripIdParams },
  responses: { 200: jsonResponse("The drop-off plan", TripRouteSchema), ...authErrors },
});

const tripRequestsRoute = createRoute({
  method: "get",
  path: "/v1/trips/{id}/requests",
  tags,
  summary: "Open shipment requests this trip can carry, best first, each with its quote for this trip (its traveller)",
  ...signedIn,
  request: { params: TripIdParams },
  responses: { 200: jsonResponse("Matching requests", RequestMatchListSchema), ...authErrors },
});

export const tripRoutes = createRouter()
  .openapi(createTripRoute, async (c) => c.json(await createTrip(c.var.services, currentAuth(c), c.req.valid("json")), 201))
  .openapi(myTripsRoute, async (c) => {
    const { upcoming, ...page } = c.req.valid("query");
    return c.json(await listMyTrips(c.var.services, currentAuth(c), { ...page, upcoming: upcoming === "true" }), 200);
  })
  .openapi(readTripRoute, async (c) => c.json(await getTrip(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(updateTripRoute, async (c) => c.json(await updateTrip(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(cancelTripRoute, async (c) => c.json(await cancelTrip(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(dropOffPlanRoute, async (c) => c.json(await getDropOffPlan(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(tripRequestsRoute, async (c) => c.json(await getTripRequests(c.var.services, currentAuth(c), c.req.valid("param").id), 200));
