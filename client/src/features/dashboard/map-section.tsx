import type { AnalyticsOverview } from "@passerelle/shared";
import { useMemo, useState } from "react";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { ChoroplethMap, choiceByArea, respondentsByArea, type AreaLevel, type ChoiceMeasure } from "../maps";
import { mapsMessages } from "../maps/maps.messages";
import type { ChartContext } from "./chart-view";
import { getQuestion } from "./dashboard.api";
import { DashboardSection } from "./dashboard-section";
import { SegmentedSwitch } from "./segmented-switch";
import type { DashboardQuestionnaire } from "./dashboard-questionnaire";
import { mapOptions, type MapOptions } from "./map-options";

interface MapSectionProps {
  surveyId: string;
  questionnaire: DashboardQuestionnaire;
  overview: AnalyticsOverview;
  /** The filters, as for every other chart. */
  query: string;
  ctx: ChartContext;
}

// "" stands for the respondents; any other value is a choice of the theme question.
const RESPONDENTS = "";

/**
 * Lebanon by district or governorate: respondents, or one theme's score or share. The figures
 * are the analytics API's, which already applied the reader's disclosure rules.
 */
export function MapSection({ surveyId, questionnaire, overview, query, ctx }: MapSectionProps) {
  const { t } = useMessages(mapsMessages);
  const options = useMemo(() => mapOptions(questionnaire), [questionnaire]);
  const [level, setLevel] = useState<AreaLevel | undefined>(undefined);
  const [shown, setShown] = useState(RESPONDENTS);
  const [chosenMeasure, setMeasure] = useState<ChoiceMeasure>("score");
  const current = options.levels.find((candidate) => candidate.level === level) ?? options.levels[0];
  const respondents = useMemo(() => (current ? respondentsByArea(overview, current.field.name) : {}), [overview, current]);

  if (!current) {
    return (
      <DashboardSection title={t("mapTitle")}>
        <p className="muted">{t("mapUnavailable")}</p>
      </DashboardSection>
    );
  }
  const measure = options.measures.includes(chosenMeasure) ? chosenMeasure : "share";
  const theme = options.themeQuestion?.choices.find((choice) => choice.value === shown);
  return (
    <DashboardSection title={t("mapTitle")}>
      <div className="map-controls">
        {options.levels.length > 1 && (
          <SegmentedSwitch
            legend={t("mapLevelLabel")}
            value={current.level}
            options={options.levels.map((candidate) => ({
              value: candidate.level,
              label: t(candidate.level === "district" ? "mapLevelDistrict" : "mapLevelGovernorate"),
            }))}
            onChange={setLevel}
          />
        )}
        {options.themeQuestion && (
          <label className="map-select">
            <span>{t("mapShowLabel")}</span>
            <select value={shown} onChange={(event) => setShown(event.target.value)}>
              <option value={RESPONDENTS}>{t("mapRespondents")}</option>
              {options.themeQuestion.choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {theme && options.measures.length > 1 && (
          <SegmentedSwitch
            legend={t("mapMeasureLabel")}
            value={measure}
            options={options.measures.map((value) => ({ value, label: t(value === "score" ? "mapMeasureScore" : "mapMeasureShare") }))}
            onChange={setMeasure}
          />
        )}
      </div>
      {theme && options.themeQuestion ? (
        <ThemeMap
          surveyId={surveyId}
          query={query}
          question={options.themeQuestion.name}
          level={current}
          choice={theme.value}
          label={t(measure === "score" ? "mapThemeScore" : "mapThemeShare", { theme: theme.label })}
          measure={measure}
          ctx={ctx}
        />
      ) : (
        <ChoroplethMap level={current.level} values={respondents} label={t("mapRespondents")} areaLabels={current.areaLabels} />
      )}
    </DashboardSection>
  );
}

interface ThemeMapProps {
  surveyId: string;
  query: string;
  question: string;
  level: MapOptions["levels"][number];
  choice: string;
  label: string;
  measure: ChoiceMeasure;
  ctx: ChartContext;
}

/** One theme's figures per area, from the theme question's figures per breakdown group. */
function ThemeMap({ surveyId, query, question, level, choice, label, measure, ctx }: ThemeMapProps) {
  const { t } = useMessages(mapsMessages);
  const [loaded, reload] = useLoader((signal) => getQuestion(surveyId, question, query, signal), [surveyId, question, query]);
  const values = useMemo(
    () => (loaded.status === "ready" ? choiceByArea(loaded.data, { field: level.field.name, choice, measure }) : undefined),
    [loaded, level, choice, measure],
  );
  if (loaded.status === "error") {
    return (
      <Alert tone="error">
        <p>{t("mapLoadFailed", { reason: t(errorMessageKey(loaded.error)) })}</p>
        <button type="button" className="button" onClick={reload}>
          {t("retry")}
        </button>
      </Alert>
    );
  }
  if (!values) {
    return (
      <p className="loading" role="status">
        {t("mapLoading")}
      </p>
    );
  }
  const format = measure === "share" ? ctx.formats.percent : ctx.formats.integer;
  return <ChoroplethMap level={level.level} values={values} label={label} format={format} areaLabels={level.areaLabels} />;
}
