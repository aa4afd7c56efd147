import type { QuestionFileModel, QuestionSignaturePadModel } from "survey-core";
import { isJsonObject } from "@passerelle/shared";
import type { AnswerCheck } from "./answer-checks";
import type { AnswerProblem } from "./answer-messages";

// A signature drawn on the form's pad (300×200 by default) is a few tens of kilobytes as a data URL.
export const MAX_SIGNATURE_BYTES = 256 * 1024;

const SIGNATURE_MEDIA_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", svg: "image/svg+xml" };

/**
 * A file question's answer as survey-core's form writes it: a list of `{ name, type, content }`,
 * `content` a data URL of the file (or, with `storeDataAsText: false`, the address the upload
 * handler gave), at most one file unless `allowMultiple`, at most `maxFiles`, each within
 * `maxSize` bytes and of one of the `acceptedTypes`.
 */
export function checkFileAnswer(question: QuestionFileModel): AnswerCheck {
  const maxFiles = question.allowMultiple ? question.maxFiles || Infinity : 1;
  const accepted = acceptedTypesOf(question.renderedAcceptedTypes);
  return (value): AnswerProblem | undefined => {
    if (!Array.isArray(value) || value.some((file) => !isFileEntry(file))) return { key: "expectedFiles" };
    if (value.length > maxFiles) return { key: "tooManyFiles", params: { max: maxFiles } };
    for (const file of value as FileEntry[]) {
      if (accepted && !accepted.some((type) => type.accepts(file))) return { key: "fileTypeRefused", params: { name: file.name } };
      if (question.storeDataAsText) {
        const size = dataUrlSize(file.content);
        if (size === undefined) return { key: "expectedFiles" };
        if (question.maxSize > 0 && size > question.maxSize) return { key: "fileTooLarge", params: { name: file.name, max: question.maxSize } };
      }
    }
    return undefined;
  };
}

/** A signature: a data URL of the pad's image format, of reasonable size. */
export function checkSignatureAnswer(question: QuestionSignaturePadModel): AnswerCheck {
  const mediaType = SIGNATURE_MEDIA_TYPES[question.dataFormat] ?? "image/png";
  return (value) => {
    if (typeof value !== "string") return { key: "expectedSignature" };
    if (!question.storeDataAsText) return value.length <= MAX_SIGNATURE_BYTES ? undefined : { key: "signatureTooLarge" };
    if (!value.startsWith(`data:${mediaType}`)) return { key: "expectedSignature" };
    const size = dataUrlSize(value);
    if (size === undefined) return { key: "expectedSignature" };
    return size <= MAX_SIGNATURE_BYTES ? undefined : { key: "signatureTooLarge" };
  };
}

interface FileEntry {
  name: string;
  type: string;
  content: string;
}

function isFileEntry(value: unknown): value is FileEntry {
  return isJsonObject(value) && typeof value.name === "string" && typeof value.type === "string" && typeof value.content === "string";
}

// `data:[<type>][;base64],<data>`: the bytes it stands for, or undefined when it is not one.
function dataUrlSize(url: string): number | undefined {
  const match = /^data:[^,]*?(;base64)?,/.exec(url);
  if (!match) return undefined;
  const data = url.slice(match[0].length);
  if (!match[1]) {
    try {
      return Buffer.byteLength(decodeURIComponent(data));
    } catch {
      return undefined;
    }
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  return Math.floor((data.length * 3) / 4) - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
}

interface AcceptedType {
  accepts(file: FileEntry): boolean;
}

// The `accept` attribute's grammar, as the browser applies it: `.pdf`, `image/png`, `image/*`.
function acceptedTypesOf(list: string | undefined): AcceptedType[] | undefined {
  const types = (list ?? "")
    .split(",")
    .map((type) => type.trim().toLowerCase())
    .filter(Boolean);
  if (types.length === 0) return undefined;
  return types.map((type) => {
    if (type.startsWith(".")) return { accepts: (file) => file.name.toLowerCase().endsWith(type) };
    if (type.endsWith("/*")) return { accepts: (file) => file.type.toLowerCase().startsWith(type.slice(0, -1)) };
    return { accepts: (file) => file.type.toLowerCase() === type };
  });
}
