// Every table, one file per domain; drizzle-kit reads this to generate migrations.
export * from "./platform";
export * from "./auth";
export * from "./notifications";
export * from "./catalog";
export * from "./search";
export * from "./auctions";
export * from "./ledger";
export * from "./payments";
export * from "./orders";
export * from "./fraud";
export * from "./anchoring";
export * from "./crowdship";
