// Where a user's withdrawals go: a bank account (IBAN, encrypted at rest) for the sandbox, a Stripe Connect account with Stripe.
import { eq } from "drizzle-orm";
import { payoutAccounts, type PayoutAccountType } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { decryptField, encryptField, fieldKeyring } from "../platform/crypto";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { ibanLast4, isValidIban, maskedIban, normalizeIban } from "./iban";
import { paymentProvider, type PayoutDestination } from "./provider";

export type PayoutAccountInput = { type: "bank_account"; holderName: string; iban: string } | { type: "stripe_connect"; accountId: string };

export type PayoutAccountView =
  | { type: "bank_account"; holderName: string; ibanLast4: string; country: string; label: string; updatedAt: string }
  | { type: "stripe_connect"; accountId: string; label: string; updatedAt: string };

type PayoutAccountRow = typeof payoutAccounts.$inferSelect;

function invalid(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", "The payout account is invalid.", { errors: [{ path, message }] });
}

function view(row: PayoutAccountRow): PayoutAccountView {
  const updatedAt = row.updatedAt.toISOString();
  if (row.type === "stripe_connect") return { type: "stripe_connect", accountId: row.stripeAccountId!, label: row.stripeAccountId!, updatedAt };
  return { type: "bank_account", holderName: row.holderName!, ibanLast4: row.ibanLast4!, country: row.country!, label: maskedIban(row.ibanLast4!), updatedAt };
}

async function columnsFor(ctx: ServiceContext, input: PayoutAccountInput, expected: PayoutAccountType) {
  if (input.type !== expected) throw invalid("type", `this deployment pays out to ${expected} accounts`);
  if (input.type === "stripe_connect") return { type: input.type, holderName: null, ibanEncrypted: null, ibanLast4: null, country: null, stripeAccountId: input.accountId };
  const iban = normalizeIban(input.iban);
  if (!isValidIban(iban)) throw invalid("iban", "not a valid IBAN (its check digits do not match)");
  return {
    type: input.type,
    holderName: input.holderName,
    ibanEncrypted: await encryptField(await fieldKeyring(ctx.env.FIELD_ENCRYPTION_KEYS), iban),
    ibanLast4: ibanLast4(iban),
    country: iban.slice(0, 2),
    stripeAccountId: null,
  };
}

/** PUT /v1/wallet/payout-account: sets or replaces the caller's payout account. Audited: it decides where money goes. */
export async function setPayoutAccount(ctx: ServiceContext, auth: AuthContext, input: PayoutAccountInput): Promise<PayoutAccountView> {
  const columns = await columnsFor(ctx, input, paymentProvider(ctx).payoutAccountType);
  const now = ctx.now();
  return inTransaction(ctx, async (scope) => {
    const [previous] = await scope.tx.select().from(payoutAccounts).where(eq(payoutAccounts.userId, auth.userId)).for("update");
    const [row] = await scope.tx
      .insert(payoutAccounts)
      .values({ userId: auth.userId, ...columns, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: payoutAccounts.userId, set: { ...columns, updatedAt: now } })
      .returning();
    const saved = view(row!);
    await scope.audit({
      actorId: auth.userId,
      action: previous ? "payout_account.replaced" : "payout_account.created",
      subjectType: "payout_account",
      subjectId: auth.userId,
      details: { type: saved.type, label: saved.label, ...(previous ? { previousLabel: view(previous).label } : {}) },
    });
    return saved;
  });
}

async function findRow(ctx: ServiceContext, userId: string): Promise<PayoutAccountRow | undefined> {
  return (await ctx.db.orm.select().from(payoutAccounts).where(eq(payoutAccounts.userId, userId)))[0];
}

/** GET /v1/wallet/payout-account: 404 until one is set. */
export async function getPayoutAccount(ctx: ServiceContext, auth: AuthContext): Promise<PayoutAccountView> {
  const row = await findRow(ctx, auth.userId);
  if (!row) throw new AppError("NOT_FOUND", "No payout account yet: set one with PUT /v1/wallet/payout-account.");
  return view(row);
}

/** The full destination for a payout (the IBAN decrypted), or PAYOUT_ACCOUNT_REQUIRED when none fits this provider. */
export async function payoutDestination(ctx: ServiceContext, userId: string, expected: PayoutAccountType): Promise<PayoutDestination> {
  const row = await findRow(ctx, userId);
  if (!row || row.type !== expected) {
    throw new AppError("PAYOUT_ACCOUNT_REQUIRED", `Set a ${expected} payout account first (PUT /v1/wallet/payout-account).`);
  }
  const shown = view(row);
  if (row.type === "stripe_connect") return { type: "stripe_connect", accountId: row.stripeAccountId!, label: shown.label };
  const iban = await decryptField(await fieldKeyring(ctx.env.FIELD_ENCRYPTION_KEYS), row.ibanEncrypted!);
  return { type: "bank_account", holderName: row.holderName!, iban, label: shown.label };
}
