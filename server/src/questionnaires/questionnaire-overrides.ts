import type { SettingSource } from "@passerelle/shared";
import type { QuestionnaireOverrides } from "../store/questionnaire-settings.port";
import type { Questionnaire } from "./questionnaire";

/**
 * The questionnaire as served: its definition's status and dates, each replaced by the
 * administrator's value where one is set (a date set to null removes the definition's).
 */
export function applyOverrides(declared: Questionnaire, overrides: QuestionnaireOverrides): Questionnaire {
  const { opensAt: _opensAt, closesAt: _closesAt, ...rest } = declared;
  const opensAt = overrides.opensAt === undefined ? declared.opensAt : overrides.opensAt;
  const closesAt = overrides.closesAt === undefined ? declared.closesAt : overrides.closesAt;
  return {
    ...rest,
    status: overrides.status ?? declared.status,
    ...(opensAt ? { opensAt } : {}),
    ...(closesAt ? { closesAt } : {}),
  };
}

/** Where each setting in force comes from. */
export function sourcesOf(overrides: QuestionnaireOverrides): Record<keyof QuestionnaireOverrides, SettingSource> {
  const source = (value: unknown): SettingSource => (value === undefined ? "definition" : "administrator");
  return { status: source(overrides.status), opensAt: source(overrides.opensAt), closesAt: source(overrides.closesAt) };
}
