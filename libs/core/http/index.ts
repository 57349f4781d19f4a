export * from './page-query.dto';
export * from './uuid-param.pipe';
export * from './files';
export * from './api-result';
export * from './canonical-json';
