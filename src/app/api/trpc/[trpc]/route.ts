import { handleTrpcRequest } from "./handler";

const handler = (req: Request) => handleTrpcRequest(req);

export { handler as GET, handler as POST };
