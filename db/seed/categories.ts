// The marketplace's category tree: 16 top-level categories, two levels deep, each leaf with the attributes listings must give.
import type { AttributeDefinition } from "../catalog";

export interface CategorySeed {
  name: string;
  slug: string;
  attributes?: AttributeDefinition[];
  children?: CategorySeed[];
}

const brand = (required = true): AttributeDefinition => ({ name: "brand", type: "string", required });
const size = (options: string[]): AttributeDefinition => ({ name: "size", type: "enum", required: true, options });
const color: AttributeDefinition = { name: "color", type: "string", required: false };
const CLOTHING_SIZES = ["XS", "S", "M", "L", "XL", "XXL"];

export const CATEGORY_TREE: readonly CategorySeed[] = [
  {
    name: "Electronics", slug: "electronics", children: [
      { name: "Phones", slug: "phones", attributes: [brand(), { name: "storage", type: "enum", required: true, options: ["64GB", "128GB", "256GB", "512GB", "1TB"] }, color] },
      { name: "Laptops", slug: "laptops", attributes: [brand(), { name: "ramGb", type: "number", required: true }, { name: "screenInches", type: "number", required: false }] },
      { name: "Tablets", slug: "tablets", attributes: [brand(), { name: "storage", type: "enum", required: true, options: ["32GB", "64GB", "128GB", "256GB", "512GB"] }] },
      { name: "Headphones", slug: "headphones", attributes: [brand(), { name: "type", type: "enum", required: false, options: ["over-ear", "on-ear", "in-ear"] }] },
      { name: "Smartwatches", slug: "smartwatches", attributes: [brand(), color] },
    ],
  },
  {
    name: "Computers & Accessories", slug: "computers", children: [
      { name: "Monitors", slug: "monitors", attributes: [brand(), { name: "screenInches", type: "number", required: true }] },
      { name: "Keyboards & Mice", slug: "keyboards-mice", attributes: [brand(false)] },
      { name: "Components", slug: "components", attributes: [brand(), { name: "component", type: "enum", required: true, options: ["CPU", "GPU", "RAM", "SSD", "Motherboard", "PSU"] }] },
      { name: "Networking", slug: "networking", attributes: [brand(false)] },
    ],
  },
  {
    name: "Cameras & Photo", slug: "cameras", children: [
      { name: "Digital Cameras", slug: "digital-cameras", attributes: [brand(), { name: "megapixels", type: "number", required: false }] },
      { name: "Lenses", slug: "lenses", attributes: [brand(), { name: "mount", type: "string", required: true }] },
      { name: "Drones", slug: "drones", attributes: [brand()] },
    ],
  },
  {
    name: "Video Games & Consoles", slug: "gaming", children: [
      { name: "Consoles", slug: "consoles", attributes: [{ name: "platform", type: "enum", required: true, options: ["PlayStation", "Xbox", "Nintendo", "PC handheld", "Retro"] }] },
      { name: "Games", slug: "games", attributes: [{ name: "platform", type: "enum", required: true, options: ["PlayStation", "Xbox", "Nintendo", "PC"] }] },
      { name: "Controllers", slug: "controllers", attributes: [brand(false)] },
    ],
  },
  {
    name: "Women's Fashion", slug: "womens-fashion", children: [
      { name: "Dresses", slug: "dresses", attributes: [brand(false), size(CLOTHING_SIZES), color] },
      { name: "Handbags", slug: "handbags", attributes: [brand(), color] },
      { name: "Women's Shoes", slug: "womens-shoes", attributes: [brand(false), { name: "euSize", type: "number", required: true }] },
    ],
  },
  {
    name: "Men's Fashion", slug: "mens-fashion", children: [
      { name: "Jackets & Coats", slug: "jackets", attributes: [brand(false), size(CLOTHING_SIZES), color] },
      { name: "Men's Shoes", slug: "mens-shoes", attributes: [brand(false), { name: "euSize", type: "number", required: true }] },
      { name: "Watches", slug: "watches", attributes: [brand(), { name: "movement", type: "enum", required: false, options: ["automatic", "quartz", "manual"] }] },
    ],
  },
  {
    name: "Jewellery", slug: "jewellery", children: [
      { name: "Rings", slug: "rings", attributes: [{ name: "metal", type: "enum", required: true, options: ["gold", "silver", "platinum", "other"] }] },
      { name: "Necklaces", slug: "necklaces", attributes: [{ name: "metal", type: "enum", required: false, options: ["gold", "silver", "platinum", "other"] }] },
    ],
  },
  {
    name: "Home & Garden", slug: "home-garden", children: [
      { name: "Furniture", slug: "furniture", attributes: [{ name: "material", type: "string", required: false }] },
      { name: "Kitchen Appliances", slug: "kitchen", attributes: [brand()] },
      { name: "Garden Tools", slug: "garden-tools", attributes: [brand(false)] },
      { name: "Home Decor", slug: "decor" },
    ],
  },
  {
    name: "Sporting Goods", slug: "sports", children: [
      { name: "Cycling", slug: "cycling", attributes: [brand(false), { name: "frameSize", type: "string", required: false }] },
      { name: "Fitness", slug: "fitness", attributes: [brand(false)] },
      { name: "Camping & Hiking", slug: "camping", attributes: [brand(false)] },
    ],
  },
  {
    name: "Toys & Hobbies", slug: "toys", children: [
      { name: "Building Toys", slug: "building-toys", attributes: [brand(), { name: "pieces", type: "number", required: false }] },
      { name: "Model Trains", slug: "model-trains", attributes: [{ name: "scale", type: "string", required: true }] },
      { name: "Board Games", slug: "board-games" },
    ],
  },
  {
    name: "Books", slug: "books", children: [
      { name: "Fiction", slug: "fiction", attributes: [{ name: "author", type: "string", required: true }, { name: "language", type: "string", required: false }] },
      { name: "Non-fiction", slug: "non-fiction", attributes: [{ name: "author", type: "string", required: true }] },
      { name: "Comics & Manga", slug: "comics" },
    ],
  },
  {
    name: "Music", slug: "music", children: [
      { name: "Guitars", slug: "guitars", attributes: [brand(), { name: "type", type: "enum", required: true, options: ["electric", "acoustic", "bass", "classical"] }] },
      { name: "Vinyl Records", slug: "vinyl", attributes: [{ name: "artist", type: "string", required: true }] },
      { name: "Keyboards & Pianos", slug: "pianos", attributes: [brand()] },
    ],
  },
  {
    name: "Health & Beauty", slug: "beauty", children: [
      { name: "Fragrances", slug: "fragrances", attributes: [brand(), { name: "volumeMl", type: "number", required: true }] },
      { name: "Skin Care", slug: "skin-care", attributes: [brand()] },
    ],
  },
  {
    name: "Collectibles & Art", slug: "collectibles", children: [
      { name: "Coins", slug: "coins", attributes: [{ name: "year", type: "number", required: false }, { name: "country", type: "string", required: false }] },
      { name: "Trading Cards", slug: "trading-cards", attributes: [{ name: "game", type: "string", required: true }] },
      { name: "Paintings", slug: "paintings", attributes: [{ name: "artist", type: "string", required: false }] },
    ],
  },
  {
    name: "Baby & Kids", slug: "baby", children: [
      { name: "Strollers", slug: "strollers", attributes: [brand()] },
      { name: "Kids' Clothing", slug: "kids-clothing", attributes: [{ name: "ageYears", type: "number", required: true }] },
    ],
  },
  {
    name: "Vehicle Parts", slug: "vehicle-parts", children: [
      { name: "Car Parts", slug: "car-parts", attributes: [{ name: "make", type: "string", required: true }, { name: "model", type: "string", required: false }] },
      { name: "Motorcycle Gear", slug: "motorcycle-gear", attributes: [brand(false), size(CLOTHING_SIZES)] },
    ],
  },
  {
    name: "Pet Supplies", slug: "pets", children: [
      { name: "Dog Supplies", slug: "dogs" },
      { name: "Cat Supplies", slug: "cats" },
      { name: "Aquariums", slug: "aquariums", attributes: [{ name: "litres", type: "number", required: false }] },
    ],
  },
];

export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  path: string;
  position: number;
  attributes: AttributeDefinition[];
}

/** Flattens the tree into rows with stable ids ("cat_electronics_phones"), so reseeding updates instead of duplicating. */
export function categoryRows(): CategoryRow[] {
  const rows: CategoryRow[] = [];
  CATEGORY_TREE.forEach((top, topIndex) => {
    const topId = `cat_${top.slug.replaceAll("-", "_")}`;
    rows.push({ id: topId, parentId: null, name: top.name, slug: top.slug, path: top.slug, position: topIndex, attributes: top.attributes ?? [] });
    (top.children ?? []).forEach((child, childIndex) => {
      rows.push({
        id: `${topId}__${child.slug.replaceAll("-", "_")}`,
        parentId: topId,
        name: child.name,
        slug: child.slug,
        path: `${top.slug}/${child.slug}`,
        position: childIndex,
        attributes: child.attributes ?? [],
      });
    });
  });
  return rows;
}
