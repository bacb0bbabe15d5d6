import { z } from "zod";
import { ZId } from "../task/task.schema";

export const ZCustomerId = ZId("Customer");
export const ZGetCustomerInput = z.object({ id: ZCustomerId });
export type GetCustomerInput = z.infer<typeof ZGetCustomerInput>;
