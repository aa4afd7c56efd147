import { Router } from "express";
import { SaveResponseSchema } from "@passerelle/shared";
import { bearerToken } from "../http/bearer-token";
import { withBody } from "../http/with-body";
import { presentCreatedResponse, presentResponse, presentSavedResponse } from "./responses.presenter";
import { createResponse, getResponse, updateResponse, type ResponsesDeps } from "./responses.service";

/** `POST /api/surveys/:surveyId/responses`: mounted under the surveys path. */
export function surveyResponsesRoutes(deps: ResponsesDeps): Router {
  const router = Router({ mergeParams: true });
  router.post(
    "/:surveyId/responses",
    withBody(SaveResponseSchema, async (body, req, res) => {
      const { response, resumeToken } = await createResponse(deps, { surveyId: String(req.params.surveyId), ...body });
      res.status(201).location(`/api/responses/${response.id}`).json(presentCreatedResponse(response, resumeToken));
    }),
  );
  return router;
}

/** `GET` and `PUT /api/responses/:id`, for the holder of the resume token. */
export function responsesRoutes(deps: ResponsesDeps): Router {
  const router = Router();
  router.get("/:id", async (req, res) => {
    const response = await getResponse(deps, { id: req.params.id, token: bearerToken(req) });
    res.set("Cache-Control", "no-store").json(presentResponse(response));
  });
  router.put(
    "/:id",
    withBody(SaveResponseSchema, async (body, req, res) => {
      const token = bearerToken(req);
      const response = await updateResponse(deps, { id: String(req.params.id), token, ...body });
      res.json(presentSavedResponse(response));
    }),
  );
  return router;
}
