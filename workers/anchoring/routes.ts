// HTTP for anchoring: inclusion proofs of a ledger entry (its owner or an admin), of an order's escrow entries (its
// parties or an admin) and of an auction result (public), and the chain settings a browser verifies them against.
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { authErrors, commonErrors, jsonResponse, problem } from "../platform/schemas";
import { publicChainConfig } from "./chain";
import { ProofDocumentSchema } from "./proof-document";
import { auctionResultProof, ledgerEntryProof, orderProofs } from "./proofs-service";

const tags = ["Anchoring"];
const EntryParams = z.object({ id: z.string().min(1).max(64) }).strict();
const ListingParams = z.object({ listingId: z.string().min(1).max(64) }).strict();

const OrderProofsSchema = z
  .object({
    items: z.array(ProofDocumentSchema),
    pending: z.number().int().nonnegative().openapi({ description: "Your entries of this order not anchored yet (the next anchoring run takes them)" }),
  })
  .openapi("OrderProofs");

const AnchoringConfigSchema = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("off") }),
    z.object({
      status: z.literal("on"),
      chainId: z.number().int(),
      contract: z.string(),
      rpcUrl: z.string().nullable().openapi({ description: "A JSON-RPC URL browsers may call; null when none is configured" }),
    }),
  ])
  .openapi("AnchoringConfig");

const entryProofRoute = createRoute({
  method: "get",
  path: "/v1/ledger/entries/{id}/proof",
  tags,
  summary: "Inclusion proof of one of your ledger entries in an on-chain Merkle root (404 until its batch is anchored)",
  ...signedIn,
  request: { params: EntryParams },
  responses: { 200: jsonResponse("The proof document", ProofDocumentSchema), ...authErrors },
});

const orderProofsRoute = createRoute({
  method: "get",
  path: "/v1/orders/{id}/proofs",
  tags,
  summary: "Inclusion proofs of the order's escrow ledger entries you may see (buyer, seller or admin), and how many are not anchored yet",
  ...signedIn,
  request: { params: EntryParams },
  responses: { 200: jsonResponse("The anchored proofs and the pending count", OrderProofsSchema), ...authErrors },
});

const auctionProofRoute = createRoute({
  method: "get",
  path: "/v1/auctions/{listingId}/proof",
  tags,
  summary: "Inclusion proof of a closed auction's result and bid-log head in an on-chain Merkle root (404 until anchored)",
  request: { params: ListingParams },
  responses: { 200: jsonResponse("The proof document", ProofDocumentSchema), 400: commonErrors[400], 404: problem("Not closed, or not anchored yet"), 429: commonErrors[429] },
});

const configRoute = createRoute({
  method: "get",
  path: "/v1/anchoring/config",
  tags,
  summary: "Whether anchoring is on, and the chain, contract and public RPC URL a browser checks proofs against",
  responses: { 200: jsonResponse("The anchoring chain", AnchoringConfigSchema) },
});

export const anchoringRoutes = createRouter()
  .openapi(entryProofRoute, async (c) => c.json(await ledgerEntryProof(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(orderProofsRoute, async (c) => c.json(await orderProofs(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(auctionProofRoute, async (c) => c.json(await auctionResultProof(c.var.services, c.req.valid("param").listingId), 200))
  .openapi(configRoute, (c) => c.json(publicChainConfig(c.env), 200));
