// The user as the API shows it, and the auth domain's user lookups.
import { arrayContains, desc, eq, inArray, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import type { Role } from "../platform/auth-context";
import type { Queryable } from "../platform/db";
import { AppError } from "../platform/errors";

export type UserRow = typeof users.$inferSelect;

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  mfaEnabled: boolean;
  createdAt: string;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles as Role[],
    mfaEnabled: row.totpEnabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await q.select().from(users).where(sql`lower(${users.email}) = ${normalizeEmail(email)}`).limit(1);
  return row ?? null;
}

export async function getUser(q: Queryable, userId: string): Promise<UserRow> {
  const [row] = await q.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such user.");
  return row;
}

/** Public names for a set of users (sellers on listings, bidders' aliases elsewhere): the only user data other domains may show. */
export async function displayNames(q: Queryable, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(userIds)]));
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

/** Ids of users with the admin role, newest first, at most `limit`: who is told when something needs support (a locked shipment). */
export async function adminIds(q: Queryable, limit: number): Promise<string[]> {
  const rows = await q.select({ id: users.id }).from(users).where(arrayContains(users.roles, ["admin"])).orderBy(desc(users.createdAt)).limit(limit);
  return rows.map((row) => row.id);
}
