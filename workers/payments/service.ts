// The payments domain's public face (docs/money.md, Payments contract): other domains import only from here.
export { chargeCard, settleCardPayment, type ChargeCardInput, type NextAction, type PaymentView } from "./card-payments";
export { paymentProviderName } from "./provider";
