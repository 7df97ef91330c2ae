import { ApiParam } from '@nestjs/swagger';

/** The `:id` path parameter: a uuid the API issued (an unknown or malformed one is 404, tokens: 400). */
export const ApiIdParam = (what: string) => ApiParam({ name: 'id', description: `${what} id`, schema: { type: 'string', format: 'uuid' } });

/** The `:code` path parameter of a district. */
export const ApiDistrictCodeParam = () =>
  ApiParam({ name: 'code', description: '6-digit district code', schema: { type: 'string', pattern: '^[0-9]{6}$' } });
