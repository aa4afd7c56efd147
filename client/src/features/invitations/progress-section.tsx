import { Fragment, useId, useMemo, useState } from "react";
import type { InvitationProgress, ProgressCounts } from "@passerelle/shared";
import { useMessages } from "../../i18n/i18n-context";
import { numberFormats, type NumberFormats } from "../dashboard/number-format";
import type { Refreshing } from "../dashboard/use-refreshing-loader";
import { FirstLoadStatus } from "./first-load-status";
import { nonRespondentsHref } from "./invitations.api";
import { invitationsMessages, type InvitationsKey } from "./invitations.messages";
import { groupProgressRows, submittedShare, type ProgressRow } from "./progress-rows";

const COUNT_COLUMNS: readonly { key: keyof ProgressCounts; label: InvitationsKey }[] = [
  { key: "invited", label: "progressInvited" },
  { key: "started", label: "progressStarted" },
  { key: "submitted", label: "progressSubmitted" },
];

/** Totals, the table by governorate (districts on demand) and the download of who has not submitted. */
export function ProgressSection({ surveyId, progress }: { surveyId: string; progress: Refreshing<InvitationProgress> }) {
  const { t, locale } = useMessages(invitationsMessages);
  const headingId = useId();
  const { data } = progress;
  return (
    <section aria-labelledby={headingId} className="admin-section" aria-busy={progress.isLoading}>
      <h2 id={headingId}>{t("progressTitle")}</h2>
      {data ? (
        <ProgressFigures progress={data} />
      ) : (
        <FirstLoadStatus isLoading={progress.isLoading} error={progress.error} reload={progress.reload} failed="progressLoadFailed" />
      )}
      <p>
        <a className="button button-secondary" href={nonRespondentsHref(surveyId, locale)} download>
          {t("downloadNonRespondents")}
        </a>
      </p>
    </section>
  );
}

function ProgressFigures({ progress }: { progress: InvitationProgress }) {
  const { t, locale, intlLocale } = useMessages(invitationsMessages);
  const formats = numberFormats(intlLocale);
  const rows = useMemo(() => groupProgressRows(progress, locale), [progress, locale]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const expandable = rows.filter((row) => row.districts.length > 0);
  const isAllExpanded = expandable.length > 0 && expandable.every((row) => expanded.has(row.value));
  const total = progress.total;

  const toggle = (value: string) => {
    const next = new Set(expanded);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setExpanded(next);
  };

  return (
    <>
      <dl className="progress-totals">
        {COUNT_COLUMNS.map((column) => (
          <div key={column.key}>
            <dt>{t(column.label)}</dt>
            <dd>{formats.integer(total[column.key])}</dd>
          </div>
        ))}
        <div>
          <dt>{t("progressShare")}</dt>
          <dd>{formatShare(submittedShare(total), formats)}</dd>
        </div>
        <div>
          <dt>{t("progressRevoked")}</dt>
          <dd>{formats.integer(total.revoked)}</dd>
        </div>
      </dl>
      <p className="table-note">{t("progressNote")}</p>
      {rows.length === 0 ? (
        <p>{t("progressEmpty")}</p>
      ) : (
        <>
          {expandable.length > 0 && (
            <p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setExpanded(isAllExpanded ? new Set() : new Set(expandable.map((row) => row.value)))}
              >
                {t(isAllExpanded ? "progressHideAll" : "progressShowAll")}
              </button>
            </p>
          )}
          <div className="table-scroll" role="region" aria-label={t("progressCaption")} tabIndex={0}>
            <table className="admin-table figures-table">
              <caption>{t("progressCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progressColPlace")}</th>
                  {COUNT_COLUMNS.map((column) => (
                    <th key={column.key} scope="col">
                      {t(column.label)}
                    </th>
                  ))}
                  <th scope="col">{t("progressShare")}</th>
                  <th scope="col">{t("progressRevoked")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const isExpanded = expanded.has(row.value);
                  return (
                    <Fragment key={`governorate:${row.value}`}>
                      <tr className="progress-governorate">
                        <th scope="row">
                          {row.districts.length > 0 ? (
                            <button type="button" className="disclosure" aria-expanded={isExpanded} onClick={() => toggle(row.value)}>
                              {row.label}
                            </button>
                          ) : (
                            row.label
                          )}
                        </th>
                        <CountCells row={row} formats={formats} />
                      </tr>
                      {isExpanded &&
                        row.districts.map((district) => (
                          <tr key={`district:${row.value}:${district.value}`} className="progress-district">
                            <th scope="row">{district.label}</th>
                            <CountCells row={district} formats={formats} />
                          </tr>
                        ))}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function CountCells({ row, formats }: { row: ProgressRow; formats: NumberFormats }) {
  return (
    <>
      {COUNT_COLUMNS.map((column) => (
        <td key={column.key}>{formats.integer(row.counts[column.key])}</td>
      ))}
      <td>{formatShare(row.submittedShare, formats)}</td>
      <td>{formats.integer(row.counts.revoked)}</td>
    </>
  );
}

function formatShare(share: number | null, formats: NumberFormats): string {
  return share === null ? "—" : formats.percent(share);
}
