// Checks photos before upload: the bytes must be a JPEG, PNG or WebP (as the API sniffs them) and small enough.
import { photoBytesMax } from "./listing-rules";

export type PhotoCheck = { ok: true; contentType: string } | { ok: false; message: string };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Reads the file's first bytes rather than trusting its name, so a renamed file is caught before it is sent. */
export async function checkPhoto(file: File): Promise<PhotoCheck> {
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > photoBytesMax) return { ok: false, message: `${file.name} is ${megabytes(file.size)}; photos can be at most ${megabytes(photoBytesMax)}.` };
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const contentType = sniffImageType(head);
  if (contentType === null) return { ok: false, message: `${file.name} is not a JPEG, PNG or WebP image.` };
  return { ok: true, contentType };
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function sniffImageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return megabytes(bytes);
}
