import { Router, type Response } from "express";
import { responseEtag, SaveResponseSchema } from "@passerelle/shared";
import { bearerToken, optionalBearerToken } from "../http/bearer-token";
import { idempotencyKeyHeader, ifMatchHeader } from "../http/request-headers";
import { countAsRefusal } from "../access/rate-limits";
import { AppError } from "../http/app-error";
import { withBody } from "../http/with-body";
import { MAX_DETAILS } from "./answer-validator";
import { IdempotencyKey } from "./idempotency-key";
import { presentResponse, presentSavedResponse } from "./responses.presenter";
import { createResponse, getResponse, updateResponse, type ResponsesDeps } from "./responses.service";

/** `POST /api/surveys/:surveyId/responses`: mounted under the surveys path. */
export function surveyResponsesRoutes(deps: ResponsesDeps): Router {
  const router = Router({ mergeParams: true });
  router.post(
    "/:surveyId/responses",
    withBody(SaveResponseSchema, async (body, req, res) => {
      const key = idempotencyKeyHeader(req);
      const idempotencyKey = key === undefined ? undefined : new IdempotencyKey(key);
      const invitationToken = optionalBearerToken(req);
      const { reply, isReplay } = await countingJunk(res, () =>
        createResponse(deps, {
          surveyId: String(req.params.surveyId),
          ...(idempotencyKey ? { idempotencyKey } : {}),
          ...(invitationToken ? { invitationToken } : {}),
          ...body,
        }),
      );
      if (isReplay) res.set("Idempotent-Replayed", "true");
      res.status(201).location(`/api/responses/${reply.id}`).set("ETag", responseEtag(reply.revision)).json(reply);
    }),
  );
  return router;
}

/** `GET` and `PUT /api/responses/:id`, for the holder of the resume token. */
export function responsesRoutes(deps: ResponsesDeps): Router {
  const router = Router();
  router.get("/:id", async (req, res) => {
    const response = await getResponse(deps, { id: req.params.id, token: bearerToken(req) });
    res.set({ "Cache-Control": "no-store", ETag: responseEtag(response.revision) }).json(presentResponse(response));
  });
  router.put(
    "/:id",
    withBody(SaveResponseSchema, async (body, req, res) => {
      const token = bearerToken(req);
      const response = await countingJunk(res, () => updateResponse(deps, { id: String(req.params.id), token, ifMatch: ifMatchHeader(req), ...body }));
      res.set("ETag", responseEtag(response.revision)).json(presentSavedResponse(response));
    }),
  );
  return router;
}

/**
 * Runs a save, counting its refusal towards the address's rate limit when the answers were
 * junk: more problems than are ever reported (masses of unknown keys), which no form sends.
 */
async function countingJunk<T>(res: Response, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_answers" && (error.details?.length ?? 0) > MAX_DETAILS) countAsRefusal(res);
    throw error;
  }
}
