// One SVG chart per benchmark: its latency percentiles as bars, with the concurrency and throughput in the title.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { BenchmarkResult } from "./benchmark";

const CHART_WIDTH_PX = 420;
const CHART_HEIGHT_PX = 220;
const BAR_COLOR = "#4c78a8";
/** Headroom above the tallest bar, so its value label stays inside the plot. */
const HEADROOM_FACTOR = 1.12;

/**
 * Vega-Lite compiled to Vega and rendered headless (renderer "none" → toSVG): a well-kept charting library
 * with no native dependencies, so it runs wherever Node does (text widths are estimated without canvas).
 */
export async function renderLatencyChart(result: BenchmarkResult): Promise<string> {
  const latency = result.summary.latency;
  const values = latency
    ? [
        { label: "p50", ms: latency.p50Ms },
        { label: "p90", ms: latency.p90Ms },
        { label: "p95", ms: latency.p95Ms },
        { label: "p99", ms: latency.p99Ms },
        { label: "max", ms: latency.maxMs },
      ]
    : [];
  const perSecond = result.summary.throughputPerSecond;
  // Below 100 req/s a decimal still says something, as in the table.
  const throughput = perSecond < 100 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString("en-US");
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `${result.name}: latency`,
      subtitle: `${result.concurrency} concurrent clients · ${throughput} req/s · ${result.requests.toLocaleString("en-US")} requests, ${result.errors.toLocaleString("en-US")} errors`,
    },
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    background: "white",
    data: { values },
    encoding: {
      x: { field: "label", type: "ordinal", sort: null, title: "percentile", axis: { labelAngle: 0 } },
      y: { field: "ms", type: "quantitative", title: "latency (ms)", ...(latency ? { scale: { domainMax: latency.maxMs * HEADROOM_FACTOR } } : {}) },
    },
    layer: [
      { mark: { type: "bar", color: BAR_COLOR } },
      { mark: { type: "text", baseline: "bottom", dy: -3 }, encoding: { text: { field: "ms", type: "quantitative", format: ",.1f" } } },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
