import { z } from "zod";
import { ZCustomerFields } from "./customer.schema";
import { ZCustomerId } from "./get.schema";

export const ZUpdateCustomerInput = z.object({
  id: ZCustomerId,
  data: ZCustomerFields.partial().refine((data) => Object.values(data).some((value) => value !== undefined), {
    message: "Change at least one field.",
  }),
});
export type UpdateCustomerInput = z.infer<typeof ZUpdateCustomerInput>;
