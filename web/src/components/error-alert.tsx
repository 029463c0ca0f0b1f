// The alert region a form uses for errors that belong to no single field; focusable so focus can move to it.
export function ErrorAlert({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <div className="alert" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
