// Realtime tickets redeem once, for their own path, before they expire.
import { describe, expect, it } from "vitest";
import { createLogger } from "../platform/logger";
import { createScope } from "../platform/context";
import { call, registerUser, testEnv } from "../test-support/api";
import { redeemTicket } from "./ticket-service";

async function redeem(ticket: string, path: string) {
  const scope = createScope(testEnv, createLogger("error"), "test", { ip: null, userAgent: null });
  try {
    return await redeemTicket(scope.ctx, ticket, path);
  } finally {
    await scope.close();
  }
}

describe("redeemTicket", () => {
  it("returns the user once, then refuses the same ticket", async () => {
    const user = await registerUser("redeem");
    const { body } = await call("POST", "/v1/realtime/tickets", { token: user.accessToken, body: { path: "/v1/shipments/shp_1/live" } });
    expect(await redeem(body.ticket, "/v1/shipments/shp_1/live")).toEqual({ userId: user.id });
    await expect(redeem(body.ticket, "/v1/shipments/shp_1/live")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });

  it("refuses a ticket for another path and a forged secret", async () => {
    const user = await registerUser("redeem-path");
    const { body } = await call("POST", "/v1/realtime/tickets", { token: user.accessToken, body: { path: "/v1/auctions/a/live" } });
    await expect(redeem(body.ticket, "/v1/auctions/b/live")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    const [id] = body.ticket.split(".");
    await expect(redeem(`${id}.forged`, "/v1/auctions/a/live")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });
});
