// Polling stops at the first satisfying answer and never asks more than its bound.
import { describe, expect, it } from "vitest";
import { pollUntil } from "./poll-until";

function answers<T>(values: T[]) {
  let calls = 0;
  return {
    read: async () => values[Math.min(calls++, values.length - 1)]!,
    calls: () => calls,
  };
}

const noSleep = async () => undefined;

describe("pollUntil", () => {
  it("returns the first answer that satisfies, without asking again", async () => {
    const source = answers(["pending_payment", "pending_payment", "paid", "paid"]);
    expect(await pollUntil(source.read, (status) => status === "paid", { attempts: 10, intervalMs: 1000, sleep: noSleep })).toBe("paid");
    expect(source.calls()).toBe(3);
  });

  it("gives up after the bound and returns the last answer", async () => {
    const source = answers(["pending_payment"]);
    expect(await pollUntil(source.read, (status) => status === "paid", { attempts: 4, intervalMs: 1000, sleep: noSleep })).toBe("pending_payment");
    expect(source.calls()).toBe(4);
  });

  it("waits the interval between attempts", async () => {
    const waits: number[] = [];
    const source = answers([1, 2, 3]);
    await pollUntil(source.read, (value) => value === 3, { attempts: 5, intervalMs: 750, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([750, 750]);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const source = answers([1]);
    const sleep = async () => controller.abort(new Error("left the page"));
    await expect(pollUntil(source.read, () => false, { attempts: 5, intervalMs: 10, signal: controller.signal, sleep })).rejects.toThrow("left the page");
    expect(source.calls()).toBe(1);
  });
});
