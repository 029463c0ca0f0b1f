// Tests: the bridge's rewriting of Upstash-only Lua shebang flags, which needs no Redis.
import { describe, expect, it } from "vitest";
import { withoutUpstashFlags } from "./upstash-bridge";

describe("withoutUpstashFlags", () => {
  it("turns a shebang with only Upstash flags into a comment on the same line", () => {
    expect(withoutUpstashFlags("#!lua flags=allow-key-locking\n  local key = KEYS[1]\n")).toBe(
      "-- #!lua flags=allow-key-locking (Upstash-only flag removed)\n  local key = KEYS[1]\n",
    );
  });

  it("keeps the flags Redis knows", () => {
    expect(withoutUpstashFlags("#!lua flags=allow-key-locking,no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
  });

  it("leaves scripts without Upstash flags untouched", () => {
    expect(withoutUpstashFlags("return 1")).toBe("return 1");
    expect(withoutUpstashFlags("#!lua flags=no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(withoutUpstashFlags("#!lua\nreturn 1")).toBe("#!lua\nreturn 1");
  });
});
