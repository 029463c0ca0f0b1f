// Fraud scoring as pure functions: a payment's signals → a 0–100 risk score with its reasons → allow, review or block.
import type { RiskReason } from "../../db/fraud";
import {
  FRAUD_BLOCK_SCORE,
  FRAUD_FAILED_PAYMENTS_BLOCK_FROM,
  FRAUD_FAILED_PAYMENTS_POINTS_FROM,
  FRAUD_HISTORY_MIN_PAYMENTS,
  FRAUD_HISTORY_MULTIPLIER,
  FRAUD_NEW_ACCOUNT_FAR_MULTIPLIER,
  FRAUD_NEW_ACCOUNT_LIMIT_USD_MINOR,
  FRAUD_NEW_ACCOUNT_SECONDS,
  FRAUD_REVIEW_SCORE,
  FRAUD_VELOCITY_MAX_PER_IP,
  FRAUD_VELOCITY_MAX_PER_PAYMENT_METHOD,
  FRAUD_VELOCITY_MAX_PER_USER,
} from "../platform/limits";

export type { RiskReason };
export type FraudDecision = "allow" | "review" | "block";

/** Everything the rules look at; the service gathers it, these functions only weigh it. */
export interface PaymentSignals {
  amountMinor: number;
  /** The amount in approximate US cents, for thresholds that hold across currencies. */
  amountUsdMinor: number;
  accountAgeSeconds: number;
  /** Earlier attempts in the velocity window (this one not counted); null when there is nothing to count by. */
  attemptsByUser: number;
  attemptsByIp: number | null;
  attemptsByPaymentMethod: number | null;
  /** The user's earlier allowed payments in this currency. */
  historyCount: number;
  historyMaxMinor: number;
  /** The counterparty (a seller) was seen on this IP; on this IP with the same browser too. */
  sharedIpWithCounterparty: boolean;
  sharedDeviceWithCounterparty: boolean;
  /** The user's failed payments in the failed-payments window. */
  failedPayments: number;
}

/** Points per rule. A single ordinary signal never reaches review (50) alone; the ones that do are strong on their own. */
export const RULE_POINTS = {
  velocity_user: 25, // fast repeats by one person: bots, or panic after declines
  velocity_ip: 20, // weaker: several people can share one IP
  velocity_payment_method: 25, // one card across many attempts is card testing
  new_account_amount: 30, // young accounts that move large sums are the usual stolen-card pattern
  new_account_far_amount: 60, // far above the new-account limit: review on its own
  amount_far_above_history: 35, // a sudden jump from what this user always pays
  shared_ip_with_counterparty: 25, // buyer and seller on one network: possibly one person (shill buying, laundering)
  shared_device_with_counterparty: 20, // same network and same browser too: even more likely one person
  failed_payments: 40, // a few failures today: someone guessing
  failed_payments_many: 85, // many failures today: trying cards until one works — block on its own
} as const;

export type RuleName = keyof typeof RULE_POINTS;

const reason = (rule: RuleName, detail: string): RiskReason => ({ rule, points: RULE_POINTS[rule], detail });

function velocityReasons(signals: PaymentSignals): RiskReason[] {
  const found: RiskReason[] = [];
  if (signals.attemptsByUser >= FRAUD_VELOCITY_MAX_PER_USER) {
    found.push(reason("velocity_user", `${signals.attemptsByUser} earlier attempts by this user in the window (limit ${FRAUD_VELOCITY_MAX_PER_USER})`));
  }
  if (signals.attemptsByIp !== null && signals.attemptsByIp >= FRAUD_VELOCITY_MAX_PER_IP) {
    found.push(reason("velocity_ip", `${signals.attemptsByIp} earlier attempts from this IP in the window (limit ${FRAUD_VELOCITY_MAX_PER_IP})`));
  }
  if (signals.attemptsByPaymentMethod !== null && signals.attemptsByPaymentMethod >= FRAUD_VELOCITY_MAX_PER_PAYMENT_METHOD) {
    found.push(reason("velocity_payment_method", `${signals.attemptsByPaymentMethod} earlier attempts with this payment method in the window (limit ${FRAUD_VELOCITY_MAX_PER_PAYMENT_METHOD})`));
  }
  return found;
}

function amountReasons(signals: PaymentSignals): RiskReason[] {
  const found: RiskReason[] = [];
  if (signals.accountAgeSeconds < FRAUD_NEW_ACCOUNT_SECONDS) {
    const farLimit = FRAUD_NEW_ACCOUNT_LIMIT_USD_MINOR * FRAUD_NEW_ACCOUNT_FAR_MULTIPLIER;
    if (signals.amountUsdMinor > farLimit) found.push(reason("new_account_far_amount", `about USD ${signals.amountUsdMinor / 100} from an account younger than the new-account period (far limit USD ${farLimit / 100})`));
    else if (signals.amountUsdMinor > FRAUD_NEW_ACCOUNT_LIMIT_USD_MINOR) found.push(reason("new_account_amount", `about USD ${signals.amountUsdMinor / 100} from an account younger than the new-account period (limit USD ${FRAUD_NEW_ACCOUNT_LIMIT_USD_MINOR / 100})`));
  }
  if (signals.historyCount >= FRAUD_HISTORY_MIN_PAYMENTS && signals.amountMinor > signals.historyMaxMinor * FRAUD_HISTORY_MULTIPLIER) {
    found.push(reason("amount_far_above_history", `${signals.amountMinor} is over ${FRAUD_HISTORY_MULTIPLIER}× the largest of ${signals.historyCount} earlier payments (${signals.historyMaxMinor})`));
  }
  return found;
}

function relationshipReasons(signals: PaymentSignals): RiskReason[] {
  const found: RiskReason[] = [];
  if (signals.sharedIpWithCounterparty) found.push(reason("shared_ip_with_counterparty", "the counterparty was seen on the same IP address"));
  if (signals.sharedDeviceWithCounterparty) found.push(reason("shared_device_with_counterparty", "the counterparty was seen on the same IP address with the same browser"));
  if (signals.failedPayments >= FRAUD_FAILED_PAYMENTS_BLOCK_FROM) found.push(reason("failed_payments_many", `${signals.failedPayments} failed payments in the window (blocks from ${FRAUD_FAILED_PAYMENTS_BLOCK_FROM})`));
  else if (signals.failedPayments >= FRAUD_FAILED_PAYMENTS_POINTS_FROM) found.push(reason("failed_payments", `${signals.failedPayments} failed payments in the window (points from ${FRAUD_FAILED_PAYMENTS_POINTS_FROM})`));
  return found;
}

export interface RiskScore {
  score: number;
  reasons: RiskReason[];
}

/** Sums the points of every rule that fires, capped at 100. */
export function scorePayment(signals: PaymentSignals): RiskScore {
  const reasons = [...velocityReasons(signals), ...amountReasons(signals), ...relationshipReasons(signals)];
  return { score: Math.min(100, reasons.reduce((sum, found) => sum + found.points, 0)), reasons };
}

export function decisionFor(score: number): FraudDecision {
  if (score >= FRAUD_BLOCK_SCORE) return "block";
  if (score >= FRAUD_REVIEW_SCORE) return "review";
  return "allow";
}

/**
 * Whether an IP can say who someone is. Private, loopback and link-local addresses name a local network (in
 * development everyone is 127.0.0.1; Cloudflare never sends them in production), so IP rules ignore them.
 */
export function isRoutableIp(ip: string | null): ip is string {
  if (!ip) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return !(a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127));
  }
  const lower = ip.toLowerCase();
  if (lower.startsWith("::ffff:")) return isRoutableIp(lower.slice("::ffff:".length)); // an IPv4 address written as IPv6
  return !(lower === "::1" || lower === "::" || lower.startsWith("fe80:") || lower.startsWith("fc") || lower.startsWith("fd"));
}

/**
 * Stripe's well-known test payment methods (pm_card_visa, pm_card_declined, …) are shared by every test account in
 * the world, and the sandbox provider uses the same names, so counting them per method would only measure our tests.
 */
export function isSharedTestPaymentMethod(paymentMethod: string): boolean {
  return /^pm_card_[A-Za-z0-9_]+$/.test(paymentMethod);
}
