import { getAiGateway } from "@/server/services/ai/gateway";
import type { AiStatus } from "@/server/services/ai/types";

/**
 * Which AI the team is talking to and whether it is reachable: the UI shows AI
 * buttons, a "local (extractive)" label, or a "try again at …" notice from this.
 */
export function getAiStatus(): AiStatus {
  return getAiGateway().status();
}
