// Spots the Postgres Terminate message in a client's byte stream, because PGlite ignores it and never hangs up.
//
// Real Postgres closes the connection when a client sends Terminate ('X'), and clients rely on it:
// node-postgres (inside the Neon driver) writes Terminate and then waits for the socket to close.
// PGlite and pglite-socket silently drop 'X', so without this the client's end() never resolves.

/** SSLRequest and GSSENCRequest codes: the real startup message still follows them. */
const SSL_REQUEST_CODE = 80_877_103;
const GSSENC_REQUEST_CODE = 80_877_104;
/** Startup-phase header: int32 length + int32 protocol/request code. */
const STARTUP_HEADER_BYTES = 8;
/** Regular message header: type byte + int32 length (the length counts itself, not the type byte). */
const MESSAGE_HEADER_BYTES = 5;
const LENGTH_FIELD_BYTES = 4;
const TERMINATE_TYPE = "X".charCodeAt(0);

/**
 * Returns a function to feed the client's bytes to, in order; it returns true once the client has
 * sent Terminate. Malformed input switches the watcher off (it never claims a Terminate then).
 */
export function createTerminateWatcher(): (chunk: Buffer) => boolean {
  let inStartupPhase = true;
  let skipBytes = 0;
  let header = Buffer.alloc(0);
  let gaveUp = false;
  let terminated = false;

  return (chunk: Buffer): boolean => {
    if (gaveUp || terminated) return terminated;
    let offset = 0;
    // Bounded: every iteration consumes at least one byte of the chunk or leaves the loop.
    while (offset < chunk.length) {
      if (skipBytes > 0) {
        const skipped = Math.min(skipBytes, chunk.length - offset);
        skipBytes -= skipped;
        offset += skipped;
        continue;
      }
      const headerSize = inStartupPhase ? STARTUP_HEADER_BYTES : MESSAGE_HEADER_BYTES;
      const needed = headerSize - header.length;
      const taken = chunk.subarray(offset, offset + needed);
      header = Buffer.concat([header, taken]);
      offset += taken.length;
      if (header.length < headerSize) break;

      if (inStartupPhase) {
        const length = header.readInt32BE(0);
        const code = header.readInt32BE(LENGTH_FIELD_BYTES);
        if (length < STARTUP_HEADER_BYTES) {
          gaveUp = true;
          return false;
        }
        if (code !== SSL_REQUEST_CODE && code !== GSSENC_REQUEST_CODE) inStartupPhase = false;
        skipBytes = length - STARTUP_HEADER_BYTES;
      } else {
        const type = header[0];
        const length = header.readInt32BE(1);
        if (length < LENGTH_FIELD_BYTES) {
          gaveUp = true;
          return false;
        }
        if (type === TERMINATE_TYPE) {
          terminated = true;
          return true;
        }
        skipBytes = length - LENGTH_FIELD_BYTES;
      }
      header = Buffer.alloc(0);
    }
    return false;
  };
}
