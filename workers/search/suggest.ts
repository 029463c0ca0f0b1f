// Autocomplete: popular past queries that start with what was typed, then completions from listing titles.
import type { ServiceContext } from "../platform/context";
import { SUGGEST_MAX_ITEMS } from "../platform/limits";
import type { SearchEngine } from "./engine";
import { popularTerms } from "./popularity";
import { normalizeQueryText } from "./query";

export async function suggest(ctx: ServiceContext, engine: SearchEngine, typed: string): Promise<string[]> {
  const prefix = normalizeQueryText(typed);
  if (prefix === "") return [];
  const popular = await popularTerms(ctx, prefix, SUGGEST_MAX_ITEMS);
  if (popular.length >= SUGGEST_MAX_ITEMS) return popular; // full already: spare the title lookup
  const completions = await engine.suggest(prefix, SUGGEST_MAX_ITEMS);
  return [...new Set([...popular, ...completions])].slice(0, SUGGEST_MAX_ITEMS);
}
