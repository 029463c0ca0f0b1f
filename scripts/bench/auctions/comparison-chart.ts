// One SVG chart per comparison (a result against its ceiling or baseline): two bars, the ratio and the target in the title.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Comparison } from "../benchmark";

const CHART_WIDTH_PX = 480;
const CHART_HEIGHT_PX = 200;
const SUBJECT_COLOR = "#4c78a8";
const REFERENCE_COLOR = "#bab0ac";
/** Headroom above the taller bar, so its value label stays inside the plot. */
const HEADROOM_FACTOR = 1.15;

export function formatRatio(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

export function describeTarget(comparison: Pick<Comparison, "better" | "target">): string {
  return `${comparison.better === "higher" ? "≥" : "≤"} ${formatRatio(comparison.target)}`;
}

export async function renderComparisonChart(comparison: Comparison): Promise<string> {
  const values = [
    { label: comparison.subject.name, value: comparison.subject.value, role: "subject" },
    { label: comparison.reference.name, value: comparison.reference.value, role: "reference" },
  ];
  const top = Math.max(comparison.subject.value, comparison.reference.value, 1) * HEADROOM_FACTOR;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: comparison.title,
      subtitle: `ratio ${formatRatio(comparison.ratio)} · target ${describeTarget(comparison)} · ${comparison.meets ? "met" : "missed"}`,
    },
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    background: "white",
    data: { values },
    encoding: {
      x: { field: "label", type: "nominal", sort: null, title: null, axis: { labelAngle: 0, labelLimit: 0, labelFontSize: 10 } },
      y: { field: "value", type: "quantitative", title: comparison.metric, scale: { domainMax: top } },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: { color: { field: "role", type: "nominal", scale: { domain: ["subject", "reference"], range: [SUBJECT_COLOR, REFERENCE_COLOR] }, legend: null } },
      },
      { mark: { type: "text", baseline: "bottom", dy: -3 }, encoding: { text: { field: "value", type: "quantitative", format: ",.1f" } } },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
