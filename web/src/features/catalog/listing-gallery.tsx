// A listing's photos: one large, the rest as thumbnails; arrow keys move between thumbnails, as in a toolbar.
import { useRef, useState, type KeyboardEvent } from "react";
import type { ListingImage } from "../../api/types";

export function ListingGallery({ images, title }: { images: readonly ListingImage[]; title: string }) {
  const [selected, setSelected] = useState(0);
  const thumbsRef = useRef<HTMLUListElement>(null);
  const current = images[Math.min(selected, images.length - 1)];

  if (current === undefined) {
    return (
      <div className="gallery">
        <div className="gallery-main gallery-empty">
          <span aria-hidden="true" className="gallery-empty-icon">
            ◻
          </span>
          <p>No photos yet</p>
        </div>
      </div>
    );
  }

  function select(index: number, focus: boolean): void {
    const next = (index + images.length) % images.length;
    setSelected(next);
    if (focus) thumbsRef.current?.querySelectorAll<HTMLButtonElement>("button")[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowDown: selected + 1, ArrowLeft: selected - 1, ArrowUp: selected - 1, Home: 0, End: images.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target, true);
  }

  return (
    <section className="gallery" aria-label="Photos">
      <figure className="gallery-main">
        <img src={current.url} alt={images.length > 1 ? `${title}, photo ${selected + 1} of ${images.length}` : title} />
      </figure>
      {images.length > 1 && (
        <ul className="gallery-thumbs" ref={thumbsRef} onKeyDown={onKeyDown} aria-label="Choose a photo">
          {images.map((image, index) => (
            <li key={image.id}>
              <button
                type="button"
                className="gallery-thumb"
                aria-pressed={index === selected}
                aria-label={`Show photo ${index + 1} of ${images.length}`}
                // Only the selected thumbnail is in the tab order; arrows reach the others.
                tabIndex={index === selected ? 0 : -1}
                onClick={() => select(index, false)}
              >
                <img src={image.url} alt="" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
