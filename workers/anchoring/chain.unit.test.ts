// The anchoring chain's configuration rules and the retry backoff: pure functions, no chain needed.
import { describe, expect, it } from "vitest";
import { ANCHOR_RETRY_MAX_MS } from "../platform/limits";
import { retryDelayMs } from "./backoff";
import { chainSetting } from "./chain";

const FULL = {
  POLYGON_RPC_URL: "http://127.0.0.1:8545",
  CHAIN_ID: "31337",
  ANCHOR_PRIVATE_KEY: `0x${"ab".repeat(32)}`,
  ANCHOR_CONTRACT: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
};

describe("chain setting", () => {
  it("is on with all four variables, with the contract address checksummed", () => {
    expect(chainSetting(FULL)).toEqual({
      status: "on",
      config: { rpcUrl: FULL.POLYGON_RPC_URL, chainId: 31_337, privateKey: FULL.ANCHOR_PRIVATE_KEY, contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
    });
  });

  it("is off, quietly, with none of them", () => {
    expect(chainSetting({})).toEqual({ status: "off", problems: [] });
    expect(chainSetting({ POLYGON_RPC_URL: "", CHAIN_ID: "" })).toEqual({ status: "off", problems: [] });
  });

  it("is off with the problems named when only some are set or one is malformed", () => {
    expect(chainSetting({ POLYGON_RPC_URL: FULL.POLYGON_RPC_URL, CHAIN_ID: "31337" })).toEqual({ status: "off", problems: ["ANCHOR_PRIVATE_KEY is not set", "ANCHOR_CONTRACT is not set"] });
    expect(chainSetting({ ...FULL, CHAIN_ID: "polygon", ANCHOR_CONTRACT: "0x123" })).toEqual({
      status: "off",
      problems: ["CHAIN_ID must be a positive integer", "ANCHOR_CONTRACT must be an address (0x and 40 hex digits)"],
    });
    expect(chainSetting({ ...FULL, POLYGON_RPC_URL: "ftp://x", ANCHOR_PRIVATE_KEY: "0x12" })).toEqual({
      status: "off",
      problems: ["POLYGON_RPC_URL must be an http(s) URL", "ANCHOR_PRIVATE_KEY must be 0x and 64 hex digits"],
    });
  });
});

describe("retry backoff", () => {
  it("doubles from one minute per failed attempt and stops growing at an hour", () => {
    expect([1, 2, 3, 4, 6, 7, 8, 1_000].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 1_920_000, 3_600_000, 3_600_000, ANCHOR_RETRY_MAX_MS]);
  });
});
