// What a page shows when its data could not be loaded: the reason and a way to try again.
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="alert load-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button button-secondary button-small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
