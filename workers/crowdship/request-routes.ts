// HTTP for shipment requests: create (from a crowdship order or standalone), read, list the caller's, cancel, and the best trips for one.
import { createRoute } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { authErrors, commonErrors, jsonBody, jsonResponse } from "../platform/schemas";
import { getRequestMatches } from "./matches-service";
import { cancelShipmentRequest, createShipmentRequest, getShipmentRequest, listMyShipmentRequests } from "./requests-service";
import { CreateShipmentRequestSchema, MyRequestsQuery, RequestIdParams, ShipmentRequestPageSchema, ShipmentRequestSchema, TripMatchListSchema } from "./trip-schemas";

const tags = ["Crowdship"];

const createRequestRoute = createRoute({
  method: "post",
  path: "/v1/shipment-requests",
  tags,
  summary: "Ask for an item to be carried: a paid crowdship order of yours, or anything to buy and bring (\"buy this for me\"); priced by the quote",
  ...signedIn,
  request: { body: jsonBody(CreateShipmentRequestSchema) },
  responses: { 201: jsonResponse("The open request with its quote", ShipmentRequestSchema), ...authErrors },
});

const readRequestRoute = createRoute({
  method: "get",
  path: "/v1/shipment-requests/{id}",
  tags,
  summary: "A shipment request (its requester or an admin; any traveller while it is open; others 404)",
  ...signedIn,
  request: { params: RequestIdParams },
  responses: { 200: jsonResponse("The request", ShipmentRequestSchema), ...authErrors },
});

const myRequestsRoute = createRoute({
  method: "get",
  path: "/v1/me/shipment-requests",
  tags,
  summary: "The caller's shipment requests, newest first, optionally of one status",
  ...signedIn,
  request: { query: MyRequestsQuery },
  responses: { 200: jsonResponse("A page of requests", ShipmentRequestPageSchema), ...commonErrors },
});

const cancelRequestRoute = createRoute({
  method: "post",
  path: "/v1/shipment-requests/{id}/cancel",
  tags,
  summary: "Withdraw an open request; its open offers are declined (its requester)",
  ...signedIn,
  request: { params: RequestIdParams },
  responses: { 200: jsonResponse("The cancelled request", ShipmentRequestSchema), ...authErrors },
});

const matchesRoute = createRoute({
  method: "get",
  path: "/v1/shipment-requests/{id}/matches",
  tags,
  summary: "The trips that can carry an open request, best first, each with its quote and delivery prediction (its requester or an admin)",
  ...signedIn,
  request: { params: RequestIdParams },
  responses: { 200: jsonResponse("Matching trips", TripMatchListSchema), ...authErrors },
});

export const requestRoutes = createRouter()
  .openapi(createRequestRoute, async (c) => c.json(await createShipmentRequest(c.var.services, currentAuth(c), c.req.valid("json")), 201))
  .openapi(myRequestsRoute, async (c) => c.json(await listMyShipmentRequests(c.var.services, currentAuth(c), c.req.valid("query")), 200))
  .openapi(readRequestRoute, async (c) => c.json(await getShipmentRequest(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(cancelRequestRoute, async (c) => c.json(await cancelShipmentRequest(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(matchesRoute, async (c) => c.json(await getRequestMatches(c.var.services, currentAuth(c), c.req.valid("param").id), 200));
