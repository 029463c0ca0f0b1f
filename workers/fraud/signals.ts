// Gathers a payment's risk signals: fraud's own attempt and outcome records, plus account age and sign-in clients from auth.
import { and, count, desc, eq, gte, max, or, sql } from "drizzle-orm";
import { fraudAttempts, fraudPaymentOutcomes } from "../../db/schema";
import { accountCreatedAt, recentClientsOf, type SignInClient } from "../auth/risk-signals";
import type { ServiceContext } from "../platform/context";
import {
  FRAUD_FAILED_PAYMENTS_WINDOW_SECONDS,
  FRAUD_HISTORY_SAMPLE,
  FRAUD_SHARED_IP_LOOKBACK_SECONDS,
  FRAUD_SHARED_IP_MAX_SESSIONS,
  FRAUD_VELOCITY_WINDOW_SECONDS,
} from "../platform/limits";
import type { Money } from "../platform/money";
import { approximateUsdMinor } from "./approximate-usd";
import { isRoutableIp, isSharedTestPaymentMethod, type PaymentSignals } from "./rules";

export interface SignalInput {
  userId: string;
  amount: Money;
  paymentMethod?: string | undefined;
  counterpartyId?: string | undefined;
}

const secondsBefore = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

/** Earlier attempts in the velocity window by this user, from this IP and with this payment method, in one query. */
async function velocity(ctx: ServiceContext, userId: string, ip: string | null, paymentMethod: string | null) {
  const byIp = ip ? eq(fraudAttempts.ip, ip) : sql`false`;
  const byMethod = paymentMethod ? eq(fraudAttempts.paymentMethod, paymentMethod) : sql`false`;
  const [row] = await ctx.db.orm
    .select({
      byUser: sql<number>`count(*) filter (where ${fraudAttempts.userId} = ${userId})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${byIp})`.mapWith(Number),
      byMethod: sql<number>`count(*) filter (where ${byMethod})`.mapWith(Number),
    })
    .from(fraudAttempts)
    .where(and(gte(fraudAttempts.at, secondsBefore(ctx.now(), FRAUD_VELOCITY_WINDOW_SECONDS)), or(eq(fraudAttempts.userId, userId), byIp, byMethod)));
  return { byUser: row?.byUser ?? 0, byIp: ip ? (row?.byIp ?? 0) : null, byMethod: paymentMethod ? (row?.byMethod ?? 0) : null };
}

/** The user's most recent allowed amounts in this currency: how many, and the largest. */
async function history(ctx: ServiceContext, userId: string, currency: string) {
  const recent = ctx.db.orm
    .select({ amountMinor: fraudAttempts.amountMinor })
    .from(fraudAttempts)
    .where(and(eq(fraudAttempts.userId, userId), eq(fraudAttempts.currency, currency), eq(fraudAttempts.decision, "allow")))
    .orderBy(desc(fraudAttempts.at))
    .limit(FRAUD_HISTORY_SAMPLE)
    .as("recent");
  const [row] = await ctx.db.orm.select({ count: count(), maxMinor: max(recent.amountMinor) }).from(recent);
  return { count: row?.count ?? 0, maxMinor: Number(row?.maxMinor ?? 0) };
}

async function failedPayments(ctx: ServiceContext, userId: string): Promise<number> {
  const [row] = await ctx.db.orm
    .select({ failed: count() })
    .from(fraudPaymentOutcomes)
    .where(and(eq(fraudPaymentOutcomes.userId, userId), eq(fraudPaymentOutcomes.succeeded, false), gte(fraudPaymentOutcomes.at, secondsBefore(ctx.now(), FRAUD_FAILED_PAYMENTS_WINDOW_SECONDS))));
  return row?.failed ?? 0;
}

/** Routable IPs seen for a user recently: sign-in sessions (auth) and payment attempts (ours). */
async function knownClients(ctx: ServiceContext, userId: string, since: Date): Promise<SignInClient[]> {
  const sessions = await recentClientsOf(ctx.db.orm, userId, since, FRAUD_SHARED_IP_MAX_SESSIONS);
  const attempts = await ctx.db.orm
    .selectDistinct({ ip: fraudAttempts.ip })
    .from(fraudAttempts)
    .where(and(eq(fraudAttempts.userId, userId), gte(fraudAttempts.at, since)))
    .limit(FRAUD_SHARED_IP_MAX_SESSIONS);
  const fromAttempts = attempts.flatMap((row) => (row.ip ? [{ ip: row.ip, userAgent: null }] : []));
  return [...sessions, ...fromAttempts].filter((client) => isRoutableIp(client.ip));
}

/** Does the payer (this request, or their recent sessions) share a routable IP — and a browser on it — with the counterparty? */
async function sharedWithCounterparty(ctx: ServiceContext, userId: string, counterpartyId: string | undefined) {
  if (!counterpartyId || counterpartyId === userId) return { ip: false, device: false };
  const since = secondsBefore(ctx.now(), FRAUD_SHARED_IP_LOOKBACK_SECONDS);
  const counterparty = await knownClients(ctx, counterpartyId, since);
  if (counterparty.length === 0) return { ip: false, device: false };
  const current = isRoutableIp(ctx.client.ip) ? [{ ip: ctx.client.ip, userAgent: ctx.client.userAgent }] : [];
  const payer = [...current, ...(await knownClients(ctx, userId, since))];
  const shared = payer.filter((mine) => counterparty.some((theirs) => theirs.ip === mine.ip));
  const device = shared.some((mine) => mine.userAgent !== null && counterparty.some((theirs) => theirs.ip === mine.ip && theirs.userAgent === mine.userAgent));
  return { ip: shared.length > 0, device };
}

export async function gatherSignals(ctx: ServiceContext, input: SignalInput): Promise<PaymentSignals> {
  const createdAt = await accountCreatedAt(ctx.db.orm, input.userId);
  if (!createdAt) throw new Error(`invariant failed: assessing a payment of unknown user ${input.userId}`);
  const ip = isRoutableIp(ctx.client.ip) ? ctx.client.ip : null;
  const method = input.paymentMethod && !isSharedTestPaymentMethod(input.paymentMethod) ? input.paymentMethod : null;
  const counts = await velocity(ctx, input.userId, ip, method);
  const past = await history(ctx, input.userId, input.amount.currency);
  const shared = await sharedWithCounterparty(ctx, input.userId, input.counterpartyId);
  return {
    amountMinor: input.amount.amount,
    amountUsdMinor: approximateUsdMinor(input.amount.amount, input.amount.currency),
    accountAgeSeconds: Math.max(0, Math.floor((ctx.now().getTime() - createdAt.getTime()) / 1000)),
    attemptsByUser: counts.byUser,
    attemptsByIp: counts.byIp,
    attemptsByPaymentMethod: counts.byMethod,
    historyCount: past.count,
    historyMaxMinor: past.maxMinor,
    sharedIpWithCounterparty: shared.ip,
    sharedDeviceWithCounterparty: shared.device,
    failedPayments: await failedPayments(ctx, input.userId),
  };
}
