// ISO 3166-1 alpha-2 country codes (what the API accepts for shipping) with names in the reader's language.

const codes =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

export const countryCodes: ReadonlySet<string> = new Set(codes.split(" "));

// The API's code for "ships anywhere".
export const worldwideRegion = "WW";

let regionNames: Intl.DisplayNames | null | undefined;

/** "United Arab Emirates" for "AE"; the code itself where the browser has no name for it. */
export function countryName(code: string): string {
  if (code === worldwideRegion) return "Worldwide";
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(undefined, { type: "region" });
    } catch {
      regionNames = null;
    }
  }
  return regionNames?.of(code) ?? code;
}

let sortedCountries: { code: string; name: string }[] | null = null;

/** Every country, sorted by name, for pickers. */
export function countryOptions(): { code: string; name: string }[] {
  sortedCountries ??= [...countryCodes].map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name));
  return sortedCountries;
}

export type ParsedRegions = { ok: true; regions: string[] } | { ok: false; message: string };

/** "ae, SA ,kw" → ["AE", "SA", "KW"], refusing anything that is not a country code. */
export function parseRegions(text: string): ParsedRegions {
  const regions = [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase()))];
  if (regions.length === 0) return { ok: false, message: "Enter at least one country code, or choose worldwide." };
  const unknown = regions.filter((code) => !countryCodes.has(code));
  if (unknown.length > 0) return { ok: false, message: `Not a two-letter country code: ${unknown.join(", ")}.` };
  return { ok: true, regions };
}
