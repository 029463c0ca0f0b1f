// Limits the listing forms check before sending, mirroring the API's (workers/platform/limits.ts) so mistakes show early.

export const titleLengthMin = 3;
export const titleLengthMax = 120;
export const descriptionLengthMax = 20_000;
export const quantityMax = 100_000;
export const cityLengthMax = 100;
export const auctionMinDurationSeconds = 10;
export const auctionMaxDurationSeconds = 30 * 24 * 60 * 60;
export const softCloseSecondsDefault = 120;
export const softCloseSecondsMax = 60 * 60;
// Photos: what the API stores and serves.
export const photosPerListingMax = 10;
export const photoBytesMax = 5 * 1024 * 1024;
export const photoContentTypes = ["image/jpeg", "image/png", "image/webp"] as const;
// A new auction ends a week out unless the seller picks otherwise: long enough to gather bids.
export const auctionDefaultDurationDays = 7;

export const conditionLabels = { new: "New", used: "Used", refurbished: "Refurbished" } as const;
export const formatLabels = { fixed: "Fixed price", auction: "Auction" } as const;
export const statusLabels = { draft: "Draft", active: "Active", ended: "Ended", sold: "Sold" } as const;
