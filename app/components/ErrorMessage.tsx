import { errorText } from './errorText';
import { useT } from './useT';

/** One clear sentence in the user's language, never a stack trace or an RPC dump. */
export function ErrorMessage({ error }: { error: unknown }) {
  const t = useT();
  return (
    <p role="alert" className="error">
      {errorText(error, t)}
    </p>
  );
}
