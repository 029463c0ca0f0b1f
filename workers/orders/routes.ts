// HTTP for orders, escrow and disputes: parse, authorize, call the orders services, shape the response.
import { createRoute } from "@hono/zod-openapi";
import { currentAuth, requireRole, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { idempotency, IdempotencyKeyHeaders, OptionalIdempotencyKeyHeaders, signedInIdempotent } from "../platform/idempotency";
import { authErrors, commonErrors, jsonBody, jsonResponse, problem } from "../platform/schemas";
import { offerSecondChance } from "./auction-orders";
import { addDisputeMessage, getDispute, listDisputes, openDispute, resolveDispute } from "./dispute-service";
import { cancelOrder, confirmDelivery, markDeliveredBy, shipOrder } from "./fulfilment-service";
import { createOrder, getOrder, listMyOrders } from "./order-service";
import { payOrder } from "./payment-service";
import {
  CancelOrderSchema,
  CreateOrderSchema,
  DisputeIdParams,
  DisputeMessageSchema,
  DisputeMessageViewSchema,
  DisputePageSchema,
  DisputeSchema,
  DisputesQuery,
  MyOrdersQuery,
  OpenDisputeSchema,
  OrderIdParams,
  OrderPageSchema,
  OrderSchema,
  PaymentPendingSchema,
  PayOrderSchema,
  ResolveDisputeSchema,
  ShipOrderSchema,
} from "./schemas";

const tags = ["Orders"];
const orderResponse = (description: string) => ({ 200: jsonResponse(description, OrderSchema), ...authErrors });
/** A body every field of which is optional: clients may send none at all. */
const optionalBody = <T extends Parameters<typeof jsonBody>[0]>(schema: T) => ({ ...jsonBody(schema), required: false });

const createOrderRoute = createRoute({
  method: "post",
  path: "/v1/orders",
  tags,
  summary: "Order from an active fixed-price listing; reserves the stock until the payment deadline (Idempotency-Key accepted)",
  middleware: [signedIn.middleware, idempotency({ required: false })],
  security: signedIn.security,
  request: { headers: OptionalIdempotencyKeyHeaders, body: jsonBody(CreateOrderSchema) },
  responses: { 201: jsonResponse("The order, awaiting payment", OrderSchema), ...authErrors },
});

const getOrderRoute = createRoute({
  method: "get",
  path: "/v1/orders/{id}",
  tags,
  summary: "An order (its buyer, its seller or an admin; others 404)",
  ...signedIn,
  request: { params: OrderIdParams },
  responses: orderResponse("The order"),
});

const myOrdersRoute = createRoute({
  method: "get",
  path: "/v1/me/orders",
  tags,
  summary: "The caller's orders as buyer (default) or seller, newest first",
  ...signedIn,
  request: { query: MyOrdersQuery },
  responses: { 200: jsonResponse("A page of orders", OrderPageSchema), ...commonErrors },
});

const payRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/pay",
  tags,
  summary: "Pay from the wallet or by card; the money is held in escrow (buyer; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: OrderIdParams, headers: IdempotencyKeyHeaders, body: jsonBody(PayOrderSchema) },
  responses: {
    200: jsonResponse("Paid: the total is held in escrow", OrderSchema),
    202: jsonResponse("The card needs a confirm step (3-D Secure); the order is paid once it succeeds", PaymentPendingSchema),
    402: problem("The card was declined"),
    ...authErrors,
  },
});

const shipRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/ship",
  tags,
  summary: "Mark a paid order shipped, with an optional carrier and tracking number (seller)",
  ...signedIn,
  request: { params: OrderIdParams, body: optionalBody(ShipOrderSchema) },
  responses: orderResponse("The shipped order"),
});

const deliveredRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/delivered",
  tags,
  summary: "Mark a shipped order delivered; escrow is released automatically some days later unless disputed (seller or admin)",
  ...signedIn,
  request: { params: OrderIdParams },
  responses: orderResponse("The delivered order"),
});

const confirmRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/confirm-delivery",
  tags,
  summary: "The buyer has the item: escrow goes to the seller less the platform fee (buyer; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: OrderIdParams, headers: IdempotencyKeyHeaders },
  responses: orderResponse("The completed order"),
});

const cancelRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/cancel",
  tags,
  summary: "Cancel: the buyer before payment, the seller before shipping (a paid order is refunded in full). Idempotency-Key required",
  ...signedInIdempotent,
  request: { params: OrderIdParams, headers: IdempotencyKeyHeaders, body: optionalBody(CancelOrderSchema) },
  responses: orderResponse("The cancelled order"),
});

const secondChanceRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/second-chance",
  tags,
  summary: "Offer the item of an expired auction order to the best remaining bidder at their maximum (seller)",
  ...signedIn,
  request: { params: OrderIdParams },
  responses: { 201: jsonResponse("The runner-up's new order", OrderSchema), ...authErrors },
});

const openDisputeRoute = createRoute({
  method: "post",
  path: "/v1/orders/{id}/disputes",
  tags,
  summary: "Open a dispute on a paid, shipped or delivered order; escrow stays held until an admin decides (buyer)",
  ...signedIn,
  request: { params: OrderIdParams, body: jsonBody(OpenDisputeSchema) },
  responses: { 201: jsonResponse("The dispute", DisputeSchema), ...authErrors },
});

const getDisputeRoute = createRoute({
  method: "get",
  path: "/v1/orders/{id}/dispute",
  tags,
  summary: "The order's dispute with all its messages (the parties and admins)",
  ...signedIn,
  request: { params: OrderIdParams },
  responses: { 200: jsonResponse("The dispute", DisputeSchema), ...authErrors },
});

const disputeMessageRoute = createRoute({
  method: "post",
  path: "/v1/disputes/{id}/messages",
  tags,
  summary: "Add a message with evidence to an open dispute (the parties and admins)",
  ...signedIn,
  request: { params: DisputeIdParams, body: jsonBody(DisputeMessageSchema) },
  responses: { 201: jsonResponse("The message", DisputeMessageViewSchema), ...authErrors },
});

const listDisputesRoute = createRoute({
  method: "get",
  path: "/v1/admin/disputes",
  tags,
  summary: "Disputes newest first, optionally by status (admin)",
  middleware: [signedIn.middleware, requireRole("admin")] as const,
  security: signedIn.security,
  request: { query: DisputesQuery },
  responses: { 200: jsonResponse("A page of disputes", DisputePageSchema), ...authErrors },
});

// The admin check is in the service, after validation: the route sweep expects bad input to be named for every caller.
const resolveRoute = createRoute({
  method: "post",
  path: "/v1/admin/disputes/{id}/resolve",
  tags,
  summary: "Decide a dispute: refund, partial refund (the rest released less the fee on it) or release (admin; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: DisputeIdParams, headers: IdempotencyKeyHeaders, body: jsonBody(ResolveDisputeSchema) },
  responses: { 200: jsonResponse("The decided dispute", DisputeSchema), ...authErrors },
});

export const orderRoutes = createRouter()
  .openapi(createOrderRoute, async (c) => c.json(await createOrder(c.var.services, currentAuth(c), c.req.valid("json")), 201))
  .openapi(getOrderRoute, async (c) => c.json(await getOrder(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(myOrdersRoute, async (c) => c.json(await listMyOrders(c.var.services, currentAuth(c), c.req.valid("query")), 200))
  .openapi(payRoute, async (c) => {
    const result = await payOrder(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json"), c.req.valid("header")["idempotency-key"]);
    return result.kind === "paid" ? c.json(result.order, 200) : c.json({ order: result.order, payment: result.payment }, 202);
  })
  .openapi(shipRoute, async (c) => c.json(await shipOrder(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(deliveredRoute, async (c) => c.json(await markDeliveredBy(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(confirmRoute, async (c) => c.json(await confirmDelivery(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(cancelRoute, async (c) => c.json(await cancelOrder(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json").reason), 200))
  .openapi(secondChanceRoute, async (c) => c.json(await offerSecondChance(c.var.services, currentAuth(c), c.req.valid("param").id), 201))
  .openapi(openDisputeRoute, async (c) => c.json(await openDispute(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(getDisputeRoute, async (c) => c.json(await getDispute(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(disputeMessageRoute, async (c) => c.json(await addDisputeMessage(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(listDisputesRoute, async (c) => c.json(await listDisputes(c.var.services, c.req.valid("query")), 200))
  .openapi(resolveRoute, async (c) => c.json(await resolveDispute(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 200));
