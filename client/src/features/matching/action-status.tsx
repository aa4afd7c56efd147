import { Alert } from "../../components/alert";

/** The outcome of the last change: a notice (announced) or an error. */
export function ActionStatus({ notice, problem }: { notice: string | null; problem: string | null }) {
  return (
    <>
      {notice && (
        <Alert tone="info">
          <p>{notice}</p>
        </Alert>
      )}
      {problem && (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      )}
    </>
  );
}
