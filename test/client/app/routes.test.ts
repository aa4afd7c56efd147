import { adminSurveyPath, parseRoute } from "../../../client/src/app/routes";
import { pickLocale } from "../../../client/src/i18n/locale-preference";

test.each([
  ["/", "", { name: "home" }],
  ["/surveys/census", "", { name: "respond", surveyId: "census", responseId: null, resumeToken: null }],
  ["/surveys/census/", "", { name: "respond", surveyId: "census", responseId: null, resumeToken: null }],
  ["/surveys/census/responses/r1", "#tok", { name: "respond", surveyId: "census", responseId: "r1", resumeToken: "tok" }],
  ["/surveys/census/responses/r1", "", { name: "respond", surveyId: "census", responseId: "r1", resumeToken: null }],
  ["/surveys/census/responses/r1/done", "#tok", { name: "done", surveyId: "census", responseId: "r1", resumeToken: "tok" }],
  ["/surveys/census/responses/r1/receipt", "#tok", { name: "receipt", surveyId: "census", responseId: "r1", resumeToken: "tok" }],
  ["/surveys/census/responses/r1/receipt/x", "#tok", { name: "not-found" }],
  ["/surveys", "", { name: "not-found" }],
  ["/surveys/census/answers/r1", "", { name: "not-found" }],
  ["/surveys/census/responses/r1/done/more", "", { name: "not-found" }],
  ["/surveys/%E0", "", { name: "not-found" }],
  ["/admin", "", { name: "admin" }],
  ["/sign-in", "", { name: "sign-in" }],
  ["/admin/users", "", { name: "not-found" }],
  ["/admin/surveys/census", "", { name: "admin-survey", surveyId: "census" }],
  ["/admin/questionnaires", "", { name: "admin-questionnaires" }],
  ["/admin/questionnaires/", "", { name: "admin-questionnaires" }],
  ["/admin/surveys/census/", "", { name: "admin-survey", surveyId: "census" }],
  ["/admin/surveys", "", { name: "not-found" }],
  ["/admin/surveys/census/more", "", { name: "not-found" }],
  ["/admin/surveys/%E0", "", { name: "not-found" }],
])("parseRoute(%s, %s)", (pathname, hash, expected) => {
  expect(parseRoute(pathname, hash)).toEqual(expected);
});

test.each(["census-lebanon", "recensement 2026/été", "تعداد"])("adminSurveyPath(%s) parses back to the same questionnaire", (surveyId) => {
  expect(parseRoute(adminSurveyPath(surveyId), "")).toEqual({ name: "admin-survey", surveyId });
});

test.each([
  [["ar-LB", "fr"], "ar"],
  [["de-DE", "EN-us"], "en"],
  [["de", "it"], "fr"],
  [[], "fr"],
])("pickLocale(%j) is %s", (preferred, expected) => {
  expect(pickLocale(preferred)).toBe(expected);
});
