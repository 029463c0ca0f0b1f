// OpenAPI/zod shapes of trips, shipment requests, their matches and a trip's drop-off route: bodies, parameters and views.
import { z } from "@hono/zod-openapi";
import { REQUEST_STATUS_VALUES, TRIP_STATUS_VALUES } from "../../db/crowdship";
import {
  CATEGORY_SLUG_MAX_LENGTH,
  PLACE_CITY_MAX_LENGTH,
  SHIPMENT_ITEM_DESCRIPTION_MAX_LENGTH,
  SHIPMENT_ITEM_LINK_MAX_LENGTH,
  SHIPMENT_ITEM_TITLE_MAX_LENGTH,
  TRIP_MAX_CAPACITY_KG,
  TRIP_MAX_CATEGORIES,
  TRIP_NOTES_MAX_LENGTH,
  WEIGHT_KG_MAX_DECIMALS,
} from "../platform/limits";
import { MoneySchema } from "../platform/money";
import { PageQuerySchema } from "../platform/schemas";

const text = (max: number) => z.string().trim().min(1).max(max);
const time = z.iso.datetime({ offset: true });
const GRAMS_PER_KG = 10 ** WEIGHT_KG_MAX_DECIMALS;

/** Kilograms to the gram: positive, at most the trip limit, at most 3 decimals (so it converts to whole grams exactly). */
const WeightKgSchema = z
  .number()
  .positive()
  .max(TRIP_MAX_CAPACITY_KG)
  .refine((kg) => Math.abs(kg * GRAMS_PER_KG - Math.round(kg * GRAMS_PER_KG)) < 1e-6, { message: `at most ${WEIGHT_KG_MAX_DECIMALS} decimals (whole grams)` });

export const toGrams = (kg: number): number => Math.round(kg * GRAMS_PER_KG);
export const toKg = (grams: number): number => grams / GRAMS_PER_KG;

export const PlaceSchema = z
  .object({
    city: text(PLACE_CITY_MAX_LENGTH),
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code, upper case"),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  })
  .strict()
  .openapi("Place", { example: { city: "Paris", country: "FR", lat: 48.8566, lng: 2.3522 } });

const CategorySlug = z.string().max(CATEGORY_SLUG_MAX_LENGTH).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a category slug such as phones");
const CategoriesSchema = z.array(CategorySlug).max(TRIP_MAX_CATEGORIES).openapi({ description: "Category slugs the traveller accepts; empty or absent means any" });

const tripFields = {
  from: PlaceSchema,
  to: PlaceSchema,
  departAt: time,
  arriveAt: time,
  capacityKg: WeightKgSchema,
  categories: CategoriesSchema.optional(),
  notes: text(TRIP_NOTES_MAX_LENGTH).optional(),
};

export const CreateTripSchema = z.object(tripFields).strict().openapi("CreateTrip");

export const UpdateTripSchema = z
  .object({ ...z.object(tripFields).partial().shape, notes: text(TRIP_NOTES_MAX_LENGTH).nullable().optional() })
  .strict()
  .openapi("UpdateTrip", { description: "Any trip fields; notes null clears them. Route and times are fixed once a shipment is accepted." });

const ShipmentItemSchema = z
  .object({
    title: text(SHIPMENT_ITEM_TITLE_MAX_LENGTH),
    weightKg: WeightKgSchema,
    value: MoneySchema.optional().openapi({ description: "Declared value; required unless the request carries an order (then the order's total)" }),
    description: text(SHIPMENT_ITEM_DESCRIPTION_MAX_LENGTH).optional(),
    link: z.url({ protocol: /^https$/ }).max(SHIPMENT_ITEM_LINK_MAX_LENGTH).optional().openapi({ description: "An https:// link to the item, for \"buy this for me\"" }),
    category: CategorySlug.optional(),
  })
  .strict();

export const CreateShipmentRequestSchema = z
  .object({
    orderId: z.string().min(1).max(64).optional(),
    item: ShipmentItemSchema,
    from: PlaceSchema,
    to: PlaceSchema,
    readyAt: time.optional().openapi({ description: "When the item can be picked up; default now" }),
    deliverBy: time,
    reward: MoneySchema.refine((reward) => reward.amount > 0, { message: "must be more than 0", path: ["amount"] })
      .optional()
      .openapi({ description: "What the requester offers a traveller up front (same currency as the value)" }),
  })
  .strict()
  .superRefine((value, context) => {
    if (!value.orderId && !value.item.value) context.addIssue({ code: "custom", path: ["item", "value"], message: "required without an orderId" });
  })
  .openapi("CreateShipmentRequest");

const idParams = (example: string) => z.object({ id: z.string().min(1).max(64).openapi({ example }) }).strict();
export const TripIdParams = idParams("trp_01JD3V9X4W7Q2S5T8Y1Z3B6C9E");
export const RequestIdParams = idParams("shr_01JD3V9X4W7Q2S5T8Y1Z3B6C9E");

export const MyTripsQuery = PageQuerySchema.extend({
  upcoming: z.enum(["true", "false"]).optional().openapi({ description: "true: scheduled trips not yet arrived, soonest first; otherwise every trip, latest departure first" }),
}).strict();
export const MyRequestsQuery = PageQuerySchema.extend({ status: z.enum(REQUEST_STATUS_VALUES).optional() }).strict();

export const TripSchema = z
  .object({
    id: z.string(),
    travelerId: z.string(),
    from: PlaceSchema,
    to: PlaceSchema,
    departAt: z.string(),
    arriveAt: z.string(),
    capacityKg: z.number(),
    freeCapacityKg: z.number().openapi({ description: "Capacity less what accepted shipments reserve" }),
    categories: z.array(z.string()),
    notes: z.string().nullable(),
    status: z.enum(TRIP_STATUS_VALUES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Trip");
export const TripPageSchema = z.object({ items: z.array(TripSchema), nextCursor: z.string().nullable() });

export const ShipmentRequestSchema = z
  .object({
    id: z.string(),
    requesterId: z.string(),
    orderId: z.string().nullable(),
    item: z.object({
      title: z.string(),
      weightKg: z.number(),
      value: MoneySchema,
      description: z.string().optional(),
      link: z.string().optional(),
      category: z.string().optional(),
    }),
    from: PlaceSchema,
    to: PlaceSchema,
    readyAt: z.string(),
    deliverBy: z.string(),
    reward: MoneySchema.nullable(),
    quote: MoneySchema.openapi({ description: "The platform's price for carrying it, at creation" }),
    status: z.enum(REQUEST_STATUS_VALUES),
    shipmentId: z.string().nullable().openapi({ description: "The shipment made by accepting an offer (on the request's own reads and the requester's list; null until then)" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ShipmentRequest");
export const ShipmentRequestPageSchema = z.object({ items: z.array(ShipmentRequestSchema), nextCursor: z.string().nullable() });

const matchFields = {
  score: z.number().openapi({ description: "0…1, higher is better (docs/crowdship.md, Matching)" }),
  quote: MoneySchema.openapi({ description: "The price with this traveller's detour" }),
  estimatedDeliveryAt: z.string(),
  onTimeProbability: z.number(),
  detourKm: z.number(),
};

export const TripMatchSchema = z
  .object({
    tripId: z.string(),
    travelerId: z.string(),
    travelerName: z.string(),
    ...matchFields,
    departAt: z.string(),
    arriveAt: z.string(),
    from: PlaceSchema,
    to: PlaceSchema,
    freeCapacityKg: z.number(),
    traveler: z.object({ ratingAverage: z.number().nullable(), ratingCount: z.number().int(), deliveredCount: z.number().int(), onTimeCount: z.number().int() }),
  })
  .openapi("TripMatch");
export const TripMatchListSchema = z.object({ items: z.array(TripMatchSchema) });

export const RequestMatchSchema = z.object({ request: ShipmentRequestSchema, ...matchFields }).openapi("RequestMatch");
export const RequestMatchListSchema = z.object({ items: z.array(RequestMatchSchema) });

export const TripRouteSchema = z
  .object({
    start: PlaceSchema,
    stops: z.array(z.object({ shipmentId: z.string(), place: PlaceSchema, legKm: z.number() })),
    distanceKm: z.number(),
  })
  .openapi("TripRoute");
