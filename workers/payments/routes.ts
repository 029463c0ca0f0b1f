// HTTP for the wallet, card payments, payouts, FX and Stripe's webhook: parse, authorize, call the payments (or ledger) service, shape the response.
import { createRoute, z } from "@hono/zod-openapi";
import { accountStatement, walletBalances } from "../ledger/service";
import { currentAuth, requireRole, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { IdempotencyKeyHeaders, signedInIdempotent } from "../platform/idempotency";
import { authErrors, commonErrors, jsonBody, jsonResponse, problem } from "../platform/schemas";
import { confirmPayment } from "./card-payments";
import { createDeposit } from "./deposits-service";
import { convertAtQuote, createQuote, listRates, setRate } from "./fx-service";
import { getPayoutAccount, setPayoutAccount, type PayoutAccountInput } from "./payout-accounts";
import { paymentsConfig } from "./payments-config";
import {
  ConversionBodySchema,
  ConversionSchema,
  CurrencyParams,
  DepositBodySchema,
  DepositSchema,
  PaymentIdParams,
  PaymentSchema,
  PaymentsConfigSchema,
  PayoutAccountBodySchema,
  PayoutAccountSchema,
  QuoteBodySchema,
  QuoteSchema,
  RateBodySchema,
  RateSchema,
  RatesSchema,
  StatementQuerySchema,
  StatementSchema,
  WalletSchema,
  WebhookAckSchema,
  WithdrawalBodySchema,
  WithdrawalSchema,
} from "./schemas";
import { handleStripeWebhook } from "./stripe-webhooks";
import { createWithdrawal } from "./withdrawals-service";

const tags = ["Wallet"];
const moneyErrors = { 402: problem("The card was declined (declineCode in the body)"), ...authErrors };

const walletRoute = createRoute({
  method: "get",
  path: "/v1/wallet",
  tags,
  summary: "The caller's balances: available and held (escrow) per currency",
  ...signedIn,
  responses: { 200: jsonResponse("Balances", WalletSchema), ...commonErrors },
});

const statementRoute = createRoute({
  method: "get",
  path: "/v1/wallet/statement",
  tags,
  summary: "One account's entries, newest first, each with the balance after it",
  ...signedIn,
  request: { query: StatementQuerySchema },
  responses: { 200: jsonResponse("A page of entries", StatementSchema), ...commonErrors },
});

const depositRoute = createRoute({
  method: "post",
  path: "/v1/wallet/deposits",
  tags,
  summary: "Top up the wallet by card (Idempotency-Key required); a 3-D Secure card answers with payment.nextAction",
  ...signedInIdempotent,
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(DepositBodySchema) },
  responses: { 201: jsonResponse("The deposit: credited when status is succeeded", DepositSchema), ...moneyErrors },
});

const confirmRoute = createRoute({
  method: "post",
  path: "/v1/payments/{id}/confirm",
  tags,
  summary: "After the payer finished 3-D Secure: settle the payment if it succeeded (the payer only; Idempotency-Key required)",
  ...signedInIdempotent,
  request: { params: PaymentIdParams, headers: IdempotencyKeyHeaders },
  responses: { 200: jsonResponse("The payment", PaymentSchema), ...moneyErrors },
});

const putPayoutAccountRoute = createRoute({
  method: "put",
  path: "/v1/wallet/payout-account",
  tags,
  summary: "Set where withdrawals go: a bank account (sandbox) or a Stripe Connect account (Stripe)",
  ...signedIn,
  request: { body: jsonBody(PayoutAccountBodySchema) },
  responses: { 200: jsonResponse("The payout account, the IBAN masked", PayoutAccountSchema), ...authErrors },
});

const getPayoutAccountRoute = createRoute({
  method: "get",
  path: "/v1/wallet/payout-account",
  tags,
  summary: "The caller's payout account (404 until set)",
  ...signedIn,
  responses: { 200: jsonResponse("The payout account, the IBAN masked", PayoutAccountSchema), ...authErrors },
});

const withdrawalRoute = createRoute({
  method: "post",
  path: "/v1/wallet/withdrawals",
  tags,
  summary: "Send available money to the payout account (Idempotency-Key required)",
  ...signedInIdempotent,
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(WithdrawalBodySchema) },
  responses: { 201: jsonResponse("The withdrawal", WithdrawalSchema), ...authErrors, 503: problem("The provider could not be reached; the withdrawal stays processing") },
});

const ratesRoute = createRoute({
  method: "get",
  path: "/v1/fx/rates",
  tags,
  summary: "Mid-market rates against USD, the platform's spread and how long a quote holds",
  responses: { 200: jsonResponse("Rates", RatesSchema) },
});

const setRateRoute = createRoute({
  method: "put",
  path: "/v1/fx/rates/{currency}",
  tags,
  summary: "Set a currency's rate against USD (admin; audited)",
  middleware: [signedIn.middleware, requireRole("admin")],
  security: signedIn.security,
  request: { params: CurrencyParams, body: jsonBody(RateBodySchema) },
  responses: { 200: jsonResponse("The rate", RateSchema), ...authErrors },
});

const quoteRoute = createRoute({
  method: "post",
  path: "/v1/wallet/fx-quotes",
  tags,
  summary: "Price a conversion; the quote holds for 60 seconds and moves no money",
  ...signedIn,
  request: { body: jsonBody(QuoteBodySchema) },
  responses: { 201: jsonResponse("The quote", QuoteSchema), ...authErrors },
});

const conversionRoute = createRoute({
  method: "post",
  path: "/v1/wallet/conversions",
  tags,
  summary: "Convert at a quote, once, before it expires (Idempotency-Key required)",
  ...signedInIdempotent,
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(ConversionBodySchema) },
  responses: { 201: jsonResponse("The conversion", ConversionSchema), ...authErrors },
});

const configRoute = createRoute({
  method: "get",
  path: "/v1/payments/config",
  tags,
  summary: "Which provider takes cards here, with what the web checkout needs (Stripe's publishable key, or the sandbox's test methods)",
  responses: { 200: jsonResponse("Checkout configuration", PaymentsConfigSchema) },
});

// The body is read raw (the signature covers its exact bytes), so no JSON body is declared for the validator.
const stripeWebhookRoute = createRoute({
  method: "post",
  path: "/v1/payments/webhooks/stripe",
  tags,
  summary: "Stripe's webhook endpoint: the raw event body, signed in the Stripe-Signature header (no bearer token)",
  request: { headers: z.object({ "stripe-signature": z.string().max(2_000).optional() }) },
  responses: {
    200: jsonResponse("Received (duplicate: true when this event id was handled before)", WebhookAckSchema),
    400: problem("Missing, forged or stale signature"),
    404: problem("Stripe webhooks are not configured"),
  },
});

export const paymentRoutes = createRouter()
  .openapi(walletRoute, async (c) => c.json({ balances: await walletBalances(c.var.services, currentAuth(c).userId) }, 200))
  .openapi(statementRoute, async (c) => {
    const { currency, account, limit, cursor } = c.req.valid("query");
    return c.json(await accountStatement(c.var.services, currentAuth(c).userId, currency, account, { limit, cursor }), 200);
  })
  .openapi(depositRoute, async (c) => c.json(await createDeposit(c.var.services, currentAuth(c), c.req.valid("json"), c.req.valid("header")["idempotency-key"]), 201))
  .openapi(confirmRoute, async (c) => c.json(await confirmPayment(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(putPayoutAccountRoute, async (c) => c.json(await setPayoutAccount(c.var.services, currentAuth(c), c.req.valid("json") as PayoutAccountInput), 200))
  .openapi(getPayoutAccountRoute, async (c) => c.json(await getPayoutAccount(c.var.services, currentAuth(c)), 200))
  .openapi(withdrawalRoute, async (c) => c.json(await createWithdrawal(c.var.services, currentAuth(c), c.req.valid("json").amount, c.req.valid("header")["idempotency-key"]), 201))
  .openapi(ratesRoute, async (c) => c.json(await listRates(c.var.services), 200))
  .openapi(setRateRoute, async (c) => c.json(await setRate(c.var.services, currentAuth(c), c.req.valid("param").currency, c.req.valid("json").unitsPerUsd), 200))
  .openapi(quoteRoute, async (c) => c.json(await createQuote(c.var.services, currentAuth(c), c.req.valid("json")), 201))
  .openapi(conversionRoute, async (c) => c.json(await convertAtQuote(c.var.services, currentAuth(c), c.req.valid("json").quoteId), 201))
  .openapi(configRoute, (c) => c.json(paymentsConfig(c.env), 200))
  .openapi(stripeWebhookRoute, async (c) => c.json(await handleStripeWebhook(c.var.services, await c.req.text(), c.req.valid("header")["stripe-signature"]), 200));
