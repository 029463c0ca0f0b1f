// HTTP server speaking the Upstash Redis REST API in front of a real Redis, for @upstash/redis and @upstash/ratelimit in dev and tests.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createClient, ErrorReply, MultiErrorReply } from "redis";
import { closeServer, listenOnLoopback } from "./loopback-server";

/** Request bodies above this get 413: commands from the app are small, and this keeps memory bounded. */
const MAX_BODY_BYTES = 1024 * 1024;
/** More commands than this in one /pipeline or /multi-exec is refused, not queued. */
const MAX_COMMANDS_PER_REQUEST = 10_000;
/** Give up starting when Redis does not answer within this time (the client keeps retrying otherwise). */
const REDIS_CONNECT_TIMEOUT_MS = 10_000;
/** Retries of the very first connection before the start fails (with the backoff below, about 0.6 s). */
const INITIAL_CONNECT_RETRIES = 3;
/** Reconnect backoff after Redis went away: grows per attempt, capped. */
const RECONNECT_STEP_MS = 100;
const RECONNECT_MAX_DELAY_MS = 2_000;
/** Original-script SHA → rewritten-script SHA; oldest entries go first past this size. */
const MAX_SCRIPT_MAPPINGS = 10_000;
/** Upstash-only shebang flags that Redis 7 rejects ("Unexpected flag in script shebang"). */
const UPSTASH_ONLY_SCRIPT_FLAGS = new Set(["allow-key-locking"]);

/**
 * Commands that change the state of the one shared Redis connection or block it; through a shared,
 * pipelined connection they would leak into other requests. MULTI/EXEC go through /multi-exec.
 */
const CONNECTION_STATE_COMMANDS = new Set([
  "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "SELECT", "AUTH", "HELLO", "QUIT", "RESET", "MONITOR",
  "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE",
  "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF",
]);

type RedisClient = ReturnType<typeof createClient>;
type Reply = string | number | null | Reply[];
type CommandOutcome = { result: Reply } | { error: string };
type RewrittenCommand = { args: string[]; toClient: (reply: Reply) => Reply };

export interface UpstashBridge {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function startUpstashBridge(options: {
  redisUrl: string;
  token: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<UpstashBridge> {
  const log = options.log ?? ((msg: string) => console.log(`[upstash-bridge] ${msg}`));
  if (options.token === "") throw new Error("the Upstash bridge needs a non-empty token");
  const expectedAuth = Buffer.from(`Bearer ${options.token}`);

  let everReady = false;
  const client: RedisClient = createClient({
    url: options.redisUrl,
    // RESP2 keeps replies flat (WITHSCORES → [member, score, …]) as Upstash returns them.
    RESP: 2,
    // Fail fast while Redis is away instead of piling commands up in memory.
    disableOfflineQueue: true,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) =>
        // A wrong REDIS_URL should fail the start quickly; a Redis that restarts later is waited for.
        !everReady && retries >= INITIAL_CONNECT_RETRIES
          ? cause
          : Math.min((retries + 1) * RECONNECT_STEP_MS, RECONNECT_MAX_DELAY_MS),
    },
  });
  // Without an "error" listener, a Redis restart would crash the process; log once per outage.
  let healthy = true;
  client.on("error", (error: Error) => {
    if (healthy) log(`Redis error (reconnecting): ${error.message}`);
    healthy = false;
  });
  client.on("ready", () => {
    if (!healthy && everReady) log("Redis connection is back");
    everReady = true;
    healthy = true;
  });
  await connectWithTimeout(client, options.redisUrl);

  const scripts = new ScriptShaMap();
  const sockets = new Set<Socket>();
  let stopped = false;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      sendJson(res, 500, { error: `ERR local Upstash bridge: ${(error as Error).message}` });
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  server.on("error", (error) => log(`server error: ${error.message}`));

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.on("error", () => {});
    res.on("error", () => {});
    if (!isAuthorized(req.headers.authorization, expectedAuth)) {
      drainAndSend(req, res, 401, { error: "Unauthorized" });
      return;
    }
    if (req.method !== "POST") {
      drainAndSend(req, res, 405, { error: "ERR only POST is supported by the local Upstash bridge" });
      return;
    }
    const body = await readBody(req);
    if (body === "too-large") {
      drainAndSend(req, res, 413, { error: `ERR request body larger than ${MAX_BODY_BYTES} bytes` });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      sendJson(res, 400, { error: "ERR request body is not valid JSON" });
      return;
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const encode = (reply: Reply): Reply => (base64 ? encodeBase64(reply) : reply);
    const path = new URL(req.url ?? "/", "http://bridge.invalid").pathname.replace(/\/+$/, "");

    if (path === "") {
      const command = toCommand(parsed);
      if (command === null) {
        sendJson(res, 400, { error: "ERR expected a JSON array of command arguments" });
        return;
      }
      const outcome = await runCommand(client, scripts, command);
      if ("error" in outcome) sendJson(res, 400, outcome);
      else sendJson(res, 200, { result: encode(outcome.result) });
      return;
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      const commands = Array.isArray(parsed) ? parsed.map(toCommand) : null;
      if (commands === null || commands.length === 0 || commands.some((c) => c === null)) {
        sendJson(res, 400, { error: "ERR expected a non-empty JSON array of commands" });
        return;
      }
      if (commands.length > MAX_COMMANDS_PER_REQUEST) {
        sendJson(res, 400, { error: `ERR more than ${MAX_COMMANDS_PER_REQUEST} commands in one request` });
        return;
      }
      const valid = commands as string[][];
      const outcomes =
        path === "/pipeline" ? await runPipeline(client, scripts, valid) : await runTransaction(client, scripts, valid);
      if (!Array.isArray(outcomes)) {
        sendJson(res, 400, outcomes);
        return;
      }
      sendJson(
        res,
        200,
        outcomes.map((outcome) => ("error" in outcome ? outcome : { result: encode(outcome.result) })),
      );
      return;
    }
    sendJson(res, 404, { error: `ERR unknown path ${path}` });
  };

  let port: number;
  try {
    port = await listenOnLoopback(server, options.port ?? 0);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  log(`Upstash REST bridge on http://127.0.0.1:${port} → ${redactUrl(options.redisUrl)}`);

  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      const closing = closeServer(server);
      // Keep-alive connections from fetch() would otherwise hold server.close() open.
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closing;
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}

async function connectWithTimeout(client: RedisClient, redisUrl: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REDIS_CONNECT_TIMEOUT_MS} ms`)),
      REDIS_CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`could not connect to Redis at ${redactUrl(redisUrl)}: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Commands

async function runCommand(client: RedisClient, scripts: ScriptShaMap, command: string[]): Promise<CommandOutcome> {
  const name = (command[0] ?? "").toUpperCase();
  if (CONNECTION_STATE_COMMANDS.has(name)) {
    return { error: `ERR ${name} is not supported by the local Upstash bridge` };
  }
  try {
    const { args, toClient } = scripts.rewrite(command);
    const reply = (await client.sendCommand(args)) as unknown;
    return { result: toClient(toReply(reply)) };
  } catch (error) {
    return { error: errorText(error) };
  }
}

/** Pipelines are not atomic on Upstash either: each command gets its own result or error. */
async function runPipeline(client: RedisClient, scripts: ScriptShaMap, commands: string[][]): Promise<CommandOutcome[]> {
  // node-redis writes concurrent commands back to back on its one connection, so this pipelines.
  return Promise.all(commands.map((command) => runCommand(client, scripts, command)));
}

/**
 * MULTI … EXEC on the shared connection (node-redis keeps the block together). A command Redis
 * refuses while queuing aborts the whole transaction (one error); errors while executing belong
 * to their command.
 */
async function runTransaction(
  client: RedisClient,
  scripts: ScriptShaMap,
  commands: string[][],
): Promise<CommandOutcome[] | { error: string }> {
  const multi = client.multi();
  const rewritten: RewrittenCommand[] = [];
  for (const command of commands) {
    const name = (command[0] ?? "").toUpperCase();
    if (CONNECTION_STATE_COMMANDS.has(name)) {
      return { error: `ERR ${name} is not supported inside a transaction by the local Upstash bridge` };
    }
    const step = scripts.rewrite(command);
    rewritten.push(step);
    multi.addCommand(step.args);
  }
  let replies: unknown[];
  try {
    replies = (await multi.exec()) as unknown[];
  } catch (error) {
    if (!(error instanceof MultiErrorReply)) return { error: errorText(error) };
    replies = error.replies as unknown[];
  }
  return replies.map((reply, index): CommandOutcome => {
    if (reply instanceof Error) return { error: errorText(reply) };
    const step = rewritten[index];
    const result = toReply(reply);
    return { result: step === undefined ? result : step.toClient(result) };
  });
}

// ---------------------------------------------------------------------------------------------
// Lua scripts with Upstash-only shebang flags

/**
 * @upstash/ratelimit's scripts start with `#!lua flags=allow-key-locking`, which Redis 7 refuses.
 * The bridge strips Upstash-only flags, and remembers which SHA1 Redis knows the rewritten script
 * by, so that EVALSHA with the SHA1 the client computed from the original script still works.
 */
class ScriptShaMap {
  readonly #redisShaByOriginal = new Map<string, string>();

  rewrite(command: string[]): RewrittenCommand {
    const keep = (reply: Reply): Reply => reply;
    const name = (command[0] ?? "").toUpperCase();
    const sub = (command[1] ?? "").toUpperCase();

    if ((name === "EVAL" || name === "EVAL_RO") && command[1] !== undefined) {
      const script = this.#learn(command[1]);
      return { args: [command[0] ?? name, script, ...command.slice(2)], toClient: keep };
    }
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && command[1] !== undefined) {
      return { args: [command[0] ?? name, this.#redisSha(command[1]), ...command.slice(2)], toClient: keep };
    }
    if (name === "SCRIPT" && sub === "LOAD" && command[2] !== undefined) {
      const originalSha = sha1(command[2]);
      const script = this.#learn(command[2]);
      // Answer with the SHA1 the client can compute itself, which EVALSHA above maps back.
      return { args: [command[0] ?? name, command[1] ?? sub, script], toClient: () => originalSha };
    }
    if (name === "SCRIPT" && sub === "EXISTS") {
      const shas = command.slice(2).map((sha) => this.#redisSha(sha));
      return { args: [command[0] ?? name, command[1] ?? sub, ...shas], toClient: keep };
    }
    return { args: command, toClient: keep };
  }

  #learn(script: string): string {
    const rewritten = withoutUpstashFlags(script);
    if (rewritten !== script) {
      const original = sha1(script);
      if (!this.#redisShaByOriginal.has(original) && this.#redisShaByOriginal.size >= MAX_SCRIPT_MAPPINGS) {
        const oldest = this.#redisShaByOriginal.keys().next();
        if (oldest.done !== true) this.#redisShaByOriginal.delete(oldest.value);
      }
      this.#redisShaByOriginal.set(original, sha1(rewritten));
    }
    return rewritten;
  }

  /** Unknown SHAs pass through: Redis then answers NOSCRIPT and the client falls back to EVAL. */
  #redisSha(sha: string): string {
    return this.#redisShaByOriginal.get(sha.toLowerCase()) ?? sha;
  }
}

/** Drops Upstash-only flags from a `#!lua` shebang; with no flags left the line becomes a comment. */
export function withoutUpstashFlags(script: string): string {
  const newline = script.indexOf("\n");
  const firstLine = newline === -1 ? script : script.slice(0, newline);
  const rest = newline === -1 ? "" : script.slice(newline);
  const match = /^#!lua\s+flags=(\S*)\s*$/.exec(firstLine.trimEnd());
  if (match === null) return script;
  const flags = (match[1] ?? "").split(",").filter((flag) => flag !== "");
  const kept = flags.filter((flag) => !UPSTASH_ONLY_SCRIPT_FLAGS.has(flag));
  if (kept.length === flags.length) return script;
  // Same line count as the original, so line numbers in Lua errors still match the source.
  const replacement = kept.length > 0 ? `#!lua flags=${kept.join(",")}` : `-- ${firstLine} (Upstash-only flag removed)`;
  return replacement + rest;
}

function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Wire format

/** A command is a non-empty array of strings/numbers/booleans/null; Redis only takes strings. */
function toCommand(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const args: string[] = [];
  for (const arg of value) {
    if (typeof arg === "string") args.push(arg);
    else if (typeof arg === "number" || typeof arg === "boolean" || typeof arg === "bigint") args.push(String(arg));
    // JSON has no undefined: @upstash/ratelimit sends null for "no value"; Redis gets an empty string.
    else if (arg === null) args.push("");
    else args.push(JSON.stringify(arg));
  }
  return typeof value[0] === "string" ? args : null;
}

/** node-redis (RESP2) replies → the JSON values Upstash sends: strings, integers, null, arrays. */
function toReply(value: unknown): Reply {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (Array.isArray(value)) return value.map(toReply);
  if (value instanceof Error) return value.message;
  return String(value);
}

/** With `Upstash-Encoding: base64` every string (nested too) goes out base64-encoded; numbers and null stay. */
function encodeBase64(reply: Reply): Reply {
  if (typeof reply === "string") return Buffer.from(reply, "utf8").toString("base64");
  if (Array.isArray(reply)) return reply.map(encodeBase64);
  return reply;
}

function errorText(error: unknown): string {
  if (error instanceof ErrorReply || error instanceof Error) return error.message;
  return String(error);
}

function isAuthorized(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  // timingSafeEqual needs equal lengths; the length check leaks only the token's length.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the whole body, or answers "too-large" as soon as it passes the limit (the rest is discarded). */
function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      resolve("too-large");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep reading (and dropping) so the 413 can still be delivered on this connection.
        tooLarge = true;
        chunks.length = 0;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Answers without reading a (possibly huge) body, and closes the connection so it is not reused mid-body. */
function drainAndSend(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.setHeader("Connection", "close");
  sendJson(res, status, body);
  req.resume();
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable Redis URL)";
  }
}
