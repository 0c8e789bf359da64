import { Notice } from './notice.tsx';

interface FormFeedbackProps {
  /** The news of a save, once saved. */
  success?: string | null;
  /** What went wrong with the form as a whole (its fields say their own). */
  error?: string | null;
}

/** A form's announced outcome: its success, its general error, or nothing. */
export function FormFeedback({ success = null, error = null }: FormFeedbackProps) {
  return (
    <>
      {success ? (
        <Notice tone="success" isLive>
          {success}
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" isLive>
          {error}
        </Notice>
      ) : null}
    </>
  );
}
