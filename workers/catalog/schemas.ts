// OpenAPI/zod shapes of the catalog's responses and path parameters.
import { z } from "@hono/zod-openapi";
import { MoneySchema } from "../platform/money";

export const ListingIdParams = z.object({ id: z.string().min(1).max(64).openapi({ example: "lst_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" }) }).strict();

const AttributeDefinitionSchema = z.object({
  name: z.string(),
  type: z.enum(["string", "number", "enum"]),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});

const CategoryLeafSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  path: z.string(),
  parentId: z.string().nullable(),
  attributes: z.array(AttributeDefinitionSchema),
});

export const CategorySchema = CategoryLeafSchema.extend({ children: z.array(CategoryLeafSchema).optional() }).openapi("Category");
export const CategoryTreeSchema = z.object({ items: z.array(CategorySchema) });

export const ListingSchema = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    seller: z.object({ id: z.string(), displayName: z.string() }),
    title: z.string(),
    description: z.string(),
    categoryId: z.string(),
    category: z.object({ id: z.string(), name: z.string(), path: z.string() }),
    condition: z.enum(["new", "used", "refurbished"]),
    format: z.enum(["fixed", "auction"]),
    status: z.enum(["draft", "active", "ended", "sold"]),
    price: MoneySchema.optional(),
    auction: z
      .object({
        startPrice: MoneySchema,
        currentPrice: MoneySchema,
        bidCount: z.number().int(),
        endsAt: z.string(),
        status: z.enum(["scheduled", "open", "closed"]),
        closeMode: z.enum(["hard", "soft"]),
        softCloseSeconds: z.number().int().nullable(),
        buyItNowPrice: MoneySchema.nullable(),
        hasReserve: z.boolean(),
        reservePrice: MoneySchema.nullable().optional(),
      })
      .optional(),
    quantity: z.number().int(),
    quantityAvailable: z.number().int(),
    attributes: z.record(z.string(), z.union([z.string(), z.number()])),
    shipping: z
      .object({ shipsFrom: z.object({ country: z.string(), city: z.string().optional() }), regions: z.array(z.string()), cost: MoneySchema })
      .nullable(),
    crowdshipEligible: z.boolean(),
    images: z.array(z.object({ id: z.string(), url: z.string(), contentType: z.string(), bytes: z.number().int() })),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .openapi("Listing");

export const ListingSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(["draft", "active", "ended", "sold"]),
    format: z.enum(["fixed", "auction"]),
    price: MoneySchema,
    quantity: z.number().int(),
    quantityAvailable: z.number().int(),
    bidCount: z.number().int(),
    endsAt: z.string().nullable(),
    imageUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("OwnListingSummary");
