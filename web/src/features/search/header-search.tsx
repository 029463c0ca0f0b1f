// The search box in the header: a combobox with debounced suggestions (WAI-ARIA APG "list autocomplete" pattern).
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../../app/api";

// Fast enough to feel live, slow enough not to ask on every keystroke of a quick typist.
const suggestDelayMs = 150;
const suggestionsShownMax = 8;

export function HeaderSearch() {
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const inputRef = useRef<HTMLInputElement>(null);

  // On the search page the box shows the current words; elsewhere it starts empty.
  const urlQuery = location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  const [text, setText] = useState(urlQuery);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Suggestions are fetched for what the person typed, not for text set from the URL or by choosing one.
  const [typed, setTyped] = useState<string | null>(null);

  useEffect(() => {
    setText(urlQuery);
    setOpen(false);
  }, [urlQuery, location.key]);

  useEffect(() => {
    if (typed === null) return;
    const words = typed.trim();
    if (words === "") {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.suggest(words, controller.signal).then(
        (items) => {
          if (controller.signal.aborted) return;
          setSuggestions(items.slice(0, suggestionsShownMax));
          setActive(-1);
        },
        // Suggestions are a convenience: when they fail, the search itself still works.
        () => {
          if (!controller.signal.aborted) setSuggestions([]);
        },
      );
    }, suggestDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed]);

  const expanded = open && suggestions.length > 0;

  function search(words: string): void {
    const q = words.trim();
    setOpen(false);
    setActive(-1);
    setTyped(null);
    setText(q);
    void navigate(q === "" ? "/search" : `/search?${new URLSearchParams({ q }).toString()}`);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    search(expanded && active >= 0 ? (suggestions[active] ?? text) : text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(event.altKey ? -1 : 0);
        } else if (!event.altKey) {
          setActive((index) => (index + 1 >= suggestions.length ? 0 : index + 1));
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(suggestions.length - 1);
        } else {
          setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
        }
        break;
      case "Escape":
        // First Escape closes the list; a second one clears the box.
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== "") {
          event.preventDefault();
          setText("");
          setTyped("");
        }
        break;
      case "Tab":
        setOpen(false);
        break;
      default:
        break;
    }
  }

  return (
    <form role="search" className="header-search" onSubmit={onSubmit} aria-label="Site">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search Mnbara
      </label>
      <div className="combobox">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="search"
          name="q"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search phones, watches, bikes…"
          value={text}
          enterKeyHint="search"
          onChange={(event) => {
            setText(event.target.value);
            setTyped(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listboxId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!expanded}>
          {suggestions.map((suggestion, index) => (
            <li
              key={`${index}-${suggestion}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="suggestion"
              // Keeps focus in the input, so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => search(suggestion)}
              onMouseMove={() => setActive(index)}
            >
              <Highlighted text={suggestion} match={text.trim()} />
            </li>
          ))}
        </ul>
        <button type="submit" className="search-button" aria-label="Search">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <path d="m20 20-4-4" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      {/* A bare live region rather than role="status": the header is on every page and must not compete with a page's own status. */}
      <span className="visually-hidden" aria-live="polite">
        {expanded ? `${suggestions.length} ${suggestions.length === 1 ? "suggestion" : "suggestions"}, use the up and down arrows to choose.` : ""}
      </span>
    </form>
  );
}

// The part the person has not typed yet is bold, as in most search boxes, so the completion stands out.
function Highlighted({ text, match }: { text: string; match: string }) {
  const at = match === "" ? -1 : text.toLowerCase().indexOf(match.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at) !== "" && <strong>{text.slice(0, at)}</strong>}
      {text.slice(at, at + match.length)}
      {text.slice(at + match.length) !== "" && <strong>{text.slice(at + match.length)}</strong>}
    </>
  );
}
