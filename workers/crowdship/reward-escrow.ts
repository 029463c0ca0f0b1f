// A shipment's money through the ledger: the reward (and for "buy this for me" the item's price) held from the requester at
// acceptance, released to the traveller at delivery (the fee on the reward only), refunded on cancel.
import { postTransfer } from "../ledger/service";
import { platformFeeOn } from "../orders/service";
import type { ServiceContext } from "../platform/context";
import type { TxScope } from "../platform/events";
import type { Currency } from "../platform/money";
import type { ShipmentRow } from "./shipment-store";

// One fixed reference per movement and shipment (docs/crowdship.md, Money): running a step twice moves money once.
const holdReference = (shipmentId: string) => `shipment:${shipmentId}:reward_hold`;
const releaseReference = (shipmentId: string) => `shipment:${shipmentId}:reward_release`;
const refundReference = (shipmentId: string) => `shipment:${shipmentId}:reward_refund`;

type Reward = Pick<ShipmentRow, "id" | "requesterId" | "travelerId" | "rewardMinor" | "itemCostMinor" | "currency">;

/** What escrow holds for a shipment: the reward plus the item's price the traveller advances (0 for an order). */
export const heldMinor = (reward: Pick<Reward, "rewardMinor" | "itemCostMinor">) => reward.rewardMinor + reward.itemCostMinor;

const available = (ownerId: string, currency: Currency) => ({ kind: "user_available" as const, ownerId, currency });
const held = (ownerId: string, currency: Currency) => ({ kind: "user_held" as const, ownerId, currency });

/** Requester available → requester held, reward and item price. INSUFFICIENT_FUNDS (422) when the wallet is short, and the caller's transaction rolls back. */
export async function holdReward(scope: TxScope, ctx: ServiceContext, reward: Reward): Promise<void> {
  const currency = reward.currency as Currency;
  await postTransfer(scope, ctx, {
    kind: "escrow_hold",
    reference: holdReference(reward.id),
    postings: [
      { account: available(reward.requesterId, currency), amount: -heldMinor(reward) },
      { account: held(reward.requesterId, currency), amount: heldMinor(reward) },
    ],
    memo: `Shipment ${reward.id}: reward held in escrow`,
    actorId: reward.requesterId,
  });
}

/**
 * Requester held → traveller available: the item's price in full and the reward less the platform fee (the orders' rate
 * and rounding) → platform fees. Returns the fee.
 */
export async function releaseReward(scope: TxScope, ctx: ServiceContext, reward: Reward): Promise<number> {
  const currency = reward.currency as Currency;
  const feeMinor = platformFeeOn(ctx, reward.rewardMinor);
  // A zero share (a 0% or 100% fee) is left out: the ledger refuses zero postings.
  const postings = [
    { account: held(reward.requesterId, currency), amount: -heldMinor(reward) },
    { account: available(reward.travelerId, currency), amount: heldMinor(reward) - feeMinor },
    { account: { kind: "platform_fees" as const, currency }, amount: feeMinor },
  ].filter((posting) => posting.amount !== 0);
  await postTransfer(scope, ctx, { kind: "escrow_release", reference: releaseReference(reward.id), postings, memo: `Shipment ${reward.id}: reward released to the traveller`, actorId: reward.travelerId });
  return feeMinor;
}

/** Requester held → requester available, all of it (a shipment cancelled before pickup). */
export async function refundReward(scope: TxScope, ctx: ServiceContext, reward: Reward, actorId: string): Promise<void> {
  const currency = reward.currency as Currency;
  await postTransfer(scope, ctx, {
    kind: "refund",
    reference: refundReference(reward.id),
    postings: [
      { account: held(reward.requesterId, currency), amount: -heldMinor(reward) },
      { account: available(reward.requesterId, currency), amount: heldMinor(reward) },
    ],
    memo: `Shipment ${reward.id}: reward refunded`,
    actorId,
  });
}
