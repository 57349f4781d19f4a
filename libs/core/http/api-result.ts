import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

/**
 * What a route answers, for the OpenAPI spec the portal's client is generated from. `name` is a
 * type exported by libs/contracts: `npm run openapi` turns it into components.schemas[name] and
 * checks that the route's handler really returns something of that type.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** 200 with one `name`. */
export const ApiResult = (name: string) => ApiOkResponse({ schema: ref(name) });

/** 201 with the created `name`. */
export const ApiCreated = (name: string) => ApiCreatedResponse({ schema: ref(name) });

/** 200 with a plain array of `name`. */
export const ApiList = (name: string) => ApiOkResponse({ schema: { type: 'array', items: ref(name) } });

/** 200 with `{ items: name[] }`, the answer of a list that is not paginated. */
export const ApiItems = (name: string) =>
  ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: ref(name) } }, required: ['items'] } });

/** 200 with a Page<name> (libs/contracts' Page: items, total, page, pageSize). */
export const ApiPage = (name: string) =>
  ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: ref(name) },
        total: { type: 'integer' },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
      },
      required: ['items', 'total', 'page', 'pageSize'],
    },
  });
