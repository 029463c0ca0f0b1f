// What the auth domain can tell other domains about a user for risk checks: account age and recent sign-in clients.
import { and, desc, eq, gte, isNotNull } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import type { Queryable } from "../platform/db";

/** When the account was created, or null for an unknown user. */
export async function accountCreatedAt(q: Queryable, userId: string): Promise<Date | null> {
  const [row] = await q.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return row?.createdAt ?? null;
}

export interface SignInClient {
  ip: string;
  userAgent: string | null;
}

/** The IPs (with user agents) of the user's sessions opened since `since`, newest first, at most `limit`. */
export async function recentClientsOf(q: Queryable, userId: string, since: Date, limit: number): Promise<SignInClient[]> {
  const rows = await q
    .select({ ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gte(sessions.createdAt, since), isNotNull(sessions.ip)))
    .orderBy(desc(sessions.createdAt))
    .limit(limit);
  return rows.flatMap((row) => (row.ip ? [{ ip: row.ip, userAgent: row.userAgent }] : []));
}
