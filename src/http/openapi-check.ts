// For tests: checks a response against the OpenAPI document, the way a client generated from
// the document would read it (status declared, media type declared, body valid against the
// schema, JSON Schema 2020-12 as OpenAPI 3.1 uses).
import { Ajv2020 } from 'ajv/dist/2020.js';

interface Operation {
  readonly responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: object;
}

export function createResponseChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: document.components ?? {} });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

  /** The reasons the response does not match its operation in the document; [] when it does. */
  return async function check(
    method: string,
    template: string,
    response: Response,
  ): Promise<string[]> {
    const operation = document.paths[template]?.[method.toLowerCase()];
    if (operation === undefined) return [`${method} ${template} is not in the document`];
    if (response.status === 304) return [];
    const declared = operation.responses[String(response.status)];
    if (declared === undefined) return [`status ${response.status} is not declared`];
    if (declared.content === undefined) return [];
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const content = declared.content[mediaType];
    if (content === undefined)
      return [`media type ${mediaType} is not declared for ${response.status}`];
    const key = `${method} ${template} ${response.status} ${mediaType}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      const schema = JSON.parse(
        JSON.stringify(content.schema).replaceAll('"#/components/', '"openapi#/components/'),
      );
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    // JSON media types (application/json, problem+json, ld+json) are read as JSON, others as text.
    const body = mediaType.endsWith('json')
      ? await response.clone().json()
      : await response.clone().text();
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
