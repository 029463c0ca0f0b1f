// Benchmark: GET /v1/search/suggest?q=<2–6 letters> — autocomplete while a word is typed.
import { percentile } from "../stats";
import { PROBE_PATHS, searchBenchmark } from "./search-common";
import { keywordQueries, shuffled, suggestPrefixes } from "./search-data";


const suggestPath = (prefix: string) => `/v1/search/suggest?${new URLSearchParams({ q: prefix }).toString()}`;

export const searchSuggestBenchmark = searchBenchmark({
  name: "search-suggest",
  description: "`GET /v1/search/suggest?q=…`: the first 2 to 6 letters of words from the keyword searches (\"le\", \"leat\", \"wirele\"), as autocomplete asks while a shopper types. In a full run it follows the search benchmarks, whose searches fill the popular-terms table it reads first; it has no Redis result cache.",
  async build(ctx) {
    const prefixes = shuffled(suggestPrefixes(await keywordQueries(ctx.database)));
    return {
      describe: `${prefixes.length.toLocaleString("en-US")} different prefixes`,
      distinct: prefixes.length,
      path: (index) => suggestPath(prefixes[index % prefixes.length]!),
      // Not cached, so the probe may ask what the load asks.
      probePaths: prefixes.slice(-PROBE_PATHS).map(suggestPath),
    };
  },
  readAnswers: (stats) => {
    const counts = stats.answers.flatMap((answer) => (answer.suggestions === null ? [] : [answer.suggestions])).sort((a, b) => a - b);
    if (counts.length === 0) return [];
    const empty = counts.filter((count) => count === 0).length;
    return [`Suggestions per prefix: median ${percentile(counts, 50)}; ${Math.round((100 * empty) / counts.length)}% got none.`];
  },
  writesAnalytics: false,
});
