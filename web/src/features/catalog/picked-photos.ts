// Photos chosen in the browser but not uploaded yet: checked, previewed from memory, and uploaded one at a time.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../app/api";
import { errorMessage } from "../../components/error-message";
import { checkPhoto } from "./photo-files";

export interface PickedPhoto {
  key: string;
  file: File;
  contentType: string;
  // An object URL for the preview; revoked when the photo is removed or the page goes away.
  previewUrl: string;
}

let nextKey = 0;

/** The chosen photos; `add` checks new files and returns why any were refused. */
export function usePickedPhotos(limit: number) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const photosRef = useRef(photos);
  photosRef.current = photos;

  useEffect(() => () => photosRef.current.forEach((photo) => URL.revokeObjectURL(photo.previewUrl)), []);

  const add = useCallback(
    async (files: readonly File[]): Promise<string[]> => {
      const problems: string[] = [];
      const accepted: PickedPhoto[] = [];
      for (const file of files) {
        const check = await checkPhoto(file);
        if (!check.ok) problems.push(check.message);
        else accepted.push({ key: `photo-${nextKey++}`, file, contentType: check.contentType, previewUrl: URL.createObjectURL(file) });
      }
      const room = Math.max(0, limit - photosRef.current.length);
      const kept = accepted.slice(0, room);
      for (const extra of accepted.slice(room)) URL.revokeObjectURL(extra.previewUrl);
      if (accepted.length > room) problems.push(`A listing can have at most ${limit} photos; ${accepted.length - room} were left out.`);
      if (kept.length > 0) setPhotos((current) => [...current, ...kept]);
      return problems;
    },
    [limit],
  );

  const remove = useCallback((key: string) => {
    setPhotos((current) => {
      const photo = current.find((candidate) => candidate.key === key);
      if (photo !== undefined) URL.revokeObjectURL(photo.previewUrl);
      return current.filter((candidate) => candidate.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setPhotos((current) => {
      current.forEach((photo) => URL.revokeObjectURL(photo.previewUrl));
      return [];
    });
  }, []);

  return { photos, add, remove, clear };
}

export interface UploadState {
  // 1-based number of the photo being sent.
  current: number;
  total: number;
  // 0 to 1 across all photos, weighted by size.
  fraction: number;
}

export interface UploadOutcome {
  uploaded: number;
  failures: string[];
}

/** Sends the photos to the listing one after another (the API keeps their order), reporting progress as it goes. */
export async function uploadPhotos(listingId: string, photos: readonly { file: File; contentType: string }[], onProgress: (state: UploadState) => void): Promise<UploadOutcome> {
  const totalBytes = photos.reduce((sum, photo) => sum + photo.file.size, 0) || 1;
  let doneBytes = 0;
  let uploaded = 0;
  const failures: string[] = [];
  for (const [index, photo] of photos.entries()) {
    onProgress({ current: index + 1, total: photos.length, fraction: doneBytes / totalBytes });
    try {
      await api.uploadListingImage(listingId, photo.file, photo.contentType, ({ loadedBytes }) =>
        onProgress({ current: index + 1, total: photos.length, fraction: (doneBytes + Math.min(loadedBytes, photo.file.size)) / totalBytes }),
      );
      uploaded += 1;
    } catch (error) {
      failures.push(`${photo.file.name}: ${errorMessage(error)}`);
    }
    doneBytes += photo.file.size;
  }
  onProgress({ current: photos.length, total: photos.length, fraction: 1 });
  return { uploaded, failures };
}
