// The seller's photo manager on their listing page: remove photos, add more (checked, then uploaded one at a time).
import { useId, useState, type ChangeEvent } from "react";
import { api } from "../../app/api";
import type { Listing } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { photoBytesMax, photoContentTypes, photosPerListingMax } from "./listing-rules";
import { checkPhoto, formatBytes } from "./photo-files";
import { uploadPhotos, type UploadState } from "./picked-photos";
import { UploadProgress } from "./upload-progress";

interface PhotoManagerProps {
  listing: Listing;
  // Called after any change so the page shows the listing as the API now has it.
  onChanged: () => void;
}

export function PhotoManager({ listing, onChanged }: PhotoManagerProps) {
  const inputId = useId();
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const room = photosPerListingMax - listing.images.length;
  const busy = upload !== null || removing !== null;

  async function onChoose(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = "";
    setAlert(null);
    const refused: string[] = [];
    const accepted: { file: File; contentType: string }[] = [];
    for (const file of files) {
      const check = await checkPhoto(file);
      if (check.ok) accepted.push({ file, contentType: check.contentType });
      else refused.push(check.message);
    }
    if (accepted.length > room) refused.push(`A listing can have at most ${photosPerListingMax} photos; ${accepted.length - room} were left out.`);
    const toSend = accepted.slice(0, Math.max(0, room));
    if (toSend.length > 0) {
      const outcome = await uploadPhotos(listing.id, toSend, setUpload);
      setUpload(null);
      refused.push(...outcome.failures);
      onChanged();
    }
    setProblems(refused);
  }

  async function remove(imageId: string): Promise<void> {
    setRemoving(imageId);
    setAlert(null);
    try {
      await api.deleteListingImage(listing.id, imageId);
      onChanged();
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <section className="card photo-manager" aria-labelledby="photo-manager-title">
      <h2 id="photo-manager-title">Manage photos</h2>
      <ErrorAlert message={alert} />
      {listing.images.length === 0 ? (
        <p className="muted">No photos yet. Listings with photos get far more attention.</p>
      ) : (
        <ul className="photo-grid" aria-label="Listing photos">
          {listing.images.map((image, index) => (
            <li key={image.id} className="photo-tile">
              <img src={image.url} alt={`Photo ${index + 1}`} />
              <div className="photo-tile-bar">
                <span className="photo-tile-name">{index === 0 ? "Main" : formatBytes(image.bytes)}</span>
                <button
                  type="button"
                  className="button button-link button-tiny"
                  onClick={() => void remove(image.id)}
                  disabled={busy}
                  aria-label={`Remove photo ${index + 1}`}
                >
                  {removing === image.id ? "Removing…" : "Remove"}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>Add photos</label>
        <p id={`${inputId}-hint`} className="field-hint">
          {room > 0
            ? `Up to ${room} more: JPEG, PNG or WebP, ${formatBytes(photoBytesMax)} each.`
            : `This listing has the most photos allowed (${photosPerListingMax}). Remove one to add another.`}
        </p>
        <input
          id={inputId}
          type="file"
          accept={photoContentTypes.join(",")}
          multiple
          disabled={busy || room <= 0}
          onChange={(event) => void onChoose(event)}
          aria-describedby={`${inputId}-hint${problems.length > 0 ? ` ${inputId}-error` : ""}`}
          className="file-input"
        />
        {problems.length > 0 && (
          <div id={`${inputId}-error`}>
            {problems.map((message) => (
              <p key={message} className="field-error">
                {message}
              </p>
            ))}
          </div>
        )}
      </div>
      <UploadProgress state={upload} />
    </section>
  );
}
