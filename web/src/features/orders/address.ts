// The delivery address typed on the buy form: read from the form's values and checked before it is sent.
import type { Address } from "../../api/types";
import { countryCodes } from "../catalog/countries";

export const addressFields = ["name", "line1", "line2", "city", "postalCode", "country"] as const;
export type AddressField = (typeof addressFields)[number];

// Mirrors the order API's limits (ADDRESS_*_MAX_LENGTH, POSTAL_CODE_MAX_LENGTH) so a mistake shows beside its field before anything is sent.
const addressLengthMax: Record<AddressField, number> = { name: 100, line1: 200, line2: 200, city: 100, postalCode: 16, country: 2 };
const requiredMessages: Partial<Record<AddressField, string>> = {
  name: "Enter the name to deliver to.",
  line1: "Enter the street address.",
  city: "Enter the town or city.",
  postalCode: "Enter the postal code.",
  country: "Choose the country.",
};

export type ParsedAddress = { ok: true; address: Address } | { ok: false; errors: Partial<Record<AddressField, string>> };

export function parseAddress(values: Record<AddressField, string>): ParsedAddress {
  const trimmed = Object.fromEntries(addressFields.map((field) => [field, values[field].trim()])) as Record<AddressField, string>;
  const errors: Partial<Record<AddressField, string>> = {};
  for (const field of addressFields) {
    const value = trimmed[field];
    const required = requiredMessages[field];
    if (value === "" && required !== undefined) errors[field] = required;
    else if (value.length > addressLengthMax[field]) errors[field] = `Use at most ${addressLengthMax[field]} characters.`;
  }
  if (errors.country === undefined && !countryCodes.has(trimmed.country)) errors.country = "Choose the country.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { line2, ...rest } = trimmed;
  return { ok: true, address: line2 === "" ? rest : { ...rest, line2 } };
}

/** One line per part, for showing an address back: "Ada Buyer", "1 Main St", "Flat 2", "10115 Berlin", "Germany". */
export function addressLines(address: Address, countryName: (code: string) => string): string[] {
  return [address.name, address.line1, address.line2 ?? "", `${address.postalCode} ${address.city}`.trim(), countryName(address.country)].filter((line) => line !== "");
}
