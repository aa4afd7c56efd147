import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { AppError } from "./app-error";
import { validationDetails } from "./validation-details";

/**
 * Parses the request body with a zod schema before the handler runs, so handlers only ever see
 * typed, checked input. A wrong shape is a 400 naming each field at fault.
 */
export function withBody<S extends z.ZodType>(schema: S, handler: (body: z.infer<S>, req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return async (req, res) => {
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError("invalid_request", "The request body does not have the expected shape.", validationDetails(parsed.error, "(body)"));
    }
    await handler(parsed.data, req, res);
  };
}
