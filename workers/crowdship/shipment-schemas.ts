// OpenAPI/zod shapes of offers, shipments, courier positions, delivery and couriers nearby: bodies, parameters and views.
import { z } from "@hono/zod-openapi";
import { OFFER_STATUS_VALUES, REQUEST_STATUS_VALUES, SHIPMENT_STATUS_VALUES } from "../../db/crowdship";
import { COURIER_POSITIONS_PER_BATCH_MAX, COURIERS_NEARBY_RADIUS_MAX_KM, OFFER_MESSAGE_MAX_LENGTH, OFFER_PICKUP_PLAN_MAX_LENGTH } from "../platform/limits";
import { MoneySchema } from "../platform/money";
import { PageQuerySchema } from "../platform/schemas";
import { PIN_PATTERN } from "./pin";
import { PlaceSchema, ShipmentRequestSchema } from "./trip-schemas";

const text = (max: number) => z.string().trim().min(1).max(max);
const idParams = (example: string) => z.object({ id: z.string().min(1).max(64).openapi({ example }) }).strict();
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const OfferIdParams = idParams("sof_01JD3V9X4W7Q2S5T8Y1Z3B6C9E");
export const ShipmentIdParams = idParams("shp_01JD3V9X4W7Q2S5T8Y1Z3B6C9E");

export const CreateOfferSchema = z
  .object({
    tripId: z.string().min(1).max(64).openapi({ description: "One of the caller's own scheduled trips that can carry the item" }),
    price: MoneySchema.refine((price) => price.amount > 0, { message: "must be more than zero", path: ["amount"] }).openapi({ description: "In the request's currency" }),
    pickupPlan: text(OFFER_PICKUP_PLAN_MAX_LENGTH).optional(),
    message: text(OFFER_MESSAGE_MAX_LENGTH).optional(),
  })
  .strict()
  .openapi("CreateOffer");

export const PositionSchema = z.object({ lat: latitude, lng: longitude, at: z.iso.datetime({ offset: true }) }).strict().openapi("CourierPosition");
export const PositionsBodySchema = z.object({ positions: z.array(PositionSchema).min(1).max(COURIER_POSITIONS_PER_BATCH_MAX) }).strict().openapi("CourierPositions");
export const DeliverBodySchema = z.object({ pin: z.string().regex(PIN_PATTERN, "the 6-digit PIN the requester gives you") }).strict().openapi("DeliverShipment");
export const RatingBodySchema = z.object({ rating: z.number().int().min(1).max(5) }).strict().openapi("RateShipment");

export const MyShipmentsQuery = PageQuerySchema.extend({ role: z.enum(["traveler", "requester"]).default("requester") }).strict();
export const OffersQuery = PageQuerySchema;
export const MyOffersQuery = PageQuerySchema.extend({ status: z.enum(OFFER_STATUS_VALUES).optional() }).strict();
export const NearbyQuery = z
  .object({ lat: z.coerce.number().pipe(latitude), lng: z.coerce.number().pipe(longitude), radiusKm: z.coerce.number().positive().max(COURIERS_NEARBY_RADIUS_MAX_KM) })
  .strict();

export const OfferSchema = z
  .object({
    id: z.string(),
    status: z.enum(OFFER_STATUS_VALUES),
    requestId: z.string(),
    tripId: z.string(),
    travelerId: z.string(),
    price: MoneySchema,
    quote: MoneySchema.openapi({ description: "The request's quote, to compare the price with" }),
    pickupPlan: z.string().nullable(),
    message: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ShipmentOffer");
export const OfferPageSchema = z.object({ items: z.array(OfferSchema), nextCursor: z.string().nullable() });

export const MyOfferSchema = OfferSchema.extend({
  request: z
    .object({ id: z.string(), item: z.object({ title: z.string(), weightKg: z.number() }), from: PlaceSchema, to: PlaceSchema, deliverBy: z.string(), status: z.enum(REQUEST_STATUS_VALUES) })
    .openapi({ description: "What the offer is for: the request's summary" }),
}).openapi("MyShipmentOffer");
export const MyOfferPageSchema = z.object({ items: z.array(MyOfferSchema), nextCursor: z.string().nullable() });

const PointSchema = z.object({ lat: z.number(), lng: z.number(), at: z.string() });
const MilestoneSchema = z
  .object({
    kind: z.enum(["accepted", "picked_up", "departed", "arrived", "out_for_delivery", "delivered", "locked"]),
    at: z.string(),
    lat: z.number().optional(),
    lng: z.number().optional(),
  })
  .openapi("Milestone");

export const ShipmentSchema = z
  .object({
    id: z.string(),
    status: z.enum(SHIPMENT_STATUS_VALUES),
    requestId: z.string(),
    offerId: z.string(),
    tripId: z.string(),
    travelerId: z.string(),
    requesterId: z.string(),
    orderId: z.string().nullable(),
    sellerId: z.string().nullable(),
    item: ShipmentRequestSchema.shape.item.omit({ value: true }),
    reward: MoneySchema,
    itemCost: MoneySchema.openapi({ description: "For a \"buy this for me\" request, the item's price the traveller pays for it: held with the reward and reimbursed at delivery. Zero when the shipment carries an order" }),
    from: PlaceSchema,
    to: PlaceSchema,
    deliverBy: z.string(),
    plannedArriveAt: z.string(),
    deliveredAt: z.string().nullable(),
    rating: z.number().int().nullable(),
    milestones: z.array(MilestoneSchema),
    lastPosition: PointSchema.nullable().optional().openapi({ description: "Live (one shipment only, not in lists)" }),
    eta: z.string().nullable().optional().openapi({ description: "Live: estimated arrival (one shipment only)" }),
    trace: z.array(PointSchema).optional().openapi({ description: "Live: the downsampled route so far, for the map (one shipment only)" }),
    pinAttemptsLeft: z.number().int().optional().openapi({ description: "Wrong delivery PINs left before the shipment locks (traveller and requester only)" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Shipment");
export const ShipmentPageSchema = z.object({ items: z.array(ShipmentSchema), nextCursor: z.string().nullable() });

export const AcceptedOfferSchema = z
  .object({ shipment: ShipmentSchema, pin: z.string().nullable().openapi({ description: "The 6-digit delivery PIN, shown here once: give it to the traveller on receiving the item. A replay of the same Idempotency-Key answers null: the PIN is kept only hashed" }) })
  .openapi("AcceptedOffer");

export const PositionsResultSchema = z
  .object({
    accepted: z.number().int().openapi({ description: "Positions kept; older than the last one or too far in the future are ignored" }),
    lastPosition: PointSchema.nullable(),
    eta: z.string().nullable(),
    status: z.enum(SHIPMENT_STATUS_VALUES),
  })
  .openapi("CourierPositionsResult");

export const NearbyCouriersSchema = z
  .object({ items: z.array(z.object({ travelerId: z.string(), distanceKm: z.number(), lat: z.number(), lng: z.number(), seenAt: z.string() })) })
  .openapi("NearbyCouriers");
