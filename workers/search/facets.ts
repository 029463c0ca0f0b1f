// Facet counts and the total, folded from one grouped count of the matches (pure, so any engine that can count cells can use it).
import { CONDITIONS, FORMATS, type Condition, type Format, type SearchFilters } from "./query";

/** How many matches share one combination of the faceted fields. */
export interface FacetCell {
  categoryId: string;
  condition: Condition;
  format: Format;
  crowdshipEligible: boolean;
  count: number;
}

export interface SearchFacets {
  categoryId: Record<string, number>;
  condition: Record<Condition, number>;
  format: Record<Format, number>;
  crowdshipEligible: { true: number; false: number };
}

/**
 * The rule (eBay's): the cells count matches with every filter applied except condition, format and crowdship.
 * Each of those three facets then applies the other two but not its own, so a shopper who picked "used" still
 * sees how many "new" there are — and facets.condition[x] is exactly the total of the same search with condition=x.
 * Category is a drill-down, already applied to the cells: its facet (leaf categories) and the total apply all filters.
 */
export function foldFacets(cells: readonly FacetCell[], filters: SearchFilters): { facets: SearchFacets; total: number } {
  const conditionOk = (cell: FacetCell) => !filters.conditions || filters.conditions.includes(cell.condition);
  const formatOk = (cell: FacetCell) => !filters.formats || filters.formats.includes(cell.format);
  const crowdshipOk = (cell: FacetCell) => filters.crowdship === undefined || filters.crowdship === cell.crowdshipEligible;
  const facets: SearchFacets = {
    categoryId: {},
    condition: Object.fromEntries(CONDITIONS.map((value) => [value, 0])) as Record<Condition, number>,
    format: Object.fromEntries(FORMATS.map((value) => [value, 0])) as Record<Format, number>,
    crowdshipEligible: { true: 0, false: 0 },
  };
  let total = 0;
  for (const cell of cells) {
    if (formatOk(cell) && crowdshipOk(cell)) facets.condition[cell.condition] += cell.count;
    if (conditionOk(cell) && crowdshipOk(cell)) facets.format[cell.format] += cell.count;
    if (conditionOk(cell) && formatOk(cell)) facets.crowdshipEligible[cell.crowdshipEligible ? "true" : "false"] += cell.count;
    if (conditionOk(cell) && formatOk(cell) && crowdshipOk(cell)) {
      facets.categoryId[cell.categoryId] = (facets.categoryId[cell.categoryId] ?? 0) + cell.count;
      total += cell.count;
    }
  }
  return { facets, total };
}
