// Which order actions each side sees in each status, who the viewer is, and what the seller is paid.
import { describe, expect, it } from "vitest";
import type { Delivery, OrderStatus } from "../../api/types";
import { isFinal, orderActions, orderStatusLabel, parseOrderStatus, sellerPayout, shortOrderNumber, viewerRole } from "./order-rules";

const shipping: Delivery = { method: "shipping", address: { name: "Ada", line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE" } };
const crowdship: Delivery = { ...shipping, method: "crowdship" };
const shipped = (status: OrderStatus) => ({ status, delivery: shipping });

describe("orderActions", () => {
  it.each<[OrderStatus, string[], string[]]>([
    ["pending_payment", ["pay", "cancel"], ["cancel"]],
    ["paid", ["open_dispute"], ["ship", "cancel"]],
    ["shipped", ["confirm_delivery", "open_dispute"], ["mark_delivered"]],
    ["in_transit", ["confirm_delivery", "open_dispute"], ["mark_delivered"]],
    ["delivered", ["confirm_delivery", "open_dispute"], []],
    ["completed", [], []],
    ["cancelled", [], []],
    ["expired", [], []],
    ["refunded", [], []],
    ["disputed", [], []],
  ])("in %s the buyer sees %j and the seller %j", (status, buyer, seller) => {
    expect(orderActions(shipped(status), "buyer")).toEqual(buyer);
    expect(orderActions(shipped(status), "seller")).toEqual(seller);
  });

  it("never offers the seller shipping or delivery steps for a crowdshipped order: the traveller's PIN settles those", () => {
    expect(orderActions({ status: "paid", delivery: crowdship }, "seller")).toEqual(["cancel"]);
    expect(orderActions({ status: "in_transit", delivery: crowdship }, "seller")).toEqual([]);
    expect(orderActions({ status: "in_transit", delivery: crowdship }, "buyer")).toEqual(["confirm_delivery", "open_dispute"]);
  });
});

describe("viewerRole", () => {
  const order = { buyerId: "usr_buyer", sellerId: "usr_seller" };

  it("tells the buyer from the seller and from anyone else", () => {
    expect(viewerRole(order, "usr_buyer")).toBe("buyer");
    expect(viewerRole(order, "usr_seller")).toBe("seller");
    expect(viewerRole(order, "usr_admin")).toBeNull();
    expect(viewerRole(order, null)).toBeNull();
  });
});

describe("sellerPayout", () => {
  it("is the total less the fee, in minor units", () => {
    expect(sellerPayout({ total: { amount: 1750, currency: "USD" }, fee: { amount: 88, currency: "USD" } })).toEqual({ amount: 1662, currency: "USD" });
  });

  it("is unknown while the order carries no fee, or a fee in another currency", () => {
    expect(sellerPayout({ total: { amount: 1750, currency: "USD" } })).toBeNull();
    expect(sellerPayout({ total: { amount: 1750, currency: "USD" }, fee: { amount: 88, currency: "EUR" } })).toBeNull();
  });
});

describe("status words", () => {
  it("labels known statuses and still shows an unknown one readably", () => {
    expect(orderStatusLabel("pending_payment")).toBe("Awaiting payment");
    expect(orderStatusLabel("disputed")).toBe("In dispute");
    expect(orderStatusLabel("partially_refunded")).toBe("partially refunded");
  });

  it("reads a status filter from the URL only when it is a real status", () => {
    expect(parseOrderStatus("shipped")).toBe("shipped");
    expect(parseOrderStatus("bogus")).toBeNull();
    expect(parseOrderStatus(null)).toBeNull();
  });

  it("knows which statuses are final", () => {
    expect(["completed", "cancelled", "expired", "refunded"].every((status) => isFinal(status as OrderStatus))).toBe(true);
    expect(["pending_payment", "paid", "shipped", "in_transit", "delivered", "disputed"].some((status) => isFinal(status as OrderStatus))).toBe(false);
  });

  it("shortens an order id to its distinctive end", () => {
    expect(shortOrderNumber("ord_aaaaaaaabcdefgh1")).toBe("BCDEFGH1");
  });
});
