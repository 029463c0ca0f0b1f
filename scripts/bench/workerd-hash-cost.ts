// Times one login's password hash inside workerd (through Miniflare), where the Worker really hashes: Node's WebCrypto is slower.
import { Miniflare } from "miniflare";
import { PASSWORD_PBKDF2_ITERATIONS } from "../../workers/platform/limits";

/** Hashes timed in one request; the request's own overhead is taken off with an empty run. */
const TIMED_HASHES = 20;
/** Same date as wrangler.toml, so the same workerd behaviour. */
const COMPATIBILITY_DATE = "2026-04-20";

/** The work of verifyPassword (workers/auth/password.ts): an HMAC pepper, then PBKDF2-SHA256 to 256 bits, `n` times. */
const HASHING_WORKER = `
export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n"));
    const encoder = new TextEncoder();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < n; i++) {
      const pepper = await crypto.subtle.importKey("raw", encoder.encode("pepper"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const peppered = await crypto.subtle.sign("HMAC", pepper, encoder.encode("password" + i));
      const material = await crypto.subtle.importKey("raw", peppered, "PBKDF2", false, ["deriveBits"]);
      await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: ${PASSWORD_PBKDF2_ITERATIONS} }, material, 256);
    }
    return new Response("done");
  },
};`;

/** Milliseconds of one password hash in workerd on this machine (workerd's clock is frozen inside a request, so it is timed from Node). */
export async function workerdHashMs(): Promise<number> {
  const miniflare = new Miniflare({ modules: true, script: HASHING_WORKER, compatibilityDate: COMPATIBILITY_DATE });
  try {
    const timeRequest = async (hashes: number) => {
      const startedMs = performance.now();
      await (await miniflare.dispatchFetch(`http://bench.local/?n=${hashes}`)).text();
      return performance.now() - startedMs;
    };
    await timeRequest(1); // the first request compiles the script and warms WebCrypto
    const emptyMs = await timeRequest(0);
    return ((await timeRequest(TIMED_HASHES)) - emptyMs) / TIMED_HASHES;
  } finally {
    await miniflare.dispose();
  }
}
