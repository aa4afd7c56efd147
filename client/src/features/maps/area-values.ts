// The maps' figures from the analytics API live in shared/, where the Word brief's maps read them too.
export { choiceByArea, hasScore, respondentsByArea, type AreaValues, type ChoiceMeasure } from "@passerelle/shared";
