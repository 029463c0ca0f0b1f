// What the listing page says after the seller arrives from the sell or edit page (passed in the navigation state).

export interface ListingNotice {
  kind: "published" | "draft-saved" | "saved";
  // One line per photo the upload refused, e.g. "big.png: The file is too large."
  photoFailures: string[];
}

export function readListingNotice(state: unknown): ListingNotice | null {
  if (typeof state !== "object" || state === null || !("notice" in state)) return null;
  const notice = state.notice as Partial<ListingNotice> | null;
  if (notice === null || typeof notice !== "object" || !["published", "draft-saved", "saved"].includes(String(notice.kind))) return null;
  return { kind: notice.kind!, photoFailures: Array.isArray(notice.photoFailures) ? notice.photoFailures.map(String) : [] };
}

export function noticeText(notice: ListingNotice): string {
  const base = { published: "Your listing is live.", "draft-saved": "Draft saved. Buyers cannot see it until you publish it.", saved: "Your changes are saved." }[notice.kind];
  return notice.photoFailures.length === 0 ? base : `${base} Some photos were not added — ${notice.photoFailures.join(" ")} You can add them again below.`;
}
