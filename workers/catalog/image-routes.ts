// HTTP for listing photos: raw image bodies in, R2 objects out with long-lived cache headers.
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { AppError } from "../platform/errors";
import { createRouter } from "../platform/hono";
import { IMAGE_MAX_BYTES } from "../platform/limits";
import { authErrors, jsonResponse } from "../platform/schemas";
import { IMAGE_CONTENT_TYPES } from "./image-rules";
import { deleteImage, readImage, uploadImage } from "./images-service";
import { ListingIdParams } from "./schemas";

const binary = { schema: z.any().openapi({ type: "string", format: "binary" }) };
const ImageSchema = z.object({ id: z.string(), url: z.string(), contentType: z.string(), bytes: z.number().int(), position: z.number().int() }).openapi("ListingImage");

const uploadRoute = createRoute({
  method: "post",
  path: "/v1/listings/{id}/images",
  tags: ["Catalog"],
  summary: `Add a photo (JPEG, PNG or WebP, at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB; 10 per listing). The body is the image itself.`,
  ...signedIn,
  request: { params: ListingIdParams, body: { required: true, content: Object.fromEntries(IMAGE_CONTENT_TYPES.map((type) => [type, binary])) } },
  responses: { 201: jsonResponse("The stored photo", ImageSchema), ...authErrors, 415: authErrors[400] },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/v1/listings/{id}/images/{imageId}",
  tags: ["Catalog"],
  summary: "Remove a photo",
  ...signedIn,
  request: { params: ListingIdParams.extend({ imageId: z.string().min(1).max(64) }).strict() },
  responses: { 204: { description: "Removed" }, ...authErrors },
});

const serveRoute = createRoute({
  method: "get",
  path: "/v1/images/{imageId}",
  tags: ["Catalog"],
  summary: "A listing photo (immutable: cache it forever)",
  request: { params: z.object({ imageId: z.string().min(1).max(64) }).strict() },
  responses: { 200: { description: "The image", content: Object.fromEntries(IMAGE_CONTENT_TYPES.map((type) => [type, binary])) }, 304: { description: "Not modified" }, 404: authErrors[404] },
});

export const imageRoutes = createRouter()
  .openapi(uploadRoute, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) throw new AppError("VALIDATION_FAILED", "The body must be the image.", { errors: [{ path: "body", message: "empty" }] });
    const image = await uploadImage(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.header("Content-Type") ?? "", bytes);
    return c.json(image, 201);
  })
  .openapi(deleteRoute, async (c) => {
    const { id, imageId } = c.req.valid("param");
    await deleteImage(c.var.services, currentAuth(c), id, imageId);
    return c.body(null, 204);
  })
  .openapi(serveRoute, async (c) => {
    const object = await readImage(c.var.services, c.req.valid("param").imageId, c.req.header("If-None-Match"));
    if (!object) throw new AppError("NOT_FOUND", "No such image.");
    const headers = new Headers();
    object.writeHttpMetadata(headers);
    headers.set("ETag", object.httpEtag);
    headers.set("Cache-Control", "public, max-age=31536000, immutable");
    if (!("body" in object)) return new Response(null, { status: 304, headers }) as never;
    return new Response(object.body, { status: 200, headers }) as never;
  });
