// Benchmarks: ledger transfers at the service layer (postTransfer called from Node over a pool of Postgres connections), across many accounts and on one hot account.
import type { Benchmark, BenchmarkContext, BenchmarkResult, PreparedBenchmark } from "../benchmark";
import { describeCpuPerRequest } from "../cpu-usage";
import { openLedgerTarget, type LedgerTarget } from "../ledger/ledger-target";
import type { AccountRef, TransferInput } from "../../../workers/ledger/service";

/** Connections in the pool and closed-loop clients: enough to keep both cores busy and let commits group. */
const LEDGER_POOL_SIZE = 16;
const LEDGER_DURATION_MS = 10_000;
/** A bound far above what 10 s can reach here, so the window ends by time. */
const LEDGER_MAX_TRANSFERS = 1_000_000;
/** "Many accounts": transfers between random pairs of this many funded wallets, so two transfers rarely share a row. */
const WALLETS = 10_000;
/** Each wallet's starting balance: far more than the 1-unit transfers of a run can take out. */
const WALLET_FUNDING_MINOR = 1_000_000_000;
/** Targets the issue sets, and the anchors it names. */
const TARGET_MANY_PER_SECOND = 5_000;
const TARGET_HOT_PER_SECOND = 1_000;
/** Round trips per transfer in postTransfer inside inTransaction: BEGIN, lock accounts, write, audit row, COMMIT. */
const ROUND_TRIPS_PER_TRANSFER = 5;

const log = (message: string) => console.log(`[bench] ${message}`);

const needsPostgres = (ctx: Omit<BenchmarkContext, "http">) =>
  ctx.mode.database === "postgres" ? null : "DATABASE_URL is not set: a pool of connections needs a PostgreSQL server (the embedded PGlite serves one connection at a time).";

/** Deterministic pseudo-random wallet for request `index` and a salt (a multiplicative hash), so runs pick the same pairs. */
function walletFor(index: number, salt: number): number {
  return Number((BigInt(index) * 2_654_435_761n + BigInt(salt) * 40_503n) % BigInt(WALLETS));
}

const wallet = (ownerId: string): AccountRef => ({ kind: "user_available", ownerId, currency: "USD" });
const perSecond = (value: number) => Math.round(value).toLocaleString("en-US");

function describeResult(result: Omit<BenchmarkResult, "interpretation">, target: number, anchor: string): string {
  const throughput = result.summary.throughputPerSecond;
  const p99 = result.summary.latency?.p99Ms;
  const sentences = [
    `${perSecond(throughput)} transfers/s, p99 ${p99 === undefined ? "n/a" : `${p99.toFixed(1)} ms`}, ${throughput >= target ? "meets" : "misses"} the target of ${perSecond(target)}/s (${anchor}).`,
    `Each transfer is ${ROUND_TRIPS_PER_TRANSFER} round trips (BEGIN, lock accounts, write transfer + entries + balances, audit row, COMMIT with its WAL flush) plus the deferred balance check at commit.`,
  ];
  if (result.cpu) sentences.push(`Machine ${Math.round(result.cpu.machineBusyPercent)}% busy on ${result.cpu.cores} cores; CPU per transfer: ${describeCpuPerRequest(result.cpu, throughput)}.`);
  return sentences.join(" ");
}

interface LedgerBenchmarkSpec {
  name: string;
  description: string;
  target: number;
  anchor: string;
  /** Funds what the transfers need; returns transfer number `index`. */
  setup(ledger: LedgerTarget, ctx: BenchmarkContext): Promise<(index: number) => TransferInput>;
}

/** A pool of connections running `spec`'s transfers; once the run is over the whole ledger is verified (a mismatch fails the run). */
function ledgerBenchmark(spec: LedgerBenchmarkSpec): Benchmark {
  return {
    name: spec.name,
    description: spec.description,
    concurrency: LEDGER_POOL_SIZE,
    durationMs: LEDGER_DURATION_MS,
    maxRequests: LEDGER_MAX_TRANSFERS,
    skipReason: needsPostgres,
    async prepare(ctx): Promise<PreparedBenchmark> {
      const ledger = openLedgerTarget(ctx.database.databaseUrl, LEDGER_POOL_SIZE);
      let transferFor: (index: number) => TransferInput;
      try {
        transferFor = await spec.setup(ledger, ctx);
      } catch (error) {
        await ledger.close();
        throw error;
      }
      return {
        async request(index) {
          await ledger.post(transferFor(index));
          return { ok: true, status: 200 };
        },
        interpret: (result) => describeResult(result, spec.target, spec.anchor),
        followsWorkerThread: false,
        async dispose() {
          try {
            const startedAt = performance.now();
            const report = await ledger.verify();
            log(`${spec.name}: ledger verified in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${report.accounts} accounts, ${report.entries} entries, ${report.mismatchCount} mismatches`);
            if (report.mismatchCount > 0) throw new Error(`${spec.name}: the ledger does not verify after the run: ${JSON.stringify(report.mismatches.slice(0, 5))}`);
          } finally {
            await ledger.close();
          }
        },
      };
    },
  };
}

export const ledgerServiceBenchmark = ledgerBenchmark({
  name: "ledger-service",
  description: `Ledger at the service layer, low contention: \`postTransfer\` (the Worker's own code, in \`inTransaction\` with its audit row) called from Node over a \`pg\` pool of ${LEDGER_POOL_SIZE} connections to the local Postgres; each transfer moves 1 unit between a random pair of ${WALLETS.toLocaleString("en-US")} funded wallets.`,
  target: TARGET_MANY_PER_SECOND,
  anchor: "pgledger ~10,000/s on a laptop",
  async setup(ledger, ctx) {
    const owners = Array.from({ length: WALLETS }, (_, index) => `usr_bench_${ctx.runTag}_${index}`);
    const startedAt = performance.now();
    await ledger.fund(owners, "USD", WALLET_FUNDING_MINOR, `bench:${ctx.runTag}`);
    log(`ledger-service: ${WALLETS.toLocaleString("en-US")} wallets funded in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    return (index) => {
      const from = walletFor(index, 1);
      const to = (from + 1 + (walletFor(index, 2) % (WALLETS - 1))) % WALLETS; // any wallet but `from`
      return { kind: "adjustment", reference: `bench:${ctx.runTag}:many:${index}`, actorId: null, postings: [{ account: wallet(owners[from]!), amount: -1 }, { account: wallet(owners[to]!), amount: 1 }] };
    };
  },
});

export const ledgerServiceHotBenchmark = ledgerBenchmark({
  name: "ledger-service-hot",
  description: `Ledger at the service layer, one hot account: every transfer is a deposit out of the same provider clearing account into one of ${WALLETS.toLocaleString("en-US")} wallets, so all ${LEDGER_POOL_SIZE} connections queue for that account's row lock.`,
  target: TARGET_HOT_PER_SECOND,
  anchor: "Formance ~1,000 writes/s per ledger",
  async setup(_ledger, ctx) {
    const hot: AccountRef = { kind: "provider_clearing", ownerId: `hot_${ctx.runTag}`, currency: "USD" };
    return (index) => ({
      kind: "deposit",
      reference: `bench:${ctx.runTag}:hot:${index}`,
      actorId: null,
      postings: [{ account: hot, amount: -1 }, { account: wallet(`usr_hot_${ctx.runTag}_${walletFor(index, 3)}`), amount: 1 }],
    });
  },
});

export const LEDGER_SERVICE_BENCHMARKS: readonly Benchmark[] = [ledgerServiceBenchmark, ledgerServiceHotBenchmark];
