// The progress bar shown while photos upload, announced politely to screen readers.
import type { UploadState } from "./picked-photos";

export function UploadProgress({ state }: { state: UploadState | null }) {
  return (
    <div className="upload-progress" aria-live="polite">
      {state !== null && (
        <>
          <p>
            Uploading photo {state.current} of {state.total}…
          </p>
          <progress max={100} value={Math.round(state.fraction * 100)} aria-label="Photo upload progress">
            {Math.round(state.fraction * 100)}%
          </progress>
        </>
      )}
    </div>
  );
}
