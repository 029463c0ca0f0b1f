// Benchmark: GET /v1/search?q=<a one-letter typo> — no listing has the word, so the search takes its correction path.
import { PROBE_PAGE_SIZE, PROBE_PATHS, SEARCH_PAGE_SIZE, type SearchAnswer, searchBenchmark } from "./search-common";
import { keepUnknown, keywordQueries, shuffled, typoCandidates } from "./search-data";


const searchPath = (text: string, limit: number) => `/v1/search?${new URLSearchParams({ q: text, limit: String(limit) }).toString()}`;
const share = (count: number, all: number) => `${Math.round((100 * count) / Math.max(1, all))}%`;

function describeCorrections(answers: readonly SearchAnswer[]): string | null {
  const searched = answers.filter((answer) => answer.total !== null);
  if (searched.length === 0) return null;
  const corrected = searched.filter((answer) => answer.corrected).length;
  const bySimilarity = searched.filter((answer) => !answer.corrected && (answer.total ?? 0) > 0).length;
  const nothing = searched.length - corrected - bySimilarity;
  return `Answers: ${share(corrected, searched.length)} corrected (didYouMean), ${share(bySimilarity, searched.length)} found by title similarity without a correction, ${share(nothing, searched.length)} nothing.`;
}

export const searchTypoBenchmark = searchBenchmark({
  name: "search-typo",
  description: `\`GET /v1/search?q=…&limit=${SEARCH_PAGE_SIZE}\` with one slip of the fingers in a real word — a letter dropped ("lether"), doubled, swapped ("iphnoe") or hit beside — alone or within a two-word search ("samsng galaxy"); only misspellings no listing contains, so every search takes the typo path.`,
  async build(ctx) {
    const queries = await keywordQueries(ctx.database);
    const candidates = typoCandidates(queries);
    const unknown = await keepUnknown(ctx.database, [...new Set(candidates.map((typo) => typo.misspelt))]);
    const typos = shuffled(candidates.filter((typo) => unknown.has(typo.misspelt)));
    return {
      describe: `${typos.length.toLocaleString("en-US")} different misspelt searches`,
      distinct: typos.length,
      path: (index) => searchPath(typos[index % typos.length]!.text, SEARCH_PAGE_SIZE),
      probePaths: typos.slice(-PROBE_PATHS).map((typo) => searchPath(typo.text, PROBE_PAGE_SIZE)),
    };
  },
  readAnswers: (stats) => {
    const corrections = describeCorrections(stats.answers);
    return corrections ? [corrections] : [];
  },
  writesAnalytics: true,
});
