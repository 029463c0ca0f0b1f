// Well-known cities with their coordinates, so a trip or request can be placed without typing latitude and longitude.
import type { Place } from "../../api/types";

// City centres (WGS 84, 4 decimals ≈ 10 m); anywhere else is entered by hand.
export const knownCities: readonly Place[] = [
  { city: "Amsterdam", country: "NL", lat: 52.3676, lng: 4.9041 },
  { city: "Athens", country: "GR", lat: 37.9838, lng: 23.7275 },
  { city: "Bangkok", country: "TH", lat: 13.7563, lng: 100.5018 },
  { city: "Barcelona", country: "ES", lat: 41.3874, lng: 2.1686 },
  { city: "Berlin", country: "DE", lat: 52.52, lng: 13.405 },
  { city: "Cairo", country: "EG", lat: 30.0444, lng: 31.2357 },
  { city: "Casablanca", country: "MA", lat: 33.5731, lng: -7.5898 },
  { city: "Doha", country: "QA", lat: 25.2854, lng: 51.531 },
  { city: "Dubai", country: "AE", lat: 25.2048, lng: 55.2708 },
  { city: "Hong Kong", country: "HK", lat: 22.3193, lng: 114.1694 },
  { city: "Istanbul", country: "TR", lat: 41.0082, lng: 28.9784 },
  { city: "Jeddah", country: "SA", lat: 21.4858, lng: 39.1925 },
  { city: "Johannesburg", country: "ZA", lat: -26.2041, lng: 28.0473 },
  { city: "Kuwait City", country: "KW", lat: 29.3759, lng: 47.9774 },
  { city: "Lagos", country: "NG", lat: 6.5244, lng: 3.3792 },
  { city: "London", country: "GB", lat: 51.5072, lng: -0.1276 },
  { city: "Los Angeles", country: "US", lat: 34.0522, lng: -118.2437 },
  { city: "Madrid", country: "ES", lat: 40.4168, lng: -3.7038 },
  { city: "Mexico City", country: "MX", lat: 19.4326, lng: -99.1332 },
  { city: "Mumbai", country: "IN", lat: 19.076, lng: 72.8777 },
  { city: "Nairobi", country: "KE", lat: -1.2921, lng: 36.8219 },
  { city: "New York", country: "US", lat: 40.7128, lng: -74.006 },
  { city: "Paris", country: "FR", lat: 48.8566, lng: 2.3522 },
  { city: "Riyadh", country: "SA", lat: 24.7136, lng: 46.6753 },
  { city: "Rome", country: "IT", lat: 41.9028, lng: 12.4964 },
  { city: "São Paulo", country: "BR", lat: -23.5558, lng: -46.6396 },
  { city: "Seoul", country: "KR", lat: 37.5665, lng: 126.978 },
  { city: "Singapore", country: "SG", lat: 1.3521, lng: 103.8198 },
  { city: "Sydney", country: "AU", lat: -33.8688, lng: 151.2093 },
  { city: "Tokyo", country: "JP", lat: 35.6762, lng: 139.6503 },
  { city: "Toronto", country: "CA", lat: 43.6532, lng: -79.3832 },
];

/** The select's value for a known city: its name and country, unique in the list above. */
export function cityKey(place: Pick<Place, "city" | "country">): string {
  return `${place.city}|${place.country}`;
}

export function findKnownCity(key: string): Place | undefined {
  return knownCities.find((place) => cityKey(place) === key);
}
