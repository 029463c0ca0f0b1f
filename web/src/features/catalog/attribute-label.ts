// Human labels for attribute names, which the API gives in camelCase ("ramGb", "screenInches").

const knownLabels: Record<string, string> = {
  ramGb: "RAM (GB)",
  screenInches: "Screen size (inches)",
  euSize: "EU size",
  volumeMl: "Volume (ml)",
  ageYears: "Age (years)",
  litres: "Capacity (litres)",
  megapixels: "Megapixels",
  frameSize: "Frame size",
};

/** "screenInches" → "Screen size (inches)"; unknown names are split into words: "batteryHealth" → "Battery health". */
export function attributeLabel(name: string): string {
  const known = knownLabels[name];
  if (known !== undefined) return known;
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
