// Every benchmark `npm run bench` knows, in the order they run; add new ones here.
import type { Benchmark } from "../benchmark";
import { AUCTION_BID_BENCHMARKS } from "./auction-bids";
import { AUCTION_FANOUT_BENCHMARKS } from "./auction-fanout";
import { courierSessionsBenchmark } from "./courier-sessions";
import { crowdshipMatchingBenchmark } from "./crowdship-matching";
import { healthBenchmark } from "./health";
import { LEDGER_SERVICE_BENCHMARKS } from "./ledger-service";
import { loginBenchmark } from "./login";
import { MONEY_API_BENCHMARKS } from "./money-api";
import { searchCategoryBrowseBenchmark } from "./search-category-browse";
import { searchKeywordBenchmark } from "./search-keyword";
import { searchKeywordFacetsBenchmark } from "./search-keyword-facets";
import { searchSuggestBenchmark } from "./search-suggest";
import { searchTypoBenchmark } from "./search-typo";

export const BENCHMARKS: readonly Benchmark[] = [healthBenchmark, loginBenchmark, searchKeywordBenchmark, searchKeywordFacetsBenchmark, searchCategoryBrowseBenchmark, searchTypoBenchmark, searchSuggestBenchmark, ...AUCTION_BID_BENCHMARKS, ...AUCTION_FANOUT_BENCHMARKS, courierSessionsBenchmark, ...MONEY_API_BENCHMARKS, ...LEDGER_SERVICE_BENCHMARKS, crowdshipMatchingBenchmark];
