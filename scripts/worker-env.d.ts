// The Worker env's shape for the scripts program: a benchmark drives the real ledger code from Node, and that code
// names env bindings. Only the one binding it touches is typed; the Worker itself is checked against wrangler's types.
declare namespace Cloudflare {
  interface Env {
    EVENTS_QUEUE: { sendBatch(messages: readonly { body: unknown; contentType?: string }[]): Promise<unknown> };
  }
}
