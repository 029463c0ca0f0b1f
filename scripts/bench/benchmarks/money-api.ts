// Benchmarks: money through the API — paying an order from the wallet into escrow, and topping the wallet up by card.
import { randomUUID } from "node:crypto";
import type { Benchmark, BenchmarkResult } from "../benchmark";
import { fakeClientIp, postJson, registerBidders, waitForEventsToSettle, type Bidder } from "../auctions/fixtures";
import { describeCpuPerRequest } from "../cpu-usage";

/** Closed-loop clients; each pays its own buyer's orders, so no two requests wait on one wallet's row locks by design. */
const PAY_CONCURRENCY = 20;
const PAY_DURATION_MS = 10_000;
/** Pays in the measured window at most; every pay uses up one prepared order, so this bounds the setup too. */
const PAY_MAX_REQUESTS = 800; // ~80 pays/s for 10 s; a first run on this machine, shared with other work, did 11/s
const PAY_WARMUP = { durationMs: 2_000, maxRequests: 150 };
/** The runner measures again (up to 3 times) when the window was disturbed: each attempt needs fresh orders. */
const MEASUREMENT_ATTEMPTS = 3;
const PAY_ORDERS = MEASUREMENT_ATTEMPTS * (PAY_WARMUP.maxRequests + PAY_MAX_REQUESTS);
/** Buyers share the orders round-robin: enough that concurrent pays rarely touch the same wallet. */
const PAY_BUYERS = 50;
/** Orders are spread over this many listings, so creating them does not serialize on one listing's stock row. */
const PAY_LISTINGS = 20;
/** USD 10.00 per order (no shipping): small enough that no fraud rule about amounts fires for a new account. */
const ORDER_PRICE_MINOR = 1_000;
/** Setup requests in flight at once (order creation is a transaction on the Worker; more only queue). */
const SETUP_CONCURRENCY = 16;

const DEPOSIT_CONCURRENCY = 20;
const DEPOSIT_DURATION_MS = 10_000;
const DEPOSIT_MAX_REQUESTS = 20_000;
const DEPOSIT_USERS = 50;
/** USD 1.00 per top-up: the same small amount each time, so the history rule never fires either. */
const DEPOSIT_AMOUNT_MINOR = 100;

const log = (message: string) => console.log(`[bench] ${message}`);

/** Runs `work(0…count-1)` with at most SETUP_CONCURRENCY at once. */
async function inParallel(count: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    // Bounded by count.
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, count) }, worker));
}

const bearer = (user: Bidder) => ({ Authorization: `Bearer ${user.accessToken}` });

/** The request's fake client address: the limiter and the fraud rules' IP checks see a private address, as in tests. */
const clientIp = (n: number) => ({ "CF-Connecting-IP": fakeClientIp(n) });

async function deposit(url: string, user: Bidder, amountMinor: number, n: number): Promise<void> {
  await postJson(url, "/v1/wallet/deposits", { amount: { amount: amountMinor, currency: "USD" }, paymentMethod: "pm_card_visa" }, { ...bearer(user), ...clientIp(n), "Idempotency-Key": randomUUID() });
}

function perSecond(result: Omit<BenchmarkResult, "interpretation">): string {
  return Math.round(result.summary.throughputPerSecond).toLocaleString("en-US");
}

export const orderPayBenchmark: Benchmark = {
  name: "money-order-pay",
  description: `\`POST /v1/orders/:id/pay\` from the wallet: the Idempotency-Key claim, the fraud assessment (its own transaction), then one transaction that locks the order, posts the escrow hold (buyer available → held, two hash-chained ledger entries), consumes the stock reservation and moves the order to paid with its timeline, outbox and audit rows. ${PAY_BUYERS} funded buyers, each paying its own prepared orders.`,
  concurrency: PAY_CONCURRENCY,
  durationMs: PAY_DURATION_MS,
  maxRequests: PAY_MAX_REQUESTS,
  warmup: PAY_WARMUP,
  async prepare(ctx) {
    const [seller] = await registerBidders(ctx.url, ctx.runTag, "pay-seller", 1);
    await postJson(ctx.url, "/v1/me/roles", { role: "seller" }, bearer(seller!));
    const listings: string[] = [];
    for (let n = 0; n < PAY_LISTINGS; n++) {
      const listing = (await postJson(
        ctx.url,
        "/v1/listings",
        {
          title: `Bench phone case ${n}`,
          description: "A phone case sold by the order-pay benchmark.",
          categoryId: "cat_electronics__phones",
          condition: "new",
          quantity: Math.ceil(PAY_ORDERS / PAY_LISTINGS),
          attributes: { brand: "Apple", storage: "128GB" },
          format: "fixed",
          price: { amount: ORDER_PRICE_MINOR, currency: "USD" },
        },
        bearer(seller!),
      )) as { id: string };
      listings.push(listing.id);
    }
    const buyers = await registerBidders(ctx.url, ctx.runTag, "payer", PAY_BUYERS);
    const ordersPerBuyer = Math.ceil(PAY_ORDERS / PAY_BUYERS);
    await inParallel(PAY_BUYERS, (n) => deposit(ctx.url, buyers[n]!, ordersPerBuyer * ORDER_PRICE_MINOR, n));
    log(`money-order-pay: creating ${PAY_ORDERS} orders …`);
    const orders: { id: string; buyer: Bidder }[] = new Array(PAY_ORDERS);
    await inParallel(PAY_ORDERS, async (n) => {
      const buyer = buyers[n % PAY_BUYERS]!;
      const address = { name: "Bench Buyer", line1: "1 Market Street", city: "Lyon", postalCode: "69001", country: "FR" };
      const order = (await postJson(ctx.url, "/v1/orders", { listingId: listings[n % PAY_LISTINGS], quantity: 1, delivery: { method: "shipping", address } }, bearer(buyer))) as { id: string };
      orders[n] = { id: order.id, buyer };
    });
    // Creating orders queued listing.updated events; let their consumers finish before measuring.
    await waitForEventsToSettle(ctx.database, log);
    return {
      async request(index) {
        const order = orders[index];
        if (!order) return { ok: false, status: 0, detail: `only ${PAY_ORDERS} orders were prepared` };
        const response = await ctx.http.send({
          method: "POST",
          path: `/v1/orders/${order.id}/pay`,
          headers: { ...bearer(order.buyer), ...clientIp(index), "Idempotency-Key": randomUUID() },
          json: { source: "wallet" },
        });
        return response.status === 200 ? { ok: true, status: 200 } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
      },
      interpret(result) {
        const sentences = [
          `${perSecond(result)} pays/s at ${result.concurrency} clients. A pay is some 35 SQL statements, each a round trip through the WebSocket proxy on the request's one connection: the key claim and its stored response, the fraud rules' signal queries and attempt row, then one transaction with the order lock, the ledger's account locks and entries, the stock reservation, the order's update, timeline, outbox and audit rows, and the order read back. Waiting on those round trips, not the Worker's CPU, bounds it; with the machine busy (see the CPU column) each one waits longer.`,
        ];
        if (result.cpu) sentences.push(`CPU per pay: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}.`);
        return sentences.join(" ");
      },
    };
  },
};

export const depositBenchmark: Benchmark = {
  name: "money-deposit",
  description: `\`POST /v1/wallet/deposits\` with the sandbox card \`pm_card_visa\`: the Idempotency-Key claim, the fraud assessment, the payment row, the sandbox charge, then one transaction that records the deposit and settles it into the wallet (two ledger entries). ${DEPOSIT_USERS} users topping up USD 1.00 each time.`,
  concurrency: DEPOSIT_CONCURRENCY,
  durationMs: DEPOSIT_DURATION_MS,
  maxRequests: DEPOSIT_MAX_REQUESTS,
  async prepare(ctx) {
    const users = await registerBidders(ctx.url, ctx.runTag, "depositor", DEPOSIT_USERS);
    return {
      async request(index) {
        const user = users[index % DEPOSIT_USERS]!;
        const response = await ctx.http.send({
          method: "POST",
          path: "/v1/wallet/deposits",
          headers: { ...bearer(user), ...clientIp(index), "Idempotency-Key": randomUUID() },
          json: { amount: { amount: DEPOSIT_AMOUNT_MINOR, currency: "USD" }, paymentMethod: "pm_card_visa" },
        });
        return response.status === 201 ? { ok: true, status: 201 } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
      },
      interpret(result) {
        const sentences = [`${perSecond(result)} deposits/s at ${result.concurrency} clients, every one through fraud screening and a ledger transfer into the user's wallet.`];
        if (result.cpu) sentences.push(`CPU per deposit: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}.`);
        return sentences.join(" ");
      },
    };
  },
};

export const MONEY_API_BENCHMARKS: readonly Benchmark[] = [orderPayBenchmark, depositBenchmark];
