import { z } from "zod";

/** Longest question accepted (characters). */
export const MAX_QUESTION_CHARS = 2000;

export const ZConversationId = z.string().min(1, "A conversation id is required.").max(64, "That conversation id is not valid.");
