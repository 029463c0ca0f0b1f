// Renders a ledger verify report as the lines `npm run ledger:verify` prints, and the exit status it ends with.
import type { LedgerVerifyReport } from "../../workers/ledger/service";

export function verifyReportLines(report: LedgerVerifyReport): string[] {
  const totals = Object.entries(report.totalsByCurrency).map(([currency, total]) => `${currency} ${total}`);
  const lines = [
    `${report.accounts} accounts, ${report.entries} entries, ${report.transfers} transfers checked`,
    `balances per currency sum to: ${totals.length > 0 ? totals.join(", ") : "(no accounts)"}`,
  ];
  if (report.mismatchCount === 0) return [...lines, "OK: every balance, hash chain, sequence and transfer sum matches"];
  lines.push(`MISMATCH: ${report.mismatchCount} found${report.mismatchCount > report.mismatches.length ? ` (first ${report.mismatches.length} listed)` : ""}`);
  for (const mismatch of report.mismatches) {
    const where = [mismatch.accountId && `account ${mismatch.accountId}`, mismatch.entryId && `entry ${mismatch.entryId}`, mismatch.transferId && `transfer ${mismatch.transferId}`, mismatch.currency && !mismatch.transferId && `currency ${mismatch.currency}`]
      .filter(Boolean)
      .join(", ");
    lines.push(`  ${mismatch.kind}${where ? ` (${where})` : ""}: ${mismatch.detail}`);
  }
  return lines;
}

/** 0 when the ledger verified clean, 1 on any mismatch. */
export function verifyExitCode(report: LedgerVerifyReport): number {
  return report.mismatchCount === 0 ? 0 : 1;
}
