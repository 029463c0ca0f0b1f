// OpenAPI/zod shapes of the orders API: request bodies, path and query parameters, and the order and dispute responses.
import { z } from "@hono/zod-openapi";
import {
  ADDRESS_CITY_MAX_LENGTH,
  ADDRESS_LINE_MAX_LENGTH,
  ADDRESS_NAME_MAX_LENGTH,
  CARRIER_MAX_LENGTH,
  DISPUTE_EVIDENCE_MAX_ITEMS,
  DISPUTE_EVIDENCE_MAX_LENGTH,
  DISPUTE_MESSAGE_MAX_LENGTH,
  DISPUTE_NOTE_MAX_LENGTH,
  LISTING_MAX_QUANTITY,
  ORDER_CANCEL_REASON_MAX_LENGTH,
  POSTAL_CODE_MAX_LENGTH,
  TRACKING_NUMBER_MAX_LENGTH,
} from "../platform/limits";
import { DepositBodySchema } from "../payments/schemas";
import { MoneySchema } from "../platform/money";
import { PageQuerySchema } from "../platform/schemas";
import { ORDER_STATUSES } from "./state-machine";

const text = (max: number) => z.string().trim().min(1).max(max);

export const OrderIdParams = z.object({ id: z.string().min(1).max(64).openapi({ example: "ord_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" }) }).strict();
export const DisputeIdParams = z.object({ id: z.string().min(1).max(64).openapi({ example: "dsp_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" }) }).strict();

export const AddressSchema = z
  .object({
    name: text(ADDRESS_NAME_MAX_LENGTH),
    line1: text(ADDRESS_LINE_MAX_LENGTH),
    line2: text(ADDRESS_LINE_MAX_LENGTH).optional(),
    city: text(ADDRESS_CITY_MAX_LENGTH),
    postalCode: text(POSTAL_CODE_MAX_LENGTH),
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code, upper case"),
  })
  .strict()
  .openapi("Address");

export const DeliverySchema = z.object({ method: z.enum(["shipping", "crowdship"]), address: AddressSchema }).strict().openapi("Delivery");

export const CreateOrderSchema = z
  .object({ listingId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(LISTING_MAX_QUANTITY), delivery: DeliverySchema })
  .strict()
  .openapi("CreateOrder");

export const PayOrderSchema = z
  .object({
    source: z.enum(["wallet", "card"]),
    // The same payment method ids the wallet's deposits take (pm_…).
    paymentMethod: DepositBodySchema.shape.paymentMethod.optional(),
    delivery: DeliverySchema.optional().openapi({ description: "Required when the order has no delivery yet (an auction's order); otherwise it replaces it." }),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.source === "card" && !value.paymentMethod) context.addIssue({ code: "custom", path: ["paymentMethod"], message: "required for source card" });
    if (value.source === "wallet" && value.paymentMethod) context.addIssue({ code: "custom", path: ["paymentMethod"], message: "not allowed for source wallet" });
  })
  .openapi("PayOrder");

export const ShipOrderSchema = z.object({ carrier: text(CARRIER_MAX_LENGTH).optional(), trackingNumber: text(TRACKING_NUMBER_MAX_LENGTH).optional() }).strict().openapi("ShipOrder");
export const CancelOrderSchema = z.object({ reason: text(ORDER_CANCEL_REASON_MAX_LENGTH).optional() }).strict().openapi("CancelOrder");

const EvidenceSchema = z.object({ kind: z.enum(["text", "url"]), value: text(DISPUTE_EVIDENCE_MAX_LENGTH) }).strict().superRefine((value, context) => {
  if (value.kind === "url" && !/^https:\/\/[^\s]+$/.test(value.value)) context.addIssue({ code: "custom", path: ["value"], message: "an https:// URL" });
});

export const DisputeMessageSchema = z
  .object({ message: text(DISPUTE_MESSAGE_MAX_LENGTH), evidence: z.array(EvidenceSchema).max(DISPUTE_EVIDENCE_MAX_ITEMS).optional() })
  .strict()
  .openapi("DisputeMessageInput");

export const OpenDisputeSchema = DisputeMessageSchema.extend({ reason: z.enum(["not_received", "not_as_described", "damaged", "wrong_item", "other"]) })
  .strict()
  .openapi("OpenDispute");

export const ResolveDisputeSchema = z
  .object({ outcome: z.enum(["refund", "partial_refund", "release"]), refundAmount: MoneySchema.optional(), note: text(DISPUTE_NOTE_MAX_LENGTH) })
  .strict()
  .superRefine((value, context) => {
    if (value.outcome === "partial_refund" && !value.refundAmount) context.addIssue({ code: "custom", path: ["refundAmount"], message: "required for outcome partial_refund" });
    if (value.outcome !== "partial_refund" && value.refundAmount) context.addIssue({ code: "custom", path: ["refundAmount"], message: `not allowed for outcome ${value.outcome}` });
  })
  .openapi("ResolveDispute");

export const MyOrdersQuery = PageQuerySchema.extend({ role: z.enum(["buyer", "seller"]).default("buyer"), status: z.enum(ORDER_STATUSES).optional() }).strict();
export const DisputesQuery = PageQuerySchema.extend({ status: z.enum(["open", "resolved"]).optional() }).strict();

const StatusSchema = z.enum(ORDER_STATUSES);

export const OrderSchema = z
  .object({
    id: z.string(),
    status: StatusSchema,
    source: z.enum(["fixed_price", "buy_now", "auction"]),
    listingId: z.string(),
    title: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    quantity: z.number().int(),
    unitPrice: MoneySchema,
    shippingCost: MoneySchema,
    total: MoneySchema,
    fee: MoneySchema.optional().openapi({ description: "Seller and admins only" }),
    refunded: MoneySchema.optional(),
    delivery: DeliverySchema.nullable(),
    paymentDueAt: z.string(),
    paymentSource: z.enum(["wallet", "card"]).nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    autoReleaseAt: z.string().nullable(),
    secondChanceOf: z.string().nullable(),
    timeline: z.array(z.object({ status: StatusSchema, at: z.string(), note: z.string().optional() })),
    dispute: z
      .object({ id: z.string(), status: z.enum(["open", "resolved"]), reason: z.string(), outcome: z.enum(["refund", "partial_refund", "release"]).nullable() })
      .optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Order");

export const OrderPageSchema = z.object({ items: z.array(OrderSchema), nextCursor: z.string().nullable() });

export const PaymentPendingSchema = z
  .object({ order: OrderSchema, payment: z.object({ id: z.string(), status: z.literal("requires_action"), nextAction: z.unknown() }) })
  .openapi("OrderPaymentPending");

export const DisputeMessageViewSchema = z
  .object({
    id: z.string(),
    authorId: z.string(),
    authorRole: z.enum(["buyer", "seller", "admin"]),
    message: z.string(),
    evidence: z.array(z.object({ kind: z.enum(["text", "url"]), value: z.string() })),
    at: z.string(),
  })
  .openapi("DisputeMessage");

export const DisputeSummarySchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(["open", "resolved"]),
    reason: z.string(),
    openedBy: z.string(),
    orderStatus: StatusSchema,
    orderStatusBefore: z.string(),
    total: MoneySchema,
    resolution: z
      .object({ outcome: z.enum(["refund", "partial_refund", "release"]), refundAmount: MoneySchema.nullable(), note: z.string(), resolvedBy: z.string(), resolvedAt: z.string() })
      .nullable(),
    createdAt: z.string(),
  })
  .openapi("DisputeSummary");

export const DisputeSchema = DisputeSummarySchema.extend({ messages: z.array(DisputeMessageViewSchema) }).openapi("Dispute");
export const DisputePageSchema = z.object({ items: z.array(DisputeSummarySchema), nextCursor: z.string().nullable() });
