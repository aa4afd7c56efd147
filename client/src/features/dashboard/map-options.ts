import { AREA_LEVELS, findAreaField, type AreaLevel } from "../maps/area-codes";
import { hasScore, type ChoiceMeasure } from "../maps/area-values";
import type { DashboardQuestionnaire, StatQuestion } from "./dashboard-questionnaire";

/**
 * What the dashboard's map section can show for a questionnaire: the levels whose areas one of
 * its breakdown fields answers with (none for a questionnaire coded otherwise: the section says
 * so), and the themes of its theme question, each mapped by score (rankings) or share. Pure.
 */
export interface MapOptions {
  levels: { level: AreaLevel; field: StatQuestion; areaLabels: ReadonlyMap<string, string> }[];
  /** The question whose choices are themes; undefined when there is none (respondents only). */
  themeQuestion: StatQuestion | undefined;
  /** Score and share for a ranking; share only for a multiple choice. */
  measures: ChoiceMeasure[];
}

export function mapOptions(questionnaire: DashboardQuestionnaire): MapOptions {
  const levels = AREA_LEVELS.flatMap((level) => {
    const field = findAreaField(questionnaire.breakdownFields, level);
    return field ? [{ level, field, areaLabels: new Map(field.choices.map((choice) => [choice.value, choice.label])) }] : [];
  });
  const themeQuestion = questionnaire.themeQuestion;
  const measures: ChoiceMeasure[] = themeQuestion && hasScore(themeQuestion) ? ["score", "share"] : ["share"];
  return { levels, themeQuestion, measures };
}
