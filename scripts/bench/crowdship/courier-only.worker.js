// Bench-only Worker (scripts/bench/crowdship): the real CourierSession with no API in front: what the Worker's routes forward, without their auth.
// Plain JavaScript so the scripts' type check (Node types only) leaves it alone; wrangler bundles it with the object's TypeScript.
export { CourierSession } from "../../../durable-objects/courier-session/courier-session";

const ROUTE = /^\/(configure|live)\/([A-Za-z0-9_-]{1,64})$/;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const match = ROUTE.exec(url.pathname);
    if (!match) return new Response("not found", { status: 404 });
    const [, action, shipmentId] = match;
    const stub = env.COURIER_SESSION.get(env.COURIER_SESSION.idFromName(shipmentId));
    if (action === "configure" && request.method === "POST") return Response.json(await stub.configure(await request.json()), { status: 201 });
    if (action !== "live") return new Response("not found", { status: 404 });
    // What GET /v1/shipments/:id/live forwards once it has authorized the caller: the upgrade, and who is asking.
    const headers = new Headers(request.headers);
    headers.set("X-Courier-Role", url.searchParams.get("role") ?? "");
    headers.set("X-Courier-User", url.searchParams.get("user") ?? "");
    return stub.fetch(new Request(request, { headers }));
  },
};
