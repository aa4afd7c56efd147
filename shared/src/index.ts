export * from "./locales";
export * from "./errors";
export * from "./themes";
export * from "./api";
export * from "./questionnaire/custom-properties";
export * from "./questionnaire/walk-definition";
