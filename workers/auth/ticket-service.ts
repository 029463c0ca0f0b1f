// Realtime tickets: a short-lived, single-use credential for opening a WebSocket, so access tokens never go in URLs.
import { and, eq, gt, isNull } from "drizzle-orm";
import { realtimeTickets } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { REALTIME_TICKET_TTL_SECONDS } from "../platform/limits";
import { issueRefreshToken, parseRefreshToken } from "./tokens";

export async function issueTicket(ctx: ServiceContext, auth: AuthContext, path: string): Promise<{ ticket: string; expiresAt: string }> {
  const id = newId("ticket");
  // Same "<id>.<secret>" shape and hashing as refresh tokens: only the hash is stored.
  const issued = await issueRefreshToken(id);
  const expiresAt = new Date(ctx.now().getTime() + REALTIME_TICKET_TTL_SECONDS * 1000);
  await ctx.db.orm.insert(realtimeTickets).values({ id, secretHash: issued.secretHash, userId: auth.userId, path, expiresAt });
  return { ticket: issued.token, expiresAt: expiresAt.toISOString() };
}

/** Redeems a ticket for `path`: returns its user, or throws 401 when it is unknown, used, expired or for another path. */
export async function redeemTicket(ctx: ServiceContext, ticket: string, path: string): Promise<{ userId: string }> {
  const parsed = await parseRefreshToken(ticket);
  if (parsed) {
    const [row] = await ctx.db.orm
      .update(realtimeTickets)
      .set({ usedAt: ctx.now() })
      // Matching the hash in SQL is safe from timing attacks: it is the SHA-256 of a 256-bit secret, and a forged secret must not burn the ticket.
      .where(
        and(
          eq(realtimeTickets.id, parsed.tokenId),
          eq(realtimeTickets.secretHash, parsed.secretHash),
          eq(realtimeTickets.path, path),
          isNull(realtimeTickets.usedAt),
          gt(realtimeTickets.expiresAt, ctx.now()),
        ),
      )
      .returning({ userId: realtimeTickets.userId });
    if (row) return { userId: row.userId };
  }
  throw new AppError("INVALID_TOKEN", "The realtime ticket is invalid, used or expired.");
}
