import { useState } from "react";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { matchingMessages } from "./matching.messages";

/**
 * Runs one change against the server and says how it went: the notice only once the server
 * has answered, the error's words otherwise. `isBusy` disables the buttons meanwhile.
 */
export function useAction() {
  const { t } = useMessages(matchingMessages);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setNotice(null);
    setProblem(null);
    setBusy(true);
    try {
      await action();
      setNotice(done);
      return true;
    } catch (error) {
      setProblem(t(errorMessageKey(error)));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { notice, problem, isBusy, run };
}
