import { z } from "zod";
import { ZCustomerId } from "./get.schema";

export const ZDeleteCustomerInput = z.object({ id: ZCustomerId });
export type DeleteCustomerInput = z.infer<typeof ZDeleteCustomerInput>;
