// Tests: the unmodified @upstash/redis and @upstash/ratelimit clients work against real Redis through the Upstash REST bridge.
import { createHash, randomBytes } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack } from "./index";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** Every key this run touches starts with this, so parallel runs do not collide and cleanup is exact. */
const PREFIX = `local-stack-test:${Date.now()}:${randomBytes(4).toString("hex")}:`;
const TOKEN = `test-token-${randomBytes(8).toString("hex")}`;
/** A script with the Upstash-only shebang flag that Redis 7 rejects as is. */
const SHEBANG_SCRIPT = "#!lua flags=allow-key-locking\nreturn 'loaded:' .. ARGV[1]";
const ONE_MIB = 1024 * 1024;

let bridge: UpstashBridge;
let redis: Redis;

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL, token: TOKEN, log: () => {} });
  redis = new Redis({ url: bridge.url, token: bridge.token });
});

afterAll(async () => {
  if (redis !== undefined) {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    expect(await redis.keys(`${PREFIX}*`)).toEqual([]);
  }
  await bridge?.stop();
});

/** One raw REST call, to check the wire format the clients hide. */
async function rest(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${bridge.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("@upstash/redis through the bridge", () => {
  it("round-trips a string and a JSON object with set and get", async () => {
    expect(await redis.set(`${PREFIX}greeting`, "hello")).toBe("OK");
    expect(await redis.get(`${PREFIX}greeting`)).toBe("hello");
    expect(await redis.set(`${PREFIX}listing`, { id: 7, tags: ["phone", "used"] })).toBe("OK");
    expect(await redis.get(`${PREFIX}listing`)).toEqual({ id: 7, tags: ["phone", "used"] });
  });

  it("counts up with incr", async () => {
    expect(await redis.incr(`${PREFIX}counter`)).toBe(1);
    expect(await redis.incr(`${PREFIX}counter`)).toBe(2);
  });

  it("returns members with their scores from zrange withScores", async () => {
    expect(await redis.zadd(`${PREFIX}bids`, { score: 1, member: "alice" }, { score: 2.5, member: "bob" })).toBe(2);
    expect(await redis.zrange(`${PREFIX}bids`, 0, -1, { withScores: true })).toEqual(["alice", 1, "bob", 2.5]);
  });

  it("runs a pipeline and returns each command's result in order", async () => {
    const pipeline = redis.pipeline();
    pipeline.set(`${PREFIX}piped`, 1);
    pipeline.incr(`${PREFIX}piped`);
    pipeline.get(`${PREFIX}piped`);
    expect(await pipeline.exec()).toEqual(["OK", 2, 2]);
  });

  it("reports a failing pipeline command's error next to the others' results", async () => {
    const pipeline = redis.pipeline();
    pipeline.set(`${PREFIX}not-a-number`, "x");
    pipeline.incr(`${PREFIX}not-a-number`);
    expect(await pipeline.exec({ keepErrors: true })).toEqual([
      { error: undefined, result: "OK" },
      { error: "ERR value is not an integer or out of range", result: undefined },
    ]);
  });

  it("runs a multi-exec transaction", async () => {
    const transaction = redis.multi();
    transaction.set(`${PREFIX}account`, 100);
    transaction.incrby(`${PREFIX}account`, 50);
    transaction.get(`${PREFIX}account`);
    expect(await transaction.exec()).toEqual(["OK", 150, 150]);
  });

  it("round-trips non-ASCII strings through the base64 response encoding", async () => {
    await redis.set(`${PREFIX}unicode`, "café ✓");
    expect(await redis.get(`${PREFIX}unicode`)).toBe("café ✓");
    // On the wire every string is base64 when asked for; numbers and null stay as they are.
    const encoded = await rest("/pipeline", [["GET", `${PREFIX}unicode`], ["STRLEN", `${PREFIX}unicode`], ["GET", `${PREFIX}missing`]], {
      "Upstash-Encoding": "base64",
    });
    expect(encoded).toEqual({
      status: 200,
      body: [{ result: Buffer.from("café ✓").toString("base64") }, { result: 9 }, { result: null }],
    });
    expect(await rest("/", ["GET", `${PREFIX}unicode`])).toEqual({ status: 200, body: { result: "café ✓" } });
  });

  it("rejects a wrong or missing token with 401", async () => {
    const intruder = new Redis({ url: bridge.url, token: "wrong-token", retry: false });
    await expect(intruder.get(`${PREFIX}greeting`)).rejects.toThrow("Unauthorized");
    const missing = await fetch(bridge.url, { method: "POST", body: JSON.stringify(["PING"]) });
    expect({ status: missing.status, body: await missing.json() }).toEqual({ status: 401, body: { error: "Unauthorized" } });
  });

  it("answers a Redis error with 400 and the error text", async () => {
    await redis.set(`${PREFIX}text`, "abc");
    expect(await rest("/", ["INCR", `${PREFIX}text`])).toEqual({
      status: 400,
      body: { error: "ERR value is not an integer or out of range" },
    });
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const huge = JSON.stringify(["SET", `${PREFIX}huge`, "x".repeat(ONE_MIB)]);
    expect(await rest("/", huge)).toEqual({ status: 413, body: { error: `ERR request body larger than ${ONE_MIB} bytes` } });
  });

  it("loads a script with the Upstash-only shebang and runs it by the SHA1 of the original text", async () => {
    const originalSha = createHash("sha1").update(SHEBANG_SCRIPT).digest("hex");
    expect(await redis.eval(SHEBANG_SCRIPT, [], ["direct"])).toBe("loaded:direct");
    expect(await redis.scriptLoad(SHEBANG_SCRIPT)).toBe(originalSha);
    expect(await redis.scriptExists(originalSha)).toEqual([1]);
    expect(await redis.evalsha(originalSha, [], ["by-sha"])).toBe("loaded:by-sha");
  });

  it("answers NOSCRIPT for a SHA it has never seen, so clients fall back to EVAL", async () => {
    const unknownSha = createHash("sha1").update(`${PREFIX}never loaded`).digest("hex");
    expect(await rest("/", ["EVALSHA", unknownSha, "0"])).toEqual({
      status: 400,
      body: { error: "NOSCRIPT No matching script. Please use EVAL." },
    });
  });
});

describe("@upstash/ratelimit through the bridge", () => {
  async function fourCalls(limiter: ConstructorParameters<typeof Ratelimit>[0]["limiter"], name: string) {
    // No ephemeral cache: every call must be decided by the Lua script in Redis.
    const ratelimit = new Ratelimit({ redis, limiter, prefix: `${PREFIX}${name}`, ephemeralCache: false });
    const results: boolean[] = [];
    for (let call = 0; call < 4; call++) results.push((await ratelimit.limit("user-1")).success);
    return results;
  }

  it("allows 3 calls in a 10 s sliding window and refuses the 4th", async () => {
    expect(await fourCalls(Ratelimit.slidingWindow(3, "10 s"), "sliding")).toEqual([true, true, true, false]);
  });

  it("allows 3 calls in a 10 s fixed window and refuses the 4th", async () => {
    expect(await fourCalls(Ratelimit.fixedWindow(3, "10 s"), "fixed")).toEqual([true, true, true, false]);
  });
});

describe("startLocalStack with a redisUrl", () => {
  it("starts a bridge with a random token that the Upstash client can use", async () => {
    const stack = await startLocalStack({ databaseUrl: "postgres://app@127.0.0.1:5999/shop", redisUrl: REDIS_URL, log: () => {} });
    try {
      expect(stack.redis?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stack.redis?.token).toMatch(/^[0-9a-f]{48}$/);
      const client = new Redis({ url: stack.redis?.url ?? "", token: stack.redis?.token ?? "" });
      expect(await client.set(`${PREFIX}stack`, "up")).toBe("OK");
      expect(await client.get(`${PREFIX}stack`)).toBe("up");
    } finally {
      await stack.stop();
    }
  });
});
