/** The fields of a project the API returns. */
export const projectSelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;
