// The ledger's public face (docs/money.md, Ledger contract): other domains import only from here.
export { accountKey, type AccountRef } from "./accounts";
export { entryIdsForReferences, ledgerEntriesToAnchor, ledgerEntryOwner, type EntryToAnchor } from "./anchoring-source";
export type { LedgerMismatch } from "./chain-walk";
export { postTransfer, type PostedEntry, type PostedTransfer } from "./posting-service";
export { accountStatement, walletBalances, type StatementItem, type StatementPage, type WalletBalance } from "./statement-service";
export type { Posting, TransferInput } from "./transfer-rules";
export { verifyLedger, type LedgerVerifyReport } from "./verify-service";
