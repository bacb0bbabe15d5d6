import { dropE2eDatabase } from "./database";

export default async function globalTeardown() {
  await dropE2eDatabase();
}
