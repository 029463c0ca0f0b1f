// Pure ledger rules: account keys, transfer validation and merging, planning entries, the entry hash, and the chain walk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEDGER_MAX_POSTINGS, LEDGER_REFERENCE_MAX_LENGTH } from "../platform/limits";
import { MAX_MONEY_AMOUNT_MINOR, type Currency } from "../platform/money";
import { accountKey, mayGoNegative, type AccountRef } from "./accounts";
import { finishChain, startChain, stepChain, type StoredAccount } from "./chain-walk";
import { entryHash, entryHashInput, GENESIS_HASH, type HashedEntryFields, type StoredEntry } from "./entry-hash";
import { compareAccountIds, normalizeTransfer, planEntries, samePostings, type LockedAccount, type Posting, type TransferInput } from "./transfer-rules";

const USD = "USD" as const;
const userA: AccountRef = { kind: "user_available", ownerId: "usr_A", currency: USD };
const userB: AccountRef = { kind: "user_available", ownerId: "usr_B", currency: USD };
const clearingUsd: AccountRef = { kind: "provider_clearing", ownerId: "sandbox", currency: USD };

function transfer(postings: Posting[], overrides: Partial<TransferInput> = {}): TransferInput {
  return { kind: "adjustment", reference: "ref:1", actorId: null, postings, ...overrides };
}

function problemsOf(input: TransferInput): string[] {
  const result = normalizeTransfer(input);
  return result.ok ? [] : result.problems;
}

const currencyArb = fc.constantFrom<Currency>("USD", "EUR", "JPY");
const accountArb: fc.Arbitrary<AccountRef> = fc.oneof(
  fc.record({ kind: fc.constantFrom("user_available" as const, "user_held" as const), ownerId: fc.constantFrom("usr_1", "usr_2", "usr_3"), currency: currencyArb }),
  fc.record({ kind: fc.constant("provider_clearing" as const), ownerId: fc.constantFrom("sandbox", "stripe"), currency: currencyArb }),
  fc.record({ kind: fc.constantFrom("platform_fees" as const, "fx" as const, "rewards" as const), currency: currencyArb }),
);

/** Balanced transfers: each move takes an amount out of one account and puts it into another of the same currency. */
const balancedPostingsArb = fc
  .array(fc.tuple(accountArb, accountArb, fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: LEDGER_MAX_POSTINGS / 2 })
  .map((moves) =>
    moves.flatMap(([from, to, amount]): Posting[] => [
      { account: from, amount: -amount },
      { account: { ...to, currency: from.currency } as AccountRef, amount },
    ]),
  );

/** The obvious reference: net amount per account key. */
function netByAccount(postings: Posting[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const posting of postings) net.set(accountKey(posting.account), (net.get(accountKey(posting.account)) ?? 0) + posting.amount);
  for (const [key, amount] of net) if (amount === 0) net.delete(key);
  return net;
}

describe("accountKey", () => {
  it("builds the documented keys for owned and platform accounts", () => {
    expect(accountKey(userA)).toBe("user_available:usr_A:USD");
    expect(accountKey({ kind: "user_held", ownerId: "usr_A", currency: "EUR" })).toBe("user_held:usr_A:EUR");
    expect(accountKey({ kind: "platform_fees", currency: "JPY" })).toBe("platform_fees:JPY");
    expect(accountKey(clearingUsd)).toBe("provider_clearing:sandbox:USD");
  });

  it("gives different accounts different keys, and the same account the same key", () => {
    fc.assert(
      fc.property(accountArb, accountArb, (a, b) => {
        const same = a.kind === b.kind && a.currency === b.currency && ("ownerId" in a ? a.ownerId : null) === ("ownerId" in b ? b.ownerId : null);
        expect(accountKey(a) === accountKey(b)).toBe(same);
      }),
    );
  });

  it("lets only clearing, fx and rewards go negative", () => {
    expect(["user_available", "user_held", "platform_fees", "provider_clearing", "fx", "rewards"].filter((kind) => mayGoNegative(kind as never))).toEqual(["provider_clearing", "fx", "rewards"]);
  });
});

describe("normalizeTransfer", () => {
  it("accepts any balanced transfer, merging to one posting per account in lock order, each net amount kept", () => {
    fc.assert(
      fc.property(balancedPostingsArb, (postings) => {
        const result = normalizeTransfer(transfer(postings));
        const expected = netByAccount(postings);
        if (expected.size < 2) {
          expect(result).toEqual({ ok: false, problems: ["a transfer must move money between at least two accounts"] });
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(new Map(result.postings.map((posting) => [posting.accountId, posting.amount]))).toEqual(expected);
        const ids = result.postings.map((posting) => posting.accountId);
        expect(ids).toEqual([...ids].sort(compareAccountIds));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it("refuses any transfer whose postings do not sum to zero in some currency", () => {
    fc.assert(
      fc.property(balancedPostingsArb, fc.integer({ min: 1, max: 1_000 }), fc.nat(), (postings, skew, pick) => {
        const index = pick % postings.length;
        const skewed = postings.map((posting, at) => (at === index ? { ...posting, amount: posting.amount + skew } : posting));
        fc.pre(skewed.every((posting) => posting.amount !== 0));
        const problems = problemsOf(transfer(skewed));
        expect(problems).toContain(`postings in ${skewed[index]!.account.currency} sum to ${skew}, not 0`);
      }),
    );
  });

  it("accepts amounts up to the money limit and refuses one past it, zero, fractions and unsafe integers", () => {
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -MAX_MONEY_AMOUNT_MINOR }, { account: userA, amount: MAX_MONEY_AMOUNT_MINOR }]))).toEqual([]);
    const message = `amount must be a non-zero integer within ±${MAX_MONEY_AMOUNT_MINOR}`;
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -(MAX_MONEY_AMOUNT_MINOR + 1) }, { account: userA, amount: MAX_MONEY_AMOUNT_MINOR + 1 }]))).toEqual([`postings[0]: ${message}`, `postings[1]: ${message}`]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: 0 }, { account: userA, amount: 0 }]))).toEqual([`postings[0]: ${message}`, `postings[1]: ${message}`]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -1.5 }, { account: userA, amount: 1.5 }]))).toEqual([`postings[0]: ${message}`, `postings[1]: ${message}`]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: Number.NaN }, { account: userA, amount: 2 ** 60 }]))).toEqual([`postings[0]: ${message}`, `postings[1]: ${message}`]);
  });

  it("accepts 2 and LEDGER_MAX_POSTINGS postings, and refuses 1 and one more than the maximum", () => {
    const pairs = (count: number): Posting[] => Array.from({ length: count }, (_, index) => ({ account: index % 2 === 0 ? clearingUsd : userA, amount: index % 2 === 0 ? -1 : 1 }));
    const many = (count: number): Posting[] => [...pairs(count - 2), { account: clearingUsd, amount: -1 }, { account: userB, amount: 1 }];
    expect(problemsOf(transfer(pairs(2)))).toEqual([]);
    expect(problemsOf(transfer(many(LEDGER_MAX_POSTINGS)))).toEqual([]);
    expect(problemsOf(transfer(pairs(1)))).toContain(`a transfer has 2–${LEDGER_MAX_POSTINGS} postings`);
    expect(problemsOf(transfer(many(LEDGER_MAX_POSTINGS + 2)))).toContain(`a transfer has 2–${LEDGER_MAX_POSTINGS} postings`);
  });

  it("refuses a transfer that only moves money within one account", () => {
    expect(problemsOf(transfer([{ account: userA, amount: -5 }, { account: userA, amount: 5 }]))).toEqual(["a transfer must move money between at least two accounts"]);
  });

  it("checks the reference length, memo length, kinds, currencies and owners", () => {
    const ok: Posting[] = [{ account: clearingUsd, amount: -1 }, { account: userA, amount: 1 }];
    expect(problemsOf(transfer(ok, { reference: "r".repeat(LEDGER_REFERENCE_MAX_LENGTH) }))).toEqual([]);
    expect(problemsOf(transfer(ok, { reference: "r".repeat(LEDGER_REFERENCE_MAX_LENGTH + 1) }))).toEqual([`reference must be 1–${LEDGER_REFERENCE_MAX_LENGTH} characters`]);
    expect(problemsOf(transfer(ok, { reference: "" }))).toEqual([`reference must be 1–${LEDGER_REFERENCE_MAX_LENGTH} characters`]);
    expect(problemsOf(transfer(ok, { memo: "m".repeat(501) }))).toEqual(["memo must be at most 500 characters"]);
    expect(problemsOf(transfer(ok, { kind: "gift" as never }))).toEqual(["unknown transfer kind gift"]);
    expect(problemsOf(transfer([{ account: { ...clearingUsd, currency: "XXX" as never }, amount: -1 }, { account: userA, amount: 1 }]))).toEqual(["postings[0]: unsupported currency XXX"]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -1 }, { account: { kind: "user_available", ownerId: "usr:A", currency: USD }, amount: 1 }]))).toEqual(["postings[1]: user_available needs a valid ownerId"]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -1 }, { account: { kind: "platform_fees", ownerId: "x", currency: USD } as never, amount: 1 }]))).toEqual(["postings[1]: platform_fees has no owner"]);
    expect(problemsOf(transfer([{ account: clearingUsd, amount: -1 }, { account: { kind: "savings", currency: USD } as never, amount: 1 }]))).toEqual(["postings[1]: unknown account kind savings"]);
  });
});

describe("planEntries", () => {
  const locked = (id: string, kind: LockedAccount["kind"], balanceMinor: number, entryCount = 3): LockedAccount => ({ id, kind, balanceMinor, entryCount, lastEntryHash: `head-of-${id}` });

  it("continues each account's chain and balance", () => {
    const result = normalizeTransfer(transfer([{ account: userA, amount: -40 }, { account: userB, amount: 40 }]));
    if (!result.ok) throw new Error("expected a valid transfer");
    const accounts = new Map([
      [accountKey(userA), locked(accountKey(userA), "user_available", 100)],
      [accountKey(userB), locked(accountKey(userB), "user_available", 0, 0)],
    ]);
    expect(planEntries(result.postings, accounts)).toEqual({
      ok: true,
      entries: [
        { accountId: "user_available:usr_A:USD", currency: "USD", amountMinor: -40, balanceAfterMinor: 60, accountSeq: 4, prevHash: "head-of-user_available:usr_A:USD" },
        { accountId: "user_available:usr_B:USD", currency: "USD", amountMinor: 40, balanceAfterMinor: 40, accountSeq: 1, prevHash: "head-of-user_available:usr_B:USD" },
      ],
    });
  });

  it("allows a user balance to reach exactly zero, and names the posting that would take it one below", () => {
    const exact = normalizeTransfer(transfer([{ account: userA, amount: -100 }, { account: userB, amount: 100 }]));
    const over = normalizeTransfer(transfer([{ account: userA, amount: -101 }, { account: userB, amount: 101 }]));
    if (!exact.ok || !over.ok) throw new Error("expected valid transfers");
    const accounts = new Map([
      [accountKey(userA), locked(accountKey(userA), "user_available", 100)],
      [accountKey(userB), locked(accountKey(userB), "user_available", 0)],
    ]);
    expect(planEntries(exact.postings, accounts).ok).toBe(true);
    expect(planEntries(over.postings, accounts)).toEqual({ ok: false, overdrawn: { accountId: accountKey(userA), account: userA, amount: -101 } });
  });

  it("lets provider clearing go below zero", () => {
    const result = normalizeTransfer(transfer([{ account: clearingUsd, amount: -500 }, { account: userA, amount: 500 }]));
    if (!result.ok) throw new Error("expected a valid transfer");
    const accounts = new Map([
      [accountKey(clearingUsd), locked(accountKey(clearingUsd), "provider_clearing", 0)],
      [accountKey(userA), locked(accountKey(userA), "user_available", 0)],
    ]);
    const plan = planEntries(result.postings, accounts);
    expect(plan.ok && plan.entries[0]!.balanceAfterMinor).toBe(-500);
  });
});

describe("samePostings", () => {
  it("matches the stored entries of the same movement in any order, and nothing else", () => {
    const result = normalizeTransfer(transfer([{ account: userA, amount: -5 }, { account: userB, amount: 5 }]));
    if (!result.ok) throw new Error("expected a valid transfer");
    expect(samePostings([{ accountId: accountKey(userB), amount: 5 }, { accountId: accountKey(userA), amount: -5 }], result.postings)).toBe(true);
    expect(samePostings([{ accountId: accountKey(userB), amount: 6 }, { accountId: accountKey(userA), amount: -6 }], result.postings)).toBe(false);
    expect(samePostings([{ accountId: accountKey(userB), amount: 5 }], result.postings)).toBe(false);
  });
});

const sampleEntry: HashedEntryFields = {
  id: "len_01J0000000000000000000000A",
  transferId: "ltr_01J0000000000000000000000A",
  transferKind: "deposit",
  reference: "payment:pay_1",
  accountId: "user_available:usr_A:USD",
  currency: "USD",
  amountMinor: 1250,
  balanceAfterMinor: 1250,
  accountSeq: 1,
  prevHash: GENESIS_HASH,
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
};

describe("entryHash", () => {
  it("hashes a fixed, versioned field order (the verifier depends on it never changing)", () => {
    expect(entryHashInput(sampleEntry)).toBe(
      `["mnbara-ledger-entry-v1","len_01J0000000000000000000000A","ltr_01J0000000000000000000000A","deposit","payment:pay_1","user_available:usr_A:USD","USD",1250,1250,1,"${GENESIS_HASH}","2026-01-02T03:04:05.678Z"]`,
    );
    // Checked independently: `printf '%s' '<the input above>' | sha256sum`.
    expect(entryHash(sampleEntry)).toBe("a8d9652dddc1105a44c453fdf2590b9b33d511650c215cfd6d1320cbdc8e983c");
  });

  it("changes when any one field changes", () => {
    const base = entryHash(sampleEntry);
    const variants: Partial<HashedEntryFields>[] = [
      { id: "len_other" },
      { transferId: "ltr_other" },
      { transferKind: "refund" },
      { reference: "payment:pay_2" },
      { accountId: "user_held:usr_A:USD" },
      { currency: "EUR" },
      { amountMinor: 1251 },
      { balanceAfterMinor: 1251 },
      { accountSeq: 2 },
      { prevHash: "1".repeat(64) },
      { createdAt: new Date("2026-01-02T03:04:05.679Z") },
    ];
    for (const variant of variants) expect(entryHash({ ...sampleEntry, ...variant })).not.toBe(base);
  });
});

describe("chain walk", () => {
  const account: StoredAccount = { id: "user_available:usr_A:USD", kind: "user_available", currency: "USD", balanceMinor: 0, entryCount: 0, lastEntryHash: GENESIS_HASH };

  /** A chain as the service writes it: amounts applied in order, each entry linked and hashed. */
  async function buildChain(amounts: number[]): Promise<{ entries: StoredEntry[]; account: StoredAccount }> {
    const entries: StoredEntry[] = [];
    let balance = 0;
    let head = GENESIS_HASH;
    for (const [index, amountMinor] of amounts.entries()) {
      balance += amountMinor;
      const fields = { ...sampleEntry, id: `len_${index}`, amountMinor, balanceAfterMinor: balance, accountSeq: index + 1, prevHash: head };
      const hash = entryHash(fields);
      entries.push({ ...fields, hash });
      head = hash;
    }
    return { entries, account: { ...account, balanceMinor: balance, entryCount: amounts.length, lastEntryHash: head } };
  }

  async function walk(chain: { entries: StoredEntry[]; account: StoredAccount }) {
    let state = startChain(chain.account);
    const mismatches = [];
    for (const entry of chain.entries) {
      const step = stepChain(state, entry, entryHash({ ...sampleEntry, ...entry }));
      state = step.state;
      mismatches.push(...step.mismatches);
    }
    return [...mismatches, ...finishChain(state)];
  }

  it("finds nothing wrong in any chain built the way the service builds it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 12 }), async (amounts) => {
        expect(await walk(await buildChain(amounts))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it("reports a changed amount, a missing entry, a relinked entry and a stale account row", async () => {
    const chain = await buildChain([100, 50, -30]);
    const changed = { ...chain, entries: chain.entries.map((entry, index) => (index === 1 ? { ...entry, amountMinor: 60 } : entry)) };
    expect((await walk(changed)).map((mismatch) => `${mismatch.kind}:${mismatch.entryId ?? mismatch.accountId}`)).toEqual(["hash:len_1", "balance_after:len_1", "balance_after:len_2", "account_balance:user_available:usr_A:USD"]);
    const missing = { ...chain, entries: [chain.entries[0]!, chain.entries[2]!] };
    expect((await walk(missing)).map((mismatch) => mismatch.kind)).toEqual(["sequence", "prev_hash", "balance_after", "account_balance", "account_entry_count"]);
    const relinked = { ...chain, entries: chain.entries.map((entry, index) => (index === 2 ? { ...entry, prevHash: GENESIS_HASH } : entry)) };
    expect((await walk(relinked)).map((mismatch) => mismatch.kind)).toEqual(["prev_hash", "hash"]);
    const stale = { ...chain, account: { ...chain.account, lastEntryHash: chain.entries[1]!.hash } };
    expect((await walk(stale)).map((mismatch) => mismatch.kind)).toEqual(["account_chain_head"]);
  });

  it("reports a user balance that went negative", async () => {
    const chain = await buildChain([100, -150]);
    expect((await walk(chain)).map((mismatch) => mismatch.kind)).toEqual(["negative_balance"]);
  });
});
