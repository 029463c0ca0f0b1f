// Embedded Postgres (PGlite + pg_trgm) on a loopback TCP port, for machines without a Postgres server.
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { LOOPBACK_HOST, parseHostPort } from "./loopback-server";
import { createTerminateWatcher } from "./postgres-terminate-watcher";
import { startTcpConnectionGate } from "./tcp-connection-gate";

/**
 * PGlite answers any user and database name in the startup message with its one session, which
 * runs as user "postgres" in database "postgres" (the defaults of PGlite 0.5). The URL names
 * them so that what clients see matches what `current_user` / `current_database()` return.
 */
const PGLITE_USER = "postgres";
const PGLITE_DATABASE = "postgres";
/** Stale-lock takeover is tried this often before giving up (another process may race us to it). */
const LOCK_ATTEMPTS = 3;
/** How often, and at most how many times, to look whether pglite-socket has let go of a closed connection. */
const DETACH_POLL_INTERVAL_MS = 2;
const DETACH_POLL_MAX_ATTEMPTS = 5_000;

export interface EmbeddedPostgres {
  host: string;
  /** The port of the connection gate (not of PGlite's own socket server). */
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(
  options: { dataDir?: string /* undefined = in-memory */; log?: (msg: string) => void } = {},
): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((msg: string) => console.log(`[embedded-postgres] ${msg}`));
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  let unlock = async (): Promise<void> => {};
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }

  let db: PGlite | undefined;
  let socketServer: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
    // Later work relies on trigram search; creating it here keeps migrations free of PGlite specifics.
    await db.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm");

    // maxConnections 1: PGlite has one session, and pglite-socket's multiplexing of several
    // connections over it is not safe for transactions; the gate below does the queuing instead.
    socketServer = new PGLiteSocketServer({ db, host: LOOPBACK_HOST, port: 0, maxConnections: 1 });
    socketServer.addEventListener("error", (event) => {
      log(`socket server error: ${String((event as CustomEvent<unknown>).detail)}`);
    });
    await socketServer.start();
    const socketAddress = parseHostPort(socketServer.getServerConn());
    if (socketAddress === null) throw new Error(`unexpected PGlite socket address ${socketServer.getServerConn()}`);

    const server = socketServer;
    const database = db;
    const gate = await startTcpConnectionGate({
      upstreamHost: socketAddress.host,
      upstreamPort: socketAddress.port,
      beforeNextConnection: () => resetSession(database, server, log),
      // PGlite ignores Terminate; real Postgres hangs up, and clients wait for that in end().
      createGoodbyeDetector: createTerminateWatcher,
      log: (msg) => log(`gate: ${msg}`),
    });

    const url = `postgres://${PGLITE_USER}@${gate.host}:${gate.port}/${PGLITE_DATABASE}`;
    log(`PGlite (${dataDir ?? "in memory"}) listening on ${url}`);
    let stopping: Promise<void> | undefined;
    return {
      host: gate.host,
      port: gate.port,
      url,
      stop(): Promise<void> {
        stopping ??= (async () => {
          await gate.stop();
          await server.stop();
          // Closing flushes the data directory, so a later start with the same dataDir sees everything.
          await database.close();
          await unlock();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await socketServer?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await unlock();
    throw error;
  }
}

/**
 * PGlite does not lock its data directory: two instances on one directory would both start and
 * corrupt it. A lock file beside the directory (PGDATA keeps only Postgres' own files) holds our PID; a
 * lock whose process is gone is taken over. Returns the function that releases it.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
      if (Number.isInteger(owner) && owner > 0 && isProcessAlive(owner)) {
        throw new Error(`the embedded Postgres data dir ${dataDir} is in use by process ${owner} (lock file ${lockPath})`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock the embedded Postgres data dir ${dataDir} (lock file ${lockPath})`);
}

function isProcessAlive(pid: number): boolean {
  try {
    // Signal 0 checks for existence without signalling.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Leaves the single PGlite session as a fresh connection would find it. pglite-socket's own detach
 * (clearTransactionIfNeeded) only rolls back an explicit transaction block, and only when the
 * leaving handler ran the last query; it does nothing about an unfinished extended-protocol
 * exchange, prepared statements, SET values, temp tables or advisory locks.
 */
async function resetSession(db: PGlite, server: PGLiteSocketServer, log: (msg: string) => void): Promise<void> {
  // pglite-socket notices the closed socket on a later tick; admitting the next client before it did
  // would get "Too many connections" from the server (maxConnections: 1).
  let attempts = 0;
  for (; attempts < DETACH_POLL_MAX_ATTEMPTS; attempts++) {
    const stats = server.getStats();
    if (stats.activeConnections === 0 && stats.queuedQueries === 0) break;
    await new Promise((done) => setTimeout(done, DETACH_POLL_INTERVAL_MS));
  }
  if (attempts === DETACH_POLL_MAX_ATTEMPTS) {
    log(`pglite-socket still holds the previous connection after ${DETACH_POLL_MAX_ATTEMPTS} checks; resetting anyway`);
  }
  // runExclusive queues behind anything the old connection still had running (same mutex).
  await db.runExclusive(async () => {
    const ignoreOutput = (): void => {};
    // A simple-query ROLLBACK ends an explicit block and also an implicit extended-protocol
    // transaction that never got its Sync (which a Sync would have committed). After an error in
    // extended protocol, Postgres skips everything up to the next Sync, so Sync follows and the
    // second ROLLBACK handles a block left in the aborted state. DISCARD ALL then drops prepared
    // statements, SET values, temp tables, advisory locks and LISTENs.
    for (const message of [
      simpleQuery("ROLLBACK"),
      SYNC_MESSAGE,
      simpleQuery("ROLLBACK"),
      simpleQuery("DISCARD ALL"),
    ]) {
      await db.execProtocolRawStream(message, { onRawData: ignoreOutput });
    }
  });
  if (db.isInTransaction()) log("PGlite session is still in a transaction after the reset");
}

/** Frontend Sync message: 'S' and a length of 4. */
const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

/** Frontend simple Query message: 'Q', int32 length, the SQL as a NUL-terminated string. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(1 + 4 + text.length);
  message.write("Q", 0, "ascii");
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}
