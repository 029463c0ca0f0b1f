// Word lists for seed listings, per leaf category slug: products, title templates, description sentences and price levels. Data only.
//
// Templates: `{name}` takes a value for `name` (the category's product fields, its slots, the shared slots, then the
// options of an enum attribute of that name); `{^name}` is the same value in Title Case; `[ ... ]` is kept half the time.
// A name gets one value per listing, so the title, the description and the attributes agree: use two names
// (`{noun}`, `{noun2}`) where two different words are wanted. Values may hold templates themselves. Repeating a value in a
// list makes it more likely. A slot named like a category attribute supplies that attribute (numbers for number attributes).

import type { Currency } from "../../workers/platform/money";

export type Condition = "new" | "used" | "refurbished";

/** Chance of new, used and refurbished, in that order. */
export type ConditionMix = readonly [newShare: number, usedShare: number, refurbishedShare: number];

export interface CategoryVocabulary {
  /** How common listings of this category are, relative to 1. */
  weight: number;
  /** Typical price in US dollars of an item in new condition; prices spread log-normally around it. */
  medianUsd: number;
  /** Log-normal sigma of the price: 0.5 puts two thirds of prices within ×0.6–×1.65 of the median. */
  spread: number;
  mix: ConditionMix;
  /** One row is chosen per listing and binds every field: "Apple|iPhone 14 Pro" with fields ["brand", "model"]. */
  products?: { fields: readonly string[]; rows: readonly string[] };
  slots?: Readonly<Record<string, readonly (string | number)[]>>;
  titles: readonly string[];
  /** Description sentences true of the item in any condition; one or two are used. */
  features: readonly string[];
  /** Sentences about a pre-owned item's history ("resoled recently"), drawn with the features unless the item is new. */
  wear?: readonly string[];
  /** Replaces the shared condition sentences, e.g. "new with tags" for clothes. */
  conditionNotes?: Readonly<Record<Condition, readonly string[]>>;
}

/** Electronics are often refurbished; clothes, books and collectibles are not. */
const ELECTRONICS: ConditionMix = [0.5, 0.32, 0.18];
const GOODS: ConditionMix = [0.62, 0.38, 0];
const PRELOVED: ConditionMix = [0.25, 0.75, 0];
const SEALED: ConditionMix = [0.93, 0.07, 0];

const EU_SHOE_SIZES = [36, 37, 38, 38, 39, 39, 40, 40, 41, 41, 42, 42, 43, 43, 44, 45, 46];

const WEARABLE_NOTES: Readonly<Record<Condition, readonly string[]>> = {
  new: ["New with tags, never worn.", "Brand new with the original tags and packaging.", "New without tags, never worn outside."],
  used: ["Worn a handful of times, no stains or tears.", "Pre-owned in very good condition with light wear.", "Gently used; some wear consistent with age, see description."],
  refurbished: ["Professionally cleaned and restored.", "Restored and cleaned, looks close to new."],
};

/** Slots every category can use; a category's own slot of the same name wins. */
export const SHARED_SLOTS: Readonly<Record<string, readonly (string | number)[]>> = {
  color: ["Black", "Black", "White", "Silver", "Navy Blue", "Red", "Forest Green", "Grey", "Beige", "Brown", "Olive", "Burgundy"],
  shipDays: ["1-2", "2", "2-3", "3", "1-3"],
  reply: ["a few hours", "the same day", "24 hours"],
  returnDays: [14, 30, 30, 60],
};

export const CONDITION_NOTES: Readonly<Record<Condition, readonly string[]>> = {
  new: [
    "Brand new and unused, still in the original packaging.",
    "New in the sealed retail box with the full manufacturer warranty.",
    "New old stock, never used.",
    "Unopened and factory sealed.",
  ],
  used: [
    "Used but in great shape, with only light signs of wear.",
    "Pre-owned and fully functional; a few small scuffs, see photos.",
    "Gently used and well looked after, no major flaws.",
    "Shows normal wear from regular use but works perfectly.",
    "Used, in good condition for its age, with honest marks shown in the photos.",
  ],
  refurbished: [
    "Professionally refurbished and tested, with a 90-day warranty.",
    "Seller refurbished: cleaned, tested and fully working, in a plain box.",
    "Certified refurbished to like-new condition, new battery fitted where applicable.",
  ],
};

export const SHIPPING_NOTES = {
  domestic: [
    "Ships within {shipDays} business days from {city} with {carrier} tracking.",
    "Carefully packed in bubble wrap and a sturdy box, sent with {carrier}.",
    "Dispatched from {city} within {shipDays} days of payment.",
    "Local pickup in {city} is welcome, or it ships with {carrier}.",
  ],
  worldwide: [
    "Ships worldwide from {city} with {carrier}; import duties are the buyer's responsibility.",
    "International shipping available, tracked and insured, dispatched within {shipDays} days.",
  ],
} as const;

export const SELLER_NOTES: readonly string[] = [
  "Smoke-free and pet-free home.",
  "Check out my other listings for more {categoryName}.",
  "Questions are welcome, I usually reply within {reply}.",
  "Returns accepted within {returnDays} days in the original condition.",
  "Combined shipping on multiple items, just message me before paying.",
  "Genuine and authentic, bought from an authorized retailer.",
];

export interface SellerHome {
  /** ISO 3166-1 alpha-2. */
  country: string;
  currency: Currency;
  cities: readonly string[];
  carriers: readonly string[];
  /** Countries a seller here often ships to besides its own. */
  nearby: readonly string[];
  /** Share of sellers based here. */
  weight: number;
}

const EU_NEIGHBOURS = ["DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL", "IE", "PT"];

export const SELLER_HOMES: readonly SellerHome[] = [
  { country: "US", currency: "USD", weight: 0.7, cities: ["New York", "Austin", "Chicago", "Seattle", "Miami", "Denver", "Los Angeles", "Atlanta", "Portland", "Boston"], carriers: ["USPS", "UPS", "FedEx"], nearby: ["CA", "MX"] },
  { country: "DE", currency: "EUR", weight: 0.05, cities: ["Berlin", "Munich", "Hamburg", "Cologne"], carriers: ["DHL", "Hermes"], nearby: EU_NEIGHBOURS },
  { country: "FR", currency: "EUR", weight: 0.03, cities: ["Paris", "Lyon", "Marseille", "Bordeaux"], carriers: ["Colissimo", "Chronopost"], nearby: EU_NEIGHBOURS },
  { country: "IT", currency: "EUR", weight: 0.02, cities: ["Milan", "Rome", "Turin", "Bologna"], carriers: ["Poste Italiane", "BRT"], nearby: EU_NEIGHBOURS },
  { country: "NL", currency: "EUR", weight: 0.02, cities: ["Amsterdam", "Rotterdam", "Utrecht"], carriers: ["PostNL", "DHL"], nearby: EU_NEIGHBOURS },
  { country: "GB", currency: "GBP", weight: 0.08, cities: ["London", "Manchester", "Bristol", "Edinburgh", "Leeds"], carriers: ["Royal Mail", "DPD", "Evri"], nearby: ["IE"] },
  { country: "AE", currency: "AED", weight: 0.05, cities: ["Dubai", "Abu Dhabi", "Sharjah"], carriers: ["Aramex", "Emirates Post"], nearby: ["SA", "QA", "KW", "BH", "OM"] },
  { country: "JP", currency: "JPY", weight: 0.05, cities: ["Tokyo", "Osaka", "Kyoto", "Yokohama", "Fukuoka"], carriers: ["Japan Post", "Yamato Transport"], nearby: ["KR", "TW", "HK"] },
];

export const VOCABULARY: Readonly<Record<string, CategoryVocabulary>> = {
  // Electronics
  phones: {
    weight: 3, medianUsd: 480, spread: 0.5, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Apple|iPhone 15 Pro Max", "Apple|iPhone 15", "Apple|iPhone 14 Pro", "Apple|iPhone 14", "Apple|iPhone 13 mini", "Apple|iPhone 12", "Apple|iPhone SE (3rd gen)",
      "Samsung|Galaxy S23 Ultra", "Samsung|Galaxy S24+", "Samsung|Galaxy S22", "Samsung|Galaxy Z Flip5", "Samsung|Galaxy Z Fold4", "Samsung|Galaxy A54 5G",
      "Google|Pixel 8 Pro", "Google|Pixel 7a", "Google|Pixel 6", "OnePlus|12", "OnePlus|Nord 3", "Xiaomi|13T Pro", "Xiaomi|Redmi Note 12", "Sony|Xperia 1 V", "Motorola|Edge 40", "Nothing|Phone (2)",
    ] },
    slots: {
      color: ["Deep Purple", "Midnight", "Starlight", "Graphite", "Phantom Black", "Cream", "Sierra Blue", "Obsidian", "Lavender", "Titanium Gray"],
      lock: ["Unlocked", "Unlocked", "Factory Unlocked", "Verizon", "AT&T", "T-Mobile"],
      battery: [82, 85, 88, 90, 91, 93, 95, 97, 100],
    },
    titles: ["{brand} {model} {storage}[ {color}][ {lock}]", "{brand} {model} - {storage} - {color}[ ({lock})]", "{lock} {brand} {model} {storage}[ Dual SIM]"],
    features: [
      "{lock} and works with every carrier, eSIM supported.",
      "Comes with the original box, a USB-C cable and a clear protective case.",
      "Face unlock, fingerprint reader, all cameras and speakers tested and working.",
      "Wireless charging and 5G work as they should.",
    ],
    wear: [
      "Battery health is at {battery}% and it easily lasts a full day.",
      "Screen has been behind a tempered glass protector since day one.",
    ],
  },
  laptops: {
    weight: 2, medianUsd: 850, spread: 0.55, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Apple|MacBook Air M2", "Apple|MacBook Pro 14 M3", "Apple|MacBook Pro 16 M1 Pro", "Dell|XPS 13 9310", "Dell|XPS 15 9520", "Dell|Latitude 7420", "Lenovo|ThinkPad X1 Carbon Gen 10",
      "Lenovo|ThinkPad T14", "Lenovo|Legion 5 Pro", "Lenovo|Yoga Slim 7", "HP|Spectre x360", "HP|EliteBook 840 G8", "HP|Envy 13", "ASUS|ROG Zephyrus G14", "ASUS|ZenBook 14 OLED",
      "Acer|Swift 3", "Acer|Predator Helios 300", "Microsoft|Surface Laptop 5", "Razer|Blade 15", "MSI|Stealth 16",
    ] },
    slots: {
      ramGb: [8, 8, 16, 16, 16, 32, 64],
      screenInches: [13.3, 13.6, 14, 14, 15.6, 16, 17.3],
      ssd: ["256GB SSD", "512GB SSD", "512GB SSD", "1TB SSD", "2TB SSD"],
      cpu: ["Intel Core i5", "Intel Core i7", "Intel Core i9", "AMD Ryzen 7", "AMD Ryzen 9", "Apple M2"],
      batteryHours: [5, 6, 8, 10, 12],
    },
    titles: ["{brand} {model} {screenInches}\" {ramGb}GB RAM {ssd}", "{brand} {model} Laptop[ {cpu}] {ramGb}GB {ssd}[ {color}]", "{brand} {model} - {ramGb}GB / {ssd}[ - Backlit Keyboard]"],
    features: [
      "Keyboard is backlit and every key works; trackpad is smooth and responsive.",
      "Includes the original charger; Wi-Fi 6 and bluetooth work perfectly.",
      "Great for students, office work and light photo editing.",
      "{screenInches}-inch display has no dead pixels or burn-in.",
    ],
    wear: [
      "Battery cycle count is low and it still gets about {batteryHours} hours of light use.",
      "Freshly reset with a clean install of the operating system.",
    ],
  },
  tablets: {
    weight: 1.5, medianUsd: 380, spread: 0.55, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Apple|iPad Pro 12.9 (6th gen)", "Apple|iPad Air (5th gen)", "Apple|iPad mini 6", "Apple|iPad (10th gen)", "Samsung|Galaxy Tab S9", "Samsung|Galaxy Tab S8 Ultra",
      "Samsung|Galaxy Tab A8", "Microsoft|Surface Pro 9", "Lenovo|Tab P11 Pro", "Amazon|Fire HD 10", "Xiaomi|Pad 6", "Google|Pixel Tablet",
    ] },
    slots: { connectivity: ["Wi-Fi", "Wi-Fi", "Wi-Fi + Cellular"], accessory: ["with Pencil", "with Keyboard Cover", "with Case"] },
    titles: ["{brand} {model} {storage} {connectivity}[ {color}]", "{brand} {model} {storage}[ {accessory}]"],
    features: [
      "Perfect for drawing, notes and streaming; stylus support works great.",
      "Charger and cable included, battery holds a charge for days on standby.",
    ],
    wear: [
      "Screen is flawless and has always had a protector on it.",
      "Reset to factory settings and removed from my account, ready to set up.",
    ],
  },
  headphones: {
    weight: 2, medianUsd: 160, spread: 0.6, mix: ELECTRONICS,
    products: { fields: ["brand", "model", "type"], rows: [
      "Sony|WH-1000XM5|over-ear", "Sony|WH-1000XM4|over-ear", "Sony|WF-1000XM4|in-ear", "Bose|QuietComfort 45|over-ear", "Bose|QuietComfort Earbuds II|in-ear",
      "Apple|AirPods Pro (2nd gen)|in-ear", "Apple|AirPods Max|over-ear", "Sennheiser|Momentum 4|over-ear", "Sennheiser|HD 600|over-ear", "Beyerdynamic|DT 770 Pro|over-ear",
      "Audio-Technica|ATH-M50x|over-ear", "Jabra|Elite 85t|in-ear", "Beats|Solo3|on-ear", "Marshall|Major IV|on-ear", "Skullcandy|Crusher Evo|over-ear", "JBL|Tune 760NC|over-ear",
    ] },
    slots: { tech: ["Wireless Noise Cancelling", "Bluetooth", "Wireless", "Noise Cancelling", "Studio"], batteryHours: [20, 24, 30, 40] },
    titles: ["{brand} {model} {tech} {^type} Headphones[ - {color}]", "{brand} {model} {^type} Headphones[ {tech}]"],
    features: [
      "Active noise cancelling is excellent on planes and trains.",
      "Pairs instantly over bluetooth and remembers two devices.",
      "Includes the carrying case, charging cable and 3.5mm audio cable.",
    ],
    wear: [
      "Battery still lasts around {batteryHours} hours per charge.",
      "Ear pads were replaced recently and are soft and clean.",
    ],
  },
  smartwatches: {
    weight: 1.2, medianUsd: 260, spread: 0.5, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Apple|Watch Series 9 45mm", "Apple|Watch Series 8 41mm", "Apple|Watch Ultra 2", "Apple|Watch SE (2nd gen) 44mm", "Samsung|Galaxy Watch6 Classic", "Samsung|Galaxy Watch5 Pro",
      "Garmin|Fenix 7", "Garmin|Forerunner 265", "Garmin|Venu 2 Plus", "Fitbit|Sense 2", "Fitbit|Versa 4", "Google|Pixel Watch 2", "Amazfit|GTR 4",
    ] },
    slots: { band: ["Sport Band", "Leather Strap", "Milanese Loop", "Silicone Band", "Stainless Steel Bracelet"], gps: ["GPS", "GPS + Cellular"] },
    titles: ["{brand} {model} {gps}[ {color}][ with {band}]", "{brand} {model} Smartwatch[ {color}][ - {band}]"],
    features: [
      "Heart rate, sleep tracking and GPS all work perfectly.",
      "Comes with the magnetic charger and an extra {band}.",
    ],
    wear: [
      "Water resistant, I wore it swimming with no issues.",
      "Sapphire crystal has no scratches; the case has a couple of tiny marks.",
    ],
  },
  // Computers & Accessories
  monitors: {
    weight: 1.2, medianUsd: 280, spread: 0.55, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Dell|UltraSharp U2723QE", "Dell|S2721DGF", "LG|27GP850-B", "LG|UltraFine 5K", "LG|34WN80C-B", "Samsung|Odyssey G7", "Samsung|Odyssey G9", "ASUS|ProArt PA278QV",
      "ASUS|TUF Gaming VG27AQ", "BenQ|PD2700U", "BenQ|Zowie XL2546K", "Acer|Nitro XV272U", "AOC|24G2", "Gigabyte|M27Q", "Apple|Studio Display",
    ] },
    slots: {
      screenInches: [24, 24, 27, 27, 27, 32, 34, 49],
      resolution: ["1080p", "1440p QHD", "4K UHD", "5K"],
      refresh: ["60Hz", "75Hz", "144Hz", "165Hz", "240Hz"],
    },
    titles: ["{brand} {model} {screenInches}\" {resolution}[ {refresh}] Monitor", "{brand} {screenInches}\" {resolution} Monitor {model}[ IPS][ - {refresh}]"],
    features: [
      "No dead pixels, no backlight bleed worth mentioning.",
      "Includes the stand, power cable and a DisplayPort cable.",
      "Height adjustable stand that also pivots to portrait.",
      "USB-C input charges a laptop with a single cable.",
      "Colour accurate panel, great for photo editing and gaming alike.",
    ],
  },
  "keyboards-mice": {
    weight: 1.2, medianUsd: 70, spread: 0.6, mix: ELECTRONICS,
    products: { fields: ["brand", "model", "kind"], rows: [
      "Logitech|MX Master 3S|Mouse", "Logitech|MX Keys|Keyboard", "Logitech|G Pro X Superlight|Gaming Mouse", "Logitech|G915 TKL|Mechanical Keyboard", "Razer|DeathAdder V3|Gaming Mouse",
      "Razer|BlackWidow V4|Mechanical Keyboard", "Corsair|K70 RGB|Mechanical Keyboard", "Keychron|K2|Mechanical Keyboard", "Keychron|Q1|Mechanical Keyboard", "Apple|Magic Keyboard|Keyboard",
      "Apple|Magic Mouse|Mouse", "SteelSeries|Rival 3|Gaming Mouse", "Microsoft|Sculpt Ergonomic|Keyboard and Mouse Set", "Ducky|One 2 Mini|Mechanical Keyboard",
    ] },
    slots: { link: ["Wireless", "Bluetooth", "Wired", "Wireless"], switches: ["Cherry MX Brown", "Gateron Red", "Blue Switches", "Hot-Swappable"], layout: ["US Layout", "UK Layout", "ISO", "TKL"] },
    titles: ["{brand} {model} {link} {kind}[ {color}]", "{brand} {model} {kind}[ {switches}][ {layout}]"],
    features: [
      "Wireless receiver included, also connects over bluetooth.",
      "All keys and buttons register perfectly, no double clicking.",
      "Rechargeable over USB-C, the battery lasts weeks.",
    ],
    wear: [
      "Keycaps were cleaned and it feels great to type on.",
    ],
  },
  components: {
    weight: 1.5, medianUsd: 220, spread: 0.7, mix: ELECTRONICS,
    products: { fields: ["component", "brand", "model"], rows: [
      "CPU|AMD|Ryzen 7 7800X3D", "CPU|AMD|Ryzen 5 5600X", "CPU|Intel|Core i9-13900K", "CPU|Intel|Core i5-12400F", "GPU|NVIDIA|GeForce RTX 4090 Founders Edition", "GPU|ASUS|TUF RTX 4070 Ti",
      "GPU|MSI|Gaming X Trio RTX 3080", "GPU|Sapphire|Pulse Radeon RX 7800 XT", "RAM|Corsair|Vengeance 32GB DDR5 6000", "RAM|G.Skill|Trident Z 16GB DDR4 3600", "RAM|Kingston|Fury Beast 64GB DDR4",
      "SSD|Samsung|990 Pro 2TB NVMe", "SSD|WD|Black SN850X 1TB", "SSD|Crucial|MX500 1TB SATA", "Motherboard|ASUS|ROG Strix B650-A", "Motherboard|MSI|MAG B550 Tomahawk",
      "Motherboard|Gigabyte|Z790 Aorus Elite", "PSU|Corsair|RM850x 850W", "PSU|Seasonic|Focus GX-750", "PSU|be quiet!|Straight Power 11 1000W",
    ] },
    titles: ["{brand} {model}[ ({component})]", "{brand} {model} {component}[ - Tested Working]"],
    features: [
      "Comes in the original box with all accessories.",
      "Free of dust and carefully packed in anti-static bags.",
    ],
    wear: [
      "Tested in my own build, stable under load with no errors.",
      "Never overclocked, always run at stock settings.",
      "Removed from a working system during an upgrade.",
    ],
  },
  networking: {
    weight: 0.8, medianUsd: 90, spread: 0.6, mix: ELECTRONICS,
    products: { fields: ["brand", "model", "kind"], rows: [
      "TP-Link|Archer AX73|Wi-Fi 6 Router", "TP-Link|Deco X20|Mesh Wi-Fi System (3-Pack)", "NETGEAR|Nighthawk RAX50|Wi-Fi 6 Router", "NETGEAR|Orbi RBK752|Mesh System", "ASUS|RT-AX86U|Gaming Router",
      "Ubiquiti|UniFi U6 Pro|Access Point", "Ubiquiti|UniFi Dream Machine|Router", "Cisco|Catalyst 2960|24-Port Switch", "Synology|DS220+|NAS", "Google|Nest Wifi Pro|Mesh Router", "Eero|Pro 6E|Mesh Router",
    ] },
    titles: ["{brand} {model} {kind}", "{brand} {model} {kind}[ - Dual Band][ with Power Adapter]"],
    features: [
      "Coverage is excellent, easily handles a large house.",
      "Gigabit ports all tested; comes with the power adapter and ethernet cable.",
      "Firmware updated to the latest version.",
    ],
    wear: [
      "Factory reset and ready to configure with the app.",
    ],
  },
  // Cameras & Photo
  "digital-cameras": {
    weight: 1.2, medianUsd: 750, spread: 0.6, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Canon|EOS R6 Mark II", "Canon|EOS 5D Mark IV", "Canon|EOS Rebel T7", "Canon|PowerShot G7 X Mark III", "Nikon|Z6 II", "Nikon|D750", "Nikon|Z fc", "Sony|Alpha a7 III", "Sony|Alpha a6400",
      "Sony|RX100 VII", "Fujifilm|X-T4", "Fujifilm|X100V", "Panasonic|Lumix GH5", "Olympus|OM-D E-M10 Mark IV", "Leica|Q2", "Ricoh|GR III",
    ] },
    slots: { megapixels: [20.1, 24.2, 24.2, 26.1, 30.4, 45.7, 61], kit: ["Body Only", "with 24-105mm Lens", "with 18-55mm Kit Lens", "Kit with Bag"], shutter: ["4,200", "8,900", "12,500", "21,000", "38,000"] },
    titles: ["{brand} {model} Digital Camera {kit}", "{brand} {model} {megapixels}MP[ Mirrorless][ {kit}]"],
    features: [
      "Includes two batteries, the charger, strap and a 64GB SD card.",
      "Autofocus is fast and accurate; all buttons and dials work.",
      "Great camera for travel, portraits and vintage-style street photography.",
    ],
    wear: [
      "Shutter count is only {shutter}, sensor is clean.",
    ],
  },
  lenses: {
    weight: 0.9, medianUsd: 520, spread: 0.7, mix: ELECTRONICS,
    products: { fields: ["brand", "model", "mount"], rows: [
      "Canon|RF 24-105mm f/4L IS USM|Canon RF", "Canon|EF 50mm f/1.8 STM|Canon EF", "Canon|EF 70-200mm f/2.8L IS II|Canon EF", "Nikon|NIKKOR Z 24-70mm f/4 S|Nikon Z",
      "Nikon|AF-S 50mm f/1.4G|Nikon F", "Sony|FE 85mm f/1.8|Sony E", "Sony|FE 24-70mm f/2.8 GM II|Sony E", "Sigma|18-35mm f/1.8 DC HSM Art|Canon EF", "Sigma|35mm f/1.4 DG DN Art|Sony E",
      "Tamron|28-75mm f/2.8 Di III|Sony E", "Fujifilm|XF 23mm f/2 R WR|Fujifilm X", "Helios|44-2 58mm f/2|M42", "Zeiss|Batis 40mm f/2 CF|Sony E", "Olympus|M.Zuiko 12-40mm f/2.8 PRO|Micro Four Thirds",
    ] },
    titles: ["{brand} {model} Lens for {mount}", "{brand} {model} ({mount} Mount)[ with Hood and Caps]"],
    features: [
      "Autofocus is quick and silent, aperture blades are oil-free.",
      "Includes front and rear caps and the lens hood.",
      "Beautiful bokeh, a favourite for portraits.",
    ],
    wear: [
      "Glass is clean, no fungus, haze or scratches.",
    ],
  },
  drones: {
    weight: 0.6, medianUsd: 650, spread: 0.6, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "DJI|Mini 3 Pro", "DJI|Mini 4 Pro", "DJI|Air 2S", "DJI|Mavic 3 Classic", "DJI|Avata", "DJI|FPV Combo", "Autel|EVO Lite+", "Autel|EVO II Pro", "Holy Stone|HS720E", "Skydio|2+", "Parrot|Anafi",
    ] },
    slots: { bundle: ["Fly More Combo", "with RC Controller", "with 3 Batteries", "Drone Only"], flights: [3, 5, 8, 12, 20] },
    titles: ["{brand} {model} Drone {bundle}", "{brand} {model}[ 4K Camera Drone][ - {bundle}]"],
    features: [
      "Comes with spare propellers, charging hub and a carrying bag.",
      "4K video is stunning and the obstacle sensors all work.",
    ],
    wear: [
      "Only {flights} flights, never crashed, gimbal is perfect.",
      "Registered account removed, ready to bind to your phone.",
    ],
  },
  // Video Games & Consoles
  consoles: {
    weight: 1.5, medianUsd: 380, spread: 0.55, mix: ELECTRONICS,
    products: { fields: ["platform", "model"], rows: [
      "PlayStation|Sony PlayStation 5 Slim Disc Edition", "PlayStation|Sony PlayStation 5 Digital Edition", "PlayStation|Sony PlayStation 4 Pro 1TB", "Xbox|Microsoft Xbox Series X 1TB",
      "Xbox|Microsoft Xbox Series S 512GB", "Xbox|Microsoft Xbox One X", "Nintendo|Nintendo Switch OLED", "Nintendo|Nintendo Switch Lite", "Nintendo|Nintendo 3DS XL", "PC handheld|Valve Steam Deck OLED 512GB",
      "PC handheld|ASUS ROG Ally Z1 Extreme", "PC handheld|Lenovo Legion Go", "Retro|Nintendo SNES Classic Mini", "Retro|Sega Mega Drive", "Retro|Nintendo Game Boy Color", "Retro|Sony PlayStation 2 Slim",
    ] },
    slots: { bundle: ["with 2 Controllers", "Console Bundle with 3 Games", "with Original Box", "Console Only"] },
    titles: ["{model}[ {color}][ {bundle}]", "{model} Console {bundle}"],
    features: [
      "Tested and working perfectly, runs quiet and cool.",
      "Includes all cables, controller and the original box.",
    ],
    wear: [
      "Factory reset and signed out of all accounts.",
      "Retro gaming classic, cartridge slot cleaned and contacts polished.",
    ],
  },
  games: {
    weight: 1.5, medianUsd: 35, spread: 0.5, mix: [0.45, 0.55, 0],
    products: { fields: ["platform", "game"], rows: [
      "PlayStation|God of War Ragnarok", "PlayStation|Marvel's Spider-Man 2", "PlayStation|Gran Turismo 7", "PlayStation|The Last of Us Part I", "Xbox|Halo Infinite", "Xbox|Forza Horizon 5",
      "Xbox|Starfield", "Nintendo|The Legend of Zelda: Tears of the Kingdom", "Nintendo|Mario Kart 8 Deluxe", "Nintendo|Super Mario Bros. Wonder", "Nintendo|Animal Crossing: New Horizons",
      "Nintendo|Pokemon Scarlet", "PC|Baldur's Gate 3 Deluxe Edition", "PC|Cyberpunk 2077", "PC|The Witcher 3: Wild Hunt", "PlayStation|Elden Ring", "Xbox|Elden Ring", "PlayStation|EA Sports FC 24",
    ] },
    slots: { edition: ["Standard Edition", "Collector's Edition", "Steelbook Edition", "Game of the Year Edition"] },
    titles: ["{game} ({platform})[ {edition}]", "{game} - {platform}[ - Complete with Case]"],
    features: [
      "Complete in box with the manual and all inserts.",
      "Region free, plays on any console of the platform.",
      "Digital code not included, physical copy only.",
      "A must-have for fans of the series.",
    ],
    wear: [
      "Disc is scratch-free and plays perfectly.",
    ],
  },
  controllers: {
    weight: 0.8, medianUsd: 55, spread: 0.5, mix: ELECTRONICS,
    products: { fields: ["brand", "model"], rows: [
      "Sony|DualSense Wireless Controller", "Sony|DualSense Edge", "Sony|DualShock 4 V2", "Microsoft|Xbox Wireless Controller", "Microsoft|Xbox Elite Series 2", "Nintendo|Switch Pro Controller",
      "Nintendo|Joy-Con Pair", "8BitDo|Ultimate Bluetooth Controller", "PowerA|Enhanced Wired Controller", "Razer|Wolverine V2", "SCUF|Reflex Pro",
    ] },
    titles: ["{brand} {model}[ {color}]", "{brand} {model} - {color}[ - Wireless]"],
    features: [
      "Connects over bluetooth or with the USB-C cable included.",
      "Comfortable grip for long sessions.",
      "Works with PC as well as the console.",
    ],
    wear: [
      "No stick drift, all buttons and triggers respond perfectly.",
      "Rechargeable battery still lasts for many hours of play.",
      "Cleaned and sanitised before shipping.",
    ],
  },
  // Women's Fashion
  dresses: {
    weight: 1.5, medianUsd: 65, spread: 0.7, mix: GOODS, conditionNotes: WEARABLE_NOTES,
    slots: {
      brand: ["Zara", "Reformation", "Diane von Furstenberg", "H&M", "Free People", "Ted Baker", "Mango", "Self-Portrait", "Ganni", "& Other Stories", "Whistles"],
      style: ["Wrap", "Midi", "Maxi", "Slip", "Shirt", "Bodycon", "A-Line", "Sundress"],
      fabric: ["Silk", "Linen", "Satin", "Cotton", "Floral Print", "Lace", "Velvet"],
    },
    titles: ["{brand} {fabric} {style} Dress Size {size}[ {color}]", "{brand} {style} Dress in {color} - Size {size}[ - {fabric}]"],
    features: [
      "Beautiful {fabric} with a flattering fit and a hidden side zip.",
      "Fully lined, perfect for weddings and summer parties.",
      "Measurements available on request; fits true to size.",
      "Machine washable, no pilling or fading.",
    ],
  },
  handbags: {
    weight: 1.2, medianUsd: 240, spread: 0.9, mix: GOODS,
    slots: {
      brand: ["Coach", "Michael Kors", "Kate Spade", "Louis Vuitton", "Gucci", "Longchamp", "Mulberry", "Fossil", "Chloe", "Prada", "Tory Burch"],
      style: ["Tote", "Crossbody Bag", "Shoulder Bag", "Clutch", "Satchel", "Bucket Bag", "Backpack", "Hobo Bag"],
      material: ["Leather", "Genuine Leather", "Pebbled Leather", "Suede", "Canvas", "Patent Leather", "Distressed Leather"],
    },
    titles: ["{brand} {material} {style}[ {color}]", "Vintage {brand} {style} in {color} {material}", "{brand} {style} - {color}[ - With Dust Bag]"],
    features: [
      "Comes with the dust bag and authenticity card.",
      "Adjustable leather strap, can be worn crossbody or on the shoulder.",
    ],
    wear: [
      "Soft {material} with sturdy stitching, the corners show no wear.",
      "Interior is clean with zip and slip pockets.",
    ],
  },
  "womens-shoes": {
    weight: 1.2, medianUsd: 90, spread: 0.7, mix: GOODS, conditionNotes: WEARABLE_NOTES,
    slots: {
      brand: ["Nike", "Adidas", "Dr. Martens", "Steve Madden", "UGG", "Converse", "Birkenstock", "Stuart Weitzman", "Vans", "New Balance", "Sam Edelman"],
      style: ["Ankle Boots", "Sneakers", "Ballet Flats", "Heeled Sandals", "Pumps", "Chelsea Boots", "Loafers", "Knee High Boots"],
      material: ["Leather", "Suede", "Canvas", "Patent Leather", "Knit"],
      euSize: EU_SHOE_SIZES,
    },
    titles: ["{brand} {material} {style} EU {euSize}[ {color}]", "Women's {brand} {style} Size EU {euSize} - {color}"],
    features: [
      "Comfortable all day, with cushioned footbeds.",
      "Comes in the original box.",
      "Leather lining and a cushioned insole.",
    ],
    wear: [
      "Soles show very little wear and the insoles are clean.",
      "Real {material} uppers that have been cleaned and conditioned.",
    ],
  },
  // Men's Fashion
  jackets: {
    weight: 1.3, medianUsd: 130, spread: 0.7, mix: GOODS, conditionNotes: WEARABLE_NOTES,
    slots: {
      brand: ["The North Face", "Patagonia", "Barbour", "Levi's", "Canada Goose", "Carhartt", "Schott NYC", "Arc'teryx", "Ralph Lauren", "Columbia", "AllSaints"],
      style: ["Leather Jacket", "Puffer Jacket", "Waxed Jacket", "Trench Coat", "Denim Jacket", "Parka", "Bomber Jacket", "Fleece Jacket", "Wool Overcoat"],
    },
    titles: ["{brand} {style} Men's Size {size}[ {color}]", "Men's {brand} {style} - {color} - {size}[ - Vintage]"],
    features: [
      "Warm and windproof, perfect for cold winter days.",
      "Vintage cut with a relaxed fit through the shoulders.",
      "Water resistant outer shell, lots of pockets.",
    ],
    wear: [
      "All zips and snaps work; no rips, stains or missing buttons.",
    ],
  },
  "mens-shoes": {
    weight: 1.2, medianUsd: 100, spread: 0.6, mix: GOODS, conditionNotes: WEARABLE_NOTES,
    slots: {
      brand: ["Nike", "Adidas", "Red Wing", "Clarks", "Timberland", "Allen Edmonds", "Dr. Martens", "New Balance", "Vans", "Cole Haan", "Asics"],
      style: ["Running Shoes", "Work Boots", "Oxford Shoes", "Chukka Boots", "Sneakers", "Loafers", "Hiking Boots", "Derby Shoes"],
      model: ["Air Max 90", "Ultraboost 22", "Iron Ranger", "Desert Boot", "6-Inch Premium", "990v5", "Gel-Kayano 30", "1460", "Old Skool"],
      euSize: EU_SHOE_SIZES,
    },
    titles: ["{brand} {model} {style} Men's EU {euSize}[ {color}]", "Men's {brand} {style} EU {euSize}[ - {color} Leather]"],
    features: [
      "Very comfortable with good arch support.",
      "Comes with the original box and spare laces.",
      "Goodyear welted and easy to resole.",
    ],
    wear: [
      "Leather uppers have been cleaned and polished.",
      "Resoled recently, plenty of life left.",
    ],
  },
  watches: {
    weight: 1.3, medianUsd: 450, spread: 1, mix: [0.45, 0.5, 0.05],
    products: { fields: ["brand", "model", "movement"], rows: [
      "Seiko|Presage Cocktail Time|automatic", "Seiko|5 Sports SRPD|automatic", "Seiko|Prospex Solar Diver|quartz", "Casio|G-Shock GA-2100|quartz", "Casio|F-91W|quartz", "Citizen|Eco-Drive Promaster|quartz",
      "Tissot|PRX Powermatic 80|automatic", "Tissot|Le Locle|automatic", "Hamilton|Khaki Field Mechanical|manual", "Omega|Seamaster Aqua Terra|automatic", "Omega|Speedmaster Professional|manual",
      "Rolex|Oyster Perpetual 36|automatic", "TAG Heuer|Carrera Calibre 5|automatic", "Orient|Bambino|automatic", "Timex|Marlin Hand-Wound|manual", "Longines|HydroConquest|automatic",
    ] },
    slots: { dial: ["Black Dial", "Blue Dial", "Silver Dial", "Green Dial", "Cream Dial"], strap: ["Stainless Steel Bracelet", "Leather Strap", "Rubber Strap", "NATO Strap"], size: ["38mm", "40mm", "41mm", "42mm"] },
    titles: ["{brand} {model} {^movement} Watch {size}[ {dial}]", "Vintage {brand} {model} {dial}[ on {strap}]", "{brand} {model} {size} {dial}[ {strap}][ Box & Papers]"],
    features: [
      "Stainless steel case with a sapphire crystal and a screw-down crown.",
      "Comes on a {strap}; the original box and papers are included.",
      "Water resistant to 100m, the bezel turns crisply.",
    ],
    wear: [
      "Keeps excellent time, serviced within the last two years.",
      "A beautiful vintage piece with a warm patina on the dial.",
    ],
  },
  // Jewellery
  rings: {
    weight: 0.9, medianUsd: 180, spread: 1, mix: GOODS,
    // The metal comes with its fineness, so a title never says "925 Sterling Gold".
    products: { fields: ["metal", "fineness"], rows: ["gold|14K Gold", "gold|18K Gold", "gold|9K Gold", "silver|925 Sterling Silver", "silver|Sterling Silver", "platinum|950 Platinum", "other|Titanium", "other|Tungsten Carbide"] },
    slots: {
      stone: ["Diamond", "Sapphire", "Emerald", "Moissanite", "Opal", "Ruby", "Amethyst", "Cubic Zirconia"],
      cut: ["Solitaire", "Halo", "Eternity", "Signet", "Band", "Cocktail", "Three Stone"],
      ringSize: ["5", "6", "6.5", "7", "7.5", "8", "9", "M", "N", "P"],
    },
    titles: ["{fineness} {stone} {cut} Ring Size {ringSize}", "Vintage {fineness} {cut} Ring with {stone}[ - Size {ringSize}]", "{stone} {cut} Engagement Ring in {fineness}"],
    features: [
      "Hallmarked and tested, the stones are secure in their settings.",
      "Can be resized by any local jeweller.",
      "A sparkling {stone} that catches the light beautifully.",
    ],
    wear: [
      "Professionally polished and cleaned, comes in a gift box.",
    ],
  },
  necklaces: {
    weight: 0.9, medianUsd: 120, spread: 0.9, mix: GOODS,
    slots: {
      piece: ["Pendant Necklace", "Chain Necklace", "Locket", "Choker", "Pearl Necklace", "Tennis Necklace", "Cross Pendant"],
      brand: ["Pandora", "Tiffany & Co.", "Swarovski", "Monica Vinader", "Kendra Scott", "Mejuri", "Handmade"],
      length: ["16 inch", "18 inch", "20 inch", "24 inch"],
      // Only the named metals: "other" reads badly in a title.
      metal: ["gold", "gold", "silver", "silver", "silver", "platinum"],
    },
    titles: ["{brand} {^metal} {piece} {length}", "{brand} {piece}[ in {^metal}][ - {length} Chain]"],
    features: [
      "Clasp closes securely and the chain has no kinks.",
      "Hypoallergenic and tarnish resistant.",
      "Arrives in a gift box, ready to give.",
      "Delicate and elegant, perfect for everyday wear.",
    ],
  },
  // Home & Garden
  furniture: {
    weight: 1.2, medianUsd: 320, spread: 0.8, mix: GOODS,
    slots: {
      piece: ["Dining Table", "Armchair", "Bookcase", "Chest of Drawers", "Sofa", "Coffee Table", "Office Chair", "Bed Frame", "Sideboard", "Bar Stools (Set of 2)"],
      material: ["Solid Oak", "Walnut", "Teak", "Pine", "Leather", "Velvet", "Rattan", "Metal", "Reclaimed Wood"],
      era: ["Mid-Century Modern", "Vintage", "Scandinavian", "Industrial", "Antique Victorian", "Contemporary"],
      maker: ["IKEA", "West Elm", "Herman Miller", "Pottery Barn", "Ercol", "Habitat", "Restoration Hardware"],
    },
    titles: ["{era} {material} {piece}", "{maker} {material} {piece}[ - {era}]", "{era} {piece} in {material}[ by {maker}]"],
    features: [
      "Dimensions are listed in the photos; fits through a standard doorway.",
      "Pickup preferred because of the size, but it can be shipped by freight.",
    ],
    wear: [
      "Solid and sturdy, no wobble; a few small marks consistent with age.",
      "Lovely {material} grain, recently waxed.",
    ],
  },
  kitchen: {
    weight: 1.4, medianUsd: 150, spread: 0.7, mix: [0.6, 0.3, 0.1],
    products: { fields: ["brand", "model"], rows: [
      "KitchenAid|Artisan Stand Mixer 5 Qt", "Breville|Barista Express Espresso Machine", "Ninja|Foodi Air Fryer", "Vitamix|E310 Blender", "Instant Pot|Duo 7-in-1 6 Qt", "Nespresso|Vertuo Next",
      "De'Longhi|Magnifica S", "Le Creuset|Cast Iron Dutch Oven 5.5 Qt", "Cuisinart|Food Processor 14-Cup", "Smeg|Retro Kettle", "Dyson|Pure Cool Link", "All-Clad|D3 Stainless 10-Piece Cookware Set",
    ] },
    titles: ["{brand} {model}[ {color}]", "{brand} {model} - {color}[ - Barely Used]"],
    features: [
      "Stainless steel finish without dents or rust.",
      "All attachments and the manual are included.",
      "Dishwasher safe parts; powerful motor.",
    ],
    wear: [
      "Cleaned thoroughly and working like new.",
    ],
  },
  "garden-tools": {
    weight: 0.9, medianUsd: 120, spread: 0.8, mix: GOODS,
    products: { fields: ["brand", "model"], rows: [
      "Husqvarna|120 Mark II Chainsaw", "Stihl|FS 40 String Trimmer", "EGO|Power+ 56V Lawn Mower", "Ryobi|ONE+ 18V Hedge Trimmer", "DeWalt|20V MAX Leaf Blower", "Fiskars|Bypass Pruning Shears",
      "Bosch|Rotak 32 Lawnmower", "Greenworks|40V Cordless Chainsaw", "Kärcher|K4 Pressure Washer", "Spear & Jackson|Stainless Steel Digging Spade", "Gardena|Comfort Hose Reel",
    ] },
    titles: ["{brand} {model}", "{brand} {model}[ with Battery and Charger]"],
    features: [
      "Starts first time and runs smoothly.",
      "Battery and charger included.",
      "Lightweight and well balanced for long jobs.",
    ],
    wear: [
      "Stainless steel blades, recently sharpened.",
      "Used for one season only, stored in a dry garage.",
    ],
  },
  decor: {
    weight: 1.2, medianUsd: 45, spread: 0.8, mix: GOODS,
    slots: {
      piece: ["Table Lamp", "Wall Mirror", "Vase", "Throw Pillow Set", "Wall Clock", "Area Rug", "Candle Holders", "Framed Print", "Ceramic Planter"],
      style: ["Boho", "Mid-Century", "Vintage", "Farmhouse", "Art Deco", "Minimalist", "Moroccan"],
      material: ["Brass", "Ceramic", "Glass", "Rattan", "Wool", "Marble", "Handwoven Cotton"],
    },
    titles: ["{style} {material} {piece}[ {color}]", "{^piece} - {style} {material}[ Home Decor]"],
    features: [
      "Adds warmth to any living room or bedroom.",
      "Handmade, so every piece is slightly unique.",
      "Wrapped carefully in plenty of bubble wrap for the trip.",
    ],
    wear: [
      "Vintage find with lovely character.",
    ],
  },
  // Sporting Goods
  cycling: {
    weight: 1.2, medianUsd: 600, spread: 0.9, mix: GOODS,
    products: { fields: ["brand", "model"], rows: [
      "Trek|Domane AL 2 Road Bike", "Trek|Marlin 7 Mountain Bike", "Specialized|Allez Sport", "Specialized|Rockhopper Comp", "Giant|Escape 3 Hybrid", "Cannondale|Topstone Gravel Bike",
      "Brompton|C Line Folding Bike", "Canyon|Grizl CF SL Gravel Bike", "Scott|Spark 930 Mountain Bike", "Cervelo|Caledonia Road Bike", "Bianchi|Via Nirone 7", "Santa Cruz|Hightower Mountain Bike",
    ] },
    slots: { frameSize: ["XS", "S", "M", "M", "L", "XL", "52cm", "54cm", "56cm", "58cm"], wheel: ["700c", "29er", "27.5\"", "650b"] },
    titles: ["{brand} {model}[ Size {frameSize}][ {color}]", "{brand} {model} - {frameSize} Frame[ - {wheel}]"],
    features: [
      "Shifting is crisp and the wheels are true.",
      "Light aluminium frame with no dents or cracks.",
    ],
    wear: [
      "Recently serviced with a new chain and brake pads.",
      "Stored indoors, ridden mostly on weekends.",
    ],
  },
  fitness: {
    weight: 1.1, medianUsd: 150, spread: 0.9, mix: GOODS,
    products: { fields: ["brand", "model"], rows: [
      "Bowflex|SelectTech 552 Adjustable Dumbbells", "Peloton|Bike+", "Concept2|RowErg Model D", "Rogue|Ohio Power Bar", "NordicTrack|Commercial 1750 Treadmill", "Manduka|PRO Yoga Mat",
      "TRX|Home2 Suspension Trainer", "Theragun|Prime Massage Gun", "Fitbit|Charge 6", "Kettlebell Kings|Powder Coat Kettlebell 16kg", "Lululemon|The Mat 5mm",
    ] },
    titles: ["{brand} {model}", "{brand} {model}[ - Home Gym][ - Great Condition]"],
    features: [
      "Everything works as it should; assembly instructions included.",
      "Heavy item, local pickup available.",
      "Sweat-proof and easy to clean.",
    ],
    wear: [
      "Perfect for a home gym, barely used.",
    ],
  },
  camping: {
    weight: 1, medianUsd: 110, spread: 0.8, mix: GOODS,
    products: { fields: ["brand", "model"], rows: [
      "REI|Half Dome SL 2+ Tent", "MSR|Hubba Hubba NX 2-Person Tent", "Big Agnes|Copper Spur HV UL2", "Coleman|Sundome 4-Person Tent", "Osprey|Atmos AG 65 Backpack", "Deuter|Aircontact Lite 50+10",
      "Jetboil|Flash Cooking System", "Therm-a-Rest|NeoAir XLite Sleeping Pad", "Marmot|Trestles 30 Sleeping Bag", "Black Diamond|Spot 400 Headlamp", "Yeti|Tundra 45 Cooler", "Leatherman|Wave+ Multi-Tool",
    ] },
    titles: ["{brand} {model}[ {color}]", "{brand} {model} - Camping & Hiking[ - Lightweight]"],
    features: [
      "Lightweight and packs down small for backpacking.",
      "Waterproof seams, no tears or holes.",
      "Stainless steel hardware, no rust.",
    ],
    wear: [
      "Used on a few weekend trips, cleaned and dried before storage.",
    ],
  },
  // Toys & Hobbies
  "building-toys": {
    weight: 1.2, medianUsd: 85, spread: 0.8, mix: [0.5, 0.5, 0],
    products: { fields: ["brand", "model", "pieces"], rows: [
      "LEGO|Star Wars Millennium Falcon 75257|1353", "LEGO|Technic Lamborghini Sian 42115|3696", "LEGO|Creator Expert Taj Mahal 10256|5923", "LEGO|Harry Potter Hogwarts Castle 71043|6020",
      "LEGO|City Police Station 60316|668", "LEGO|Ideas Tree House 21318|3036", "LEGO|Botanical Bonsai Tree 10281|878", "LEGO|Icons Titanic 10294|9090", "Mega Bloks|Halo UNSC Warthog|466",
      "K'NEX|Thrill Rides Roller Coaster|578", "Playmobil|Pirate Ship 70411|120", "Magna-Tiles|Clear Colors 100 Piece Set|100",
    ] },
    titles: ["{brand} {model} ({pieces} pieces)", "{brand} {model}[ - Complete with Instructions][ - Retired Set]"],
    features: [
      "100% complete, checked against the instructions.",
      "A retired set that is getting hard to find.",
      "Includes the minifigures, stickers applied straight.",
    ],
    wear: [
      "Built once and displayed, no missing pieces.",
    ],
  },
  "model-trains": {
    weight: 0.5, medianUsd: 140, spread: 0.8, mix: PRELOVED,
    products: { fields: ["brand", "model"], rows: [
      "Hornby|Flying Scotsman Locomotive", "Bachmann|EMD GP40 Diesel", "Lionel|Polar Express Train Set", "Märklin|Digital Starter Set", "Athearn|SD70ACe Union Pacific", "Kato|Shinkansen N700A Set",
      "Graham Farish|Class 66 Diesel", "Walthers|Freight Car Kit", "Piko|BR 218 Diesel", "Roco|ÖBB Taurus Electric",
    ] },
    slots: { scale: ["HO", "HO", "OO", "N", "N", "O", "G", "Z", "TT"], era: ["DCC Ready", "DCC Sound", "Analog", "With Track"] },
    titles: ["{brand} {model} {scale} Scale[ {era}]", "{scale} Gauge {brand} {model}[ - Boxed]"],
    features: [
      "Original box and paperwork included.",
      "Rare collector's piece from a smoke-free layout room.",
      "Couplers and lights work perfectly.",
    ],
    wear: [
      "Runs smoothly in both directions, wheels cleaned.",
    ],
  },
  "board-games": {
    weight: 1, medianUsd: 40, spread: 0.6, mix: [0.45, 0.55, 0],
    slots: {
      game: ["Catan", "Ticket to Ride", "Wingspan", "Pandemic", "Carcassonne", "Gloomhaven", "Terraforming Mars", "Azul", "Scythe", "Codenames", "Monopoly Vintage Edition", "Dune: Imperium", "Root", "7 Wonders"],
      extra: ["Base Game", "with Expansion", "Collector's Edition", "Big Box", "Complete"],
    },
    titles: ["{game} Board Game {extra}", "{game}[ {extra}][ - Sleeved Cards]"],
    features: [
      "All pieces counted and present; cards are sleeved.",
      "Great family game night pick for 2 to 5 players.",
      "Beautiful artwork and sturdy components.",
    ],
    wear: [
      "Played only a couple of times, components are like new.",
      "Box has minor shelf wear, contents perfect.",
    ],
  },
  // Books
  fiction: {
    weight: 1.5, medianUsd: 14, spread: 0.7, mix: PRELOVED,
    slots: {
      work: ["The {adj} {noun}", "The {noun} of {place}", "A {noun} in {place}", "{adj} {noun}s", "The Last {noun}", "Where the {noun}s Go", "The {noun}'s Daughter"],
      adj: ["Silent", "Midnight", "Forgotten", "Golden", "Broken", "Hidden", "Burning", "Winter", "Crimson", "Drowned", "Paper"],
      noun: ["River", "Garden", "Lighthouse", "Orchard", "Storm", "Library", "Witness", "Clockmaker", "Cartographer", "Island", "Harbor", "Raven"],
      place: ["Salt", "Ashes", "Glass", "Lisbon", "the North", "Tangier", "Marrow Street", "the Valley"],
      author: ["{first} {last}", "{first} {last}", "{first} {initial}. {last}"],
      first: ["Elena", "James", "Amara", "Tobias", "Hana", "Marcus", "Leila", "Owen", "Sofia", "Daniel", "Ines", "Yusuf", "Clara", "Nathaniel"],
      initial: ["A", "J", "K", "L", "M", "R"],
      last: ["Whitmore", "Okafor", "Lindqvist", "Haddad", "Moreau", "Castellano", "Ashford", "Nakamura", "Brennan", "Sato", "Delacroix", "Harlow"],
      binding: ["Hardcover", "Paperback", "Hardcover First Edition", "Signed Hardcover", "Mass Market Paperback"],
      language: ["English", "English", "English", "English", "Spanish", "French", "German"],
    },
    titles: ["{work} by {author} ({binding})", "{work} - {author} - {binding}[ - {language}]"],
    features: [
      "A gripping novel that kept me reading late into the night.",
      "Dust jacket included and protected in a clear cover.",
      "Book club favourite, a sweeping story across three generations.",
    ],
    wear: [
      "Pages are clean with no highlighting or notes; the spine is intact.",
    ],
  },
  "non-fiction": {
    weight: 1.2, medianUsd: 18, spread: 0.7, mix: PRELOVED,
    slots: {
      work: ["The Science of {topic}", "A Short History of {topic}", "{topic}: A Practical Guide", "Thinking About {topic}", "The {topic} Handbook", "Mastering {topic}", "Why {topic} Matters"],
      topic: ["Sleep", "Money", "Gardening", "Photography", "Habits", "the Ocean", "Coffee", "Leadership", "Baking", "Ancient Rome", "Machine Learning", "Woodworking", "Stoicism"],
      author: ["{first} {last}", "Dr. {first} {last}", "{first} {last}"],
      first: ["Rachel", "David", "Priya", "Michael", "Fatima", "Robert", "Susan", "Kenji", "Laura", "Ahmed", "Grace"],
      last: ["Thompson", "Patel", "Greene", "Al-Sayed", "Fischer", "Murray", "Lowell", "Ferreira", "Kimura", "Hartley"],
      binding: ["Hardcover", "Paperback", "Paperback", "Illustrated Hardcover"],
    },
    titles: ["{work} by {author} ({binding})", "{work} - {author}[ - {binding}][ - Like New]"],
    features: [
      "An accessible and well researched read.",
      "Lots of full colour illustrations and diagrams.",
    ],
    wear: [
      "Clean copy with no markings, the spine is uncreased.",
      "Former library copy with the usual stamps.",
    ],
  },
  comics: {
    weight: 1, medianUsd: 25, spread: 0.9, mix: PRELOVED,
    slots: {
      series: ["Amazing Spider-Man", "Batman", "X-Men", "One Piece", "Naruto", "Saga", "Watchmen", "Attack on Titan", "Sandman", "Berserk", "Chainsaw Man", "Hellboy"],
      issue: ["#1", "#12", "#50", "#129", "#300", "Vol. 1", "Vol. 3", "Vol. 1-10 Set", "Omnibus"],
      grade: ["CGC 9.8", "CGC 9.4", "NM", "VF+", "Raw", "First Print"],
    },
    titles: ["{series} {issue}[ {grade}]", "{series} {issue} - {grade}[ - Key Issue]"],
    features: [
      "Bagged and boarded since purchase.",
      "Colours are bright, corners sharp, no creases.",
      "First printing, a key issue for collectors.",
    ],
    wear: [
      "Complete set in English, read once.",
    ],
  },
  // Music
  guitars: {
    weight: 1.2, medianUsd: 650, spread: 0.8, mix: GOODS,
    products: { fields: ["brand", "model", "type"], rows: [
      "Fender|Stratocaster Player Series|electric", "Fender|American Professional II Telecaster|electric", "Fender|Precision Bass|bass", "Fender|Jazz Bass Player Series|bass",
      "Gibson|Les Paul Standard '50s|electric", "Gibson|SG Standard|electric", "Gibson|J-45 Standard|acoustic", "Epiphone|Les Paul Classic|electric", "Squier|Classic Vibe '60s Stratocaster|electric",
      "Martin|D-28|acoustic", "Martin|D-15M|acoustic", "Taylor|214ce|acoustic", "Yamaha|FG800|acoustic", "Yamaha|C40 Classical|classical", "Cordoba|C5|classical", "Ibanez|RG550|electric",
      "PRS|SE Custom 24|electric", "Music Man|StingRay Bass|bass", "Gretsch|G2622 Streamliner|electric",
    ] },
    slots: { finish: ["Sunburst", "3-Tone Sunburst", "Olympic White", "Black", "Natural", "Cherry Red", "Sea Foam Green", "Tobacco Burst"] },
    titles: ["{brand} {model} {^type} Guitar {finish}", "{brand} {model}[ {^type}] - {finish}[ with Hard Case]"],
    features: [
      "Plays beautifully with a low action and no fret buzz.",
      "Comes with a gig bag, strap and a spare set of strings.",
    ],
    wear: [
      "Recently set up with new strings; electronics are clean with no crackle.",
      "Vintage tone with a few honest dings on the body.",
    ],
  },
  vinyl: {
    weight: 1.2, medianUsd: 28, spread: 0.8, mix: PRELOVED,
    products: { fields: ["artist", "album"], rows: [
      "Pink Floyd|The Dark Side of the Moon", "The Beatles|Abbey Road", "Fleetwood Mac|Rumours", "Miles Davis|Kind of Blue", "Radiohead|OK Computer", "Daft Punk|Random Access Memories",
      "Led Zeppelin|IV", "Taylor Swift|Folklore", "Nirvana|Nevermind", "Michael Jackson|Thriller", "Fairuz|Best Of", "Amy Winehouse|Back to Black", "Kendrick Lamar|To Pimp a Butterfly",
      "David Bowie|Hunky Dory", "Bob Marley|Legend", "Umm Kulthum|Enta Omri",
    ] },
    slots: { pressing: ["LP", "2xLP", "180g LP", "Original Pressing", "Reissue LP", "Limited Colored Vinyl"], grade: ["VG+", "NM", "EX", "VG"] },
    titles: ["{artist} - {album} {pressing}[ {grade}]", "{artist} {album} Vinyl {pressing}"],
    features: [
      "Original vintage pressing with the lyric insert.",
      "Pressed on heavyweight vinyl with the original artwork.",
    ],
    wear: [
      "Vinyl graded {grade}, plays with only light surface noise.",
      "Cleaned on a record cleaning machine, new inner sleeve.",
    ],
  },
  pianos: {
    weight: 0.7, medianUsd: 600, spread: 0.8, mix: GOODS,
    products: { fields: ["brand", "model", "keys"], rows: [
      "Yamaha|P-125 Digital Piano|88 Weighted Keys", "Yamaha|Clavinova CLP-735|88 Keys", "Roland|FP-30X Digital Piano|88 Weighted Keys", "Roland|Juno-DS61 Synthesizer|61 Keys",
      "Casio|Privia PX-S1100|88 Keys", "Korg|Minilogue XD Synthesizer|37 Keys", "Nord|Stage 3 88|88 Keys", "Kawai|ES120 Digital Piano|88 Weighted Keys", "Arturia|KeyLab 61 MkII MIDI Controller|61 Keys",
      "Novation|Launchkey 49 MIDI Keyboard|49 Keys", "Yamaha|PSR-E373 Portable Keyboard|61 Keys", "Korg|B2 Digital Piano|88 Keys",
    ] },
    titles: ["{brand} {model} {keys}", "{brand} {model}[ with Stand and Pedal][ - {color}]"],
    features: [
      "All keys play evenly, no sticking or dead notes.",
      "Includes the sustain pedal, stand and power adapter.",
      "Bluetooth audio and MIDI work with apps.",
      "Lovely hammer action that feels like an acoustic piano.",
    ],
  },
  // Health & Beauty
  fragrances: {
    weight: 1, medianUsd: 90, spread: 0.5, mix: SEALED,
    products: { fields: ["brand", "model"], rows: [
      "Chanel|No. 5 Eau de Parfum", "Chanel|Bleu de Chanel", "Dior|Sauvage Eau de Toilette", "Dior|Miss Dior", "Tom Ford|Oud Wood", "Creed|Aventus", "Yves Saint Laurent|Libre",
      "Giorgio Armani|Acqua di Gio", "Maison Margiela|Replica Jazz Club", "Lancome|La Vie Est Belle", "Jo Malone|Wood Sage & Sea Salt", "Amouage|Interlude Man", "Ajmal|Evoke",
    ] },
    slots: { volumeMl: [30, 50, 50, 75, 100, 100, 125, 200] },
    titles: ["{brand} {model} {volumeMl}ml", "{brand} {model} {volumeMl}ml Spray[ - Sealed]"],
    features: [
      "100% authentic, purchased from a department store.",
      "Long lasting with great projection.",
      "Comes in the original box.",
      "Warm woody notes with a hint of vanilla.",
    ],
  },
  "skin-care": {
    weight: 1, medianUsd: 35, spread: 0.6, mix: SEALED,
    products: { fields: ["brand", "model"], rows: [
      "La Roche-Posay|Cicaplast Baume B5", "CeraVe|Moisturizing Cream 16 oz", "The Ordinary|Niacinamide 10% + Zinc 1%", "Drunk Elephant|Protini Polypeptide Cream", "Clinique|Moisture Surge 72H",
      "SkinCeuticals|C E Ferulic", "Estee Lauder|Advanced Night Repair", "Kiehl's|Ultra Facial Cream", "Paula's Choice|2% BHA Liquid Exfoliant", "Sunday Riley|Good Genes", "COSRX|Snail Mucin Essence",
    ] },
    slots: { size: ["30ml", "50ml", "100ml", "Travel Size", "Full Size"] },
    titles: ["{brand} {model} {size}", "{brand} {model}[ {size}][ - New & Sealed]"],
    features: [
      "Fragrance free and suitable for sensitive skin.",
      "Expiry date is well over a year away.",
      "Full size, not a sample.",
      "Lightweight and absorbs quickly without feeling greasy.",
    ],
  },
  // Collectibles & Art
  coins: {
    weight: 0.8, medianUsd: 75, spread: 1.1, mix: PRELOVED,
    products: { fields: ["coin", "country", "year"], rows: [
      "Morgan Silver Dollar|United States|1881", "Morgan Silver Dollar|United States|1921", "Walking Liberty Half Dollar|United States|1942", "Mercury Dime|United States|1936",
      "Indian Head Penny|United States|1899", "Gold Sovereign|United Kingdom|1911", "Gold Sovereign|United Kingdom|1982", "Britannia Silver 1 oz|United Kingdom|2023", "Silver Maple Leaf|Canada|1988",
      "Silver Maple Leaf|Canada|2021", "Krugerrand 1 oz Gold|South Africa|1978", "Napoleon 20 Francs|France|1857", "Libertad 1 oz Silver|Mexico|1999", "American Silver Eagle|United States|1986",
    ] },
    slots: { grade: ["MS-65", "MS-63", "AU-58", "XF", "VF", "Proof", "BU"] },
    titles: ["{year} {coin} {grade}", "{year} {country} {coin}[ - {grade}][ - Certified]"],
    features: [
      "Stored in a protective capsule, never cleaned.",
      "Sharp strike with original luster.",
      "From a long-held family collection.",
      "Authenticity guaranteed.",
    ],
  },
  "trading-cards": {
    weight: 1.2, medianUsd: 45, spread: 1.2, mix: PRELOVED,
    products: { fields: ["game", "card"], rows: [
      "Pokemon|Charizard Base Set Holo", "Pokemon|Pikachu Illustrator Promo", "Pokemon|Umbreon VMAX Alt Art", "Pokemon|Booster Box Scarlet & Violet", "Magic: The Gathering|Black Lotus Unlimited",
      "Magic: The Gathering|Ragavan, Nimble Pilferer", "Magic: The Gathering|Sheoldred, the Apocalypse", "Yu-Gi-Oh!|Blue-Eyes White Dragon LOB 1st Edition", "Yu-Gi-Oh!|Dark Magician Girl",
      "Sports|Topps Chrome Shohei Ohtani Rookie", "Sports|Panini Prizm LeBron James", "One Piece|Monkey D. Luffy Leader Alt Art",
    ] },
    slots: { grade: ["PSA 10", "PSA 9", "BGS 9.5", "Near Mint", "Lightly Played", "Ungraded"] },
    titles: ["{game} {card} {grade}", "{card} - {game}[ - {grade}][ - Holo]"],
    features: [
      "Pulled straight into a sleeve and top loader.",
      "Centering is great and the corners are sharp.",
      "Graded slab with no scratches on the case.",
      "Shipped in a team bag between two pieces of cardboard.",
    ],
  },
  paintings: {
    weight: 0.7, medianUsd: 250, spread: 1.1, mix: PRELOVED,
    slots: {
      subject: ["Seascape", "Mountain Landscape", "Still Life with Flowers", "Abstract Composition", "Portrait of a Woman", "City at Night", "Desert Sunset", "Harbour Scene"],
      medium: ["Oil on Canvas", "Acrylic on Canvas", "Watercolour", "Gouache on Paper", "Mixed Media"],
      artist: ["{first} {last}", "Unknown Artist"],
      first: ["Henri", "Mariam", "Lucas", "Ingrid", "Omar", "Beatrice", "Thomas", "Aiko"],
      last: ["Duval", "Rahman", "Bergström", "Ellis", "Costa", "Vance", "Moreno"],
      framed: ["Framed", "Unframed", "in Gilt Frame"],
    },
    titles: ["{subject}, {medium}, by {artist}[ - {framed}]", "Original {medium} {subject}[ {framed}][ Signed]"],
    features: [
      "Original artwork, signed on the front and the back.",
      "Ready to hang with wire already fitted.",
      "Vibrant colours, kept out of direct sunlight.",
    ],
    wear: [
      "Vintage frame with small age marks that add character.",
    ],
  },
  // Baby & Kids
  strollers: {
    weight: 0.8, medianUsd: 320, spread: 0.6, mix: GOODS,
    products: { fields: ["brand", "model"], rows: [
      "UPPAbaby|Vista V2", "UPPAbaby|Cruz V2", "Bugaboo|Fox 3", "Bugaboo|Butterfly", "BabyZen|YOYO2", "Graco|Modes Travel System", "Baby Jogger|City Mini GT2", "Nuna|MIXX Next",
      "Thule|Urban Glide 2", "Joie|Versatrax", "Silver Cross|Wave",
    ] },
    titles: ["{brand} {model} Stroller[ {color}]", "{brand} {model}[ with Bassinet][ - {color}]"],
    features: [
      "Folds with one hand and fits in a small car boot.",
      "Comes with rain cover and cup holder.",
      "Smooth ride with all-wheel suspension.",
    ],
    wear: [
      "Fabrics washed, frame wiped down, no rips or stains.",
    ],
  },
  "kids-clothing": {
    weight: 1, medianUsd: 25, spread: 0.6, mix: GOODS, conditionNotes: WEARABLE_NOTES,
    slots: {
      brand: ["Carter's", "Gap Kids", "Zara Kids", "H&M", "Mini Boden", "Patagonia Kids", "Next", "Petit Bateau"],
      item: ["Winter Coat", "Dungarees", "Party Dress", "Hoodie", "Pyjama Set", "Rain Jacket", "Bundle of 10 Items", "School Uniform Set"],
      ageYears: [1, 2, 3, 4, 5, 6, 7, 8, 10, 12],
    },
    titles: ["{brand} {item} Age {ageYears}[ {color}]", "Kids' {brand} {item} - {ageYears} Years"],
    features: [
      "Soft cotton, machine washable.",
      "Warm and cosy for the colder months.",
      "Bright colours and easy snaps for quick changes.",
    ],
    wear: [
      "Outgrown quickly, lots of wear left.",
      "No stains, holes or fading.",
    ],
  },
  // Vehicle Parts
  "car-parts": {
    weight: 1.2, medianUsd: 140, spread: 0.9, mix: [0.55, 0.3, 0.15],
    products: { fields: ["make", "model"], rows: ["Toyota|Corolla", "Toyota|Camry", "Honda|Civic", "Honda|Accord", "Ford|F-150", "Ford|Focus", "BMW|3 Series E90", "Volkswagen|Golf Mk7", "Nissan|Patrol", "Chevrolet|Silverado", "Mercedes-Benz|C-Class W205", "Audi|A4 B8", "Mazda|MX-5 Miata"] },
    slots: {
      part: ["Headlight Assembly", "Brake Pads and Rotors Kit", "Alternator", "Side Mirror", "Radiator", "Alloy Wheels (Set of 4)", "Floor Mats", "Air Intake", "Tail Light", "Starter Motor"],
      fit: ["2012-2016", "2015-2020", "2008-2013", "2018-2023"],
      partBrand: ["OEM", "Bosch", "Brembo", "Denso", "K&N", "WeatherTech", "Genuine"],
    },
    titles: ["{partBrand} {part} for {make} {model} {fit}", "{make} {model} {fit} {part}[ - {partBrand}]"],
    features: [
      "Fits left and right side; check your part number before buying.",
      "Stainless steel hardware included.",
      "Direct bolt-on replacement, no modifications needed.",
    ],
    wear: [
      "Removed from a low mileage vehicle, tested working.",
    ],
  },
  "motorcycle-gear": {
    weight: 0.8, medianUsd: 180, spread: 0.7, mix: GOODS,
    slots: {
      brand: ["Alpinestars", "Dainese", "Shoei", "Arai", "AGV", "Rev'it!", "Icon", "Klim", "Bell"],
      item: ["Leather Jacket", "Full Face Helmet", "Textile Jacket", "Riding Gloves", "Riding Boots", "Armored Pants", "Modular Helmet"],
    },
    titles: ["{brand} {item} Size {size}[ {color}]", "{brand} Motorcycle {item} - {size}[ - CE Armor]"],
    features: [
      "CE approved armour in the shoulders, elbows and back.",
      "Thick cowhide leather with a removable thermal liner.",
      "Bluetooth intercom ready and very quiet at speed.",
    ],
    wear: [
      "Never been dropped or in an accident.",
    ],
  },
  // Pet Supplies
  dogs: {
    weight: 1, medianUsd: 35, spread: 0.8, mix: GOODS,
    slots: {
      brand: ["KONG", "Ruffwear", "PetSafe", "Kurgo", "Chuckit!", "Furbo", "Petmate", "Julius-K9"],
      item: ["Dog Harness", "Orthopedic Dog Bed", "Dog Crate", "Leather Dog Collar", "Treat Camera", "Travel Water Bottle", "Chew Toy Bundle", "Dog Car Seat Cover"],
      dogSize: ["Small", "Medium", "Large", "X-Large"],
    },
    titles: ["{brand} {item} {dogSize}[ {color}]", "{^dogSize} {item} by {brand}"],
    features: [
      "Durable and easy to clean.",
      "Adjustable fit with reflective stitching for night walks.",
      "Chew resistant and machine washable.",
    ],
    wear: [
      "Washed and ready for a new home; no chew marks.",
      "Our dog outgrew it after a few weeks.",
    ],
  },
  cats: {
    weight: 0.9, medianUsd: 30, spread: 0.8, mix: GOODS,
    slots: {
      brand: ["Catit", "Litter-Robot", "PetSafe", "Frisco", "Petlibro", "Trixie", "K&H"],
      item: ["Cat Tree Tower", "Self-Cleaning Litter Box", "Water Fountain", "Scratching Post", "Automatic Feeder", "Heated Cat Bed", "Cat Carrier"],
    },
    titles: ["{brand} {item}[ {color}]", "{item} - {brand}[ - Like New]"],
    features: [
      "Quiet pump and easy to refill.",
      "All parts included plus the manual.",
      "Easy to assemble, no tools needed.",
    ],
    wear: [
      "Cleaned and disinfected, from a smoke-free home.",
      "Sturdy base, our cats loved it.",
    ],
  },
  aquariums: {
    weight: 0.6, medianUsd: 120, spread: 0.8, mix: GOODS,
    products: { fields: ["brand", "model", "litres"], rows: [
      "Fluval|Flex Aquarium Kit|57", "Fluval|Spec V Desktop Aquarium|19", "Juwel|Rio 180|180", "Juwel|Lido 120|120", "Juwel|Vision 260|260", "Aqueon|LED Aquarium Kit|76",
      "Tetra|Complete Aquarium Kit|38", "Marineland|Portrait Glass Kit|19", "Waterbox|Clear 85.2|322", "biOrb|Classic 60|60", "Dennerle|Nano Cube 30|30",
    ] },
    titles: ["{brand} {model} {litres}L", "{brand} {model}[ - {litres} Litre][ with LED Light]"],
    features: [
      "Filter and heater included and working.",
      "Perfect for a planted tropical tank.",
      "Local pickup preferred for the glass tank.",
      "Quiet filtration and an energy saving LED light.",
    ],
    wear: [
      "Leak tested, glass is clear with no scratches.",
    ],
  },
};
