// The order state machine, pure: which actor may take which action from which status, where it leads, and what it does to escrow.

export const ORDER_STATUSES = ["pending_payment", "paid", "shipped", "in_transit", "delivered", "completed", "cancelled", "expired", "refunded", "disputed"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who acts: a party to the order, an admin, or the platform itself (crons, event handlers, the crowdship PIN). */
export type OrderActor = "buyer" | "seller" | "admin" | "system";

export const ORDER_ACTIONS = [
  "pay",
  "ship",
  "mark_in_transit",
  "mark_delivered",
  "confirm_delivery",
  "auto_release",
  "cancel",
  "expire",
  "open_dispute",
  "resolve_refund",
  "resolve_partial_refund",
  "resolve_release",
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * What a transition does to the order's escrow:
 * hold = buyer available → buyer held (the total); release = held → seller less the fee, fee → platform;
 * refund = held → buyer available (the total); split = a refund of part, the rest released; none = no money moves.
 */
export type EscrowEffect = "none" | "hold" | "release" | "refund" | "split";

interface Rule {
  from: readonly OrderStatus[];
  to: OrderStatus;
  escrow: EscrowEffect;
}

/** Money is in escrow (the buyer's held balance carries the order total) exactly in these statuses. */
export const ESCROWED_STATUSES: readonly OrderStatus[] = ["paid", "shipped", "in_transit", "delivered", "disputed"];
/** Nothing can happen to an order in these statuses any more. */
export const FINAL_STATUSES: readonly OrderStatus[] = ["completed", "cancelled", "expired", "refunded"];

const SHIPPED_OR_MOVING: readonly OrderStatus[] = ["shipped", "in_transit"];

// Per action, per actor, the statuses it may start from. An actor missing from an action is refused (403) whatever the status;
// an actor listed but in another status is a conflict (409): the action makes sense for them, just not now.
const RULES: Record<OrderAction, Partial<Record<OrderActor, readonly Rule[]>>> = {
  pay: { buyer: [{ from: ["pending_payment"], to: "paid", escrow: "hold" }], system: [{ from: ["pending_payment"], to: "paid", escrow: "hold" }] },
  ship: { seller: [{ from: ["paid"], to: "shipped", escrow: "none" }] },
  // A crowdship courier picking the item up (the shipments domain calls this); a carrier's scans could too.
  mark_in_transit: { system: [{ from: ["paid", "shipped"], to: "in_transit", escrow: "none" }] },
  mark_delivered: {
    seller: [{ from: SHIPPED_OR_MOVING, to: "delivered", escrow: "none" }],
    admin: [{ from: SHIPPED_OR_MOVING, to: "delivered", escrow: "none" }],
    // The crowdship PIN proves the hand-over itself, so it may skip the shipping steps.
    system: [{ from: ["paid", ...SHIPPED_OR_MOVING], to: "delivered", escrow: "none" }],
  },
  // The buyer holding the item may confirm before the seller has marked it delivered.
  confirm_delivery: {
    buyer: [{ from: [...SHIPPED_OR_MOVING, "delivered"], to: "completed", escrow: "release" }],
    // The crowdship PIN is the buyer's own confirmation, given to the courier on receiving the item.
    system: [{ from: ["paid", ...SHIPPED_OR_MOVING, "delivered"], to: "completed", escrow: "release" }],
  },
  auto_release: { system: [{ from: ["delivered"], to: "completed", escrow: "release" }] },
  cancel: {
    buyer: [{ from: ["pending_payment"], to: "cancelled", escrow: "none" }],
    seller: [
      { from: ["pending_payment"], to: "cancelled", escrow: "none" },
      { from: ["paid"], to: "cancelled", escrow: "refund" },
    ],
    admin: [
      { from: ["pending_payment"], to: "cancelled", escrow: "none" },
      { from: ["paid"], to: "cancelled", escrow: "refund" },
    ],
  },
  expire: { system: [{ from: ["pending_payment"], to: "expired", escrow: "none" }] },
  open_dispute: { buyer: [{ from: ["paid", ...SHIPPED_OR_MOVING, "delivered"], to: "disputed", escrow: "none" }] },
  resolve_refund: { admin: [{ from: ["disputed"], to: "refunded", escrow: "refund" }] },
  resolve_partial_refund: { admin: [{ from: ["disputed"], to: "completed", escrow: "split" }] },
  resolve_release: { admin: [{ from: ["disputed"], to: "completed", escrow: "release" }] },
};

export type TransitionResult = { ok: true; to: OrderStatus; escrow: EscrowEffect } | { ok: false; error: "FORBIDDEN" | "ORDER_STATE_CONFLICT"; detail: string };

const ACTION_WORDS: Record<OrderAction, string> = {
  pay: "paid",
  ship: "shipped",
  mark_in_transit: "marked in transit",
  mark_delivered: "marked delivered",
  confirm_delivery: "confirmed as delivered",
  auto_release: "released automatically",
  cancel: "cancelled",
  expire: "expired",
  open_dispute: "disputed",
  resolve_refund: "refunded",
  resolve_partial_refund: "partly refunded",
  resolve_release: "released",
};

/** (status, action, actor) → the next status and its escrow effect, or why not: the actor may never do this (403), or not now (409). */
export function transition(status: OrderStatus, action: OrderAction, actor: OrderActor): TransitionResult {
  const rules = RULES[action][actor];
  if (!rules) return { ok: false, error: "FORBIDDEN", detail: `The ${actor} cannot do this to an order (it would be ${ACTION_WORDS[action]}).` };
  const rule = rules.find((candidate) => candidate.from.includes(status));
  if (!rule) return { ok: false, error: "ORDER_STATE_CONFLICT", detail: `An order that is ${status.replaceAll("_", " ")} cannot be ${ACTION_WORDS[action]}.` };
  return { ok: true, to: rule.to, escrow: rule.escrow };
}

/** The statuses `actor` may take `action` from (empty when never): for error messages and the model test's coverage. */
export function statusesAllowing(action: OrderAction, actor: OrderActor): OrderStatus[] {
  return (RULES[action][actor] ?? []).flatMap((rule) => [...rule.from]);
}

export function isEscrowed(status: OrderStatus): boolean {
  return ESCROWED_STATUSES.includes(status);
}
