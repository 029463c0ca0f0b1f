// What `npm run ledger:verify` prints and how it exits, for a clean ledger and a damaged one.
import { describe, expect, it } from "vitest";
import { verifyExitCode, verifyReportLines } from "./verify-report";

describe("ledger:verify output", () => {
  it("says OK and exits 0 for a clean ledger", () => {
    const report = { accounts: 3, entries: 4, transfers: 2, totalsByCurrency: { EUR: 0, USD: 0 }, mismatchCount: 0, mismatches: [] };
    expect(verifyReportLines(report)).toEqual([
      "3 accounts, 4 entries, 2 transfers checked",
      "balances per currency sum to: EUR 0, USD 0",
      "OK: every balance, hash chain, sequence and transfer sum matches",
    ]);
    expect(verifyExitCode(report)).toBe(0);
  });

  it("lists each mismatch with where it is, says how many were left out, and exits 1", () => {
    const report = {
      accounts: 1,
      entries: 1,
      transfers: 1,
      totalsByCurrency: { USD: 1 },
      mismatchCount: 3,
      mismatches: [
        { kind: "account_balance" as const, accountId: "user_available:usr_1:USD", detail: "stored balance 501, entries sum to 500" },
        { kind: "transfer_unbalanced" as const, transferId: "ltr_1", currency: "USD", detail: "entries sum to 1" },
      ],
    };
    expect(verifyReportLines(report)).toEqual([
      "1 accounts, 1 entries, 1 transfers checked",
      "balances per currency sum to: USD 1",
      "MISMATCH: 3 found (first 2 listed)",
      "  account_balance (account user_available:usr_1:USD): stored balance 501, entries sum to 500",
      "  transfer_unbalanced (transfer ltr_1): entries sum to 1",
    ]);
    expect(verifyExitCode(report)).toBe(1);
  });
});
