// The filters beside search results: facet counts as links (category, condition, format, crowdship), then price and destination.
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { SearchFacets } from "../../api/types";
import { SelectField } from "../../components/select-field";
import { TextField } from "../../components/text-field";
import { categoryLabel, type CategoryIndex } from "../catalog/categories";
import { countryOptions } from "../catalog/countries";
import { conditionLabels, formatLabels } from "../catalog/listing-rules";
import { currencies, parseAmount } from "../catalog/money";
import type { SearchState } from "./search-state";

export interface FacetEntry {
  key: string;
  label: string;
  count: number | null;
  selected: boolean;
  href: string;
}

interface FacetSidebarProps {
  state: SearchState;
  facets: SearchFacets | null;
  index: CategoryIndex | null;
  // The address of the same search with some state changed.
  hrefFor: (changes: Partial<SearchState>) => string;
  // On a category page the category facet moves between category pages instead of filtering.
  categoryHref: (categoryId: string | null) => string;
  categoryInPath: boolean;
}

export function FacetSidebar({ state, facets, index, hrefFor, categoryHref, categoryInPath }: FacetSidebarProps) {
  const categoryEntries = entriesOf(facets?.categoryId, state.categoryId, (id) => ({
    label: index === null ? id : categoryLabel(index, id),
    href: categoryHref(id === state.categoryId && !categoryInPath ? null : id),
  })).sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.label.localeCompare(b.label));
  // A leaf category page would only list itself.
  const showCategories = categoryEntries.some((entry) => entry.key !== state.categoryId || !categoryInPath);

  const conditionEntries = entriesOf(facets?.condition, state.condition, (value) => ({
    label: conditionLabels[value as keyof typeof conditionLabels] ?? value,
    href: hrefFor({ condition: state.condition === value ? null : (value as SearchState["condition"]) }),
  }));
  const formatEntries = entriesOf(facets?.format, state.format, (value) => ({
    label: formatLabels[value as keyof typeof formatLabels] ?? value,
    href: hrefFor({ format: state.format === value ? null : (value as SearchState["format"]) }),
  }));
  const crowdshipSelected = state.crowdship === null ? null : String(state.crowdship);
  const crowdshipEntries = entriesOf(facets?.crowdshipEligible, crowdshipSelected, (value) => ({
    label: value === "true" ? "Crowdship eligible" : "Not crowdship eligible",
    href: hrefFor({ crowdship: crowdshipSelected === value ? null : value === "true" }),
  })).sort((a, b) => (a.key === "true" ? -1 : b.key === "true" ? 1 : 0));

  return (
    <div className="facets">
      {showCategories && categoryEntries.length > 0 && <FacetGroup title="Category" entries={categoryEntries} />}
      {conditionEntries.length > 0 && <FacetGroup title="Condition" entries={conditionEntries} />}
      {formatEntries.length > 0 && <FacetGroup title="Format" entries={formatEntries} />}
      {crowdshipEntries.length > 0 && <FacetGroup title="Crowdshipping" entries={crowdshipEntries} />}
      <RefineForm key={`${state.currency}|${state.min}|${state.max}|${state.shipsTo ?? ""}`} state={state} hrefFor={hrefFor} />
    </div>
  );
}

/** Entries for every value with a count, plus the selected value even when the API returned no count for it. */
function entriesOf(counts: Record<string, number> | undefined, selected: string | null, describe: (key: string) => { label: string; href: string }): FacetEntry[] {
  const keys = Object.keys(counts ?? {}).filter((key) => (counts?.[key] ?? 0) > 0 || key === selected);
  if (selected !== null && !keys.includes(selected)) keys.push(selected);
  return keys.map((key) => ({ key, count: counts?.[key] ?? null, selected: key === selected, ...describe(key) }));
}

function FacetGroup({ title, entries }: { title: string; entries: FacetEntry[] }) {
  const id = `facet-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section className="facet-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="facet-list">
        {entries.map((entry) => (
          <li key={entry.key}>
            <Link to={entry.href} className="facet-link" aria-current={entry.selected ? "true" : undefined}>
              <span className="facet-label">
                {entry.selected && (
                  <span className="facet-check" aria-hidden="true">
                    ✓{" "}
                  </span>
                )}
                {entry.label}
                {entry.selected && <span className="visually-hidden"> (selected; choose again to remove)</span>}
              </span>
              {entry.count !== null && (
                <span className="facet-count">
                  {entry.count.toLocaleString()}
                  <span className="visually-hidden"> {entry.count === 1 ? "listing" : "listings"}</span>
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

// Price range and destination: typed values, so they apply together with one button rather than on every keystroke.
function RefineForm({ state, hrefFor }: { state: SearchState; hrefFor: (changes: Partial<SearchState>) => string }) {
  const navigate = useNavigate();
  const [currency, setCurrency] = useState(state.currency);
  const [min, setMin] = useState(state.min);
  const [max, setMax] = useState(state.max);
  const [shipsTo, setShipsTo] = useState(state.shipsTo ?? "");
  const [errors, setErrors] = useState<{ min?: string; max?: string }>({});
  const active = state.min !== "" || state.max !== "" || state.shipsTo !== null;

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const next: { min?: string; max?: string } = {};
    const minParsed = min.trim() === "" ? null : parseAmount(min, currency);
    const maxParsed = max.trim() === "" ? null : parseAmount(max, currency);
    if (minParsed !== null && !minParsed.ok) next.min = minParsed.message;
    if (maxParsed !== null && !maxParsed.ok) next.max = maxParsed.message;
    if (minParsed?.ok && maxParsed?.ok && minParsed.amountMinor > maxParsed.amountMinor) next.max = "Enter a maximum at or above the minimum.";
    setErrors(next);
    if (next.min !== undefined || next.max !== undefined) return;
    void navigate(hrefFor({ currency, min: min.trim(), max: max.trim(), shipsTo: shipsTo === "" ? null : shipsTo }));
  }

  return (
    <form className="facet-group refine-form" onSubmit={onSubmit} noValidate aria-labelledby="refine-title">
      <h3 id="refine-title">Price and delivery</h3>
      <SelectField label="Currency" name="currency" value={currency} onChange={(event) => setCurrency(event.target.value)} hint="Prices in other currencies are not converted.">
        {currencies.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <div className="price-range">
        <TextField label="Min price" name="min" inputMode="decimal" autoComplete="off" value={min} onChange={(event) => setMin(event.target.value)} error={errors.min} />
        <TextField label="Max price" name="max" inputMode="decimal" autoComplete="off" value={max} onChange={(event) => setMax(event.target.value)} error={errors.max} />
      </div>
      <SelectField label="Ships to" name="shipsTo" value={shipsTo} onChange={(event) => setShipsTo(event.target.value)}>
        <option value="">Anywhere</option>
        {countryOptions().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" className="button button-secondary button-small">
          Apply
        </button>
        {active && (
          <Link to={hrefFor({ min: "", max: "", shipsTo: null })} className="button button-link button-small">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
