// Command-line options of `npm run seed`: `--listings N [--seed S] [--sellers M]`, validated with messages that say what to fix.
import { parseArgs } from "node:util";

/** A million listings is about 1.5 GB with indexes and takes tens of minutes: beyond that, use a dedicated load tool. */
const MAX_LISTINGS = 1_000_000;
/** Each seller is a user row; ten thousand is already more than any listings count here needs. */
const MAX_SELLERS = 10_000;
/** mulberry32 keeps 32 bits of state, so larger seeds would repeat smaller ones. */
const MAX_SEED = 2 ** 32 - 1;
export const DEFAULT_SELLERS = 50;
export const DEFAULT_SEED = 1;

export const SEED_USAGE = "usage: npm run seed [-- --categories-only | --listings N [--seed S] [--sellers M]]";

export interface ListingSeedOptions {
  count: number;
  seed: number;
  sellers: number;
}

export class SeedUsageError extends Error {}

function positiveInteger(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text)) throw new SeedUsageError(`--${name} must be a positive whole number, got "${text}"`);
  const value = Number(text);
  if (value < 1 || value > max) throw new SeedUsageError(`--${name} must be from 1 to ${max.toLocaleString("en-US")}, got ${text}`);
  return value;
}

export interface SeedOptions {
  /** Reference data only (the category tree): what production needs; no demo users, no listings. */
  categoriesOnly: boolean;
  listings: ListingSeedOptions | null;
}

export function parseSeedOptions(args: string[]): SeedOptions {
  let values: { listings?: string | undefined; seed?: string | undefined; sellers?: string | undefined; "categories-only"?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { listings: { type: "string" }, seed: { type: "string" }, sellers: { type: "string" }, "categories-only": { type: "boolean" } } }));
  } catch (error) {
    throw new SeedUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values["categories-only"]) {
    if (values.listings !== undefined || values.seed !== undefined || values.sellers !== undefined) throw new SeedUsageError("--categories-only seeds nothing else; drop the other options");
    return { categoriesOnly: true, listings: null };
  }
  return { categoriesOnly: false, listings: parseListingOptions(values) };
}

function parseListingOptions(values: { listings?: string | undefined; seed?: string | undefined; sellers?: string | undefined }): ListingSeedOptions | null {
  if (values.listings === undefined) {
    if (values.seed !== undefined || values.sellers !== undefined) throw new SeedUsageError("--seed and --sellers only apply together with --listings N");
    return null;
  }
  return {
    count: positiveInteger("listings", values.listings, MAX_LISTINGS),
    seed: values.seed === undefined ? DEFAULT_SEED : positiveInteger("seed", values.seed, MAX_SEED),
    sellers: values.sellers === undefined ? DEFAULT_SELLERS : positiveInteger("sellers", values.sellers, MAX_SELLERS),
  };
}
