import { useState } from "react";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { ActionStatus } from "./action-status";
import { getProposal, startIntroduction } from "./matching.api";
import { matchingMessages } from "./matching.messages";
import { useAction } from "./use-action";

/** The global proposal: the pairs of largest total fit under capacities, and the blocking pairs. */
export function ProposalSection() {
  const { t, locale } = useMessages(matchingMessages);
  const [loaded] = useLoader((signal) => getProposal(locale, signal), [locale]);
  const action = useAction();
  const [started, setStarted] = useState<ReadonlySet<string>>(new Set());
  if (loaded.status === "loading")
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  if (loaded.status === "error") {
    return (
      <Alert tone="error">
        <p>{t(errorMessageKey(loaded.error))}</p>
      </Alert>
    );
  }
  const proposal = loaded.data;
  return (
    <>
      <section aria-labelledby="proposal-title" className="admin-section">
        <h2 id="proposal-title">{t("proposalPairs")}</h2>
        <p>{t("proposalSummary", { placed: String(proposal.placedLebanese), total: String(proposal.lebaneseCount), mean: String(proposal.meanScore) })}</p>
        {proposal.overCapacity.length > 0 && (
          <Alert tone="error">
            <p>{t("overCapacity", { names: proposal.overCapacity.map((entry) => entry.name).join(", ") })}</p>
          </Alert>
        )}
        <ActionStatus notice={action.notice} problem={action.problem} />
        <div className="admin-scroll">
          <table className="admin-table proposal-table">
            <thead>
              <tr>
                <th scope="col">{t("lebaneseColumn")}</th>
                <th scope="col">{t("frenchColumn")}</th>
                <th scope="col">{t("score")}</th>
                <th scope="col">{t("explanationColumn")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("startIntroduction")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {proposal.pairs.map((pair) => (
                <tr key={`${pair.lebaneseId}|${pair.frenchId}`}>
                  <td>{pair.lebaneseName}</td>
                  <td>
                    {pair.frenchName}
                    {pair.isRelaunch && <span className="badge badge-relaunch">{t("relaunch")}</span>}
                    {pair.isFixed && <span className="badge badge-decision">{t("proposalFixed")}</span>}
                  </td>
                  <td className="number">{pair.score}</td>
                  <td className="explanation-cell">{pair.explanation}</td>
                  <td>
                    {pair.introductionId !== null || started.has(`${pair.lebaneseId}|${pair.frenchId}`) ? (
                      <span className="badge badge-decision">{t("introductionOpen")}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary button-compact"
                        disabled={action.isBusy}
                        onClick={() =>
                          void action
                            .run(() => startIntroduction({ lebaneseId: pair.lebaneseId, frenchId: pair.frenchId }), t("introductionStarted"))
                            .then((isDone) => isDone && setStarted(new Set([...started, `${pair.lebaneseId}|${pair.frenchId}`])))
                        }
                      >
                        {t("startIntroduction")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="blocking-title" className="admin-section">
        <h2 id="blocking-title">{t("blockingTitle")}</h2>
        {proposal.blockingPairs.length === 0 ? (
          <p>{t("noBlocking")}</p>
        ) : (
          <>
            <p>{t("blockingLead")}</p>
            <div className="admin-scroll">
              <table className="admin-table">
                <thead>
                  <tr>
                    <th scope="col">{t("lebaneseColumn")}</th>
                    <th scope="col">{t("frenchColumn")}</th>
                    <th scope="col">{t("score")}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposal.blockingPairs.slice(0, 200).map((pair) => (
                    <tr key={`${pair.lebaneseId}|${pair.frenchId}`}>
                      <td>{pair.lebaneseName}</td>
                      <td>{pair.frenchName}</td>
                      <td className="number">{pair.score}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
