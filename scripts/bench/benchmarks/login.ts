// Benchmark: POST /v1/auth/login for many throwaway users from many client IPs, so it measures login and not the limiter.
import { users } from "../../../db/schema";
import { hashPassword } from "../../../workers/auth/password";
import { newId } from "../../../workers/platform/ids";
import { openNodeDatabase } from "../../db/node-database";
import type { Benchmark } from "../benchmark";
import { coresOf, cpuMsPerRequest, describeCpuPerRequest, WORKER_LABEL } from "../cpu-usage";
import { workerdHashMs } from "../workerd-hash-cost";

const LOGIN_CONCURRENCY = 50;
/** A few hundred logins at the few dozen per second that PBKDF2 allows on 2 cores. */
const LOGIN_DURATION_MS = 15_000;
/**
 * Each account may try 10 times per window (LOGIN_ATTEMPTS_PER_ACCOUNT); requests go round-robin over
 * the users, so 20,000 logins pass before any account is throttled.
 */
const BENCH_USERS = 2_000;
/** Bounds the measured run; with its warm-up it stays far under the 20,000 that BENCH_USERS allow. */
const LOGIN_MAX_REQUESTS = 5_000;
/** Rows per INSERT when creating the bench users: one statement per batch keeps setup to a few round trips. */
const INSERT_BATCH_SIZE = 500;
/** 10.0.0.0/8 has 2^24 addresses. */
const PRIVATE_BLOCK_SIZE = 2 ** 24;
/** The Worker's thread running or waiting for a core this share of the time: it is the limit. */
const THREAD_SATURATED_PERCENT = 90;
/** Waiting for a core this share of the time is worth naming as part of the bound. */
const WAITING_NOTABLE_PERCENT = 20;
/** Throwaway accounts: the password is not a secret. */
const BENCH_PASSWORD = "bench-password-not-a-secret";

/**
 * The limiter keys on the CF-Connecting-IP header, which wrangler dev passes through from the client
 * (checked: a login with the header records that IP on its session; without it, 127.0.0.1). Each request
 * claims its own address in 10.0.0.0/8, so no address reaches its 50-per-window limit. Only the header
 * carries it: every request still goes to the platform on 127.0.0.1.
 */
function fakeClientIp(n: number): string {
  const address = n % PRIVATE_BLOCK_SIZE;
  return `10.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

export const loginBenchmark: Benchmark = {
  name: "login",
  description: `\`POST /v1/auth/login\` with a correct password: two rate-limit checks, a user lookup, PBKDF2-SHA256 (100,000 iterations), then a session and an audit row written in one transaction. ${BENCH_USERS.toLocaleString("en-US")} users, each request from its own client IP.`,
  concurrency: LOGIN_CONCURRENCY,
  durationMs: LOGIN_DURATION_MS,
  maxRequests: LOGIN_MAX_REQUESTS,
  async prepare(ctx) {
    const pepper = ctx.secrets.PASSWORD_PEPPER;
    // One hash for every user: they are throwaway, and hashing 2,000 times would take a minute.
    const passwordHash = await hashPassword(BENCH_PASSWORD, pepper);
    const hashMs = await workerdHashMs();

    const emails = Array.from({ length: BENCH_USERS }, (_, n) => `bench-${ctx.runTag}-${n}@bench.mnbara.dev`);
    const database = openNodeDatabase(ctx.database);
    try {
      for (let start = 0; start < emails.length; start += INSERT_BATCH_SIZE) {
        const batch = emails.slice(start, start + INSERT_BATCH_SIZE).map((email, offset) => ({ id: newId("user"), email, displayName: `Bench user ${start + offset}`, passwordHash }));
        await database.orm.insert(users).values(batch);
      }
    } finally {
      await database.end();
    }

    // A random start per run: Redis keeps limiter counts for 15 minutes, and a rerun must not inherit them.
    const firstIp = Math.floor(Math.random() * PRIVATE_BLOCK_SIZE);
    return {
      async request(index) {
        const response = await ctx.http.send({
          method: "POST",
          path: "/v1/auth/login",
          headers: { "CF-Connecting-IP": fakeClientIp(firstIp + index) },
          json: { email: emails[index % BENCH_USERS], password: BENCH_PASSWORD },
        });
        return response.status === 200 ? { ok: true, status: response.status } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
      },
      interpret(result) {
        const throughputPerSecond = result.summary.throughputPerSecond;
        const throughput = throughputPerSecond.toFixed(1);
        const hash = `One password hash (HMAC pepper, then PBKDF2-SHA256 at 100,000 iterations) takes ${hashMs.toFixed(1)} ms in workerd on this CPU.`;
        if (!result.cpu) return `${throughput} logins/s. ${hash}`;
        const busy = Math.round(result.cpu.machineBusyPercent);
        const workerCores = coresOf(result.cpu, WORKER_LABEL);
        const workerMs = cpuMsPerRequest(workerCores, throughputPerSecond);
        const thread = result.cpu.workerThread;
        const threadDemandPercent = thread ? thread.runningPercent + thread.waitingPercent : 0;
        let bound: string;
        if (ctx.mode.database === "pglite") {
          bound = `${throughput} logins/s, one every ${(1000 / throughputPerSecond).toFixed(1)} ms, with the machine ${busy}% busy: bound by PGlite's single connection. A login takes its connection at the user lookup and keeps it through the hash and the session transaction until the response, so logins queue for it.`;
        } else if (thread && threadDemandPercent >= THREAD_SATURATED_PERCENT) {
          bound = `${throughput} logins/s with the machine ${busy}% busy: bound by the Worker's one JavaScript thread, which was running ${Math.round(thread.runningPercent)}% of the time and waiting for a core ${Math.round(thread.waitingPercent)}% (wrangler dev runs the Worker in one isolate, and WebCrypto's PBKDF2 runs on its thread)${thread.waitingPercent >= WAITING_NOTABLE_PERCENT ? "; it waited while Postgres, wrangler and the proxies held the cores" : ""}.`;
        } else if (thread) {
          bound = `${throughput} logins/s with the machine ${busy}% busy and the Worker's thread running or waiting for a core only ${Math.round(threadDemandPercent)}% of the time: neither is saturated, so waiting on Postgres, Redis and the proxies bounds it at this concurrency.`;
        } else {
          bound = `${throughput} logins/s with the machine ${busy}% busy; the Worker restarted during the window, so its thread could not be followed.`;
        }
        // A restarted Worker's earlier process is gone from /proc, so its CPU per login would be undercounted.
        const workerCpu = thread
          ? [
              `${hash} The Worker spent ${workerMs.toFixed(1)} ms of CPU per login, ${Math.round((100 * hashMs) / workerMs)}% of it hashing; the rest is the rate-limit checks, the Neon driver, drizzle, JWT signing and JSON.`,
              `On Cloudflare logins spread over many isolates and machines, so throughput scales out; the ~${Math.round(workerMs)} ms of CPU per login stays, and counts against the Worker's CPU-time limit.`,
            ]
          : [hash];
        return [bound, ...workerCpu, `CPU per login: ${describeCpuPerRequest(result.cpu, throughputPerSecond)}.`].join(" ");
      },
    };
  },
};
