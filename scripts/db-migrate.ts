// `npm run db:migrate`: applies migrations to DATABASE_URL (Neon in production; a local Postgres through the proxy when NEON_WS_PROXY is set).
import { migrateDatabase } from "./db/migrate";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. For Neon: DATABASE_URL=postgres://…neon.tech/… npm run db:migrate");
  process.exit(2);
}
await migrateDatabase({ databaseUrl, neonWsProxy: process.env.NEON_WS_PROXY });
console.log("migrations applied");
