// The signed-in user's own profile: reading it and taking on the seller or traveler role.
import { sql } from "drizzle-orm";
import { users } from "../../db/schema";
import type { AuthContext, Role } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";
import { forgetRoles } from "./session-cache";
import { getUser, toPublicUser, type PublicUser } from "./users";

export type SelfServiceRole = Extract<Role, "seller" | "traveler">;

export async function getProfile(ctx: ServiceContext, auth: AuthContext): Promise<PublicUser> {
  return toPublicUser(await getUser(ctx.db.orm, auth.userId));
}

/** Idempotent: asking again for a role one already has returns the profile unchanged. */
export async function grantRole(ctx: ServiceContext, auth: AuthContext, role: SelfServiceRole): Promise<PublicUser> {
  const profile = await inTransaction(ctx, async ({ tx, emit, audit }) => {
    const [updated] = await tx
      .update(users)
      .set({ roles: sql`array_append(${users.roles}, ${role})`, updatedAt: ctx.now() })
      .where(sql`${users.id} = ${auth.userId} and not (${role} = any(${users.roles}))`)
      .returning();
    if (!updated) return toPublicUser(await getUser(tx, auth.userId));
    await emit("user.role_granted", { userId: auth.userId, role });
    await audit({ actorId: auth.userId, action: "auth.role_granted", subjectType: "user", subjectId: auth.userId, details: { role } });
    return toPublicUser(updated);
  });
  await forgetRoles(ctx, auth.userId);
  return profile;
}

