// A place as four inputs (city, country, latitude, longitude), with a list of well-known cities that fills them in.
import { useState } from "react";
import type { Place } from "../../api/types";
import { SelectField } from "../../components/select-field";
import { TextField } from "../../components/text-field";
import { cityKey, findKnownCity, knownCities } from "./cities";
import { placeName } from "./crowdship-format";
import type { PlacePrefix } from "./crowdship-rules";

interface PlaceFieldsProps {
  prefix: PlacePrefix;
  legend: string;
  errors: Partial<Record<string, string>>;
  initial?: Place;
}

const emptyPlace = { city: "", country: "", lat: "", lng: "" };

export function PlaceFields({ prefix, legend, errors, initial }: PlaceFieldsProps) {
  const [known, setKnown] = useState(initial === undefined ? "" : cityKey(initial));
  const [place, setPlace] = useState(initial === undefined ? emptyPlace : { ...initial, lat: String(initial.lat), lng: String(initial.lng) });

  function choose(key: string): void {
    setKnown(key);
    const city = findKnownCity(key);
    if (city !== undefined) setPlace({ ...city, lat: String(city.lat), lng: String(city.lng) });
  }

  // Typing over a chosen city makes it a place of one's own.
  function edit(part: keyof typeof emptyPlace, value: string): void {
    setKnown("");
    setPlace((current) => ({ ...current, [part]: value }));
  }

  return (
    <fieldset className="place-fields">
      <legend>{legend}</legend>
      <SelectField label="Choose a city" name={`${prefix}Known`} value={known} onChange={(event) => choose(event.target.value)} hint="Pick a city to fill in the fields below, or type any place.">
        <option value="">Another place (type it below)</option>
        {knownCities.map((city) => (
          <option key={cityKey(city)} value={cityKey(city)}>
            {placeName(city)}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField label="City" name={`${prefix}City`} value={place.city} onChange={(event) => edit("city", event.target.value)} required markRequired autoComplete="off" error={errors[`${prefix}City`]} />
        <TextField
          label="Country code"
          name={`${prefix}Country`}
          value={place.country}
          onChange={(event) => edit("country", event.target.value)}
          required
          markRequired
          maxLength={2}
          autoComplete="off"
          hint="Two letters, like DE."
          error={errors[`${prefix}Country`]}
        />
      </div>
      <div className="field-row">
        <TextField label="Latitude" name={`${prefix}Lat`} value={place.lat} onChange={(event) => edit("lat", event.target.value)} inputMode="decimal" required markRequired autoComplete="off" error={errors[`${prefix}Lat`]} />
        <TextField label="Longitude" name={`${prefix}Lng`} value={place.lng} onChange={(event) => edit("lng", event.target.value)} inputMode="decimal" required markRequired autoComplete="off" error={errors[`${prefix}Lng`]} />
      </div>
    </fieldset>
  );
}
