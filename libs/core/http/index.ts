export * from './page-query.dto';
export * from './uuid-param.pipe';
export * from './files';
export * from './api-result';
export * from './list-workbook';
export * from './canonical-json';
