/** The same keys and nesting as T, every text a string: what a translation of the zh-CN dictionary must fill. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
