// Editing a listing: the sell form filled in with what the listing has now; only changed fields are sent.
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import type { Category, Listing } from "../../api/types";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { selectUser } from "../auth/auth-slice";
import { useCategories, type CategoryIndex } from "./categories";
import { FormInvalid, ListingForm } from "./listing-form";
import { buildListingChanges, listingFormFromListing, type ListingFormValues } from "./listing-form-values";
import type { ListingNotice } from "./listing-notice";

export function EditListingPage() {
  const { id = "" } = useParams();
  const user = useAppSelector(selectUser);
  const categories = useCategories();
  const { state, reload } = useApiData((signal) => api.listing(id, signal), [id]);

  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <CannotEdit title="Listing not found" text="This listing does not exist, or it is not yours to edit." />;
    return <LoadError message={state.message} onRetry={reload} />;
  }
  if (categories.state.status === "error") return <LoadError message={categories.state.message} onRetry={categories.retry} />;
  if (state.status === "loading" || categories.state.status === "loading") {
    return (
      <p className="loading" role="status">
        Loading the listing…
      </p>
    );
  }
  const listing = state.data;
  // Only the seller gets this far through the UI; an admin may edit through the API instead.
  if (user === null || user.id !== listing.sellerId) return <CannotEdit title="You cannot edit this listing" text="Only its seller can change a listing." listingId={listing.id} />;
  if (listing.status !== "draft" && listing.status !== "active") {
    return <CannotEdit title="This listing can no longer change" text={`It is ${listing.status}; ended and sold listings are kept as they were.`} listingId={listing.id} />;
  }
  return <EditForm listing={listing} index={categories.state.index} />;
}

function EditForm({ listing, index }: { listing: Listing; index: CategoryIndex }) {
  const navigate = useNavigate();
  const parentId = index.byId.get(listing.categoryId)?.parent?.id ?? listing.categoryId;
  const category: Category | undefined = index.byId.get(listing.categoryId)?.category;

  async function action(values: ListingFormValues): Promise<void> {
    const built = buildListingChanges(values, listing, category, new Date());
    if (!built.ok) throw new FormInvalid(built.errors);
    if (built.value !== null) await api.updateListing(listing.id, built.value);
    const notice: ListingNotice = { kind: "saved", photoFailures: [] };
    await navigate(`/listings/${listing.id}`, built.value === null ? {} : { state: { notice } });
  }

  return (
    <div className="sell-page">
      <title>{`Edit ${listing.title} · Mnbara`}</title>
      <header className="page-header">
        <h1>Edit listing</h1>
        <p className="lead">
          Changes show to buyers as soon as you save. Photos are managed on the <Link to={`/listings/${listing.id}`}>listing page</Link>.
        </p>
      </header>
      <ListingForm
        initial={listingFormFromListing(listing, parentId)}
        index={index}
        listing={listing}
        action={action}
        cancel={
          <Link to={`/listings/${listing.id}`} className="button button-link">
            Cancel
          </Link>
        }
      />
    </div>
  );
}

function CannotEdit({ title, text, listingId }: { title: string; text: string; listingId?: string }) {
  return (
    <section className="card narrow" aria-labelledby="cannot-edit-title">
      <title>{`${title} · Mnbara`}</title>
      <h1 id="cannot-edit-title">{title}</h1>
      <p>{text}</p>
      <p>{listingId === undefined ? <Link to="/me/listings">Your listings</Link> : <Link to={`/listings/${listingId}`}>Back to the listing</Link>}</p>
    </section>
  );
}
