// Benchmark: POST /v1/auth/login for many throwaway users from many client IPs, so it measures login and not the limiter.
import { users } from "../../../db/schema";
import { hashPassword, verifyPassword } from "../../../workers/auth/password";
import { newId } from "../../../workers/platform/ids";
import { openNodeDatabase } from "../../db/node-database";
import type { Benchmark } from "../benchmark";

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
/** PBKDF2 runs timed in Node to say what one login's hash costs on this CPU; the median is reported. */
const PBKDF2_SAMPLES = 5;
/** 10.0.0.0/8 has 2^24 addresses. */
const PRIVATE_BLOCK_SIZE = 2 ** 24;
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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
    const samplesMs: number[] = [];
    for (let sample = 0; sample < PBKDF2_SAMPLES; sample++) {
      const startedMs = performance.now();
      await verifyPassword(BENCH_PASSWORD, passwordHash, pepper);
      samplesMs.push(performance.now() - startedMs);
    }
    const pbkdf2Ms = median(samplesMs);

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
        const status = await ctx.http.send({
          method: "POST",
          path: "/v1/auth/login",
          headers: { "CF-Connecting-IP": fakeClientIp(firstIp + index) },
          json: { email: emails[index % BENCH_USERS], password: BENCH_PASSWORD },
        });
        return { ok: status === 200, status };
      },
      interpret(result) {
        return `TODO pbkdf2 ${pbkdf2Ms.toFixed(1)} ms`;
      },
    };
  },
};
