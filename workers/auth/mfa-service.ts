// Two-factor (TOTP) enrolment: set up a secret, confirm it with a code, disable it with a code.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { users } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import type { Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { decryptTotpSecret, encryptTotpSecret } from "./mfa-secrets";
import { acceptedTotpStep, newTotpSecret, totpUri } from "./totp";
import { getUser } from "./users";

export async function startTotpSetup(ctx: ServiceContext, auth: AuthContext): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await getUser(ctx.db.orm, auth.userId);
  if (user.totpEnabledAt) throw new AppError("MFA_ALREADY_ENABLED", "Two-factor authentication is already on; disable it first to enrol a new device.");
  const secret = newTotpSecret();
  await ctx.db.orm
    .update(users)
    .set({ totpSecretEncrypted: await encryptTotpSecret(ctx, secret), totpLastStep: null, updatedAt: ctx.now() })
    .where(eq(users.id, auth.userId));
  return { secret, otpauthUrl: totpUri(secret, user.email) };
}

/** Checks a code against the stored secret and claims its time step inside the transaction (a replayed code fails). */
async function acceptCode(ctx: ServiceContext, tx: Tx, userId: string, sealed: string, code: string): Promise<void> {
  const step = acceptedTotpStep(await decryptTotpSecret(ctx, sealed), code, ctx.now());
  if (step === null) throw new AppError("INVALID_TOTP", "The code is wrong or has expired.");
  const claimed = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  if (claimed.length === 0) throw new AppError("INVALID_TOTP", "This code has already been used; wait for the next one.");
}

export async function confirmTotp(ctx: ServiceContext, auth: AuthContext, code: string): Promise<{ mfaEnabled: true }> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const user = await getUser(tx, auth.userId);
    if (user.totpEnabledAt) throw new AppError("MFA_ALREADY_ENABLED", "Two-factor authentication is already on.");
    if (!user.totpSecretEncrypted) throw new AppError("MFA_NOT_ENABLED", "Start the set-up first.");
    await acceptCode(ctx, tx, user.id, user.totpSecretEncrypted, code);
    await tx.update(users).set({ totpEnabledAt: ctx.now(), updatedAt: ctx.now() }).where(eq(users.id, user.id));
    await audit({ actorId: user.id, action: "auth.mfa_enabled", subjectType: "user", subjectId: user.id });
    return { mfaEnabled: true as const };
  });
}

export async function disableTotp(ctx: ServiceContext, auth: AuthContext, code: string): Promise<{ mfaEnabled: false }> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const user = await getUser(tx, auth.userId);
    if (!user.totpEnabledAt || !user.totpSecretEncrypted) throw new AppError("MFA_NOT_ENABLED", "Two-factor authentication is not on.");
    await acceptCode(ctx, tx, user.id, user.totpSecretEncrypted, code);
    await tx.update(users).set({ totpEnabledAt: null, totpSecretEncrypted: null, updatedAt: ctx.now() }).where(eq(users.id, user.id));
    await audit({ actorId: user.id, action: "auth.mfa_disabled", subjectType: "user", subjectId: user.id });
    return { mfaEnabled: false as const };
  });
}
