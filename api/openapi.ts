export const openApiDocument = { openapi: "3.1.0", info: { title: "dutyflow", version: "1" }, paths: {} };
