// The reconcile cron inside workerd: a charged-but-unsettled card payment is settled late into the payer's wallet; a recent one is left to its request.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deposits, outboxEvents, payments } from "../../db/schema";
import { createScope } from "../platform/context";
import { newId } from "../platform/ids";
import { createLogger } from "../platform/logger";
import { registerUser, testEnv, withDatabase } from "../test-support/api";
import { balances, usd } from "./test-fixtures";
import { settleStrandedPayments } from "./reconcile";

/** A deposit payment the provider charged but whose request died before settling it: no deposit row, no ledger transfer. */
async function strandedPayment(userId: string, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const depositId = newId("deposit");
  const id = newId("payment");
  await withDatabase((db) =>
    db.orm.insert(payments).values({
      id,
      userId,
      provider: "sandbox",
      providerRef: `spi_${id.slice(4)}`,
      purpose: "deposit",
      reference: `deposit:${depositId}`,
      amountMinor: 1_800,
      currency: "USD",
      paymentMethod: "pm_card_visa",
      status: "succeeded",
      createdAt: at,
      updatedAt: at,
    }),
  );
  return { id, depositId };
}

async function runCron(): Promise<number> {
  const scope = createScope(testEnv, createLogger("error"), `test-cron-${crypto.randomUUID()}`, { ip: null, userAgent: null });
  try {
    return await settleStrandedPayments(scope.ctx);
  } finally {
    await scope.close();
  }
}

describe("settleStrandedPayments (cron)", () => {
  it("settles a payment charged over 10 minutes ago into the wallet, restores its deposit and emits payment.succeeded, once", async () => {
    const user = await registerUser("stranded");
    const stranded = await strandedPayment(user.id, 11);
    const recent = await strandedPayment(user.id, 1);
    expect(await runCron()).toBe(1);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_800), held: usd(0) }]);
    const [row] = await withDatabase((db) => db.orm.select().from(payments).where(eq(payments.id, stranded.id)));
    expect(row!.settledAt).not.toBeNull();
    const [restored] = await withDatabase((db) => db.orm.select().from(deposits).where(eq(deposits.paymentId, stranded.id)));
    expect(restored).toMatchObject({ id: stranded.depositId, userId: user.id, amountMinor: 1_800, currency: "USD" });
    const events = await withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "payment.succeeded"), sql`${outboxEvents.payload}->>'userId' = ${user.id}`)));
    expect(events.map((event) => event.payload)).toEqual([{ paymentId: stranded.id, userId: user.id, amount: usd(1_800), purpose: "deposit" }]);
    const [untouched] = await withDatabase((db) => db.orm.select().from(payments).where(eq(payments.id, recent.id)));
    expect(untouched!.settledAt).toBeNull();

    expect(await runCron()).toBe(0);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_800), held: usd(0) }]);
  });
});
