import { cloneElement, createElement, type ReactElement } from "react";
import type { QuestionTextModel } from "survey-core";
import { ReactQuestionFactory, SurveyQuestionText } from "survey-react-ui";
import { acceptEasternDigits } from "./number-input";

/**
 * SurveyJS's text question, with number inputs rendered as `type="text" inputmode="decimal"`: a
 * browser's `<input type="number">` empties itself on Eastern Arabic or Persian digits, before
 * SurveyJS can read them (phones still show their numeric keyboard). The answer stays a number:
 * SurveyJS converts it, with the Eastern digits read by `acceptEasternDigits`.
 */
class NumberAsTextQuestion extends SurveyQuestionText {
  protected override renderInput(): ReactElement {
    const input = super.renderInput() as ReactElement<Record<string, unknown>>;
    const question = this.question as QuestionTextModel;
    if (question.inputType !== "number" || input.type !== "input") return input;
    return cloneElement(input, { type: "text", inputMode: "decimal" });
  }
}

let isRegistered = false;

/** Installs the renderer and the digit reading for every form of the app; idempotent. */
export function registerNumberTextInput(): void {
  if (isRegistered) return;
  isRegistered = true;
  acceptEasternDigits();
  ReactQuestionFactory.Instance.registerQuestion("text", (props) => createElement(NumberAsTextQuestion, props));
}
