// `npm run ledger:verify`: recomputes every ledger balance, hash chain, sequence and transfer sum; prints the report, exits 1 on any mismatch.
import { openNodeDatabase } from "./db/node-database";
import { verifyExitCode, verifyReportLines } from "./ledger/verify-report";
import { openScriptDatabase } from "./platform/database-target";
import { verifyLedger } from "../workers/ledger/service";

const log = (message: string) => console.log(`[ledger:verify] ${message}`);
const database = await openScriptDatabase(log);
let exitCode = 1;
try {
  const connection = openNodeDatabase(database.target);
  try {
    const startedAt = performance.now();
    const report = await verifyLedger(connection.orm);
    log(`${database.describe}, in ${((performance.now() - startedAt) / 1000).toFixed(1)} s:`);
    for (const line of verifyReportLines(report)) log(line);
    exitCode = verifyExitCode(report);
  } finally {
    await connection.end();
  }
} finally {
  await database.release();
}
process.exit(exitCode);
