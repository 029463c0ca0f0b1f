// Tests for `npm run seed` options: defaults, both option spellings, and clear refusals of anything else.
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, DEFAULT_SELLERS, parseSeedOptions, SeedUsageError } from "./seed-options";

describe("parseSeedOptions", () => {
  it("asks for no listings when run without options", () => {
    expect(parseSeedOptions([])).toEqual({ categoriesOnly: false, listings: null });
  });

  it("defaults the seed and the number of sellers", () => {
    expect(parseSeedOptions(["--listings", "1000"]).listings).toEqual({ count: 1000, seed: DEFAULT_SEED, sellers: DEFAULT_SELLERS });
  });

  it("accepts every option, with a space or an equals sign", () => {
    expect(parseSeedOptions(["--listings=100000", "--seed", "42", "--sellers=5"]).listings).toEqual({ count: 100_000, seed: 42, sellers: 5 });
  });

  it.each([
    [["--listings", "0"], "--listings must be from 1 to 1,000,000, got 0"],
    [["--listings", "1000001"], "--listings must be from 1 to 1,000,000, got 1000001"],
    [["--listings=-5"], "--listings must be a positive whole number, got \"-5\""],
    [["--listings", "1.5"], "--listings must be a positive whole number, got \"1.5\""],
    [["--listings", "10", "--sellers", "lots"], "--sellers must be a positive whole number, got \"lots\""],
    [["--seed", "3"], "--seed and --sellers only apply together with --listings N"],
    [["--listing", "10"], "Unknown option '--listing'"],
  ])("refuses %j with a message saying what is wrong", (args, message) => {
    expect(() => parseSeedOptions(args)).toThrow(SeedUsageError);
    expect(() => parseSeedOptions(args)).toThrow(message);
  });

  it("seeds only the category tree with --categories-only, and refuses it mixed with listing options", () => {
    expect(parseSeedOptions(["--categories-only"])).toEqual({ categoriesOnly: true, listings: null });
    expect(() => parseSeedOptions(["--categories-only", "--listings", "5"])).toThrow(SeedUsageError);
  });
});
