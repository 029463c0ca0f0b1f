// The listing form shared by selling and editing: category and its attributes, item, price or auction terms, shipping.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { Category, Condition, Listing, ListingFormat } from "../../api/types";
import { CheckboxField } from "../../components/checkbox-field";
import { ErrorAlert } from "../../components/error-alert";
import { placeFieldErrors } from "../../components/place-field-errors";
import { RadioGroup } from "../../components/radio-group";
import { SelectField } from "../../components/select-field";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { attributeLabel } from "./attribute-label";
import type { CategoryIndex } from "./categories";
import { countryOptions } from "./countries";
import { listingErrorAlias, listingFieldKeys, toDateTimeLocal, type FieldErrors, type ListingFormValues } from "./listing-form-values";
import { auctionMaxDurationSeconds, conditionLabels, descriptionLengthMax, quantityMax, softCloseSecondsMax, titleLengthMax } from "./listing-rules";
import { amountText, currencies, currencyExponent } from "./money";

export type SubmitIntent = "publish" | "draft" | "save";

/** Thrown by a form's action when its own checks fail, so the messages land beside the fields. */
export class FormInvalid extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("The form has errors.");
  }
}

interface ListingFormProps {
  initial: ListingFormValues;
  index: CategoryIndex;
  // Set when editing: category, format, condition and currency are fixed, auction terms too once bid on.
  listing?: Listing;
  action: (values: ListingFormValues, intent: SubmitIntent) => Promise<void>;
  // The photo picker when creating; it sits between the item and its price.
  photos?: ReactNode;
  // Shown above the buttons while the action runs, e.g. upload progress.
  progress?: ReactNode;
  cancel?: ReactNode;
}

const conditionOptions = (Object.keys(conditionLabels) as Condition[]).map((value) => ({ value, label: conditionLabels[value] }));
const formatOptions = [
  { value: "fixed", label: "Fixed price", description: "Buyers pay the price you set." },
  { value: "auction", label: "Auction", description: "Buyers bid until the end time; the highest bid wins." },
] as const satisfies readonly { value: ListingFormat; label: string; description: string }[];
const closeModeOptions = [
  { value: "hard", label: "Hard close", description: "Ends exactly at the end time." },
  { value: "soft", label: "Soft close", description: "A late bid extends the end, so nobody wins by sniping." },
] as const;

export function ListingForm({ initial, index, listing, action, photos, progress, cancel }: ListingFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState<SubmitIntent | null>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);
  const editing = listing !== undefined;
  const termsLocked = (listing?.auction?.bidCount ?? 0) > 0;

  // After a failed attempt, move focus to the first field to fix, or else to the alert.
  useEffect(() => {
    if (failedAttempts === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [failedAttempts]);

  const topCategory = index.byId.get(values.topCategoryId)?.category;
  const leaf = index.byId.get(values.categoryId)?.category;
  const set = <K extends keyof ListingFormValues>(field: K, value: ListingFormValues[K]) => setValues((current) => ({ ...current, [field]: value }));
  const exponent = currencyExponent(values.currency);
  const amountHint = `In ${values.currency}, e.g. ${amountText(1250, values.currency)}${exponent === 0 ? " (no decimals)" : ""}.`;

  function chooseTopCategory(id: string): void {
    const top = index.byId.get(id)?.category;
    const children = top?.children ?? [];
    // A top-level category without children is itself the leaf.
    const onlyLeaf = top !== undefined && children.length === 0 ? top.id : "";
    setValues((current) => ({ ...current, topCategoryId: id, categoryId: onlyLeaf, attributes: keepAttributes(current.attributes, index.byId.get(onlyLeaf)?.category) }));
  }

  function chooseLeaf(id: string): void {
    setValues((current) => ({ ...current, categoryId: id, attributes: keepAttributes(current.attributes, index.byId.get(id)?.category) }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending !== null) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const intent: SubmitIntent = submitter instanceof HTMLButtonElement && submitter.value === "draft" ? "draft" : editing ? "save" : "publish";
    setPending(intent);
    setErrors({});
    setAlert(null);
    try {
      await action(values, intent);
    } catch (error) {
      if (error instanceof FormInvalid) {
        setErrors(error.fieldErrors);
      } else {
        const keys = [...listingFieldKeys, ...(leaf?.attributes ?? []).map((definition) => `attributes.${definition.name}`)];
        const placed = placeFieldErrors(error, keys, listingErrorAlias);
        setErrors(placed.fieldErrors);
        setAlert(placed.alert);
      }
      setFailedAttempts((count) => count + 1);
    } finally {
      setPending(null);
    }
  }

  const errorCount = Object.keys(errors).length;
  const now = new Date();
  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate className="listing-form" aria-busy={pending !== null}>
      <p className="form-note">Fields marked * are required.</p>
      <ErrorAlert message={alert} />
      {errorCount > 0 && alert === null && (
        <p className="form-summary" role="alert">
          {errorCount === 1 ? "One field needs attention." : `${errorCount} fields need attention.`}
        </p>
      )}

      <section className="card form-section" aria-labelledby="item-section-title">
        <h2 id="item-section-title">The item</h2>
        <div className="field-row">
          <SelectField
            label="Category"
            name="topCategoryId"
            value={values.topCategoryId}
            onChange={(event) => chooseTopCategory(event.target.value)}
            required
            markRequired
            disabled={editing}
            error={values.topCategoryId === "" ? errors.categoryId : undefined}
          >
            <option value="">Choose a category…</option>
            {index.tree.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Subcategory"
            name="categoryId"
            value={values.categoryId}
            onChange={(event) => chooseLeaf(event.target.value)}
            required
            markRequired
            disabled={editing || topCategory === undefined || (topCategory.children ?? []).length === 0}
            error={values.topCategoryId === "" ? undefined : errors.categoryId}
            hint={editing ? "The category cannot change once listed." : undefined}
          >
            <option value="">{topCategory === undefined ? "Choose a category first" : "Choose a subcategory…"}</option>
            {(topCategory?.children ?? []).map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          label="Title"
          name="title"
          value={values.title}
          onChange={(event) => set("title", event.target.value)}
          required
          markRequired
          maxLength={titleLengthMax}
          hint={`What buyers search for: brand, model, size. ${values.title.trim().length}/${titleLengthMax} characters.`}
          error={errors.title}
        />
        <RadioGroup
          legend="Condition"
          name="condition"
          options={conditionOptions}
          value={values.condition}
          onChange={(condition) => set("condition", condition)}
          required
          disabled={editing}
          hint={editing ? "The condition cannot change once listed." : undefined}
          error={errors.condition}
        />
        {leaf !== undefined && leaf.attributes.length > 0 && (
          <fieldset className="attribute-fields">
            <legend>{leaf.name} details</legend>
            <div className="field-grid">
              {leaf.attributes.map((definition) => (
                <AttributeField
                  key={definition.name}
                  definition={definition}
                  value={values.attributes[definition.name] ?? ""}
                  onChange={(value) => set("attributes", { ...values.attributes, [definition.name]: value })}
                  error={errors[`attributes.${definition.name}`]}
                />
              ))}
            </div>
          </fieldset>
        )}
        <TextareaField
          label="Description"
          name="description"
          value={values.description}
          onChange={(event) => set("description", event.target.value)}
          required
          markRequired
          rows={7}
          maxLength={descriptionLengthMax}
          hint="Condition details, what is included, any flaws. Line breaks are kept."
          error={errors.description}
        />
      </section>

      {photos !== undefined && (
        <section className="card form-section" aria-labelledby="photos-section-title">
          <h2 id="photos-section-title">Photos</h2>
          {photos}
        </section>
      )}

      <section className="card form-section" aria-labelledby="price-section-title">
        <h2 id="price-section-title">Price and format</h2>
        <RadioGroup
          legend="Format"
          name="format"
          options={formatOptions}
          value={values.format}
          onChange={(format) => set("format", format)}
          required
          markRequired={false}
          disabled={editing}
          variant="cards"
          error={errors.format}
        />
        <div className="field-row">
          <SelectField
            label="Currency"
            name="currency"
            value={values.currency}
            onChange={(event) => set("currency", event.target.value)}
            disabled={editing}
            error={errors.currency}
          >
            {currencies.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </SelectField>
          {values.format === "fixed" ? (
            <TextField
              label="Price"
              name="price"
              inputMode="decimal"
              autoComplete="off"
              value={values.price}
              onChange={(event) => set("price", event.target.value)}
              required
              markRequired
              hint={amountHint}
              error={errors.price}
            />
          ) : (
            <TextField
              label="Starting price"
              name="startPrice"
              inputMode="decimal"
              autoComplete="off"
              value={values.startPrice}
              onChange={(event) => set("startPrice", event.target.value)}
              required
              markRequired
              disabled={termsLocked}
              hint={amountHint}
              error={errors["auction.startPrice"]}
            />
          )}
          <TextField
            label="Quantity"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={quantityMax}
            step={1}
            value={values.format === "auction" ? "1" : values.quantity}
            onChange={(event) => set("quantity", event.target.value)}
            required
            markRequired
            readOnly={values.format === "auction"}
            aria-readonly={values.format === "auction" ? true : undefined}
            hint={values.format === "auction" ? "An auction sells exactly one item." : "How many identical items you have."}
            error={errors.quantity}
          />
        </div>
        {values.format === "auction" && (
          <fieldset className="auction-fields" disabled={termsLocked}>
            <legend>Auction terms</legend>
            {termsLocked && <p className="field-hint">The terms cannot change now that the auction has bids.</p>}
            <div className="field-row">
              <TextField
                label="Reserve price (optional)"
                name="reservePrice"
                inputMode="decimal"
                autoComplete="off"
                value={values.reservePrice}
                onChange={(event) => set("reservePrice", event.target.value)}
                hint="The item does not sell below this. Bidders only see that there is one."
                error={errors["auction.reservePrice"]}
              />
              <TextField
                label="Buy It Now price (optional)"
                name="buyItNowPrice"
                inputMode="decimal"
                autoComplete="off"
                value={values.buyItNowPrice}
                onChange={(event) => set("buyItNowPrice", event.target.value)}
                hint="Lets a buyer end the auction at once by paying this."
                error={errors["auction.buyItNowPrice"]}
              />
            </div>
            <TextField
              label="Ends at"
              name="endsAt"
              type="datetime-local"
              value={values.endsAt}
              onChange={(event) => set("endsAt", event.target.value)}
              min={toDateTimeLocal(now)}
              max={toDateTimeLocal(new Date(now.getTime() + auctionMaxDurationSeconds * 1000))}
              required
              markRequired
              hint={`Your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone}). At most 30 days from now.`}
              error={errors["auction.endsAt"]}
            />
            <RadioGroup
              legend="Closing"
              name="closeMode"
              options={closeModeOptions}
              value={values.closeMode}
              onChange={(closeMode) => set("closeMode", closeMode)}
              variant="cards"
              error={errors["auction.closeMode"]}
            />
            {values.closeMode === "soft" && (
              <TextField
                label="Extension window (seconds)"
                name="softCloseSeconds"
                type="number"
                inputMode="numeric"
                min={1}
                max={softCloseSecondsMax}
                value={values.softCloseSeconds}
                onChange={(event) => set("softCloseSeconds", event.target.value)}
                hint="A bid this close to the end pushes the end this far past the bid."
                error={errors["auction.softCloseSeconds"]}
              />
            )}
          </fieldset>
        )}
      </section>

      <section className="card form-section" aria-labelledby="shipping-section-title">
        <h2 id="shipping-section-title">Shipping</h2>
        <p className="section-lead">Optional. Leave it empty if buyers collect or you arrange delivery yourself.</p>
        <div className="field-row">
          <SelectField
            label="Ships from"
            name="shipsFromCountry"
            value={values.shipsFromCountry}
            onChange={(event) => set("shipsFromCountry", event.target.value)}
            error={errors["shipping.shipsFrom.country"]}
          >
            <option value="">Choose a country…</option>
            {countryOptions().map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="City (optional)"
            name="shipsFromCity"
            autoComplete="address-level2"
            value={values.shipsFromCity}
            onChange={(event) => set("shipsFromCity", event.target.value)}
            error={errors["shipping.shipsFrom.city"]}
          />
        </div>
        <CheckboxField label="Ships worldwide" name="worldwide" checked={values.worldwide} onChange={(event) => set("worldwide", event.target.checked)} />
        {!values.worldwide && (
          <TextField
            label="Ships to"
            name="regions"
            autoComplete="off"
            value={values.regions}
            onChange={(event) => set("regions", event.target.value)}
            hint="Two-letter country codes separated by commas, e.g. AE, SA, KW."
            error={errors["shipping.regions"]}
          />
        )}
        <TextField
          label="Shipping cost"
          name="shippingCost"
          inputMode="decimal"
          autoComplete="off"
          value={values.shippingCost}
          onChange={(event) => set("shippingCost", event.target.value)}
          hint={`${amountHint} Enter 0 for free shipping.`}
          error={errors["shipping.cost"]}
        />
        <CheckboxField
          label="Offer crowdshipping"
          name="crowdshipEligible"
          checked={values.crowdshipEligible}
          onChange={(event) => set("crowdshipEligible", event.target.checked)}
          hint="Travellers already heading to the buyer can carry it for a reward."
          error={errors.crowdshipEligible}
        />
      </section>

      {progress}
      <div className="actions form-actions">
        {editing ? (
          <button type="submit" value="save" className="button button-primary" disabled={pending !== null} aria-busy={pending === "save"}>
            {pending === "save" ? "Saving…" : "Save changes"}
          </button>
        ) : (
          <>
            <button type="submit" value="publish" className="button button-primary" disabled={pending !== null} aria-busy={pending === "publish"}>
              {pending === "publish" ? "Publishing…" : "Publish"}
            </button>
            <button type="submit" value="draft" className="button button-secondary" disabled={pending !== null} aria-busy={pending === "draft"}>
              {pending === "draft" ? "Saving draft…" : "Save draft"}
            </button>
          </>
        )}
        {cancel}
      </div>
    </form>
  );
}

function AttributeField({
  definition,
  value,
  onChange,
  error,
}: {
  definition: Category["attributes"][number];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const label = attributeLabel(definition.name);
  const name = `attributes.${definition.name}`;
  if (definition.type === "enum") {
    return (
      <SelectField label={label} name={name} value={value} onChange={(event) => onChange(event.target.value)} required={definition.required} markRequired={definition.required} error={error}>
        <option value="">{definition.required ? "Choose…" : "Not specified"}</option>
        {(definition.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <TextField
      label={label}
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required={definition.required}
      markRequired={definition.required}
      autoComplete="off"
      {...(definition.type === "number" ? { type: "number", inputMode: "decimal" as const, step: "any" } : { maxLength: 200 })}
      error={error}
    />
  );
}

// Values typed for attributes the new category also has (brand, colour…) survive a change of category.
function keepAttributes(current: Record<string, string>, category: Category | undefined): Record<string, string> {
  const names = new Set((category?.attributes ?? []).map((definition) => definition.name));
  return Object.fromEntries(Object.entries(current).filter(([name]) => names.has(name)));
}
