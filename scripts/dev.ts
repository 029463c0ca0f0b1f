// `npm run dev`: the whole platform on this machine. Ctrl-C stops every child process.
import { join } from "node:path";
import { forgetRunningStack, recordRunningStack } from "./platform/database-target";
import { chainVarsFrom } from "./platform/local-chain";
import { DEMO_USERS } from "./platform/seed-users";
import { ROOT, startPlatform } from "./platform/start-platform";

const log = (message: string) => console.log(`[mnbara] ${message}`);
const port = Number(process.env.PORT ?? 8787);

const platform = await startPlatform({
  port,
  dataDir: join(ROOT, ".data"),
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL,
  buildWeb: true,
  chain: "anvil",
  chainVars: chainVarsFrom(process.env),
  log,
  wranglerLogLevel: "info",
});

recordRunningStack({ databaseUrl: platform.stack.databaseUrl, neonWsProxy: platform.stack.neonWsProxy });

log("demo users (dev-only passwords):");
for (const user of DEMO_USERS) log(`  ${user.roles.at(-1)?.padEnd(9)} ${user.email.padEnd(22)} ${user.password}`);
log(`API reference: http://localhost:${port}/v1/docs`);
log(`Mnbara is running at http://localhost:${port}  (Ctrl-C to stop)`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping …`);
  forgetRunningStack();
  await platform.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
