// Choosing photos for a listing: a file input, previews of what was chosen, and a way to take one out again.
import { useId, useState, type ChangeEvent } from "react";
import { photoBytesMax, photoContentTypes } from "./listing-rules";
import { formatBytes } from "./photo-files";
import type { PickedPhoto } from "./picked-photos";

interface PhotoPickerProps {
  photos: readonly PickedPhoto[];
  limit: number;
  onAdd: (files: readonly File[]) => Promise<string[]>;
  onRemove: (key: string) => void;
  disabled?: boolean;
  error?: string | undefined;
}

export function PhotoPicker({ photos, limit, onAdd, onRemove, disabled = false, error }: PhotoPickerProps) {
  const id = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const full = photos.length >= limit;

  async function onChange(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    // Cleared so choosing the same file again (after removing it) still fires a change.
    input.value = "";
    setProblems(await onAdd(files));
  }

  const messages = [...(error === undefined ? [] : [error]), ...problems];
  return (
    <div className="field photo-picker">
      <label htmlFor={id}>Add photos</label>
      <p id={`${id}-hint`} className="field-hint">
        Up to {limit} JPEG, PNG or WebP images, {formatBytes(photoBytesMax)} each. The first is the main photo.
      </p>
      <input
        id={id}
        type="file"
        accept={photoContentTypes.join(",")}
        multiple
        disabled={disabled || full}
        onChange={(event) => void onChange(event)}
        aria-describedby={`${id}-hint${messages.length > 0 ? ` ${id}-error` : ""}`}
        // Refused files are reported, not a reason to block the form, so only a form error marks the field invalid.
        aria-invalid={error === undefined ? undefined : true}
        className="file-input"
      />
      {full && <p className="field-hint">That is the most photos a listing can have.</p>}
      {messages.length > 0 && (
        <div id={`${id}-error`}>
          {messages.map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
      )}
      {photos.length > 0 && (
        <ul className="photo-grid" aria-label="Chosen photos">
          {photos.map((photo, index) => (
            <li key={photo.key} className="photo-tile">
              <img src={photo.previewUrl} alt={`Preview of ${photo.file.name}`} />
              <div className="photo-tile-bar">
                <span className="photo-tile-name">{index === 0 ? "Main" : formatBytes(photo.file.size)}</span>
                <button type="button" className="button button-link button-tiny" onClick={() => onRemove(photo.key)} disabled={disabled} aria-label={`Remove ${photo.file.name}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
