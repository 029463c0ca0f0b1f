// The listing form's values as typed, and turning them into a create or edit request with every field checked first.
import type {
  AttributeDefinition,
  AttributeValues,
  AuctionTermsInput,
  Category,
  CloseMode,
  Condition,
  CreateListingInput,
  Listing,
  ListingFormat,
  Money,
  Shipping,
  UpdateListingInput,
} from "../../api/types";
import { attributeLabel } from "./attribute-label";
import { countryCodes, parseRegions, worldwideRegion } from "./countries";
import {
  auctionDefaultDurationDays,
  auctionMaxDurationSeconds,
  auctionMinDurationSeconds,
  cityLengthMax,
  descriptionLengthMax,
  quantityMax,
  softCloseSecondsDefault,
  softCloseSecondsMax,
  titleLengthMax,
  titleLengthMin,
} from "./listing-rules";
import { amountText, defaultCurrency, parseAmount } from "./money";

export interface ListingFormValues {
  topCategoryId: string;
  categoryId: string;
  // Text as typed, per attribute name; numbers are converted on submit.
  attributes: Record<string, string>;
  title: string;
  description: string;
  condition: Condition | "";
  format: ListingFormat;
  quantity: string;
  currency: string;
  price: string;
  startPrice: string;
  reservePrice: string;
  buyItNowPrice: string;
  // A datetime-local value in the seller's time zone: "2025-03-01T18:30".
  endsAt: string;
  closeMode: CloseMode;
  softCloseSeconds: string;
  shipsFromCountry: string;
  shipsFromCity: string;
  worldwide: boolean;
  regions: string;
  shippingCost: string;
  crowdshipEligible: boolean;
}

export type FieldErrors = Record<string, string>;

/** Every field key errors can be shown against; attribute fields are "attributes.<name>". */
export const listingFieldKeys = [
  "categoryId",
  "title",
  "description",
  "condition",
  "format",
  "quantity",
  "currency",
  "price",
  "auction.startPrice",
  "auction.reservePrice",
  "auction.buyItNowPrice",
  "auction.endsAt",
  "auction.closeMode",
  "auction.softCloseSeconds",
  "shipping.shipsFrom.country",
  "shipping.shipsFrom.city",
  "shipping.regions",
  "shipping.cost",
  "crowdshipEligible",
] as const;

/** The API reports a wrong currency on the amount ("price.currency"); the form has one currency select for all amounts. */
export function listingErrorAlias(path: string): string | undefined {
  return path.endsWith(".currency") ? "currency" : undefined;
}

export function emptyListingForm(now: Date): ListingFormValues {
  return {
    topCategoryId: "",
    categoryId: "",
    attributes: {},
    title: "",
    description: "",
    condition: "",
    format: "fixed",
    quantity: "1",
    currency: defaultCurrency,
    price: "",
    startPrice: "",
    reservePrice: "",
    buyItNowPrice: "",
    endsAt: toDateTimeLocal(new Date(roundUpToFiveMinutes(now.getTime() + auctionDefaultDurationDays * 86_400_000))),
    closeMode: "hard",
    softCloseSeconds: String(softCloseSecondsDefault),
    shipsFromCountry: "",
    shipsFromCity: "",
    worldwide: false,
    regions: "",
    shippingCost: "",
    crowdshipEligible: false,
  };
}

/** The form filled in from an existing listing, for editing it. */
export function listingFormFromListing(listing: Listing, parentId: string): ListingFormValues {
  const currency = listing.price?.currency ?? listing.auction?.startPrice.currency ?? defaultCurrency;
  const text = (money: Money | null | undefined) => (money === null || money === undefined ? "" : amountText(money.amount, money.currency));
  const auction = listing.auction;
  const regions = listing.shipping?.regions ?? [];
  return {
    topCategoryId: parentId,
    categoryId: listing.categoryId,
    attributes: Object.fromEntries(Object.entries(listing.attributes).map(([name, value]) => [name, String(value)])),
    title: listing.title,
    description: listing.description,
    condition: listing.condition,
    format: listing.format,
    quantity: String(listing.quantity),
    currency,
    price: text(listing.price),
    startPrice: text(auction?.startPrice),
    reservePrice: text(auction?.reservePrice),
    buyItNowPrice: text(auction?.buyItNowPrice),
    endsAt: auction === undefined ? "" : toDateTimeLocal(new Date(auction.endsAt)),
    closeMode: auction?.closeMode ?? "hard",
    softCloseSeconds: String(auction?.softCloseSeconds ?? softCloseSecondsDefault),
    shipsFromCountry: listing.shipping?.shipsFrom.country ?? "",
    shipsFromCity: listing.shipping?.shipsFrom.city ?? "",
    worldwide: regions.includes(worldwideRegion),
    regions: regions.filter((region) => region !== worldwideRegion).join(", "),
    shippingCost: text(listing.shipping?.cost),
    crowdshipEligible: listing.crowdshipEligible,
  };
}

type Built<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The create request, or the message for every field that needs fixing. */
export function buildCreateListing(values: ListingFormValues, category: Category | undefined, now: Date, publish: boolean): Built<CreateListingInput> {
  const errors: FieldErrors = {};
  if (values.topCategoryId === "") errors.categoryId = "Choose a category.";
  else if (category === undefined || (category.children ?? []).length > 0) errors.categoryId = "Choose a subcategory.";
  const attributes = category === undefined ? {} : readAttributes(category.attributes, values.attributes, errors);
  const common = readCommon(values, errors);
  const quantity = values.format === "auction" ? 1 : readQuantity(values.quantity, errors);
  const condition = values.condition;
  if (condition === "") errors.condition = "Choose the item's condition.";
  const shipping = readShipping(values, errors);
  const pricing = readPricing(values, now, errors);
  if (Object.keys(errors).length > 0 || category === undefined || condition === "" || pricing === null) return { ok: false, errors };

  const base = {
    ...common,
    categoryId: category.id,
    condition,
    quantity,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(shipping === undefined ? {} : { shipping }),
    crowdshipEligible: values.crowdshipEligible,
    publish,
  };
  return {
    ok: true,
    value: pricing.format === "fixed" ? { ...base, format: "fixed", price: pricing.price } : { ...base, format: "auction", auction: pricing.auction },
  };
}

/**
 * Only what changed, so an untouched auction with bids is not sent terms it would refuse.
 * `null` as the value means nothing changed.
 */
export function buildListingChanges(values: ListingFormValues, listing: Listing, category: Category | undefined, now: Date): Built<UpdateListingInput | null> {
  const errors: FieldErrors = {};
  const attributes = category === undefined ? {} : readAttributes(category.attributes, values.attributes, errors);
  const common = readCommon(values, errors);
  const quantity = listing.format === "auction" ? 1 : readQuantity(values.quantity, errors);
  const shipping = readShipping(values, errors);
  const termsLocked = (listing.auction?.bidCount ?? 0) > 0;
  const pricing = termsLocked ? null : readPricing({ ...values, format: listing.format }, now, errors, listing.auction?.endsAt);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const changes: UpdateListingInput = {};
  if (common.title !== listing.title) changes.title = common.title;
  if (common.description !== listing.description) changes.description = common.description;
  if (quantity !== listing.quantity) changes.quantity = quantity;
  if (!sameJson(attributes, listing.attributes)) changes.attributes = attributes;
  if (!sameJson(shipping ?? null, listing.shipping)) changes.shipping = shipping ?? null;
  if (values.crowdshipEligible !== listing.crowdshipEligible) changes.crowdshipEligible = values.crowdshipEligible;
  if (pricing?.format === "fixed" && !sameJson(pricing.price, listing.price)) changes.price = pricing.price;
  if (pricing?.format === "auction" && listing.auction !== undefined) {
    const auctionChanges = changedAuctionTerms(pricing.auction, listing);
    if (auctionChanges !== null) changes.auction = auctionChanges;
  }
  return { ok: true, value: Object.keys(changes).length === 0 ? null : changes };
}

function changedAuctionTerms(terms: AuctionTermsInput, listing: Listing): Partial<AuctionTermsInput> | null {
  const current = listing.auction!;
  const changes: Partial<AuctionTermsInput> = {};
  if (!sameJson(terms.startPrice, current.startPrice)) changes.startPrice = terms.startPrice;
  if (terms.reservePrice !== undefined && !sameJson(terms.reservePrice, current.reservePrice ?? null)) changes.reservePrice = terms.reservePrice;
  if (terms.buyItNowPrice !== undefined && !sameJson(terms.buyItNowPrice, current.buyItNowPrice)) changes.buyItNowPrice = terms.buyItNowPrice;
  // datetime-local has minute precision: an unchanged field must not move the end by the seconds it dropped.
  if (Math.abs(Date.parse(terms.endsAt) - Date.parse(current.endsAt)) >= 60_000) changes.endsAt = terms.endsAt;
  if ((terms.closeMode ?? "hard") !== current.closeMode) changes.closeMode = terms.closeMode ?? "hard";
  if (terms.closeMode === "soft" && terms.softCloseSeconds !== (current.softCloseSeconds ?? undefined)) changes.softCloseSeconds = terms.softCloseSeconds;
  return Object.keys(changes).length === 0 ? null : changes;
}

function readCommon(values: ListingFormValues, errors: FieldErrors): { title: string; description: string } {
  const title = values.title.trim();
  if (title.length < titleLengthMin) errors.title = title === "" ? "Enter a title." : `Use at least ${titleLengthMin} characters.`;
  else if (title.length > titleLengthMax) errors.title = `Use at most ${titleLengthMax} characters.`;
  const description = values.description.trim();
  if (description === "") errors.description = "Describe the item.";
  else if (description.length > descriptionLengthMax) errors.description = `Use at most ${descriptionLengthMax.toLocaleString()} characters.`;
  return { title, description };
}

function readQuantity(text: string, errors: FieldErrors): number {
  const trimmed = text.trim();
  const quantity = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || quantity < 1) errors.quantity = "Enter a whole number of at least 1.";
  else if (quantity > quantityMax) errors.quantity = `Enter at most ${quantityMax.toLocaleString()}.`;
  return quantity;
}

function readAttributes(definitions: readonly AttributeDefinition[], texts: Record<string, string>, errors: FieldErrors): AttributeValues {
  const values: AttributeValues = {};
  for (const definition of definitions) {
    const key = `attributes.${definition.name}`;
    const text = (texts[definition.name] ?? "").trim();
    const label = attributeLabel(definition.name).toLowerCase();
    if (text === "") {
      if (definition.required) errors[key] = definition.type === "enum" ? `Choose the ${label}.` : `Enter the ${label}.`;
      continue;
    }
    if (definition.type === "number") {
      const number = Number(text);
      if (!Number.isFinite(number)) errors[key] = "Enter a number, like 16 or 6.1.";
      else values[definition.name] = number;
    } else if (definition.type === "enum" && !(definition.options ?? []).includes(text)) {
      errors[key] = `Choose one of: ${(definition.options ?? []).join(", ")}.`;
    } else {
      values[definition.name] = text;
    }
  }
  return values;
}

type Pricing = { format: "fixed"; price: Money } | { format: "auction"; auction: AuctionTermsInput };

function readMoney(text: string, currency: string, key: string, errors: FieldErrors, { positive, missing = "Enter an amount." }: { positive: boolean; missing?: string }): Money | null {
  if (text.trim() === "") {
    errors[key] = missing;
    return null;
  }
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) {
    errors[key] = parsed.message;
    return null;
  }
  if (positive && parsed.amountMinor === 0) {
    errors[key] = "Enter an amount above zero.";
    return null;
  }
  return { amount: parsed.amountMinor, currency };
}

// `keptEndsAt` is the saved end, accepted as is even if it is now close: the seller did not touch it.
function readPricing(values: ListingFormValues, now: Date, errors: FieldErrors, keptEndsAt?: string): Pricing | null {
  const { currency } = values;
  if (values.format === "fixed") {
    const price = readMoney(values.price, currency, "price", errors, { positive: true, missing: "Enter a price." });
    return price === null ? null : { format: "fixed", price };
  }
  const startPrice = readMoney(values.startPrice, currency, "auction.startPrice", errors, { positive: true, missing: "Enter the starting price." });
  const reservePrice = values.reservePrice.trim() === "" ? undefined : readMoney(values.reservePrice, currency, "auction.reservePrice", errors, { positive: true });
  const buyItNowPrice = values.buyItNowPrice.trim() === "" ? undefined : readMoney(values.buyItNowPrice, currency, "auction.buyItNowPrice", errors, { positive: true });
  if (startPrice !== null && reservePrice && reservePrice.amount < startPrice.amount) errors["auction.reservePrice"] = "Set the reserve at or above the starting price.";
  if (startPrice !== null && buyItNowPrice && buyItNowPrice.amount <= Math.max(startPrice.amount, reservePrice?.amount ?? 0)) {
    errors["auction.buyItNowPrice"] = "Set Buy It Now above the starting price and the reserve.";
  }
  const endsAt = readEndsAt(values.endsAt, now, errors, keptEndsAt);
  let softCloseSeconds: number | undefined;
  if (values.closeMode === "soft") {
    const text = values.softCloseSeconds.trim();
    softCloseSeconds = Number(text);
    if (!/^\d+$/.test(text) || softCloseSeconds < 1 || softCloseSeconds > softCloseSecondsMax) {
      errors["auction.softCloseSeconds"] = `Enter a whole number of seconds from 1 to ${softCloseSecondsMax}.`;
    }
  }
  if (startPrice === null || reservePrice === null || buyItNowPrice === null || endsAt === null) return null;
  return {
    format: "auction",
    auction: {
      startPrice,
      ...(reservePrice === undefined ? {} : { reservePrice }),
      ...(buyItNowPrice === undefined ? {} : { buyItNowPrice }),
      endsAt,
      closeMode: values.closeMode,
      ...(softCloseSeconds === undefined ? {} : { softCloseSeconds }),
    },
  };
}

function readEndsAt(text: string, now: Date, errors: FieldErrors, keptEndsAt: string | undefined): string | null {
  if (text.trim() === "") {
    errors["auction.endsAt"] = "Choose when the auction ends.";
    return null;
  }
  const endsAt = new Date(text);
  if (Number.isNaN(endsAt.getTime())) {
    errors["auction.endsAt"] = "Enter a date and time.";
    return null;
  }
  if (keptEndsAt !== undefined && Math.abs(endsAt.getTime() - Date.parse(keptEndsAt)) < 60_000) return keptEndsAt;
  const secondsAhead = (endsAt.getTime() - now.getTime()) / 1000;
  if (secondsAhead < auctionMinDurationSeconds) errors["auction.endsAt"] = "Choose a time in the future.";
  else if (secondsAhead > auctionMaxDurationSeconds) errors["auction.endsAt"] = "Choose a time at most 30 days from now.";
  return endsAt.toISOString();
}

// Shipping is optional, but once any part is filled in, all of it is needed.
function readShipping(values: ListingFormValues, errors: FieldErrors): Shipping | undefined {
  const country = values.shipsFromCountry.trim().toUpperCase();
  const city = values.shipsFromCity.trim();
  const anyGiven = country !== "" || city !== "" || values.worldwide || values.regions.trim() !== "" || values.shippingCost.trim() !== "";
  if (!anyGiven) return undefined;
  if (country === "") errors["shipping.shipsFrom.country"] = "Choose the country the item ships from.";
  else if (!countryCodes.has(country)) errors["shipping.shipsFrom.country"] = "Choose a country from the list.";
  if (city.length > cityLengthMax) errors["shipping.shipsFrom.city"] = `Use at most ${cityLengthMax} characters.`;
  let regions: string[] = [worldwideRegion];
  if (!values.worldwide) {
    const parsed = parseRegions(values.regions);
    if (parsed.ok) regions = parsed.regions;
    else errors["shipping.regions"] = parsed.message;
  }
  const cost = readMoney(values.shippingCost, values.currency, "shipping.cost", errors, { positive: false, missing: "Enter the shipping cost, or 0 for free shipping." });
  if (cost === null || errors["shipping.shipsFrom.country"] !== undefined) return undefined;
  return { shipsFrom: { country, ...(city === "" ? {} : { city }) }, regions, cost };
}

/** "2025-03-01T18:30" in the local time zone, as datetime-local inputs expect. */
export function toDateTimeLocal(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function roundUpToFiveMinutes(ms: number): number {
  const step = 5 * 60_000;
  return Math.ceil(ms / step) * step;
}

// Compared with keys sorted: the API may return stored objects with their keys in another order.
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, entry]) => [key, canonical(entry)]),
  );
}
