// Every benchmark `npm run bench` knows, in the order they run; add new ones here.
import type { Benchmark } from "../benchmark";
import { healthBenchmark } from "./health";
import { loginBenchmark } from "./login";

export const BENCHMARKS: readonly Benchmark[] = [healthBenchmark, loginBenchmark];
