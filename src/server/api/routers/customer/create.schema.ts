import type { z } from "zod";
import { ZCustomerFields } from "./customer.schema";

export const ZCreateCustomerInput = ZCustomerFields;
export type CreateCustomerInput = z.infer<typeof ZCreateCustomerInput>;
