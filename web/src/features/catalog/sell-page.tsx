// The sell page: list an item at a fixed price or as an auction, with photos; non-sellers are offered the seller role first.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { LoadError } from "../../components/load-error";
import { selectUser } from "../auth/auth-slice";
import { BecomeSeller } from "./become-seller";
import { useCategories } from "./categories";
import { FormInvalid, ListingForm, type SubmitIntent } from "./listing-form";
import { buildCreateListing, emptyListingForm, type ListingFormValues } from "./listing-form-values";
import { photosPerListingMax } from "./listing-rules";
import type { ListingNotice } from "./listing-notice";
import { PhotoPicker } from "./photo-picker";
import { uploadPhotos, usePickedPhotos, type UploadState } from "./picked-photos";
import { UploadProgress } from "./upload-progress";

export function SellPage() {
  const user = useAppSelector(selectUser);
  const navigate = useNavigate();
  const categories = useCategories();
  const picked = usePickedPhotos(photosPerListingMax);
  const [initial] = useState(() => emptyListingForm(new Date()));
  const [upload, setUpload] = useState<UploadState | null>(null);
  // Set when the API refused the listing for want of the seller role (e.g. the role was removed in another tab).
  const [roleRefused, setRoleRefused] = useState(false);
  // RequireAuth only renders this page with a session.
  if (user === null) return null;
  const isSeller = user.roles.includes("seller") || user.roles.includes("admin");

  async function action(values: ListingFormValues, intent: SubmitIntent): Promise<void> {
    if (categories.state.status !== "ready") return;
    const category = categories.state.index.byId.get(values.categoryId)?.category;
    const built = buildCreateListing(values, category, new Date(), intent !== "draft");
    if (!built.ok) throw new FormInvalid(built.errors);
    let listingId: string;
    try {
      listingId = (await api.createListing(built.value)).id;
    } catch (error) {
      if (error instanceof ApiError && error.code === "FORBIDDEN") setRoleRefused(true);
      throw error;
    }
    let outcome = { uploaded: 0, failures: [] as string[] };
    if (picked.photos.length > 0) {
      outcome = await uploadPhotos(listingId, picked.photos, setUpload);
      setUpload(null);
    }
    const notice: ListingNotice = { kind: intent === "draft" ? "draft-saved" : "published", photoFailures: outcome.failures };
    await navigate(`/listings/${listingId}`, { state: { notice } });
  }

  return (
    <div className="sell-page">
      <title>Sell an item · Mnbara</title>
      <header className="page-header">
        <h1>Sell an item</h1>
        <p className="lead">List it at a fixed price or put it up for auction. You can save a draft and publish later.</p>
      </header>
      {(!isSeller || roleRefused) && <BecomeSeller refused={roleRefused} onAdded={() => setRoleRefused(false)} />}
      {isSeller &&
        (categories.state.status === "ready" ? (
          <ListingForm
            initial={initial}
            index={categories.state.index}
            action={action}
            photos={<PhotoPicker photos={picked.photos} limit={photosPerListingMax} onAdd={picked.add} onRemove={picked.remove} disabled={upload !== null} />}
            progress={<UploadProgress state={upload} />}
            cancel={
              <Link to="/me/listings" className="button button-link">
                Cancel
              </Link>
            }
          />
        ) : categories.state.status === "error" ? (
          <LoadError message={categories.state.message} onRetry={categories.retry} />
        ) : (
          <p className="loading" role="status">
            Loading categories…
          </p>
        ))}
    </div>
  );
}
