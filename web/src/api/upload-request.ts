// fetch() cannot report upload progress, so bodies that need a progress bar go through XMLHttpRequest instead.

export interface UploadProgress {
  loadedBytes: number;
  totalBytes: number;
}

interface UploadRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Blob;
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal | undefined;
}

// Resolves with a fetch-style Response so callers handle both transports alike; rejects only when nothing came back.
export function uploadRequest({ method, url, headers, body, onProgress, signal }: UploadRequest): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.responseType = "arraybuffer";
    headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener("progress", (event) => {
      onProgress({ loadedBytes: event.loaded, totalBytes: event.lengthComputable ? event.total : body.size });
    });
    xhr.addEventListener("load", () => {
      // 204 and 304 must not carry a body in a Response.
      const bodyless = xhr.status === 204 || xhr.status === 304;
      resolve(
        new Response(bodyless ? null : (xhr.response as ArrayBuffer), {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: parseHeaders(xhr.getAllResponseHeaders()),
        }),
      );
    });
    xhr.addEventListener("error", () => reject(new TypeError("Network request failed")));
    xhr.addEventListener("abort", () => reject(new DOMException("The upload was aborted.", "AbortError")));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const separator = line.indexOf(":");
    if (separator > 0) headers.append(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return headers;
}
