import { z } from "zod";
import { REGION_IDS } from "@/lib/regions";

/** A data region from the catalogue; whether this installation offers it is checked by the service (assertOfferedRegion). */
export const ZRegionId = z.enum(REGION_IDS, { error: "Choose a data region from the list." });
