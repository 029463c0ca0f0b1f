// HTTP for anchoring: inclusion proofs of a ledger entry (its owner or an admin) and of an auction result (public).
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { authErrors, commonErrors, jsonResponse, problem } from "../platform/schemas";
import { ProofDocumentSchema } from "./proof-document";
import { auctionResultProof, ledgerEntryProof } from "./proofs-service";

const EntryParams = z.object({ id: z.string().min(1).max(64) }).strict();
const ListingParams = z.object({ listingId: z.string().min(1).max(64) }).strict();

const entryProofRoute = createRoute({
  method: "get",
  path: "/v1/ledger/entries/{id}/proof",
  tags: ["Anchoring"],
  summary: "Inclusion proof of one of your ledger entries in an on-chain Merkle root (404 until its batch is anchored)",
  ...signedIn,
  request: { params: EntryParams },
  responses: { 200: jsonResponse("The proof document", ProofDocumentSchema), ...authErrors },
});

const auctionProofRoute = createRoute({
  method: "get",
  path: "/v1/auctions/{listingId}/proof",
  tags: ["Anchoring"],
  summary: "Inclusion proof of a closed auction's result and bid-log head in an on-chain Merkle root (404 until anchored)",
  request: { params: ListingParams },
  responses: { 200: jsonResponse("The proof document", ProofDocumentSchema), 400: commonErrors[400], 404: problem("Not closed, or not anchored yet"), 429: commonErrors[429] },
});

export const anchoringRoutes = createRouter()
  .openapi(entryProofRoute, async (c) => c.json(await ledgerEntryProof(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(auctionProofRoute, async (c) => c.json(await auctionResultProof(c.var.services, c.req.valid("param").listingId), 200));
